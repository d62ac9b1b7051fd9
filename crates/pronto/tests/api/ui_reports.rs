//! The report pages over HTTP: SVG charts and tables of the figures, every figure a link to the
//! leads behind it, CSV/XLSX through the API with the session cookie; Hebrew right to left;
//! what people typed shown escaped; a bad query explained, never a 500; only for the signed-in.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use serde_json::json;
use testkit::both;
use testkit::{App, Engine};

both!(reports_chart_every_figure_and_drill_down_to_its_leads, reports_speak_hebrew_escape_and_explain_bad_queries);

struct Page {
    status: u16,
    location: Option<String>,
    content_type: String,
    html: String,
}

async fn get(app: &App, path: &str, cookie: Option<&str>, lang: &str) -> Page {
    let mut rb = app.client.get(app.url(path)).header("accept-language", lang);
    if let Some(c) = cookie {
        rb = rb.header("cookie", format!("pronto_session={c}"));
    }
    let r = rb.send().await.unwrap();
    let header = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (status, location, content_type) = (r.status().as_u16(), header("location"), header("content-type").unwrap_or_default());
    Page { status, location, content_type, html: r.text().await.unwrap_or_default() }
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", login), ("password", "a long enough password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

/// An ampersand as plain text (askama writes `&#38;`, the charts `&amp;`).
fn plain(html: &str) -> String {
    html.replace("&#38;", "&").replace("&amp;", "&")
}

/// The links of a page, unescaped.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"").skip(1).map(|s| plain(s.split('"').next().unwrap())).collect()
}

/// The first link holding every one of `parts`.
fn link(html: &str, parts: &[&str]) -> String {
    links(html).into_iter().find(|l| parts.iter().all(|p| l.contains(p))).unwrap_or_else(|| panic!("no link with {parts:?} in {html}"))
}

/// The leads a page links to, in order.
fn lead_ids(html: &str) -> Vec<i64> {
    links(html).iter().filter_map(|l| l.strip_prefix("/leads/")?.parse().ok()).collect()
}

const EVIL: &str = "<script>alert(1)</script>";

/// Tuesday 09:00 in Prague: two web leads (one from an evil source) answered after 2 minutes
/// and after 9 min 50 s, then a phone lead nobody has answered yet, held by a manager with an
/// evil name. Returns the leads and Jana's session.
async fn seed(app: &App) -> (i64, i64, i64, String) {
    user(app, "jana", "consultant", "+420 777 000 001").await;
    let evil = app
        .post(
            "/api/v1/users",
            &json!({ "name": EVIL, "login": "evil", "role": "manager", "phone": "+420 777 000 002", "email": "evil@example.com",
                     "password": "a long enough password" }),
        )
        .await
        .expect(201)["id"]
        .as_i64()
        .unwrap();
    let a = id(&app.create_lead(&json!({ "channel": "web", "source": EVIL, "contact": { "name": "A", "phone": "777 000 501" } })).await);
    let b = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "B", "phone": "777 000 502" } })).await);
    let reached = json!({ "kind": "call", "direction": "out", "outcome": "reached" });
    advance(app, 120).await;
    app.post(&format!("/api/v1/leads/{a}/activities"), &reached).await.expect(201);
    advance(app, 470).await;
    app.post(&format!("/api/v1/leads/{b}/activities"), &reached).await.expect(201);
    let c = id(&app.create_lead(&json!({ "channel": "phone", "contact": { "name": "C", "phone": "777 000 503" } })).await);
    app.patch(&format!("/api/v1/leads/{c}"), &json!({ "owner": evil })).await.expect(200);
    let cookie = sign_in(app, "jana").await;
    (a, b, c, cookie)
}

async fn reports_chart_every_figure_and_drill_down_to_its_leads(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (a, b, c, cookie) = seed(&app).await;
    let get = |path: String| {
        let (app, cookie) = (&app, cookie.clone());
        async move { get(app, &path, Some(&cookie), "en").await }
    };
    let p = get("/reports".into()).await;
    assert_eq!(p.status, 200, "{}", p.html);
    assert!(p.content_type.starts_with("text/html"), "{}", p.content_type);
    let html = &p.html;
    assert!(html.contains("<svg") && html.contains("role=\"img\""), "{html}");
    for chart in ["chart-bars", "chart-funnel", "chart-trend"] {
        assert!(html.contains(chart), "{chart}");
    }
    assert!(html.contains("href=\"/reports\" aria-current=\"page\""), "the nav marks the page");
    // The figures, each a link: 3 leads in all, 2 on the web; 2 minutes is the web's median…
    assert!(plain(html).contains("group_by=channel&figure=leads\">3</a>"), "{html}");
    assert!(plain(html).contains("value=web&figure=leads\">2</a>"), "{html}");
    assert!(html.contains(">5 min 55 s</a>") && html.contains(">9 min 50 s</a>"), "human durations: {html}");
    assert!(html.contains("The percentiles are exact"), "{html}");
    // …the distribution over buckets, and call attempts: one lead never called, two called once.
    assert!(html.contains("2–3 min") && html.contains("7–10 min"), "bucket labels: {html}");
    assert!(html.contains("Most inquiries: 1 call — 67%"), "{html}");
    // Drill-down: the leads behind a figure, exactly.
    let drill = |parts: &[&str]| link(html, parts);
    assert_eq!(lead_ids(&get(drill(&["value=web", "figure=leads"])).await.html), vec![a, b]);
    assert_eq!(lead_ids(&get(drill(&["value=web", "figure=within_5_min"])).await.html), vec![a]);
    assert_eq!(lead_ids(&get(drill(&["value=phone", "figure=never"])).await.html), vec![c]);
    assert_eq!(lead_ids(&get(drill(&["figure=attempts%3A1"])).await.html), vec![a, b]);
    // SLA met: both answered within the 10 working minutes.
    assert_eq!(lead_ids(&get(drill(&["figure=sla_met%3Afirst_response"])).await.html), vec![a, b]);
    let all = get(drill(&["group_by=channel&figure=leads"])).await;
    assert_eq!(lead_ids(&all.html), vec![a, b, c]);
    assert!(all.html.contains("Jana") && all.html.contains("2 min") && all.html.contains("Not answered"), "{}", all.html);
    // A page at a time, with the API's cursor.
    let first = get(format!("{}&limit=1", drill(&["group_by=channel&figure=leads"]))).await;
    assert_eq!(lead_ids(&first.html), vec![a]);
    let second = get(link(&first.html, &["/reports/leads?", "after="])).await;
    assert_eq!(lead_ids(&second.html), vec![b]);
    // The at-risk list: the phone lead, unanswered, with its SLA running.
    assert!(html.contains(&format!("href=\"/leads/{c}\"")), "{html}");
    // Grouped by owner, the owners' names.
    assert!(get("/reports?group_by=owner".into()).await.html.contains(">Jana</th>"));
    // CSV and XLSX: the API's exports, with the page's query and the session cookie.
    for (parts, ct) in [
        (["/api/v1/reports/response-time?", "format=csv"], "text/csv"),
        (["/api/v1/reports/funnel?", "format=xlsx"], "application/vnd.openxmlformats"),
    ] {
        let r = get(link(html, &parts)).await;
        assert_eq!(r.status, 200, "{parts:?}");
        assert!(r.content_type.starts_with(ct), "{parts:?}: {}", r.content_type);
    }
    let csv = get(link(&all.html, &["/api/v1/reports/leads?", "format=csv"])).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.html.lines().count(), 4, "a header and the three leads: {}", csv.html);
    // A chosen window as office days: the week before holds nothing.
    let empty = get("/reports?from=2031-04-28&to=2031-05-04&time=business".into()).await;
    assert_eq!(empty.status, 200);
    assert!(empty.html.contains("No inquiries in this period.") && empty.html.contains("value=\"2031-04-28\""), "{}", empty.html);
}

async fn reports_speak_hebrew_escape_and_explain_bad_queries(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (_, _, c, cookie) = seed(&app).await;
    for path in ["/reports", "/reports/leads?figure=leads"] {
        let p = get(&app, path, None, "en").await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/login")), "{path}");
    }
    // What people typed (a lead's source, a user's name) appears only escaped.
    for path in ["/reports?group_by=source".to_owned(), "/reports?group_by=owner".to_owned(), "/reports/leads?figure=never".to_owned()] {
        let p = get(&app, &path, Some(&cookie), "en").await;
        assert_eq!(p.status, 200, "{path}");
        assert!(!p.html.contains(EVIL), "{path}: {}", p.html);
        assert!(p.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || p.html.contains("&#60;script&#62;"), "{path}: {}", p.html);
    }
    // Hebrew: from the browser, or the user's own choice; the page and its charts right to left.
    let he = get(&app, "/reports", Some(&cookie), "he-IL,he;q=0.9").await;
    assert_eq!(he.status, 200);
    assert!(he.html.contains("lang=\"he\" dir=\"rtl\"") && he.html.contains("direction=\"rtl\""), "{}", he.html);
    assert!(he.html.contains("זמן תגובה") && he.html.contains("משפך"), "{}", he.html);
    let r = app
        .client
        .post(app.url("/language"))
        .header("cookie", format!("pronto_session={cookie}"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("language", "he")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let drill = get(&app, "/reports/leads?figure=never", Some(&cookie), "en").await;
    assert!(drill.html.contains("dir=\"rtl\"") && drill.html.contains("לא נענתה"), "{}", drill.html);
    assert_eq!(lead_ids(&drill.html), vec![c]);
    let ltr = get(&app, "/reports", Some(&cookie), "en").await;
    assert!(ltr.html.contains("direction=\"rtl\""), "the user's choice wins over the browser's");
    // Bad values: the page says what is wrong (422), never a 500.
    for (path, words) in [
        ("/reports?from=yesterday", vec!["from", "is not a date"]),
        ("/reports?group_by=moon&time=lunar", vec!["group_by", "time"]),
        ("/reports?from=2031-05-08&to=2031-05-01", vec!["from", "before"]),
        ("/reports?playbook=moon", vec!["playbook", "moon"]),
        ("/reports/leads?figure=moon&limit=0&after=x", vec!["figure", "limit", "after"]),
        ("/reports/leads?to=noon", vec!["to"]),
    ] {
        let p = get(&app, path, Some(&cookie), "en").await;
        assert_eq!(p.status, 422, "{path}: {}", p.html);
        assert!(p.html.contains("role=\"alert\""), "{path}");
        for w in words {
            assert!(p.html.contains(w), "{path}: {w} in {}", p.html);
        }
    }
}
