//! A playbook drawn as a self-contained SVG: the stages as boxes in file order (left to right,
//! wrapping into rows), arrows for the ways a lead moves between them (`next` and the stage
//! changes that rules, retry schedules and SLAs make), and under each stage what happens there:
//! the tasks created (who, by when, the retry schedule), the timers set, the SLAs started and
//! the escalation chains run. For the web UI and for customers.
//!
//! Hand-written SVG with no dependency: every text is XML-escaped, the output is a pure
//! function of the playbook (the same playbook gives the same bytes), and it has a `viewBox`,
//! `role="img"` and a `<title>` so that it scales and is read out by screen readers.
//!
//! Which stage something happens in is worked out from the rules: `lead.received` rules run in
//! the first stage; a rule with `when.stage` runs in those stages; a `task.completed` rule runs
//! where its task is created, a `timer.elapsed` rule where its timer is set; actions after a
//! `stage` action run in the new stage. What can happen in any stage (an `activity.logged`
//! rule without `when.stage`, for instance) is listed below the stages.

use crate::model::*;
use jiff::SignedDuration;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// `&`, `<`, `>`, `"` and `'` as entities; characters XML 1.0 does not allow are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// What happens where: a small abstract run of the rules over the stages.

/// The stage something happens in; `None`: any stage.
type Ctx = Option<usize>;

#[derive(Debug, Clone)]
enum Item {
    Task { task: String, who: Who, due: Due },
    Timer { timer: String, due: Due },
    Sla { sla: String },
    Escalation { chain: String },
}

#[derive(Default)]
struct Flow {
    /// `(from, to)` by stage index.
    edges: BTreeSet<(usize, usize)>,
    /// Stages a rule may move a lead to from any stage.
    any_edges: BTreeSet<usize>,
    items: BTreeMap<Ctx, Vec<Item>>,
    seen: BTreeSet<(Ctx, String)>,
    task_ctx: BTreeMap<String, BTreeSet<Ctx>>,
    timer_ctx: BTreeMap<String, BTreeSet<Ctx>>,
    sla_ctx: BTreeMap<String, BTreeSet<Ctx>>,
}

fn add_ctx(map: &mut BTreeMap<String, BTreeSet<Ctx>>, key: &str, ctx: Ctx) -> bool {
    map.entry(key.to_owned()).or_default().insert(ctx)
}

impl Flow {
    fn item(&mut self, ctx: Ctx, key: String, item: Item) {
        if self.seen.insert((ctx, key)) {
            self.items.entry(ctx).or_default().push(item);
        }
    }

    /// Follows `actions` from `ctx`; returns whether a task, timer or SLA became known in a
    /// new stage (so that the rules waiting for it must be looked at again).
    fn run(&mut self, pb: &Playbook, ctx: Ctx, actions: &[Action]) -> bool {
        let mut changed = false;
        let mut cur = ctx;
        for a in actions {
            match a {
                Action::Stage { stage } => {
                    let Some(i) = pb.stages.iter().position(|s| s.id == *stage) else { continue };
                    match cur {
                        Some(c) if c == i => {}
                        Some(c) => {
                            self.edges.insert((c, i));
                        }
                        None => {
                            self.any_edges.insert(i);
                        }
                    }
                    cur = Some(i);
                }
                Action::Task { task, assignee, due } => {
                    let Some(def) = pb.tasks.get(task) else { continue };
                    changed |= add_ctx(&mut self.task_ctx, task, cur);
                    let who = assignee.clone().unwrap_or_else(|| def.assignee.clone());
                    let due = due.unwrap_or(def.due);
                    self.item(cur, format!("task:{task}:{who:?}:{due:?}"), Item::Task { task: task.clone(), who, due });
                }
                Action::SetTimer { timer, due } => {
                    changed |= add_ctx(&mut self.timer_ctx, timer, cur);
                    self.item(cur, format!("timer:{timer}:{due:?}"), Item::Timer { timer: timer.clone(), due: *due });
                }
                Action::StartSla { sla } if pb.slas.contains_key(sla) => {
                    changed |= add_ctx(&mut self.sla_ctx, sla, cur);
                    self.item(cur, format!("sla:{sla}"), Item::Sla { sla: sla.clone() });
                }
                Action::Escalate { chain } | Action::Notify { fallback: Some(chain), .. } if pb.escalations.contains_key(chain) => {
                    self.item(cur, format!("esc:{chain}"), Item::Escalation { chain: chain.clone() });
                }
                _ => {}
            }
        }
        changed
    }

    /// Where `rule` can run.
    fn rule_ctx(&self, pb: &Playbook, rule: &Rule) -> BTreeSet<Ctx> {
        let union = |map: &BTreeMap<String, BTreeSet<Ctx>>, keys: &[String]| -> BTreeSet<Ctx> {
            if keys.is_empty() {
                map.values().flatten().copied().collect()
            } else {
                keys.iter().filter_map(|k| map.get(k)).flatten().copied().collect()
            }
        };
        let base: BTreeSet<Ctx> = match rule.on {
            TriggerKind::LeadReceived => BTreeSet::from([Some(0)]),
            TriggerKind::StageEntered
            | TriggerKind::ActivityLogged
            | TriggerKind::FieldChanged
            | TriggerKind::OfferSent
            | TriggerKind::OfferAccepted
            | TriggerKind::OfferDeclined
            | TriggerKind::OfferChangesRequested
            | TriggerKind::OfferCreated
            | TriggerKind::RequisitesReceived
            | TriggerKind::InvoiceIssued
            | TriggerKind::DeliveryDone
            | TriggerKind::InvoicePaid
            | TriggerKind::PurchaseRequested
            | TriggerKind::PurchaseInvoiceReceived
            | TriggerKind::PurchasePaid => BTreeSet::from([None]),
            TriggerKind::TaskCompleted => union(&self.task_ctx, &rule.when.task),
            TriggerKind::TimerElapsed => union(&self.timer_ctx, &rule.when.timer),
        };
        if rule.when.stage.is_empty() {
            return base;
        }
        let only: BTreeSet<usize> =
            rule.when.stage.iter().filter_map(|id| pb.stages.iter().position(|s| s.id.eq_ignore_ascii_case(id))).collect();
        let mut out = BTreeSet::new();
        for c in base {
            match c {
                None => out.extend(only.iter().map(|i| Some(*i))),
                Some(i) if only.contains(&i) => {
                    out.insert(Some(i));
                }
                Some(_) => {}
            }
        }
        out
    }

    fn of(pb: &Playbook) -> Flow {
        let mut f = Flow::default();
        for (i, s) in pb.stages.iter().enumerate() {
            for n in &s.next {
                if let Some(j) = pb.stages.iter().position(|d| d.id == *n)
                    && j != i
                {
                    f.edges.insert((i, j));
                }
            }
        }
        // Each round can only add stages to finite sets, so this ends; the bound is a guard.
        for _ in 0..64 {
            let mut changed = false;
            for rule in &pb.rules {
                for ctx in f.rule_ctx(pb, rule) {
                    changed |= f.run(pb, ctx, &rule.actions);
                }
            }
            for (id, retry) in &pb.retries {
                let ctxs: BTreeSet<Ctx> = pb
                    .tasks
                    .values()
                    .filter(|t| t.retry.as_deref() == Some(id.as_str()))
                    .filter_map(|t| f.task_ctx.get(&t.id))
                    .flatten()
                    .copied()
                    .collect();
                for ctx in ctxs {
                    changed |= f.run(pb, ctx, &retry.exhausted);
                }
            }
            for (id, sla) in &pb.slas {
                let ctxs: BTreeSet<Ctx> = f.sla_ctx.get(id).cloned().unwrap_or_default();
                for ctx in ctxs {
                    changed |= f.run(pb, ctx, &sla.on_warning);
                    changed |= f.run(pb, ctx, &sla.on_breach);
                }
            }
            if !changed {
                break;
            }
        }
        f
    }
}

// ---------------------------------------------------------------------------------------------
// Words.

fn who_text(w: &Who) -> String {
    match w {
        Who::Owner => "owner".into(),
        Who::EnteredBy => "who entered it".into(),
        Who::Actor => "who did it".into(),
        Who::User(login) => login.clone(),
        Who::Role(r) => r.as_str().into(),
        Who::Customer => "customer".into(),
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `10 min`, `1 hour`, `2 days`, `90 s`.
fn span_text(d: SignedDuration, working: bool) -> String {
    let s = d.as_secs();
    let w = if working { "working " } else { "" };
    if s != 0 && s % 86_400 == 0 && !working {
        plural(s / 86_400, "day", "days")
    } else if s != 0 && s % 3600 == 0 {
        let h = s / 3600;
        format!("{h} {w}{}", if h == 1 { "hour" } else { "hours" })
    } else if s % 60 == 0 {
        format!("{} {w}min", s / 60)
    } else {
        format!("{s} {w}s")
    }
}

/// When something is due, for a reader: `now`, `in 10 min`, `in 10 working min`, `at 17:00`.
fn due_text(due: Due) -> String {
    match due {
        Due::After(d) if d.is_zero() => "now".into(),
        Due::After(d) => format!("in {}", span_text(d, false)),
        Due::AfterBusiness(d) if d.is_zero() => "at the next working moment".into(),
        Due::AfterBusiness(d) => format!("in {}", span_text(d, true)),
        Due::At(t) => format!("at {}", t.strftime("%H:%M")),
    }
}

/// A delay in a retry schedule: `5m`, `1h`, `2d`, `10 working min`, `at 10:00`.
fn delay_text(due: Due) -> String {
    match due {
        Due::After(d) => {
            let s = d.as_secs();
            if s == 0 {
                "now".into()
            } else if s % 86_400 == 0 {
                format!("{}d", s / 86_400)
            } else if s % 3600 == 0 {
                format!("{}h", s / 3600)
            } else if s % 60 == 0 {
                format!("{}m", s / 60)
            } else {
                format!("{s}s")
            }
        }
        Due::AfterBusiness(d) if d.is_zero() => "next working moment".into(),
        Due::AfterBusiness(d) => span_text(d, true),
        Due::At(t) => format!("at {}", t.strftime("%H:%M")),
    }
}

fn until_text(pb: &Playbook, u: &Until) -> String {
    match u {
        Until::Response => "until the customer is reached".into(),
        Until::Reaction => "until someone reacts".into(),
        Until::Stage(s) => format!("until “{}”", pb.stage(s).map(|d| d.title.as_str()).unwrap_or(s)),
        Until::Task(t) => format!("until “{}” is done", pb.tasks.get(t).map(|d| d.title.as_str()).unwrap_or(t)),
    }
}

/// Colour of the bar beside an item, its heading, and its detail line.
fn item_text(pb: &Playbook, item: &Item) -> (&'static str, String, String) {
    match item {
        Item::Task { task, who, due } => {
            let def = pb.tasks.get(task);
            let title = def.map(|d| d.title.clone()).unwrap_or_else(|| task.clone());
            let mut detail = Vec::new();
            if let Some(d) = def
                && d.priority >= Priority::High
            {
                detail.push(d.priority.as_str().to_owned());
            }
            detail.push(who_text(who));
            detail.push(format!("due {}", due_text(*due)));
            if let Some(r) = def.and_then(|d| d.retry.as_ref()).and_then(|r| pb.retries.get(r))
                && !r.after.is_empty()
            {
                detail.push(format!("retry {}", r.after.iter().map(|d| delay_text(*d)).collect::<Vec<_>>().join(", ")));
            }
            (TASK, title, detail.join(" · "))
        }
        Item::Timer { timer, due } => {
            let when = match due {
                Due::At(_) => due_text(*due),
                Due::After(d) if d.is_zero() => "now".into(),
                Due::After(d) => format!("after {}", span_text(*d, false)),
                Due::AfterBusiness(d) => format!("after {}", span_text(*d, true)),
            };
            (TIMER, format!("Timer: {timer}"), when)
        }
        Item::Sla { sla } => {
            let def = &pb.slas[sla];
            let working = matches!(def.within, Due::AfterBusiness(_));
            let mut detail = vec![match def.within {
                Due::After(d) | Due::AfterBusiness(d) => format!("within {}", span_text(d, working)),
                Due::At(_) => due_text(def.within),
            }];
            if let Some(w) = def.warn_before {
                detail.push(format!("warning {} before", span_text(w, working)));
            }
            detail.push(until_text(pb, &def.until));
            (SLA, format!("SLA: {}", def.title), detail.join(" · "))
        }
        Item::Escalation { chain } => {
            let def = &pb.escalations[chain];
            let people = def.steps.iter().map(|s| who_text(&s.notify)).collect::<Vec<_>>().join(" → ");
            let mut detail = Vec::new();
            let waits: Vec<String> = def.steps.iter().filter_map(|s| s.ack_within).map(delay_text).collect();
            if !waits.is_empty() {
                detail.push(format!("next after {}", waits.join(", ")));
            }
            detail.push(until_text(pb, &def.until));
            (ESCALATION, format!("Escalation: {people}"), detail.join(" · "))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing.

const MARGIN: i32 = 24;
const COL_W: i32 = 240;
const GAP: i32 = 56;
const PAD: i32 = 10;
const LANE: i32 = 9;
const MAX_COLS: usize = 4;
const MIN_WIDTH: i32 = 360;

const INK: &str = "#1b2a3a";
const MUTED: &str = "#5a6472";
const OPEN_STROKE: &str = "#2f6fb3";
const WON_STROKE: &str = "#2e8b57";
const WON_FILL: &str = "#e9f6ec";
const LOST_STROKE: &str = "#8a8a8a";
const LOST_FILL: &str = "#f3f3f3";
const EDGE: &str = "#44546a";
const TASK: &str = "#2f6fb3";
const SLA: &str = "#d9822b";
const ESCALATION: &str = "#c0392b";
const TIMER: &str = "#7d5ba6";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/// How many characters of text in `font` px fit in `width` px (an estimate: no font metrics).
fn fits(width: i32, font: i32, bold: bool) -> usize {
    (width * 100 / (font * if bold { 59 } else { 53 })).max(8) as usize
}

/// Greedy word wrap; a word longer than a line is cut.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let (wl, ll) = (word.chars().count(), line.chars().count());
            if ll == 0 && wl <= max {
                line.push_str(word);
                break;
            }
            if ll > 0 && ll + 1 + wl <= max {
                line.push(' ');
                line.push_str(word);
                break;
            }
            if ll > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let cut = word.char_indices().nth(max).map(|(i, _)| i).unwrap_or(word.len());
            lines.push(word[..cut].to_owned());
            word = &word[cut..];
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A block of wrapped lines: the text of each line, its font size, weight, colour and height.
#[derive(Default)]
struct Block {
    lines: Vec<(String, i32, bool, &'static str, i32)>,
}

impl Block {
    fn add(&mut self, text: &str, width: i32, font: i32, bold: bool, color: &'static str) {
        for l in wrap(text, fits(width, font, bold)) {
            self.lines.push((l, font, bold, color, font + font / 3 + 1));
        }
    }
    fn height(&self) -> i32 {
        self.lines.iter().map(|l| l.4).sum()
    }
    /// Draws the lines with their first baseline a font-size below `y`.
    fn draw(&self, out: &mut String, x: i32, mut y: i32) {
        for (text, font, bold, color, h) in &self.lines {
            let weight = if *bold { " font-weight=\"600\"" } else { "" };
            let _ =
                writeln!(out, "<text x=\"{x}\" y=\"{}\" font-size=\"{font}\"{weight} fill=\"{color}\">{}</text>", y + font, escape(text));
            y += h;
        }
    }
}

struct StageBox {
    block: Block,
    items: Vec<(&'static str, Block, String)>,
}

fn stage_colors(s: &StageDef) -> (&'static str, &'static str, &'static str) {
    use pronto_domain::lead::LeadStatus;
    match s.status {
        Some(LeadStatus::Won) => (WON_FILL, WON_STROKE, ""),
        Some(_) => (LOST_FILL, LOST_STROKE, " stroke-dasharray=\"5 3\""),
        None => ("#ffffff", OPEN_STROKE, ""),
    }
}

fn edge_style(s: &StageDef) -> (&'static str, &'static str, usize) {
    use pronto_domain::lead::LeadStatus;
    match s.status {
        Some(LeadStatus::Won) => (WON_STROKE, "", 1),
        // Solid: edges into one stage share their last runs, and dashes out of phase would
        // look like a smudge there.
        Some(_) => (LOST_STROKE, "", 2),
        None => (EDGE, "", 0),
    }
}

/// An id safe in an XML attribute and unique per playbook on a page.
fn id_prefix(name: &str) -> String {
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("pb-{clean}")
}

/// The lane of each run in a band (by its key), and how many lanes the band needs.
type Lanes = (BTreeMap<(u8, usize), i32>, i32);

/// A horizontal run in a band of lanes above a row of stages.
struct Run {
    key: (u8, usize),
    lo: i32,
    hi: i32,
}

/// Gives each run the lowest lane where it overlaps no other; shorter runs first (nearer the
/// boxes). Returns the lane of each key and how many lanes the band needs.
fn lanes(mut runs: Vec<Run>) -> Lanes {
    runs.sort_by_key(|r| (r.hi - r.lo, r.key));
    let mut taken: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut out = BTreeMap::new();
    for r in runs {
        let lane = (0..)
            .find(|l: &usize| taken.get(*l).is_none_or(|segs| segs.iter().all(|(a, b)| r.hi + 8 < *a || *b + 8 < r.lo)))
            .expect("a free lane");
        if taken.len() <= lane {
            taken.resize(lane + 1, Vec::new());
        }
        taken[lane].push((r.lo, r.hi));
        out.insert(r.key, lane as i32);
    }
    let n = taken.len() as i32;
    (out, n)
}

/// The playbook as an SVG document.
pub fn svg(pb: &Playbook) -> String {
    let flow = Flow::of(pb);
    let n = pb.stages.len();
    let rows = n.div_ceil(MAX_COLS).max(1);
    let cols = n.div_ceil(rows).max(1);
    let pos = |i: usize| (i / cols, i % cols);

    // Which edges run straight (to the next box in a row) and which go round through the lanes.
    let mut straight = Vec::new();
    let mut same_row = Vec::new();
    let mut cross_row = Vec::new();
    for &(a, b) in &flow.edges {
        let ((ra, ca), (rb, cb)) = (pos(a), pos(b));
        if ra == rb && cb == ca + 1 {
            straight.push((a, b));
        } else if ra == rb {
            same_row.push((a, b));
        } else {
            cross_row.push((a, b));
        }
    }
    // One vertical lane at the left per stage entered from another row, shortest nearest.
    let mut gutter_targets: Vec<usize> = cross_row.iter().map(|e| e.1).collect::<BTreeSet<_>>().into_iter().collect();
    gutter_targets.sort_by_key(|t| {
        let rows: Vec<usize> = cross_row.iter().filter(|e| e.1 == *t).map(|e| pos(e.0).0).collect();
        let (lo, hi) = (rows.iter().min().copied().unwrap_or(0).min(pos(*t).0), rows.iter().max().copied().unwrap_or(0).max(pos(*t).0));
        (hi - lo, *t)
    });
    let gutter = if gutter_targets.is_empty() { 0 } else { 12 + 8 * gutter_targets.len() as i32 };
    let grid_x = MARGIN + gutter;
    let col_x = |c: usize| grid_x + c as i32 * (COL_W + GAP);
    let gutter_x: BTreeMap<usize, i32> = gutter_targets.iter().enumerate().map(|(k, t)| (*t, grid_x - 10 - 8 * k as i32)).collect();

    let grid_w = cols as i32 * COL_W + (cols as i32 - 1) * GAP;
    let width = (gutter + grid_w + 2 * MARGIN).max(MIN_WIDTH);
    let inner = width - 2 * MARGIN;

    // Ports on the top of each box: lane runs leave at two thirds and arrive at one third.
    let out_x = |i: usize| col_x(pos(i).1) + COL_W * 2 / 3;
    let in_x = |i: usize| col_x(pos(i).1) + COL_W / 3;

    // The runs in each row's band: (0, edge#) same-row edges, (1, from) leaving for the gutter,
    // (2, to) arriving from the gutter.
    let mut band_runs: Vec<Vec<Run>> = (0..rows).map(|_| Vec::new()).collect();
    for (k, &(a, b)) in same_row.iter().enumerate() {
        let (x1, x2) = (out_x(a), in_x(b));
        band_runs[pos(a).0].push(Run { key: (0, k), lo: x1.min(x2), hi: x1.max(x2) });
    }
    for a in cross_row.iter().map(|e| e.0).collect::<BTreeSet<_>>() {
        let lo = cross_row.iter().filter(|e| e.0 == a).map(|e| gutter_x[&e.1]).min().unwrap_or(grid_x);
        band_runs[pos(a).0].push(Run { key: (1, a), lo, hi: out_x(a) });
    }
    for &b in &gutter_targets {
        band_runs[pos(b).0].push(Run { key: (2, b), lo: gutter_x[&b], hi: in_x(b) });
    }
    let band_lanes: Vec<Lanes> = band_runs.into_iter().map(lanes).collect();

    // Text blocks.
    let mut boxes: Vec<StageBox> = Vec::new();
    for (i, s) in pb.stages.iter().enumerate() {
        let mut block = Block::default();
        block.add(&s.title, COL_W - 2 * PAD, 14, true, INK);
        if !s.description.is_empty() {
            block.add(&s.description, COL_W - 2 * PAD, 12, false, MUTED);
        }
        let mut tag = s.id.clone();
        if i == 0 {
            tag.push_str(" · every lead starts here");
        }
        if let Some(st) = s.status {
            tag.push_str(&format!(" · closes the lead as {}", st.as_str()));
        }
        block.add(&tag, COL_W - 2 * PAD, 11, false, MUTED);
        let items = flow.items.get(&Some(i)).map(|list| list.iter().map(|it| item_block(pb, it, COL_W - 12)).collect()).unwrap_or_default();
        boxes.push(StageBox { block, items });
    }
    let any_items: Vec<(&'static str, Block, String)> =
        flow.items.get(&None).map(|list| list.iter().map(|it| item_block(pb, it, inner - 12)).collect()).unwrap_or_default();

    let mut header = Block::default();
    header.add(&pb.title, inner, 20, true, INK);
    if !pb.description.is_empty() {
        header.add(&pb.description, inner, 13, false, MUTED);
    }

    // Vertical layout.
    let mut y = MARGIN + header.height() + 16;
    struct RowGeom {
        box_top: i32,
        box_h: i32,
        items_top: i32,
    }
    let mut geo: Vec<RowGeom> = Vec::new();
    for (r, (_, lanes_n)) in band_lanes.iter().enumerate() {
        if r > 0 {
            y += 28;
        }
        y += if *lanes_n > 0 { 10 + lanes_n * LANE } else { 0 };
        let members = (r * cols)..((r + 1) * cols).min(n);
        let box_h = members.clone().map(|i| boxes[i].block.height() + 2 * PAD).max().unwrap_or(40).max(40);
        let box_top = y;
        let items_top = box_top + box_h + 14;
        let items_h = members.map(|i| boxes[i].items.iter().map(|(_, b, _)| b.height() + 10).sum::<i32>()).max().unwrap_or(0);
        y = items_top + items_h;
        geo.push(RowGeom { box_top, box_h, items_top });
    }
    let lane_y = |r: usize, lane: i32| geo[r].box_top - 8 - lane * LANE;

    // "At any stage": what is not tied to one stage.
    let any_top = y + 24;
    let mut any_block = Block::default();
    if !any_items.is_empty() || !flow.any_edges.is_empty() {
        any_block.add("At any stage", inner, 13, true, INK);
        for &j in &flow.any_edges {
            any_block.add(&format!("→ a rule may move the lead to “{}”", pb.stages[j].title), inner - 12, 12, false, INK);
        }
        y = any_top + any_block.height() + 6 + any_items.iter().map(|(_, b, _)| b.height() + 10).sum::<i32>();
    }
    let legend_y = y + 24;
    let height = legend_y + 14 + MARGIN;

    // Output.
    let id = id_prefix(&pb.name);
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">"
    );
    let _ = writeln!(out, "<title id=\"{id}-title\">{}</title>", escape(&pb.title));
    let desc = if pb.description.is_empty() { format!("The process of the playbook {}", pb.title) } else { pb.description.clone() };
    let _ = writeln!(out, "<desc id=\"{id}-desc\">{}</desc>", escape(&desc));
    let _ = writeln!(out, "<defs>");
    for (k, color) in [EDGE, WON_STROKE, LOST_STROKE].iter().enumerate() {
        let _ = writeln!(
            out,
            "<marker id=\"{id}-arrow{k}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"{color}\"/></marker>"
        );
    }
    let _ = writeln!(out, "</defs>");
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
    let _ = writeln!(out, "<g font-family=\"{}\">", escape(FONT));
    header.draw(&mut out, MARGIN, MARGIN);

    // Edges first, under the boxes; lost ones first, so that the others are drawn over them.
    let _ = writeln!(out, "<g fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\">");
    let mut paths: Vec<(usize, usize, usize, String)> = Vec::new();
    for &(a, b) in &straight {
        let g = &geo[pos(a).0];
        let yy = g.box_top + g.box_h / 2;
        paths.push((edge_style(&pb.stages[b]).2, a, b, format!("M{} {yy}H{}", col_x(pos(a).1) + COL_W, col_x(pos(b).1))));
    }
    for (k, &(a, b)) in same_row.iter().enumerate() {
        let r = pos(a).0;
        let ly = lane_y(r, band_lanes[r].0[&(0, k)]);
        let top = geo[r].box_top;
        paths.push((edge_style(&pb.stages[b]).2, a, b, format!("M{} {top}V{ly}H{}V{top}", out_x(a), in_x(b))));
    }
    for &(a, b) in &cross_row {
        let (ra, rb) = (pos(a).0, pos(b).0);
        let ly_a = lane_y(ra, band_lanes[ra].0[&(1, a)]);
        let ly_b = lane_y(rb, band_lanes[rb].0[&(2, b)]);
        let gx = gutter_x[&b];
        paths.push((
            edge_style(&pb.stages[b]).2,
            a,
            b,
            format!("M{} {}V{ly_a}H{gx}V{ly_b}H{}V{}", out_x(a), geo[ra].box_top, in_x(b), geo[rb].box_top),
        ));
    }
    paths.sort_by_key(|p| (std::cmp::Reverse(p.0), p.1, p.2));
    for (_, a, b, d) in &paths {
        let (color, dash, k) = edge_style(&pb.stages[*b]);
        let _ = writeln!(
            out,
            "<path d=\"{d}\" stroke=\"{color}\"{dash} marker-end=\"url(#{id}-arrow{k})\"><title>{} → {}</title></path>",
            escape(&pb.stages[*a].title),
            escape(&pb.stages[*b].title)
        );
    }
    let _ = writeln!(out, "</g>");

    // Stages and what happens in each.
    for (i, (s, b)) in pb.stages.iter().zip(&boxes).enumerate() {
        let (r, c) = pos(i);
        let g = &geo[r];
        let x = col_x(c);
        let (fill, stroke, dash) = stage_colors(s);
        let _ = writeln!(out, "<g>");
        let _ = writeln!(out, "<title>{}</title>", escape(&s.title));
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"{COL_W}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
            g.box_top, g.box_h
        );
        b.block.draw(&mut out, x + PAD, g.box_top + PAD);
        let mut iy = g.items_top;
        for (color, block, tip) in &b.items {
            draw_item(&mut out, x, iy, color, block, tip);
            iy += block.height() + 10;
        }
        let _ = writeln!(out, "</g>");
    }

    if !any_block.lines.is_empty() {
        let _ = writeln!(out, "<g>");
        any_block.draw(&mut out, MARGIN, any_top);
        let mut iy = any_top + any_block.height() + 6;
        for (color, block, tip) in &any_items {
            draw_item(&mut out, MARGIN, iy, color, block, tip);
            iy += block.height() + 10;
        }
        let _ = writeln!(out, "</g>");
    }

    // Legend.
    let _ = writeln!(out, "<g font-size=\"11\" fill=\"{MUTED}\">");
    let mut lx = MARGIN;
    for (color, word) in [(TASK, "task"), (SLA, "SLA"), (ESCALATION, "escalation"), (TIMER, "timer")] {
        let _ = writeln!(out, "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{color}\"/>", legend_y);
        let _ = writeln!(out, "<text x=\"{}\" y=\"{}\">{}</text>", lx + 14, legend_y + 9, escape(word));
        lx += 14 + word.len() as i32 * 6 + 18;
    }
    let _ = writeln!(out, "</g>");
    let _ = writeln!(out, "</g>");
    out.push_str("</svg>\n");
    out
}

fn item_block(pb: &Playbook, item: &Item, width: i32) -> (&'static str, Block, String) {
    let (color, head, detail) = item_text(pb, item);
    let mut b = Block::default();
    b.add(&head, width, 12, true, INK);
    if !detail.is_empty() {
        b.add(&detail, width, 11, false, MUTED);
    }
    let tip = if detail.is_empty() { head } else { format!("{head} ({detail})") };
    (color, b, tip)
}

fn draw_item(out: &mut String, x: i32, y: i32, color: &str, block: &Block, tip: &str) {
    let _ = writeln!(out, "<g>");
    let _ = writeln!(out, "<title>{}</title>", escape(tip));
    let _ = writeln!(out, "<rect x=\"{x}\" y=\"{}\" width=\"3\" height=\"{}\" rx=\"1\" fill=\"{color}\"/>", y + 1, block.height());
    block.draw(out, x + 10, y);
    let _ = writeln!(out, "</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every tag is closed in order, that text holds no raw `<` or stray `&`, and
    /// that attributes are quoted; returns the first problem.
    fn well_formed(xml: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = xml;
        let mut roots = 0;
        while !rest.is_empty() {
            match rest.find('<') {
                None => {
                    check_text(rest)?;
                    if !rest.trim().is_empty() {
                        return Err(format!("text after the root: {rest:?}"));
                    }
                    break;
                }
                Some(i) => {
                    check_text(&rest[..i])?;
                    if stack.is_empty() && !rest[..i].trim().is_empty() {
                        return Err(format!("text outside the root: {:?}", &rest[..i]));
                    }
                    rest = &rest[i..];
                }
            }
            let end = rest.find('>').ok_or("a tag without `>`")?;
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or_else(|| format!("`</{name}>` closes nothing"))?;
                if open != name.trim() {
                    return Err(format!("`</{name}>` closes `<{open}>`"));
                }
                continue;
            }
            if tag.contains('<') {
                return Err(format!("`<` inside a tag: {tag:?}"));
            }
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body.split_whitespace().next().ok_or("an empty tag")?.to_owned();
            if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("bad tag name {name:?}"));
            }
            check_attributes(&body[name.len()..])?;
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        if let Some(open) = stack.pop() {
            return Err(format!("`<{open}>` is never closed"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    fn check_text(text: &str) -> Result<(), String> {
        let mut rest = text;
        while let Some(i) = rest.find('&') {
            rest = &rest[i + 1..];
            let semi = rest.find(';').ok_or_else(|| format!("a stray `&` in {text:?}"))?;
            let entity = &rest[..semi];
            if !["amp", "lt", "gt", "quot", "apos"].contains(&entity) {
                return Err(format!("unknown entity `&{entity};`"));
            }
        }
        if text.contains('>') {
            return Err(format!("a raw `>` in text {text:?}"));
        }
        Ok(())
    }

    fn check_attributes(mut attrs: &str) -> Result<(), String> {
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                return Ok(());
            }
            let eq = attrs.find('=').ok_or_else(|| format!("an attribute without a value: {attrs:?}"))?;
            let name = &attrs[..eq];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
                return Err(format!("bad attribute name {name:?}"));
            }
            attrs = &attrs[eq + 1..];
            let rest = attrs.strip_prefix('"').ok_or_else(|| format!("unquoted value of {name}"))?;
            let close = rest.find('"').ok_or_else(|| format!("unclosed value of {name}"))?;
            check_text(&rest[..close])?;
            attrs = &rest[close + 1..];
        }
    }

    fn builtin(name: &str) -> Playbook {
        crate::parse(crate::builtin(name).unwrap()).unwrap()
    }

    #[test]
    fn escape_replaces_markup() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
        assert_eq!(escape("Tom & Jerry \"best\""), "Tom &amp; Jerry &quot;best&quot;");
        assert_eq!(escape("a\u{1}b\u{FFFF}c"), "abc");
        assert_eq!(escape("Příliš žluťoučký"), "Příliš žluťoučký");
    }

    #[test]
    fn the_checker_catches_broken_markup() {
        assert!(well_formed("<svg><g></g></svg>").is_ok());
        assert!(well_formed("<svg><g></svg>").is_err());
        assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
        assert!(well_formed("<svg><text>a <b</text></svg>").is_err());
        assert!(well_formed("<svg x=1/>").is_err());
        assert!(well_formed("<svg/><svg/>").is_err());
    }

    #[test]
    fn builtins_render_with_every_stage_and_sla() {
        for (name, _) in crate::BUILTIN {
            let pb = builtin(name);
            let svg = svg(&pb);
            well_formed(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), "{name}");
            assert!(svg.contains("role=\"img\""), "{name}");
            assert!(svg.contains(&format!("<title id=\"pb-{name}-title\">{}</title>", escape(&pb.title))), "{name}");
            for s in &pb.stages {
                assert!(svg.contains(&format!("<title>{}</title>", escape(&s.title))), "{name}: stage {}", s.id);
            }
            for sla in pb.slas.values() {
                assert!(svg.contains(&escape(&format!("SLA: {}", sla.title))), "{name}: SLA {}", sla.id);
            }
            assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count(), "{name}");
            assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count(), "{name}");
            // Deterministic.
            assert_eq!(svg, super::svg(&pb), "{name}");
        }
    }

    #[test]
    fn agency_shows_tasks_retries_and_escalation_under_their_stage() {
        let svg = svg(&builtin("agency"));
        assert!(svg.contains("SLA: First contact within 10 working minutes"));
        assert!(svg.contains("Escalation: owner → coordinator → manager"));
        assert!(svg.contains("retry 5m, 15m"));
        assert!(svg.contains("due in 4 working hours"));
        assert!(svg.contains("Call the new inquiry"));
        // Received → First contact is a rule's doing (not only `next`) and is drawn.
        assert!(svg.contains("<title>Received → First contact</title>"));
        assert!(svg.contains("<title>Offer → Cooperation</title>"));
    }

    #[test]
    fn distributor_follows_tasks_and_timers_into_their_stages() {
        let pb = builtin("distributor");
        let flow = Flow::of(&pb);
        let at = |stage: &str| Some(pb.stages.iter().position(|s| s.id == stage).unwrap());
        let tasks_in = |stage: &str| -> Vec<String> {
            flow.items
                .get(&at(stage))
                .into_iter()
                .flatten()
                .filter_map(|i| match i {
                    Item::Task { task, .. } => Some(task.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(tasks_in("received"), ["confirm_call", "consultation_call"]);
        assert!(tasks_in("confirmed").contains(&"manager_call".to_owned()));
        assert!(tasks_in("confirmed").contains(&"handle_objection".to_owned()));
        // The quality call follows a delivery recorded (`delivery.done`, issue 21), whatever the
        // stage: drawn apart with the other triggers that can come at any stage.
        assert!(tasks_in("delivered").is_empty());
        assert!(tasks_in("won").is_empty());
        assert!(flow.edges.contains(&(at("deal").unwrap(), at("invoiced").unwrap())));
        assert!(flow.items[&at("confirmed")].iter().any(|i| matches!(i, Item::Sla { sla } if sla == "manager_call")));
        // What reacts to calls from the exchange, or to an invoice issued (issue 21), can happen
        // at any stage: drawn apart.
        let anywhere: Vec<String> = flow.items[&None]
            .iter()
            .filter_map(|i| match i {
                Item::Task { task, .. } => Some(task.clone()),
                _ => None,
            })
            .collect();
        // … and what reacts to an invoice paid or unpaid after its due day (issue 21, payments).
        assert_eq!(anywhere, ["call_notes", "call_back", "confirm_documents", "pay_supplier", "unpaid_invoice_call", "unpaid_invoice_escalation", "quality_call"]);
        assert!(tasks_in("paid").contains(&"arrange_delivery".to_owned()));
    }

    #[test]
    fn a_single_stage_without_rules_renders() {
        let src = "name = \"tiny\"\n[[stages]]\nid = \"only\"\ntitle = \"Only <one> & done\"\n";
        // `parse` insists on rules; the diagram does not.
        let mut pb = crate::parse(&format!("{src}[[rules]]\non = \"lead.received\"\ndo = []\n")).unwrap();
        pb.rules.clear();
        let svg = svg(&pb);
        well_formed(&svg).unwrap();
        assert!(svg.contains("Only &lt;one&gt; &amp; done"));
        assert!(!svg.contains("marker-end="));
        assert!(svg.contains("viewBox=\"0 0 360 "));
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let src = r#"
name = "x"
title = "<script>alert(1)</script> & co"
description = "\"quoted\" 'single' <b>"
[[stages]]
id = "a"
title = "A & <B>"
next = ["b"]
[[stages]]
id = "b"
title = "</svg>"
status = "lost"
[tasks.t]
title = "Call <them> & \"ask\""
assignee = "user:o'neil"
[sla.s]
title = "<i>fast</i>"
within = "1h"
on_breach = [{ task = "t" }]
[[rules]]
on = "lead.received"
do = [{ task = "t" }, { start_sla = "s" }]
"#;
        let pb = crate::parse(src).unwrap_or_else(|p| panic!("{}", crate::render_problems(&p, "x", src)));
        let svg = svg(&pb);
        well_formed(&svg).unwrap();
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<B>"));
        assert!(!svg.contains("<i>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(svg.contains("o&apos;neil"));
        assert!(svg.contains("SLA: &lt;i&gt;fast&lt;/i&gt;"));
        assert_eq!(svg.matches("</svg>").count(), 1);
    }

    #[test]
    fn many_stages_wrap_into_rows_and_route_edges_between_them() {
        let mut src = String::from("name = \"long\"\n");
        for i in 0..10 {
            let next = if i < 9 { format!("next = [\"s{}\", \"s0\"]\n", i + 1) } else { String::new() };
            src.push_str(&format!("[[stages]]\nid = \"s{i}\"\ntitle = \"Stage number {i} with a rather long title\"\n{next}"));
        }
        src.push_str("[[rules]]\non = \"activity.logged\"\ndo = [{ stage = \"s9\" }]\n");
        let pb = crate::parse(&src).unwrap_or_else(|p| panic!("{}", crate::render_problems(&p, "x", &src)));
        let svg = svg(&pb);
        well_formed(&svg).unwrap();
        // 10 stages: 3 rows of 4, 4, 2; s3 → s4 and back to s0 cross rows.
        assert!(svg.contains("<title>Stage number 3 with a rather long title → Stage number 4 with a rather long title</title>"));
        assert!(svg.contains("At any stage"));
        assert!(svg.contains("a rule may move the lead to “Stage number 9 with a rather long title”"));
        for i in 0..10 {
            assert!(svg.contains(&format!("<title>Stage number {i} with a rather long title</title>")));
        }
    }

    #[test]
    fn words_for_durations() {
        use jiff::civil::Time;
        let m = |n: i64| SignedDuration::from_secs(n * 60);
        assert_eq!(due_text(Due::AfterBusiness(m(10))), "in 10 working min");
        assert_eq!(due_text(Due::AfterBusiness(m(60))), "in 1 working hour");
        assert_eq!(due_text(Due::AfterBusiness(SignedDuration::ZERO)), "at the next working moment");
        assert_eq!(due_text(Due::After(m(2 * 1440))), "in 2 days");
        assert_eq!(due_text(Due::After(SignedDuration::from_secs(90))), "in 90 s");
        assert_eq!(due_text(Due::At(Time::constant(17, 0, 0, 0))), "at 17:00");
        assert_eq!(delay_text(Due::After(m(5))), "5m");
        assert_eq!(delay_text(Due::After(m(1440))), "1d");
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 8), ["abcdefgh", "ij"]);
    }
}
