//! The offers' part of the report page (issue 20): per group the offers made, sent, accepted,
//! declined and with changes asked; the value offered and won per currency; the time from the
//! inquiry to the offer and from the offer to the decision. And the money the funnel's stages
//! hold. The figures are `app::reports::offers_report`'s and `stage_money`'s.

use super::*;
use crate::app::reports::Money;

/// Money in the reader's notation: `968,00 CZK, 60,50 EUR`; "—" for none.
pub(super) fn money_text(t: &Tr, m: &[Money]) -> String {
    if m.is_empty() {
        return "—".into();
    }
    m.iter().map(|m| format!("{}\u{a0}{}", crate::public_offers::amount(t, &m.amount), m.currency)).collect::<Vec<_>>().join(", ")
}

/// A cell of money that sorts by its first currency's amount.
pub(super) fn money_fig(t: &Tr, m: &[Money]) -> Fig {
    Fig::text(money_text(t, m)).keyed(m.first().and_then(|m| m.amount.parse::<f64>().ok()))
}

/// One currency's amount of `m` ("—" without), sorting by it.
fn amount_fig(t: &Tr, m: &[Money], currency: &str) -> Fig {
    match m.iter().find(|m| m.currency == currency) {
        Some(m) => Fig::text(crate::public_offers::amount(t, &m.amount)).keyed(m.amount.parse::<f64>().ok()),
        None => Fig::text("—"),
    }
}

/// The section: a chart of offers accepted per group (most first), the counts ranked by the
/// accepted offers, the money per currency and the times.
pub(super) fn offers(x: &Ctx, r: &api::OffersReport) -> Section {
    let (t, dim) = (x.t, x.c.dim);
    // Ranked by the figure: the most accepted first, then the most sent.
    let mut ranked: Vec<&api::OffersGroup> = r.groups.iter().collect();
    ranked.sort_by(|a, b| b.accepted.cmp(&a.accepted).then(b.sent.cmp(&a.sent)).then(a.key.cmp(&b.key)));
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|g| Bar { label: group_name(t, dim, &g.key, &g.value), value: g.accepted as f64, text: g.accepted.to_string(), href: None })
        .collect();
    let rows = |row: &dyn Fn(&api::OffersGroup) -> Vec<Fig>| -> Vec<Vec<Fig>> {
        ranked
            .iter()
            .map(|g| [Fig::text(group_name(t, dim, &g.key, &g.value))].into_iter().chain(row(g)).collect())
            .chain([[Fig::text(t.t("rep-total"))].into_iter().chain(row(&r.total)).collect()])
            .collect()
    };
    let n = |v: i64| Fig::text(v.to_string());
    let counts = rows(&|g| {
        vec![
            n(g.leads_sent),
            n(g.made),
            n(g.sent),
            n(g.accepted),
            n(g.declined),
            n(g.changes_requested),
            Fig::text(g.acceptance.map(|a| pct(t, a)).unwrap_or_else(|| "—".into())).keyed(g.acceptance),
        ]
    });
    // A column per currency, offered then won, so that every column sorts by one amount.
    let currencies: Vec<String> = {
        let mut c: Vec<String> = r.total.value_offered.iter().chain(&r.total.value_won).map(|m| m.currency.clone()).collect();
        c.sort();
        c.dedup();
        c
    };
    let money = rows(&|g| currencies.iter().flat_map(|c| [amount_fig(t, &g.value_offered, c), amount_fig(t, &g.value_won, c)]).collect());
    let time = |s: Option<f64>| Fig::text(opt_duration(t, s)).keyed(s);
    let times = rows(&|g| {
        vec![
            time(g.median_to_offer_seconds),
            time(g.p90_to_offer_seconds),
            time(g.median_to_decision_seconds),
            time(g.p90_to_decision_seconds),
        ]
    });
    let first = dim_name(t, dim);
    let head = |keys: &[&str]| -> Vec<String> { [first.clone()].into_iter().chain(keys.iter().map(|k| t.t(k))).collect() };
    let money_head: Vec<String> = [first.clone()]
        .into_iter()
        .chain(currencies.iter().flat_map(|c| [t.s("reports-offers-offered-in", c), t.s("reports-offers-won-in", c)]))
        .collect();
    let mut notes = vec![];
    if r.total.made == 0 {
        notes.push(t.t("rep-no-data"));
    }
    notes.push(t.t("reports-offers-note"));
    let mut tables = vec![Tbl::new(
        "offers",
        None,
        head(&[
            "reports-offers-leads-sent",
            "reports-offers-made",
            "reports-offers-sent",
            "reports-offers-accepted",
            "reports-offers-declined",
            "reports-offers-changes",
            "reports-offers-acceptance",
        ]),
        counts,
        true,
    )];
    if !currencies.is_empty() {
        tables.push(Tbl::new("offers-money", Some(t.t("reports-offers-money")), money_head, money, true));
    }
    tables.push(Tbl::new(
        "offers-time",
        Some(t.t("reports-offers-times")),
        head(&[
            "reports-offers-to-offer-median",
            "reports-offers-to-offer-p90",
            "reports-offers-to-decision-median",
            "reports-offers-to-decision-p90",
        ]),
        times,
        true,
    ));
    let mut q = x.query(dim);
    if let Some(p) = &r.playbook {
        q.push(("playbook", p.clone()));
    }
    Section {
        id: "offers",
        title: t.t("reports-offers"),
        charts: vec![charts::bars(&t.t("reports-offers-chart-accepted"), &bars, x.rtl)],
        notes,
        tables,
        downloads: x.downloads("offers", q),
    }
}
