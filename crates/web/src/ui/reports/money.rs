//! The money's part of the report page (issue 21, item 7): invoices issued and paid, the money
//! invoiced, received and still owed per group; and the seed's sales report — per channel and
//! per representative the leads and how they ended, the money, the customers' answers on the
//! quality calls and the complaints (counted, each count linking the Complaints page that lists
//! them, never copying them here), with this period beside the one before. The figures are
//! `app::reports::money_report`'s and `sales_report`'s.

use super::offers::{money_fig, money_text};
use super::*;

/// The money section: a chart of the invoices issued per group, and per group the invoices
/// issued and paid, invoiced, received, outstanding and overdue.
pub(super) fn money(x: &Ctx, r: &api::MoneyReport) -> Section {
    let (t, dim) = (x.t, x.c.dim);
    let mut ranked: Vec<&api::MoneyGroup> = r.groups.iter().collect();
    ranked.sort_by(|a, b| b.invoices_issued.cmp(&a.invoices_issued).then(b.invoices_paid.cmp(&a.invoices_paid)).then(a.key.cmp(&b.key)));
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|g| Bar {
            label: group_name(t, dim, &g.key, &g.value),
            value: g.invoices_issued as f64,
            text: g.invoices_issued.to_string(),
            href: None,
        })
        .collect();
    let row = |name: String, g: &api::MoneyGroup| {
        vec![
            Fig::text(name),
            Fig::text(g.invoices_issued.to_string()),
            Fig::text(g.invoices_paid.to_string()),
            money_fig(t, &g.invoiced),
            money_fig(t, &g.received),
            money_fig(t, &g.outstanding),
            money_fig(t, &g.overdue),
            Fig::text(g.overdue_invoices.to_string()),
        ]
    };
    let rows: Vec<Vec<Fig>> = ranked
        .iter()
        .map(|g| row(group_name(t, dim, &g.key, &g.value), g))
        .chain([row(t.t("rep-total"), &r.total)])
        .collect();
    let mut notes = vec![];
    if r.total.invoices_issued == 0 && r.total.received.is_empty() && r.total.outstanding.is_empty() {
        notes.push(t.t("reports-money-none"));
    }
    notes.push(t.t("reports-money-note"));
    Section {
        id: "money",
        title: t.t("reports-money"),
        charts: vec![charts::bars(&t.t("reports-money-chart"), &bars, x.rtl)],
        notes,
        tables: vec![Tbl::new(
            "money",
            None,
            [dim_name(t, dim)]
                .into_iter()
                .chain(
                    [
                        "reports-money-issued",
                        "reports-money-paid",
                        "reports-money-invoiced",
                        "reports-money-received",
                        "reports-money-outstanding",
                        "reports-money-overdue",
                        "reports-money-overdue-invoices",
                    ]
                    .map(|k| t.t(k)),
                )
                .collect(),
            rows,
            true,
        )],
        downloads: x.downloads("money", x.query(dim)),
    }
}

/// The seed's sales report: by channel, by representative, and this period beside the one
/// before. A complaints count links the Complaints page (for those who may open it). The page
/// keeps the columns a reader compares (lost and the invoices' counts are in the money section
/// and in the download).
pub(super) fn sales(x: &Ctx, r: &api::SalesReport, complaints_link: bool) -> Section {
    let t = x.t;
    let complaints = |l: &api::SalesLine| {
        if complaints_link && l.complaints > 0 {
            Fig::link(l.complaints.to_string(), l.complaints_url.clone())
        } else {
            Fig::text(l.complaints.to_string())
        }
    };
    let row = |name: String, l: &api::SalesLine| {
        vec![
            Fig::text(name),
            Fig::text(l.leads.to_string()),
            Fig::text(l.won.to_string()),
            money_fig(t, &l.invoiced),
            money_fig(t, &l.received),
            Fig::text(l.quality_positive.to_string()),
            Fig::text(l.quality_negative.to_string()),
            complaints(l),
        ]
    };
    let head = |first: String| -> Vec<String> {
        [first]
            .into_iter()
            .chain(
                [
                    "rep-leads",
                    "rep-won",
                    "reports-money-invoiced",
                    "reports-money-received",
                    "reports-sales-satisfied",
                    "reports-sales-dissatisfied",
                    "rep-complaints",
                ]
                .map(|k| t.t(k)),
            )
            .collect()
    };
    let table = |id: &'static str, caption: &str, dim: Dim, lines: &[api::SalesLine]| {
        let mut ranked: Vec<&api::SalesLine> = lines.iter().collect();
        ranked.sort_by(|a, b| b.won.cmp(&a.won).then(b.leads.cmp(&a.leads)).then(a.key.cmp(&b.key)));
        let rows = ranked
            .into_iter()
            .map(|l| row(group_name(t, dim, &l.key, &l.value), l))
            .chain([row(t.t("rep-total"), &r.total)])
            .collect();
        Tbl::new(id, Some(t.t(caption)), head(dim_name(t, dim)), rows, true)
    };
    let compare = |label: &str, now: String, before: String| vec![Fig::text(t.t(label)), Fig::text(now), Fig::text(before)];
    let (a, b) = (&r.total, &r.previous);
    let comparison = vec![
        compare("rep-leads", a.leads.to_string(), b.leads.to_string()),
        compare("rep-won", a.won.to_string(), b.won.to_string()),
        compare("reports-money-issued", a.invoices_issued.to_string(), b.invoices_issued.to_string()),
        compare("reports-money-paid", a.invoices_paid.to_string(), b.invoices_paid.to_string()),
        compare("reports-money-invoiced", money_text(t, &a.invoiced), money_text(t, &b.invoiced)),
        compare("reports-money-received", money_text(t, &a.received), money_text(t, &b.received)),
        compare("reports-sales-satisfied", a.quality_positive.to_string(), b.quality_positive.to_string()),
        compare("reports-sales-dissatisfied", a.quality_negative.to_string(), b.quality_negative.to_string()),
        compare("rep-complaints", a.complaints.to_string(), b.complaints.to_string()),
    ];
    let mut notes = vec![t.t("reports-sales-note")];
    if complaints_link && r.total.complaints > 0 {
        notes.push(t.n("reports-sales-complaints", r.total.complaints));
    }
    Section {
        id: "sales",
        title: t.t("reports-sales"),
        charts: vec![],
        notes,
        tables: vec![
            table("sales-channel", "reports-sales-by-channel", Dim::Channel, &r.by_channel),
            table("sales-owner", "reports-sales-by-owner", Dim::Owner, &r.by_representative),
            Tbl::new(
                "",
                Some(t.t("reports-sales-compare")),
                vec![String::new(), t.t("reports-sales-this-period"), t.t("reports-sales-period-before")],
                comparison,
                false,
            ),
        ],
        downloads: x.downloads("sales", x.query(Dim::Channel)),
    }
}
