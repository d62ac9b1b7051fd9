//! The report page's views over HTTP: the funnel and the SLAs of the playbook chosen (two
//! playbooks, two different answers), names instead of ids (SLA titles, whose lead), a deadline
//! still ahead shown as due (not breached), charts ranked by their figure, the presets in the
//! reader's calendar, and tables sorted by a header's link, kept with the filters.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use serde_json::json;
use testkit::both;
use testkit::{App, Engine};

both!(
    funnel_and_slas_follow_the_playbook_chosen,
    slas_show_names_and_a_deadline_ahead_is_due_not_breached,
    charts_are_ranked_by_their_figure_and_presets_are_the_readers_calendar,
    tables_sort_by_a_header_and_keep_the_filters,
);

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

async fn page(app: &App, path: &str, cookie: &str) -> String {
    let r = app.client.get(app.url(path)).header("accept-language", "en").header("cookie", format!("pronto_session={cookie}")).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap().replace("&#38;", "&").replace("&amp;", "&")
}

/// The part of the page of the section `id`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The total row's figure linked to `figure=leads` in a section's outcome table.
fn total_leads(html: &str) -> i64 {
    let f = section(html, "funnel");
    let total = &f[f.find(">Total</th>").expect("a total row")..];
    let at = total.find("figure=leads\">").expect("the total's leads") + "figure=leads\">".len();
    total[at..].split('<').next().unwrap().parse().unwrap()
}

/// The labels of a chart (its `<text class="label">`s), in order.
fn labels(svg: &str) -> Vec<String> {
    svg.split("<text class=\"label\"").skip(1).map(|s| s.split('>').nth(1).unwrap().split('<').next().unwrap().to_owned()).collect()
}

/// Two agency leads and one distributor lead, Tuesday 9:00 in Prague.
async fn seed(app: &App) -> (i64, i64, i64) {
    user(app, "jana", "consultant", "+420 777 000 001").await;
    user(app, "sveta", "secretary", "+420 777 000 003").await;
    let a = id(&app.create_lead(&json!({ "channel": "web", "subject": "Web", "contact": { "name": "Adam Agency", "phone": "777 000 601" } })).await);
    let b = id(&app.create_lead(&json!({ "channel": "phone", "subject": "Ads", "contact": { "name": "Bára Agency", "phone": "777 000 602" } })).await);
    let d = id(&app
        .create_lead(&json!({ "channel": "web", "playbook": "distributor", "subject": "Article 4711", "customer_type": "b2c",
                               "contact": { "name": "Dmitrij Distributor", "phone": "777 000 603" } }))
        .await);
    (a, b, d)
}

async fn funnel_and_slas_follow_the_playbook_chosen(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (_, _, _) = seed(&app).await;
    let c = sign_in(&app, "jana").await;
    // The API: the funnel and the SLAs of each playbook count only its leads.
    let window = "from=2031-05-06T00:00:00Z&to=2031-05-07T00:00:00Z";
    for (playbook, leads) in [("agency", 2), ("distributor", 1)] {
        let f = app.get(&format!("/api/v1/reports/funnel?{window}&playbook={playbook}")).await.expect(200);
        assert_eq!(f["total"]["leads"].as_i64(), Some(leads), "{playbook}: {f}");
        for by in ["channel", "owner"] {
            let g = app.get(&format!("/api/v1/reports/funnel?{window}&playbook={playbook}&group_by={by}")).await.expect(200);
            let sum: i64 = g["groups"].as_array().unwrap().iter().map(|g| g["leads"].as_i64().unwrap()).sum();
            assert_eq!(sum, leads, "{playbook} by {by}: {g}");
        }
        let s = app.get(&format!("/api/v1/reports/sla?{window}&playbook={playbook}")).await.expect(200);
        let running: usize = s["slas"].as_array().unwrap().iter().map(|l| l["at_risk"].as_array().unwrap().len()).sum();
        assert_eq!(running, leads as usize, "{playbook}: one SLA running per lead: {s}");
    }
    // The page: the same, per the picker's playbook.
    let agency = page(&app, "/reports?playbook=agency", &c).await;
    let distributor = page(&app, "/reports?playbook=distributor", &c).await;
    assert_eq!((total_leads(&agency), total_leads(&distributor)), (2, 1));
    assert!(section(&agency, "sla").contains("Adam Agency") && !section(&agency, "sla").contains("Dmitrij"), "{agency}");
    assert!(section(&distributor, "sla").contains("Dmitrij Distributor") && !section(&distributor, "sla").contains("Adam"), "{distributor}");
    assert!(section(&distributor, "funnel").contains("Request received"), "the distributor's stages");
    // Without a choice: the default playbook's (the agency's).
    assert_eq!(total_leads(&page(&app, "/reports", &c).await), 2);
}

async fn slas_show_names_and_a_deadline_ahead_is_due_not_breached(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (a, _, _) = seed(&app).await;
    let c = sign_in(&app, "jana").await;
    let html = page(&app, "/reports?playbook=agency", &c).await;
    let sla = section(&html, "sla");
    // The SLA by its title, the lead by its contact, the deadline ahead: "due", never "breached".
    assert!(sla.contains(">First contact within 10 working minutes<"), "{sla}");
    assert!(!sla.contains(">first_response<"), "no ids: {sla}");
    assert!(sla.contains(&format!("<a href=\"/leads/{a}\">Adam Agency</a>")), "{sla}");
    assert!(sla.contains(">due 06.05. 09:10<") && !sla.contains("breached 06.05."), "{sla}");
    assert!(sla.contains(">When<") && !sla.contains("Breached at"), "{sla}");
    // The API says the same: not breached yet.
    let s = app.get("/api/v1/reports/sla?playbook=agency").await.expect(200);
    let line = s["slas"].as_array().unwrap().iter().find(|l| l["sla"] == "first_response").unwrap().clone();
    assert_eq!(line["title"], "First contact within 10 working minutes");
    assert!(line["at_risk"].as_array().unwrap().iter().all(|r| r["breached"] == false && r["contact"].is_string()), "{line}");
}

async fn charts_are_ranked_by_their_figure_and_presets_are_the_readers_calendar(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (a, b, _) = seed(&app).await;
    let c = sign_in(&app, "jana").await;
    // The phone lead answered after 1 minute, the web lead after 8: the web is the slower
    // (alphabetically the phone would come first).
    let reached = json!({ "kind": "call", "direction": "out", "outcome": "reached" });
    advance(&app, 60).await;
    app.post(&format!("/api/v1/leads/{b}/activities"), &reached).await.expect(201);
    advance(&app, 420).await;
    app.post(&format!("/api/v1/leads/{a}/activities"), &reached).await.expect(201);
    let html = page(&app, "/reports?group_by=channel", &c).await;
    let r = section(&html, "response-time");
    let median_chart = r.split("<svg").nth(2).expect("the median chart");
    assert_eq!(labels(median_chart), vec!["Web".to_owned(), "Phone".to_owned()], "slowest first, not alphabetical: {median_chart}");
    // The presets: whole days of the reader's calendar (Prague), Tuesday 6 May 2031.
    for (word, from, to) in [
        ("Today", "2031-05-05T22:00:00Z", "2031-05-06T22:00:00Z"),
        ("This week", "2031-05-04T22:00:00Z", "2031-05-11T22:00:00Z"),
        ("This month", "2031-04-30T22:00:00Z", "2031-05-31T22:00:00Z"),
        ("Last month", "2031-03-31T22:00:00Z", "2031-04-30T22:00:00Z"),
    ] {
        let presets = &html[html.find("class=\"presets\"").unwrap()..];
        let link = presets.split("<a href=\"").skip(1).find(|l| l.contains(&format!(">{word}</a>"))).unwrap_or_else(|| panic!("{word}"));
        let href = link.split('"').next().unwrap().replace("%3A", ":");
        assert!(href.contains(&format!("from={from}")) && href.contains(&format!("to={to}")) && href.contains("group_by=channel"), "{word}: {href}");
        // It opens, and shows those days.
        let p = page(&app, &href, &c).await;
        assert!(p.contains("id=\"from\" name=\"from\" type=\"date\""), "{word}");
    }
    let month = page(&app, "/reports?from=2031-04-30T22:00:00Z&to=2031-05-31T22:00:00Z", &c).await;
    assert!(month.contains("value=\"2031-05-01\"") && month.contains("value=\"2031-05-31\""), "the picker shows the month's days");
    let last = page(&app, "/reports?from=2031-03-31T22:00:00Z&to=2031-04-30T22:00:00Z", &c).await;
    assert!(last.contains("No inquiries in this period."), "nothing last month");
}

async fn tables_sort_by_a_header_and_keep_the_filters(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    seed(&app).await;
    // One more web lead: the web has 2, the phone 1.
    app.create_lead(&json!({ "channel": "web", "subject": "Web 2", "contact": { "name": "Cyril", "phone": "777 000 604" } })).await;
    let c = sign_in(&app, "jana").await;
    let html = page(&app, "/reports?group_by=channel&playbook=agency", &c).await;
    let table = section(&html, "response-time");
    // Every header is a link to the same report sorted by it.
    let head = &table[table.find("<thead>").unwrap()..table.find("</thead>").unwrap()];
    assert!(head.contains("aria-sort=\"none\""), "{head}");
    let link = head.split("<a class=\"sort\" href=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    assert!(link.contains("sort=response%3A0%3Aasc") && link.contains("group_by=channel") && link.contains("playbook=agency"), "{link}");
    let rows = |html: &str| -> Vec<String> {
        let t = section(html, "response-time");
        let body = &t[t.find("<tbody>").unwrap()..];
        body.split("<th scope=\"row\" dir=\"auto\">").skip(1).map(|r| r.split('<').next().unwrap().to_owned()).collect()
    };
    // By name, A→Z and Z→A; the total stays last.
    let asc = page(&app, "/reports?group_by=channel&playbook=agency&sort=response:0:asc", &c).await;
    assert_eq!(rows(&asc), vec!["Phone", "Web", "Total"]);
    let desc = page(&app, "/reports?group_by=channel&playbook=agency&sort=response:0:desc", &c).await;
    assert_eq!(rows(&desc), vec!["Web", "Phone", "Total"]);
    assert!(section(&desc, "response-time").contains("aria-sort=\"descending\""), "the header says how it is sorted");
    // By the number of leads, fewest first.
    let by_leads = page(&app, "/reports?group_by=channel&playbook=agency&sort=response:1:asc", &c).await;
    assert_eq!(rows(&by_leads), vec!["Phone", "Web", "Total"]);
    let by_leads = page(&app, "/reports?group_by=channel&playbook=agency&sort=response:1:desc", &c).await;
    assert_eq!(rows(&by_leads), vec!["Web", "Phone", "Total"]);
    // The picker keeps the order; the presets too.
    assert!(by_leads.contains("<input type=\"hidden\" name=\"sort\" value=\"response:1:desc\">"), "{by_leads}");
    let presets = &by_leads[by_leads.find("class=\"presets\"").unwrap()..];
    assert!(presets.split("</nav>").next().unwrap().contains("sort=response%3A1%3Adesc"), "{presets}");
    // A bad order is no order, never an error.
    assert_eq!(rows(&page(&app, "/reports?group_by=channel&sort=response:99:up", &c).await).len(), 3);
}
