//! The company's own profile: its identity (name, logo, accent colour, contact) shown to
//! customers, its default language and region, the office calendar (and a user's own hours as
//! the same form), the first-start guide's progress and the test inquiry. Admins only; every
//! change in the audit log. Problems are worded in the reader's language (`t`).

use super::{Error, Result, require_admin};
use crate::AppState;
use crate::auth::Caller;
use crate::ui::i18n::Tr;
use pronto_domain::FieldErrors;
use pronto_domain::office_hours::{self, DAYS, DayForm, Problem};
use pronto_domain::values::{Email, Phone, Region};
use pronto_store::company::{CompanyChange, CompanyIdentity, CompanyProfile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest logo accepted.
pub const LOGO_MAX: usize = 512 * 1024;

/// The identity as typed (every field optional; blank clears it).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct IdentityIn {
    /// The company's name as customers see it (at most 120 characters, one line).
    #[schema(max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub name: Option<String>,
    /// The accent colour, `#1a6cff`.
    #[schema(pattern = r"^(#[0-9A-Fa-f]{6})?$")]
    pub accent: Option<String>,
    #[schema(max_length = 300)]
    pub address: Option<String>,
    /// Any notation a valid number is written in.
    #[schema(max_length = 40, format = "phone")]
    pub phone: Option<String>,
    #[schema(max_length = 254, pattern = r"^([A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10})?$")]
    pub email: Option<String>,
    /// `https://firma.cz` (or just `firma.cz`).
    #[schema(max_length = 300, pattern = r"^((https?://)?[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10}(/[A-Za-z0-9._~/-]*)?)?$")]
    pub web: Option<String>,
    /// `cs`, `en`, `pl`, `ru` or `he`: the language new users and customers get.
    #[schema(pattern = r"^(cs|en|pl|ru|he)?$")]
    pub language: Option<String>,
    /// ISO 3166 code (`CZ`): the country phone numbers without a prefix are read in.
    #[schema(format = "region")]
    pub region: Option<String>,
}

fn blank(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// `#1A6CFF` → `#1a6cff`; anything else is not a colour.
pub fn accent(v: &str) -> Option<String> {
    let v = v.trim();
    let hex = v.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// `firma.cz` → `https://firma.cz`; only http(s) addresses without spaces.
pub fn web_address(v: &str) -> Option<String> {
    let v = v.trim();
    let full = if v.contains("://") { v.to_owned() } else { format!("https://{v}") };
    let rest = full.strip_prefix("https://").or_else(|| full.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (!host.is_empty() && host.contains('.') && !full.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>') && full.len() <= 310)
        .then_some(full)
}

/// The media type of a logo by its first bytes: PNG, JPEG or WebP only (never SVG, which can
/// carry script), whatever the file is called.
pub fn sniff_logo(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The profile (admins).
pub async fn profile(st: &AppState, caller: &Caller) -> Result<CompanyProfile> {
    require_admin(caller)?;
    Ok(st.store.company_profile().await?)
}

/// Checks and stores the identity; the language and region take effect at once.
pub async fn save_identity(st: &AppState, caller: &Caller, t: &Tr, input: &IdentityIn) -> Result<CompanyProfile> {
    require_admin(caller)?;
    let mut e = FieldErrors::new();
    let name = blank(&input.name);
    if name.as_ref().is_some_and(|n| n.chars().count() > 120 || n.chars().any(char::is_control)) {
        e.add("name", t.t("setup-err-name"));
    }
    let accent_v = blank(&input.accent).and_then(|a| {
        let c = accent(&a);
        if c.is_none() {
            e.add("accent", t.s("setup-err-accent", &a));
        }
        c
    });
    let address = blank(&input.address);
    if address.as_ref().is_some_and(|a| a.chars().count() > 300) {
        e.add("address", t.t("setup-err-address"));
    }
    let region = blank(&input.region).and_then(|r| match Region::parse(&r) {
        Ok(r) => Some(r),
        Err(_) => {
            e.add("region", t.s("setup-err-region", &r));
            None
        }
    });
    let phone = blank(&input.phone).and_then(|p| match Phone::parse(&p, region.unwrap_or_else(|| st.region())) {
        Ok(p) => Some(p.as_str().to_owned()),
        Err(_) => {
            e.add("phone", t.s("setup-err-phone", &p));
            None
        }
    });
    let email = blank(&input.email).and_then(|m| match Email::parse(&m) {
        Ok(m) => Some(m.as_str().to_owned()),
        Err(_) => {
            e.add("email", t.s("setup-err-email", &m));
            None
        }
    });
    let web = blank(&input.web).and_then(|w| {
        let v = web_address(&w);
        if v.is_none() {
            e.add("web", t.s("setup-err-web", &w));
        }
        v
    });
    let language = blank(&input.language).and_then(|l| match pronto_playbook::messages::language(&l) {
        Some(l) => Some(l.to_owned()),
        None => {
            e.add("language", t.s("setup-err-language", &l));
            None
        }
    });
    e.into_result()?;
    let identity = CompanyIdentity { name, accent: accent_v, address, phone, email, web, language, region: region.map(|r| r.code()) };
    st.store.change_company(CompanyChange::Identity(identity.clone()), Some(caller.user.id)).await?;
    let p = st.store.company_profile().await?;
    st.apply_company(&p);
    let detail = serde_json::to_value(IdentityIn {
        name: identity.name,
        accent: identity.accent,
        address: identity.address,
        phone: identity.phone,
        email: identity.email,
        web: identity.web,
        language: identity.language,
        region: identity.region,
    })
    .unwrap_or_default();
    st.audit_change(caller, crate::audit::kind::COMPANY_CHANGED, Some("company".into()), detail).await;
    Ok(p)
}

/// Stores a logo (PNG, JPEG or WebP, at most [`LOGO_MAX`]), or with `None` removes it.
pub async fn set_logo(st: &AppState, caller: &Caller, t: &Tr, bytes: Option<Vec<u8>>) -> Result<()> {
    require_admin(caller)?;
    let logo = match bytes {
        None => None,
        Some(b) if b.is_empty() => return Err(Error::invalid("logo", t.t("setup-err-logo-empty"))),
        Some(b) if b.len() > LOGO_MAX => return Err(Error::invalid("logo", t.n("setup-err-logo-size", (LOGO_MAX / 1024) as i64))),
        Some(b) => match sniff_logo(&b) {
            Some(ct) => Some((ct.to_owned(), b)),
            None => return Err(Error::invalid("logo", t.t("setup-err-logo-type"))),
        },
    };
    let detail = serde_json::json!({ "logo": logo.as_ref().map(|(ct, b)| serde_json::json!({ "type": ct, "bytes": b.len() })) });
    st.store.change_company(CompanyChange::Logo(logo), Some(caller.user.id)).await?;
    st.audit_change(caller, crate::audit::kind::COMPANY_LOGO, Some("company".into()), detail).await;
    Ok(())
}

/// A calendar as the form (or the API) gives it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CalendarIn {
    /// An IANA zone such as `Europe/Prague`.
    pub time_zone: String,
    /// Monday first, seven days.
    pub days: Vec<DayIn>,
    pub holidays: Vec<HolidayIn>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct DayIn {
    pub open: bool,
    /// `08:00`
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// The break's start (`12:00`), or empty for none.
    #[serde(default)]
    pub break_from: String,
    #[serde(default)]
    pub break_to: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct HolidayIn {
    /// `2026-12-24`
    pub date: String,
    #[serde(default)]
    pub name: String,
}

/// A day's name in the reader's language (`mon` → "Monday").
pub fn day_name(t: &Tr, day: &str) -> String {
    t.t(&format!("setup-day-{day}"))
}

/// A problem of the form in the reader's language.
pub fn problem_text(t: &Tr, p: &Problem) -> (String, String) {
    match p {
        Problem::NotATime { day, value } => (format!("days.{day}"), t.with("setup-err-time", &[("day", &day_name(t, day)), ("v", value)])),
        Problem::Missing { day } => (format!("days.{day}"), t.with("setup-err-missing", &[("day", &day_name(t, day))])),
        Problem::EndBeforeStart { day, from, to } => {
            (format!("days.{day}"), t.with("setup-err-end-before", &[("day", &day_name(t, day)), ("from", from), ("to", to)]))
        }
        Problem::BreakOutside { day, from, to } => {
            (format!("days.{day}"), t.with("setup-err-break", &[("day", &day_name(t, day)), ("from", from), ("to", to)]))
        }
        Problem::BreakHalf { day } => (format!("days.{day}"), t.with("setup-err-break-half", &[("day", &day_name(t, day))])),
        Problem::NoDay => ("days".into(), t.t("setup-err-no-day")),
        Problem::NotADate { value } => ("holidays".into(), t.s("setup-err-date", value)),
        Problem::NotAZone { value } => ("time_zone".into(), t.s("setup-err-zone", value)),
    }
}

/// The stored JSON of a calendar as typed, or every problem in the reader's language.
pub fn calendar_json(t: &Tr, input: &CalendarIn) -> std::result::Result<String, FieldErrors> {
    let mut problems = Vec::new();
    let zone = input.time_zone.trim();
    if jiff::tz::TimeZone::get(zone).is_err() {
        problems.push(Problem::NotAZone { value: zone.to_owned() });
    }
    let days: [DayForm; 7] = std::array::from_fn(|i| {
        input
            .days
            .get(i)
            .map(|d| DayForm { open: d.open, from: d.from.clone(), to: d.to.clone(), break_from: d.break_from.clone(), break_to: d.break_to.clone() })
            .unwrap_or_default()
    });
    let week = office_hours::week_spec(&days);
    let mut holidays: BTreeMap<String, String> = BTreeMap::new();
    for h in &input.holidays {
        let d = h.date.trim();
        if d.is_empty() && h.name.trim().is_empty() {
            continue;
        }
        match d.parse::<jiff::civil::Date>() {
            Ok(date) => {
                holidays.insert(date.to_string(), h.name.trim().chars().take(120).collect());
            }
            Err(_) => problems.push(Problem::NotADate { value: d.to_owned() }),
        }
    }
    let week = match week {
        Ok(w) => Some(w),
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    if !problems.is_empty() {
        let mut e = FieldErrors::new();
        for p in &problems {
            let (f, m) = problem_text(t, p);
            e.add(f, m);
        }
        return Err(e);
    }
    let hours: serde_json::Map<String, serde_json::Value> =
        week.unwrap_or_default().into_iter().map(|(d, s)| (d.to_owned(), serde_json::Value::String(s))).collect();
    let json = serde_json::json!({
        "time_zone": zone,
        "hours": hours,
        "holidays": holidays.keys().collect::<Vec<_>>(),
        "holiday_names": holidays,
    });
    Ok(json.to_string())
}

/// The form of a stored calendar (JSON), or of `default_zone` 08:00–16:00 on weekdays.
pub fn calendar_form(json: Option<&str>, default_zone: &str) -> CalendarIn {
    let v: serde_json::Value = json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or(serde_json::Value::Null);
    if !v.is_object() {
        let day = |open: bool| DayIn { open, from: "08:00".into(), to: "16:00".into(), break_from: String::new(), break_to: String::new() };
        return CalendarIn {
            time_zone: default_zone.to_owned(),
            days: (0..7).map(|i| day(i < 5)).collect(),
            holidays: Vec::new(),
        };
    }
    let days = DAYS
        .iter()
        .map(|d| {
            let f = office_hours::day_form(v["hours"][*d].as_str().unwrap_or(""));
            DayIn { open: f.open, from: f.from, to: f.to, break_from: f.break_from, break_to: f.break_to }
        })
        .collect();
    let holidays = v["holidays"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str())
                .map(|d| HolidayIn { date: d.to_owned(), name: v["holiday_names"][d].as_str().unwrap_or("").to_owned() })
                .collect()
        })
        .unwrap_or_default();
    CalendarIn { time_zone: v["time_zone"].as_str().unwrap_or(default_zone).to_owned(), days, holidays }
}

/// Adds the public holidays of `country` in `year` and the next to `input` (dates already
/// listed are kept as they are).
pub fn add_public_holidays(input: &mut CalendarIn, country: &str, year: i16) -> bool {
    let mut any = false;
    for y in [year, year + 1] {
        let Some(list) = office_hours::public_holidays(country, y) else { return false };
        for (d, name) in list {
            let date = d.to_string();
            if !input.holidays.iter().any(|h| h.date.trim() == date) {
                input.holidays.push(HolidayIn { date, name: name.to_owned() });
                any = true;
            }
        }
    }
    input.holidays.sort_by(|a, b| a.date.cmp(&b.date));
    any
}

/// The office calendar's zone by default: the default playbook's own.
pub fn default_zone(st: &AppState) -> String {
    st.store
        .playbooks()
        .own_calendar(&st.config.default_playbook)
        .and_then(|c| c.time_zone().iana_name().map(str::to_owned))
        .unwrap_or_else(|| "Europe/Prague".into())
}

/// Stores the office calendar (or, with `None`, goes back to the playbooks' own): the SLA
/// clock and the working-time timers use it from the next timer set.
pub async fn save_office_calendar(st: &AppState, caller: &Caller, t: &Tr, input: Option<&CalendarIn>) -> Result<()> {
    require_admin(caller)?;
    let json = input.map(|i| calendar_json(t, i)).transpose()?;
    // The same check the store applies when it loads it.
    if let Some(j) = &json {
        pronto_store::parse_hours(j).map_err(|m| Error::invalid("days", m))?;
    }
    let detail = serde_json::json!({ "office_hours": json.as_deref().and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok()) });
    st.store.change_company(CompanyChange::OfficeHours(json), Some(caller.user.id)).await?;
    st.audit_change(caller, crate::audit::kind::CALENDAR_CHANGED, Some("calendar/office".into()), detail).await;
    Ok(())
}

/// Stores user `id`'s own working hours as typed (or, with `None`, removes them: the office's apply).
pub async fn save_user_hours(st: &AppState, caller: &Caller, t: &Tr, id: i64, input: Option<&CalendarIn>) -> Result<()> {
    require_admin(caller)?;
    let json = input.map(|i| calendar_json(t, i)).transpose()?;
    let value = json.as_deref().map(serde_json::from_str::<serde_json::Value>).transpose().map_err(|e| Error::Internal(e.to_string()))?;
    let patch = crate::dto::UserPatchIn { hours: Some(value), ..Default::default() };
    super::users::patch(st, caller, id, patch).await?;
    Ok(())
}

/// The steps of the first-start guide, in order.
pub const GUIDE_STEPS: &[&str] = &["company", "language", "hours", "team", "channels", "form"];

/// The guide's progress: each step done or skipped, and whether it was finished.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Guide {
    #[serde(default)]
    pub done: Vec<String>,
    #[serde(default)]
    pub skipped: Vec<String>,
    #[serde(default)]
    pub finished: bool,
}

impl Guide {
    pub fn parse(json: Option<&str>) -> Guide {
        json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
    }
    /// How many steps are done.
    pub fn done_count(&self) -> usize {
        GUIDE_STEPS.iter().filter(|s| self.done.iter().any(|d| d == *s)).count()
    }
    /// Marks `step` done (`skip`: skipped for now).
    pub fn mark(&mut self, step: &str, skip: bool) {
        self.done.retain(|s| s != step);
        self.skipped.retain(|s| s != step);
        if skip { self.skipped.push(step.to_owned()) } else { self.done.push(step.to_owned()) }
    }
    /// The first step neither done nor skipped.
    pub fn next(&self) -> Option<&'static str> {
        GUIDE_STEPS.iter().copied().find(|s| !self.done.iter().any(|d| d == s) && !self.skipped.iter().any(|d| d == s))
    }
}

/// The guide's progress (admins).
pub async fn guide(st: &AppState, caller: &Caller) -> Result<Guide> {
    require_admin(caller)?;
    Ok(Guide::parse(st.store.company_profile().await?.guide.as_deref()))
}

/// Records a step done or skipped, or (`step` = `finish`) the guide finished, or
/// (`restart`) shown again.
pub async fn guide_step(st: &AppState, caller: &Caller, step: &str, skip: bool) -> Result<Guide> {
    require_admin(caller)?;
    let mut g = Guide::parse(st.store.company_profile().await?.guide.as_deref());
    match step {
        "finish" => g.finished = true,
        "restart" => g.finished = false,
        s if GUIDE_STEPS.contains(&s) => g.mark(s, skip),
        other => return Err(Error::not_found(&format!("guide step `{other}`"))),
    }
    let json = serde_json::to_string(&g).map_err(|e| Error::Internal(e.to_string()))?;
    st.store.change_company(CompanyChange::Guide(json), Some(caller.user.id)).await?;
    st.audit_change(caller, crate::audit::kind::GUIDE_CHANGED, Some("guide".into()), serde_json::json!({ "step": step, "skipped": skip })).await;
    Ok(g)
}

/// Whether the guide should greet `caller` after signing in: an admin, while it is neither
/// finished nor every step done or skipped.
pub async fn guide_pending(st: &AppState, caller: &Caller) -> bool {
    if require_admin(caller).is_err() {
        return false;
    }
    let g = st.store.company_profile().await.map(|p| Guide::parse(p.guide.as_deref())).unwrap_or_default();
    !g.finished
}

/// A real inquiry through the normal intake, marked as a test in its subject, so the admin
/// sees what an inquiry sets off (the alert, the task, the countdown).
pub async fn test_inquiry(st: &AppState, caller: &Caller, t: &Tr) -> Result<i64> {
    require_admin(caller)?;
    let draft = pronto_domain::lead::LeadDraft {
        channel: Some("web".into()),
        contact: pronto_domain::lead::ContactDraft { name: Some(t.t("setup-test-name")), ..Default::default() },
        subject: Some(t.t("setup-test-subject")),
        message: Some(t.t("setup-test-message")),
        language: Some(t.lang.to_owned()),
        source: Some("test".into()),
        ..Default::default()
    };
    let created = super::leads::create(st, caller, draft, None).await?;
    Ok(created.lead.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_known_images_by_their_bytes() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("image/png")),
            (b"\xff\xd8\xff\xe0\0\x10JFIF", Some("image/jpeg")),
            (b"RIFF\x24\0\0\0WEBPVP8 ", Some("image/webp")),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", None),
            (b"<?xml version=\"1.0\"?><svg/>", None),
            (b"GIF89a", None),
            (b"RIFF\x24\0\0\0WAVEfmt ", None),
            (b"", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff_logo(bytes), *want, "{bytes:?}");
        }
    }

    #[test]
    fn colours_and_addresses() {
        for (v, want) in [("#1A6CFF", Some("#1a6cff")), (" #00aa00 ", Some("#00aa00")), ("1a6cff", None), ("#12345", None), ("#gggggg", None), ("red", None)] {
            assert_eq!(accent(v).as_deref(), want, "{v}");
        }
        for (v, want) in [
            ("firma.cz", Some("https://firma.cz")),
            ("http://firma.cz/o-nas", Some("http://firma.cz/o-nas")),
            ("javascript:alert(1)", None),
            ("https://", None),
            ("https://a b.cz", None),
            ("localhost", None),
        ] {
            assert_eq!(web_address(v).as_deref(), want, "{v}");
        }
    }

    #[test]
    fn the_calendar_form_round_trips_and_explains_itself() {
        let t = Tr::new("en");
        let mut c = calendar_form(None, "Europe/Prague");
        c.days[0].break_from = "12:00".into();
        c.days[0].break_to = "12:30".into();
        c.holidays.push(HolidayIn { date: "2026-12-24".into(), name: "Christmas Eve".into() });
        let json = calendar_json(&t, &c).unwrap();
        assert!(pronto_store::parse_hours(&json).is_ok());
        let back = calendar_form(Some(&json), "UTC");
        assert_eq!(back.days[0].break_to, "12:30");
        assert_eq!(back.holidays, c.holidays);
        assert!(!back.days[5].open);
        c.days[0].from = "16:00".into();
        c.days[0].to = "08:00".into();
        c.time_zone = "Mars/Base".into();
        let e = calendar_json(&t, &c).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("Monday: the end 08:00 is before the start 16:00"), "{text}");
        assert!(text.contains("Mars/Base"), "{text}");
        let cs = Tr::new("cs");
        let text = calendar_json(&cs, &c).unwrap_err().to_string();
        assert!(text.contains("Pondělí"), "{text}");
        let mut c = calendar_form(None, "Europe/Prague");
        assert!(add_public_holidays(&mut c, "CZ", 2026));
        assert!(c.holidays.iter().any(|h| h.date == "2027-03-26" && h.name == "Velký pátek"));
        assert!(!add_public_holidays(&mut c, "CZ", 2026), "nothing new the second time");
        assert!(!add_public_holidays(&mut c, "XX", 2026));
    }

    #[test]
    fn the_guide_counts_what_is_done() {
        let mut g = Guide::default();
        assert_eq!(g.next(), Some("company"));
        g.mark("company", false);
        g.mark("language", true);
        assert_eq!((g.done_count(), g.next()), (1, Some("hours")));
        g.mark("language", false);
        assert_eq!(g.done_count(), 2);
        assert!(g.skipped.is_empty());
        let back = Guide::parse(Some(&serde_json::to_string(&g).unwrap()));
        assert_eq!(back, g);
        assert_eq!(Guide::parse(Some("nonsense")), Guide::default());
    }
}
