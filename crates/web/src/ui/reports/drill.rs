//! `GET /reports/leads`: the leads behind a report's figure, a page at a time.

use super::*;

/// The leads behind a figure (the API's drill-down parameters: from, to, group_by, value,
/// figure, time, limit, after), a page at a time, oldest first.
pub(crate) async fn drill_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(e) = c.require(Action::ReadLeads) {
        return crate::ui::error::UiError::new(&st, &c, &t, "/reports", e).into_response();
    }
    let zone = st.store.office_zone();
    let mut e = FieldErrors::new();
    let (from, to) = window(&q, &zone, st.clock.now().to_zoned(zone.clone()).date(), &mut e);
    let rq = ReportQuery { from, to, group_by: arg(&q, "group_by"), time: arg(&q, "time"), format: None, playbook: None };
    let checked = api::check(st.clock.now(), &rq, Dim::All);
    if let Err(f) = &checked {
        e.0.extend(f.0.iter().cloned());
    }
    let figure = arg(&q, "figure").unwrap_or_else(|| "leads".into());
    if !api::known_figure(&figure) {
        e.add("figure", format!("`{figure}` is not a report figure"));
    }
    let limit = match arg(&q, "limit") {
        None => 100,
        Some(v) => v.parse::<i64>().ok().filter(|n| (1..=1000).contains(n)).unwrap_or_else(|| {
            e.add("limit", format!("`{v}` is not a whole number between 1 and 1000"));
            100
        }),
    };
    let after = arg(&q, "after");
    let cursor = after.as_deref().and_then(|a| {
        let (us, id) = a.split_once('.')?;
        Some((us.parse::<i64>().ok()?, id.parse::<i64>().ok()?))
    });
    if after.is_some() && cursor.is_none() {
        e.add("after", "is the `next` of a previous page");
    }
    let value = arg(&q, "value");
    let mut p = ReportsPage::new(&st, &c, t.clone(), t.t("rep-drill-title"));
    let reader = user_tz(&st, &c);
    let checked = match checked {
        Ok(c) if e.is_empty() => c,
        _ => {
            p.errors = lines(&e);
            p.back = Some("/reports".into());
            return p.render(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let dim = checked.dim;
    let result = async {
        let r = api::drill_leads(&st, &checked, value.as_deref(), &figure, limit, cursor).await?;
        let names = api::labels(&st, dim).await?;
        let owners: HashMap<i64, String> = st.store.users().await?.into_iter().map(|u| (u.id, u.name)).collect();
        Ok::<_, crate::app::Error>((r, names, owners))
    };
    let (r, names, owners) = match result.await {
        Ok(v) => v,
        Err(err) => {
            let (status, errors) = failure(err);
            p.errors = errors;
            return p.render(status);
        }
    };
    // The heading: the figure, the group and the window (office days).
    let group =
        value.as_deref().map(|v| format!(" · {}: {}", dim_name(&t, dim), group_name(&t, dim, names.get(v).map_or(v, String::as_str), v)));
    let day = |ts: Timestamp| ts.to_zoned(zone.clone()).date().to_string();
    let namer = crate::ui::words::Namer::new(&st);
    p.title = figure_name(&t, &namer, &figure);
    p.subtitle = Some(format!(
        "{}{} · {} – {}",
        p.title,
        group.unwrap_or_default(),
        day(checked.from),
        day(checked.to - SignedDuration::from_micros(1))
    ));
    let rows: Vec<Vec<Fig>> = r
        .leads
        .iter()
        .map(|l| {
            let received = l.received_at.parse::<Timestamp>().map(|ts| local(ts, &reader)).unwrap_or_else(|_| l.received_at.clone());
            let response = if checked.business { l.business_response_seconds } else { l.response_seconds };
            vec![
                Fig::link(format!("#{}", l.id), format!("/leads/{}", l.id)),
                Fig::text(received),
                Fig::text(group_name(&t, Dim::Channel, &l.channel, &l.channel)),
                Fig::text(l.owner_id.and_then(|o| owners.get(&o).cloned()).unwrap_or_else(|| t.t("unassigned"))),
                Fig::text(response.map(|s| duration(&t, s as f64)).unwrap_or_else(|| t.t("rep-not-answered"))),
                Fig::text(word(&t, &format!("rep-status-{}", l.status), &l.status)),
            ]
        })
        .collect();
    // The same query for the exports (RFC 3339, this page) and the next page (office days).
    let query = |page: bool, after: Option<&String>| {
        let b = |ts: Timestamp, end: bool| if page { link_bound(ts, &zone, end) } else { ts.to_string() };
        let mut q = vec![("from", b(checked.from, false)), ("to", b(checked.to, true)), ("group_by", dim.name().to_owned())];
        q.extend(value.clone().map(|v| ("value", v)));
        q.push(("figure", figure.clone()));
        if checked.business {
            q.push(("time", "business".into()));
        }
        q.push(("limit", limit.to_string()));
        q.extend(after.map(|a| ("after", a.clone())));
        q
    };
    let x = Ctx { t: &t, c: &checked, rtl: t.dir() == "rtl", zone: &zone, names: &namer };
    let downloads = x.downloads("leads", query(false, after.as_ref()));
    p.next = r.next.map(|n| format!("/reports/leads?{}", qs(&query(true, Some(&n)))));
    let mut back = vec![("from", link_bound(checked.from, &zone, false)), ("to", link_bound(checked.to, &zone, true))];
    if dim != Dim::All {
        back.push(("group_by", dim.name().to_owned()));
    }
    back.push(("time", if checked.business { "business" } else { "wall" }.to_owned()));
    p.back = Some(format!("/reports?{}", qs(&back)));
    p.sections = vec![Section {
        id: "leads",
        title: t.n("rep-leads-shown", rows.len() as i64),
        charts: vec![],
        notes: vec![],
        tables: vec![Tbl {
            caption: None,
            head: ["lead", "received", "channel", "owner", "rep-response-time", "status"].map(|k| t.t(k)).to_vec(),
            rows,
        }],
        downloads,
    }];
    p.render(StatusCode::OK)
}
