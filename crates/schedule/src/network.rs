//! The plan as a graph: tasks by index, links as a compact successor list, the
//! hierarchy, and a precedence order of the leaf tasks. Everything the passes
//! need is laid out once here so that each pass is a single sweep over arrays,
//! O(tasks + links).
use std::collections::{HashMap, VecDeque};

use crate::error::{display_name, ScheduleError};
use crate::model::{Link, LinkKind, Task, TaskId};

/// A link as the passes see it: the successor's index and the lag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub to: usize,
    pub kind: LinkKind,
    pub lag: i64,
}

pub(crate) struct Network<'a> {
    pub tasks: &'a [Task],
    index: HashMap<TaskId, usize>,
    /// Successors of task i are `edges[first_edge[i]..first_edge[i + 1]]`.
    first_edge: Vec<usize>,
    edges: Vec<Edge>,
    pub parent: Vec<Option<usize>>,
    pub is_summary: Vec<bool>,
    /// Every task, each parent before its children.
    pub top_down: Vec<usize>,
    /// The leaf tasks, each predecessor before its successors.
    pub precedence: Vec<usize>,
}

impl<'a> Network<'a> {
    pub fn build(tasks: &'a [Task], links: &[Link]) -> Result<Self, ScheduleError> {
        let mut index = HashMap::with_capacity(tasks.len());
        for (i, t) in tasks.iter().enumerate() {
            if index.insert(t.id, i).is_some() {
                return Err(ScheduleError::DuplicateTask { id: t.id });
            }
        }
        let mut net = Network {
            tasks,
            index,
            first_edge: Vec::new(),
            edges: Vec::new(),
            parent: vec![None; tasks.len()],
            is_summary: vec![false; tasks.len()],
            top_down: Vec::new(),
            precedence: Vec::new(),
        };
        net.link_parents()?;
        net.order_hierarchy()?;
        net.add_links(links)?;
        net.order_precedence()?;
        Ok(net)
    }

    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    pub fn successors(&self, i: usize) -> &[Edge] {
        &self.edges[self.first_edge[i]..self.first_edge[i + 1]]
    }

    pub fn name(&self, id: TaskId) -> Option<String> {
        self.index.get(&id).map(|&i| self.tasks[i].name.clone())
    }

    fn link_parents(&mut self) -> Result<(), ScheduleError> {
        for (i, t) in self.tasks.iter().enumerate() {
            if let Some(p) = t.parent {
                let pi = *self.index.get(&p).ok_or(ScheduleError::UnknownParent {
                    task: t.id,
                    parent: p,
                })?;
                self.parent[i] = Some(pi);
                self.is_summary[pi] = true;
            }
        }
        Ok(())
    }

    /// Orders the hierarchy top-down from the root tasks. A task never reached
    /// sits on a loop of parent references, which is reported by name.
    fn order_hierarchy(&mut self) -> Result<(), ScheduleError> {
        let n = self.len();
        let (first_child, children) =
            group_by(n, (0..n).filter_map(|i| Some((self.parent[i]?, i))));
        let mut order = Vec::with_capacity(n);
        order.extend((0..n).filter(|&i| self.parent[i].is_none()));
        let mut next = 0;
        while next < order.len() {
            let p = order[next];
            order.extend_from_slice(&children[first_child[p]..first_child[p + 1]]);
            next += 1;
        }
        if order.len() < n {
            let mut reached = vec![false; n];
            for &i in &order {
                reached[i] = true;
            }
            let start = (0..n).find(|&i| !reached[i]).unwrap_or(0);
            let walk = first_repeat(start, |i| self.parent[i]);
            let ids: Vec<TaskId> = walk.iter().rev().map(|&i| self.tasks[i].id).collect();
            let names = walk
                .iter()
                .rev()
                .map(|&i| display_name(self.tasks[i].id, Some(self.tasks[i].name.clone())))
                .collect();
            return Err(ScheduleError::HierarchyCycle { ids, names });
        }
        self.top_down = order;
        Ok(())
    }

    fn add_links(&mut self, links: &[Link]) -> Result<(), ScheduleError> {
        let n = self.len();
        let mut resolved = Vec::with_capacity(links.len());
        for l in links {
            let from = self.leaf(l.pred)?;
            let to = self.leaf(l.succ)?;
            if from == to {
                return Err(ScheduleError::cycle(vec![l.pred, l.pred], |id| {
                    self.name(id)
                }));
            }
            let edge = Edge {
                to,
                kind: l.kind,
                lag: i64::from(l.lag),
            };
            resolved.push((from, edge));
        }
        let (first, edges) = group_by(n, resolved.into_iter());
        self.first_edge = first;
        self.edges = edges;
        Ok(())
    }

    fn leaf(&self, id: TaskId) -> Result<usize, ScheduleError> {
        let i = *self
            .index
            .get(&id)
            .ok_or(ScheduleError::UnknownTask { id })?;
        if self.is_summary[i] {
            return Err(ScheduleError::LinkToSummary {
                id,
                name: display_name(id, Some(self.tasks[i].name.clone())),
            });
        }
        Ok(i)
    }

    /// Kahn's algorithm over the leaf tasks. Tasks left over when no task is
    /// free any more lie on or behind a cycle; one cycle among them is named.
    fn order_precedence(&mut self) -> Result<(), ScheduleError> {
        let n = self.len();
        let mut waiting = vec![0u32; n];
        for e in &self.edges {
            waiting[e.to] += 1;
        }
        let leaves = (0..n).filter(|&i| !self.is_summary[i]).count();
        let mut order = Vec::with_capacity(leaves);
        let mut free: VecDeque<usize> = (0..n)
            .filter(|&i| !self.is_summary[i] && waiting[i] == 0)
            .collect();
        while let Some(i) = free.pop_front() {
            order.push(i);
            for e in self.successors(i) {
                waiting[e.to] -= 1;
                if waiting[e.to] == 0 {
                    free.push_back(e.to);
                }
            }
        }
        if order.len() < leaves {
            return Err(self.cycle_among(&waiting));
        }
        self.precedence = order;
        Ok(())
    }

    /// Every task still waiting has a waiting predecessor, so walking back
    /// from one of them must come round to a task already seen.
    fn cycle_among(&self, waiting: &[u32]) -> ScheduleError {
        let n = self.len();
        let mut pred_of: Vec<Option<usize>> = vec![None; n];
        for i in 0..n {
            for e in self.successors(i) {
                if waiting[i] > 0 && waiting[e.to] > 0 && pred_of[e.to].is_none() {
                    pred_of[e.to] = Some(i);
                }
            }
        }
        let start = (0..n).find(|&i| waiting[i] > 0).unwrap_or(0);
        let walk = first_repeat(start, |i| pred_of[i]);
        // The walk went against the links; the message reads along them.
        let ids = walk.iter().rev().map(|&i| self.tasks[i].id).collect();
        ScheduleError::cycle(ids, |id| self.name(id))
    }
}

/// Follows `step` from `start` until a node repeats and returns the loop,
/// closed: [a, b, .., a] in walking order. Callers guarantee the walk never
/// stops (every node has a next one); if it did, the path so far is returned.
fn first_repeat(start: usize, step: impl Fn(usize) -> Option<usize>) -> Vec<usize> {
    let mut seen_at: HashMap<usize, usize> = HashMap::new();
    let mut path = Vec::new();
    let mut at = start;
    loop {
        if let Some(&pos) = seen_at.get(&at) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(at);
            return cycle;
        }
        seen_at.insert(at, path.len());
        path.push(at);
        match step(at) {
            Some(next) => at = next,
            None => return path,
        }
    }
}

/// Groups (key, value) pairs by key index into one flat array with offsets
/// (compressed rows), preserving input order within a key.
fn group_by<T: Copy>(
    n: usize,
    pairs: impl Iterator<Item = (usize, T)> + Clone,
) -> (Vec<usize>, Vec<T>) {
    let mut first = vec![0usize; n + 1];
    let mut count = 0;
    for (k, _) in pairs.clone() {
        first[k + 1] += 1;
        count += 1;
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut fill = first.clone();
    let mut out: Vec<Option<T>> = vec![None; count];
    for (k, v) in pairs {
        out[fill[k]] = Some(v);
        fill[k] += 1;
    }
    (first, out.into_iter().flatten().collect())
}

/// Whether adding `new_link` to `links` would close a cycle, checked before
/// the link is stored. Returns the tasks of the cycle along the links, ending
/// with the first again ([a, b, c, a]: a → b → c → a), using the shortest way
/// back so the message stays short. A link from a task to itself is the
/// cycle [a, a]. Link types and lags do not matter: any precedence loop is
/// refused.
pub fn would_create_cycle(links: &[Link], new_link: &Link) -> Option<Vec<TaskId>> {
    let (from, to) = (new_link.pred, new_link.succ);
    if from == to {
        return Some(vec![from, from]);
    }
    let mut succ: HashMap<TaskId, Vec<TaskId>> = HashMap::new();
    for l in links {
        succ.entry(l.pred).or_default().push(l.succ);
    }
    // Breadth-first from the new successor: reaching the new predecessor means
    // the new link would close the loop.
    let mut came_from: HashMap<TaskId, TaskId> = HashMap::new();
    let mut queue = VecDeque::from([to]);
    came_from.insert(to, to);
    while let Some(at) = queue.pop_front() {
        if at == from {
            let mut back = vec![from];
            let mut cur = from;
            while cur != to {
                match came_from.get(&cur) {
                    Some(&prev) => cur = prev,
                    None => break,
                }
                back.push(cur);
            }
            back.reverse(); // to .. from
            let mut cycle = vec![from];
            cycle.extend(back);
            return Some(cycle);
        }
        for &next in succ.get(&at).map(Vec::as_slice).unwrap_or(&[]) {
            if let std::collections::hash_map::Entry::Vacant(v) = came_from.entry(next) {
                v.insert(at);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_link_closing_a_loop_is_found_with_the_shortest_way_round() {
        let links = [
            Link::fs(1, 2),
            Link::fs(2, 3),
            Link::fs(3, 4),
            Link::fs(2, 4),
        ];
        assert_eq!(
            would_create_cycle(&links, &Link::fs(4, 1)),
            Some(vec![4, 1, 2, 4])
        );
        assert_eq!(
            would_create_cycle(&links, &Link::fs(3, 2)),
            Some(vec![3, 2, 3])
        );
        assert_eq!(would_create_cycle(&links, &Link::fs(1, 4)), None);
        assert_eq!(would_create_cycle(&links, &Link::fs(5, 1)), None);
        assert_eq!(
            would_create_cycle(&links, &Link::fs(7, 7)),
            Some(vec![7, 7])
        );
        let ss = Link::new(4, 2, LinkKind::StartToStart, -3);
        assert_eq!(would_create_cycle(&links, &ss), Some(vec![4, 2, 4]));
    }

    #[test]
    fn group_by_keeps_order_within_a_key() {
        let (first, out) = group_by(3, [(2, 'a'), (0, 'b'), (2, 'c')].into_iter());
        assert_eq!(first, vec![0, 1, 1, 3]);
        assert_eq!(out, vec!['b', 'a', 'c']);
    }

    #[test]
    fn first_repeat_returns_the_closed_loop() {
        // 0 → 1 → 2 → 3 → 1
        let next = [1, 2, 3, 1];
        assert_eq!(first_repeat(0, |i| Some(next[i])), vec![1, 2, 3, 1]);
    }
}
