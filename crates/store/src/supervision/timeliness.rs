//! Timeliness per unit (按时率), the one measure behind the dashboard chart,
//! the ranking of a stage bulletin and the annual on-time rate.
//!
//! Counted: every supervision node of a unit's records (periodic reports and
//! deadlines / scheduled finishes) whose date falls in the period and that
//! has been decided by today — met on time, met late, or missing because its
//! date has passed. Nodes not yet due are not counted. The rate is
//! on time ÷ counted.
use super::lights::DueState;
use super::nodes::NodeState;
use super::targets::Target;
use chrono::NaiveDate;
use diaodu_schedule::WorkCalendar;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UnitTimeliness {
    pub unit_id: Option<i64>,
    pub unit_name: String,
    pub unit_kind: Option<String>,
    pub counted: i64,
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
    /// on_time / counted; null when nothing was counted.
    pub rate: Option<f64>,
    /// Records of the unit that are overdue today.
    pub overdue_now: i64,
}

/// Per unit over `targets`, nodes dated in [from, to]; units with nothing
/// counted and nothing overdue are left out. Sorted by rate (best first),
/// then by more nodes counted, then by name.
pub fn timeliness<'a>(
    targets: impl IntoIterator<Item = &'a Target>,
    cal: &WorkCalendar,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<UnitTimeliness> {
    let mut by_unit: BTreeMap<String, UnitTimeliness> = BTreeMap::new();
    for t in targets {
        if t.unit_name.is_empty() {
            continue;
        }
        let entry = by_unit
            .entry(t.unit_name.clone())
            .or_insert_with(|| UnitTimeliness {
                unit_id: t.unit_id,
                unit_name: t.unit_name.clone(),
                unit_kind: t.unit_kind.clone(),
                counted: 0,
                on_time: 0,
                late: 0,
                missing: 0,
                rate: None,
                overdue_now: 0,
            });
        let statuses = t.statuses(cal, today);
        for s in statuses
            .iter()
            .filter(|s| s.node.date >= from && s.node.date <= to)
        {
            match s.state {
                NodeState::OnTime => entry.on_time += 1,
                NodeState::Late => entry.late += 1,
                NodeState::Missing => entry.missing += 1,
                NodeState::Pending => continue,
            }
            entry.counted += 1;
        }
        if t.light(&statuses, cal, today) == DueState::Overdue {
            entry.overdue_now += 1;
        }
    }
    let mut out: Vec<UnitTimeliness> = by_unit
        .into_values()
        .filter(|u| u.counted > 0 || u.overdue_now > 0)
        .map(|mut u| {
            u.rate = (u.counted > 0).then(|| u.on_time as f64 / u.counted as f64);
            u
        })
        .collect();
    out.sort_by(|a, b| {
        b.rate
            .unwrap_or(-1.0)
            .total_cmp(&a.rate.unwrap_or(-1.0))
            .then(b.counted.cmp(&a.counted))
            .then(a.unit_name.cmp(&b.unit_name))
    });
    out
}

/// 87.5%
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => {
            let p = (r * 1000.0).round() / 10.0;
            if p.fract() == 0.0 {
                format!("{p:.0}%")
            } else {
                format!("{p:.1}%")
            }
        }
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents() {
        assert_eq!(percent(Some(0.875)), "87.5%");
        assert_eq!(percent(Some(1.0)), "100%");
        assert_eq!(percent(Some(2.0 / 3.0)), "66.7%");
        assert_eq!(percent(None), "—");
    }
}
