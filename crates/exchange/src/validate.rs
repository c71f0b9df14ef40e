//! The checks every imported plan passes, whatever its format.
use std::collections::{HashMap, HashSet};

use crate::error::ExchangeError;
use crate::model::{DocTask, PlanDoc, FORMAT_NAME, FORMAT_VERSION, PLAN_KINDS, TASK_STATUSES};

/// Where an item came from in the file, so that an error can name the line.
pub(crate) struct Lines<'a> {
    pub task: &'a dyn Fn(usize) -> Option<usize>,
    pub link: &'a dyn Fn(usize) -> Option<usize>,
}

pub(crate) const NO_LINES: Lines<'static> = Lines {
    task: &|_| None,
    link: &|_| None,
};

pub(crate) fn label(t: &DocTask) -> String {
    if t.name.trim().is_empty() {
        format!("任务 UID {}", t.uid)
    } else {
        format!("任务“{}”（UID {}）", t.name, t.uid)
    }
}

/// Checks the plan and settles what follows from the outline: a task with
/// sub-tasks is a summary whatever its flag says.
pub(crate) fn validate(doc: &mut PlanDoc, lines: &Lines) -> Result<(), ExchangeError> {
    if doc.format != FORMAT_NAME {
        return Err(ExchangeError::new(format!(
            "不是调度台的计划文件：format 为“{}”，应为“{FORMAT_NAME}”",
            doc.format
        )));
    }
    if doc.version == 0 || doc.version > FORMAT_VERSION {
        return Err(ExchangeError::new(format!(
            "不支持的文件版本 {}（本程序读写版本 {FORMAT_VERSION}）",
            doc.version
        )));
    }
    if doc.title.trim().is_empty() {
        return Err(ExchangeError::new("计划标题不能为空"));
    }
    if let Some(kind) = &doc.kind {
        if !PLAN_KINDS.iter().any(|(code, _)| code == kind) {
            return Err(ExchangeError::new(format!(
                "计划类型“{kind}”不对，应为 key（重点调度）、special（专项调度）或 daily（日常调度）"
            )));
        }
    }
    if let Some(end) = doc.end {
        if end < doc.start {
            return Err(ExchangeError::new(format!(
                "计划结束日期 {end} 早于开始日期 {}",
                doc.start
            )));
        }
    }

    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut prev_level = 0u32;
    for (i, t) in doc.tasks.iter().enumerate() {
        let at = (lines.task)(i);
        if t.uid.trim().is_empty() {
            return Err(ExchangeError::at(at, format!("第{}个任务缺少 UID", i + 1)));
        }
        if index.insert(t.uid.as_str(), i).is_some() {
            return Err(ExchangeError::at(at, format!("任务 UID {} 重复", t.uid)));
        }
        if t.outline_level == 0 {
            return Err(ExchangeError::at(
                at,
                format!("{}的大纲级别为 0，最小为 1", label(t)),
            ));
        }
        if t.outline_level > prev_level + 1 {
            return Err(ExchangeError::at(
                at,
                if i == 0 {
                    format!(
                        "第一个任务{}的大纲级别应为 1，却是 {}",
                        label(t),
                        t.outline_level
                    )
                } else {
                    format!(
                        "{}的大纲级别从上一任务的 {} 跳到 {}，一次只能深入一级",
                        label(t),
                        prev_level,
                        t.outline_level
                    )
                },
            ));
        }
        prev_level = t.outline_level;
        if t.duration < 0 {
            return Err(ExchangeError::at(
                at,
                format!("{}的工期 {} 为负数", label(t), t.duration),
            ));
        }
        if !(0..=100).contains(&t.percent_complete) {
            return Err(ExchangeError::at(
                at,
                format!(
                    "{}的完成百分比 {} 不在 0–100 之间",
                    label(t),
                    t.percent_complete
                ),
            ));
        }
        if let Some(s) = &t.status {
            if !TASK_STATUSES.iter().any(|(code, _)| code == s) {
                return Err(ExchangeError::at(
                    at,
                    format!(
                        "{}的状态“{s}”不对，应为 planned、in_progress、supervising、rectifying、closed 或 cancelled",
                        label(t)
                    ),
                ));
            }
        }
    }

    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); doc.tasks.len()];
    for (k, l) in doc.links.iter().enumerate() {
        let at = (lines.link)(k);
        let Some(&pred) = index.get(l.pred.as_str()) else {
            let whose = index
                .get(l.succ.as_str())
                .map(|&s| format!("{}的", label(&doc.tasks[s])))
                .unwrap_or_default();
            return Err(ExchangeError::at(
                at,
                format!("{whose}前置任务 UID {} 不存在", l.pred),
            ));
        };
        let succ = *index
            .get(l.succ.as_str())
            .ok_or_else(|| ExchangeError::at(at, format!("后续任务 UID {} 不存在", l.succ)))?;
        if pred == succ {
            return Err(ExchangeError::at(
                at,
                format!("{}不能作为自己的前置任务", label(&doc.tasks[pred])),
            ));
        }
        if !pairs.insert((pred, succ)) {
            return Err(ExchangeError::at(
                at,
                format!(
                    "{} 与 {} 之间有重复的前置关系",
                    label(&doc.tasks[pred]),
                    label(&doc.tasks[succ])
                ),
            ));
        }
        succs[pred].push(succ);
    }
    if let Some(cycle) = find_cycle(&succs) {
        let names: Vec<String> = cycle
            .iter()
            .map(|&i| {
                let t = &doc.tasks[i];
                if t.name.trim().is_empty() {
                    format!("UID {}", t.uid)
                } else {
                    t.name.clone()
                }
            })
            .collect();
        return Err(ExchangeError::new(format!(
            "前置关系形成循环：{}",
            names.join(" → ")
        )));
    }

    // A task followed by deeper ones has sub-tasks: it is a summary.
    let n = doc.tasks.len();
    for i in 0..n {
        if i + 1 < n && doc.tasks[i + 1].outline_level > doc.tasks[i].outline_level {
            doc.tasks[i].summary = true;
        }
    }
    Ok(())
}

/// A cycle as the list of its tasks with the first repeated at the end, if
/// the graph has one.
fn find_cycle(succs: &[Vec<usize>]) -> Option<Vec<usize>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; succs.len()];
    for root in 0..succs.len() {
        if state[root] != NEW {
            continue;
        }
        // (node, next successor to look at)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = OPEN;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&s) = succs[node].get(*next) {
                *next += 1;
                match state[s] {
                    NEW => {
                        state[s] = OPEN;
                        stack.push((s, 0));
                    }
                    OPEN => {
                        let from = stack.iter().position(|&(n, _)| n == s).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        cycle.push(s);
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                state[node] = DONE;
                stack.pop();
            }
        }
    }
    None
}
