//! From boundaries to the working days a task's dates fall on, for leaf tasks,
//! and the summary tasks' span over their children.
use crate::cpm::{Inputs, Times};
use crate::network::Network;

/// One task's result as working-day indices (not yet dates).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub start: i64,
    pub finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    pub cannot_meet_deadline: bool,
}

impl Row {
    /// The identity of `merge`: what a summary task starts from.
    const EMPTY: Row = Row {
        start: i64::MAX,
        finish: i64::MIN,
        late_start: i64::MAX,
        late_finish: i64::MIN,
        total_float: i64::MAX,
        free_float: i64::MAX,
        critical: false,
        cannot_meet_deadline: false,
    };

    /// A summary spans its children, and is as tight as its tightest child:
    /// a stage holding a critical task is on the critical path.
    fn merge(&mut self, child: &Row) {
        self.start = self.start.min(child.start);
        self.finish = self.finish.max(child.finish);
        self.late_start = self.late_start.min(child.late_start);
        self.late_finish = self.late_finish.max(child.late_finish);
        self.total_float = self.total_float.min(child.total_float);
        self.free_float = self.free_float.min(child.free_float);
        self.critical |= child.critical;
        self.cannot_meet_deadline |= child.cannot_meet_deadline;
    }
}

pub(crate) fn rows(net: &Network, inputs: &Inputs, t: &Times) -> Vec<Row> {
    let mut rows = vec![Row::EMPTY; net.len()];
    for &i in &net.precedence {
        rows[i] = leaf_row(net, inputs, t, i);
    }
    // Bottom-up: in reverse top-down order every child is folded into its
    // parent before that parent is folded into its own.
    for &i in net.top_down.iter().rev() {
        if let Some(p) = net.parent[i] {
            let child = rows[i];
            rows[p].merge(&child);
        }
    }
    rows
}

fn leaf_row(net: &Network, inputs: &Inputs, t: &Times, i: usize) -> Row {
    let span = inputs.span[i];
    // An end-labelled milestone at boundary b is dated on day b - 1.
    let shift = i64::from(span == 0 && t.end_labeled[i]);
    let (start, late_start) = (t.es[i] - shift, t.ls[i] - shift);
    let (finish, late_finish) = if span == 0 {
        (start, late_start)
    } else {
        (t.ef[i] - 1, t.lf[i] - 1)
    };
    let done = net.tasks[i].actual_finish.is_some();
    Row {
        start,
        finish,
        late_start,
        late_finish,
        total_float: t.total_float[i],
        free_float: t.free_float[i],
        // A finished task cannot be sped up or slipped any more, so it is not
        // what the critical-path highlight should point the office at.
        critical: t.total_float[i] <= 0 && !done,
        cannot_meet_deadline: t.total_float[i] < 0,
    }
}
