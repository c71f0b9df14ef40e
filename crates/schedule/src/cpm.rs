//! The critical path method on working-day boundaries.
//!
//! Time is counted in working-day indices (see
//! `WorkCalendar::working_day_index`): boundary `b` is the moment working day
//! `b` begins, which is also the moment working day `b - 1` ends. A task of `d`
//! days occupies [start, start + d), so a one-day task starting on day `b`
//! finishes at boundary `b + 1` and its finish date is day `b` (finish dates
//! are inclusive). All passes are integer arithmetic on these boundaries; dates
//! are produced only at the end.
//!
//! A milestone has no length, so boundary `b` alone does not say whether it
//! falls at the end of day `b - 1` or the start of day `b`, and the two are
//! different dates. The forward pass records which: a milestone driven by a
//! predecessor's finish (FS, FF) is "end-labelled" and dated on the day that
//! predecessor finishes; one driven by a start (SS, SF, the project start, a
//! start-no-earlier-than date) is dated on the day that starts. When both
//! drive it at the same boundary, the start wins, as the later of the two
//! moments. This is how MS Project's times of day behave, reduced to dates.
use crate::network::Network;

/// A task's recorded start or finish, already turned into boundaries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pinned {
    pub start: i64,
    pub end_labeled: bool,
}

/// What the passes need per task (summary entries are ignored).
pub(crate) struct Inputs {
    /// Working days; for a task with recorded dates, the recorded length.
    pub span: Vec<i64>,
    /// Earliest start boundary: the project start or a start-no-earlier-than
    /// date, inherited from summary tasks.
    pub not_before: Vec<i64>,
    /// The boundary ending the deadline date (the deadline's index + 1), or
    /// None.
    pub finish_limit: Vec<Option<i64>>,
    pub pinned: Vec<Option<Pinned>>,
}

pub(crate) struct Times {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
    pub ls: Vec<i64>,
    pub lf: Vec<i64>,
    pub end_labeled: Vec<bool>,
    pub total_float: Vec<i64>,
    pub free_float: Vec<i64>,
}

impl Times {
    fn new(n: usize) -> Self {
        Times {
            es: vec![0; n],
            ef: vec![0; n],
            ls: vec![0; n],
            lf: vec![0; n],
            end_labeled: vec![false; n],
            total_float: vec![0; n],
            free_float: vec![0; n],
        }
    }

    /// A start-labelled milestone's date is the day beginning at its
    /// boundary; anything else is dated by the day ending there.
    pub fn starts_its_day(&self, inputs: &Inputs, i: usize) -> bool {
        inputs.span[i] == 0 && !self.end_labeled[i]
    }

    /// The boundary that ends task i's early finish date: what a deadline or
    /// the project finish date is compared with.
    fn finish_date_end(&self, inputs: &Inputs, i: usize) -> i64 {
        self.ef[i] + i64::from(self.starts_its_day(inputs, i))
    }
}

/// Runs both passes and the floats. Returns the times and the boundary ending
/// the project's finish date.
pub(crate) fn run(net: &Network, inputs: &Inputs, project_start: i64) -> (Times, i64) {
    let mut t = Times::new(net.len());
    forward(net, inputs, &mut t);
    let project_end = net
        .precedence
        .iter()
        .map(|&i| t.finish_date_end(inputs, i))
        .max()
        .unwrap_or(project_start);
    backward(net, inputs, &mut t, project_end);
    floats(net, inputs, &mut t, project_end);
    (t, project_end)
}

/// Early dates in precedence order. Each task pushes its constraints to its
/// successors, so every link is visited once. A bound is kept as
/// `2 * boundary + 1` for a start-driven bound and `2 * boundary` for a
/// finish-driven one, so that taking the maximum also settles a milestone's
/// label, with the start winning ties.
fn forward(net: &Network, inputs: &Inputs, t: &mut Times) {
    let mut bound: Vec<i64> = inputs.not_before.iter().map(|&b| 2 * b + 1).collect();
    for &u in &net.precedence {
        let span = inputs.span[u];
        let (es, end_labeled) = match inputs.pinned[u] {
            Some(p) => (p.start, p.end_labeled),
            None => (bound[u] >> 1, span == 0 && bound[u] & 1 == 0),
        };
        t.es[u] = es;
        t.ef[u] = es + span;
        t.end_labeled[u] = end_labeled;
        for e in net.successors(u) {
            let (from, finish_driven) = if e.kind.driven_by_start() {
                (t.es[u], span == 0 && end_labeled)
            } else {
                (t.ef[u], span > 0 || end_labeled)
            };
            let mut at = from + e.lag;
            if e.kind.constrains_finish() {
                at -= inputs.span[e.to];
            }
            let key = 2 * at + i64::from(!finish_driven);
            if key > bound[e.to] {
                bound[e.to] = key;
            }
        }
    }
}

/// Late dates in reverse precedence order, pulling from successors.
fn backward(net: &Network, inputs: &Inputs, t: &mut Times, project_end: i64) {
    for &u in net.precedence.iter().rev() {
        let span = inputs.span[u];
        // A start-labelled milestone at boundary b is dated on day b, so to
        // stay on or before a date it must sit one boundary earlier than a
        // finish would.
        let own_day = i64::from(t.starts_its_day(inputs, u));
        let mut lf = project_end - own_day;
        if let Some(limit) = inputs.finish_limit[u] {
            lf = lf.min(limit - own_day);
        }
        for e in net.successors(u) {
            let target = if e.kind.constrains_finish() {
                t.lf[e.to]
            } else {
                t.ls[e.to]
            };
            let mut at = target - e.lag;
            if e.kind.driven_by_start() {
                at += span;
            }
            lf = lf.min(at);
        }
        t.lf[u] = lf;
        t.ls[u] = lf - span;
    }
}

/// Total float is how far the task may slip before some finish date (the
/// project's or a deadline) slips; free float, how far before a successor's
/// early date does. Free float is never negative and never more than the
/// total float: a task that may not slip at all frees nothing for anyone.
fn floats(net: &Network, inputs: &Inputs, t: &mut Times, project_end: i64) {
    for &u in &net.precedence {
        let total = t.ls[u] - t.es[u];
        let succ = net.successors(u);
        let free = if succ.is_empty() {
            project_end - t.finish_date_end(inputs, u)
        } else {
            succ.iter()
                .map(|e| {
                    let from = if e.kind.driven_by_start() {
                        t.es[u]
                    } else {
                        t.ef[u]
                    };
                    let to = if e.kind.constrains_finish() {
                        t.ef[e.to]
                    } else {
                        t.es[e.to]
                    };
                    to - (from + e.lag)
                })
                .min()
                .unwrap_or(0)
        };
        t.total_float[u] = total;
        t.free_float[u] = free.min(total).max(0);
    }
}
