//! The registers' part of the annual figures (年度统计): leaders' visits to
//! their assistance points, the problems raised and solved there, and the
//! emergency events.
use crate::db::sql_err;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegisterFigures {
    /// Visits to assistance points dated in the year.
    pub assistance_visits: i64,
    /// Problems raised on those visits.
    pub visit_problems_raised: i64,
    /// Problems (raised on any visit) solved in the year: solved on the spot,
    /// their task closed (完成闭合) or their rectification closed out (销号).
    pub visit_problems_solved: i64,
    /// Emergency events that happened in the year.
    pub emergency_events: i64,
    /// Of those, closed.
    pub emergencies_closed: i64,
}

pub(crate) fn register_figures(conn: &Connection, year: i32) -> Result<RegisterFigures> {
    let y = format!("{year:04}");
    let count =
        |sql: &str| -> Result<i64> { conn.query_row(sql, [&y], |r| r.get(0)).map_err(sql_err) };
    let solved = super::visits::all_problems(conn)?
        .iter()
        .filter(|p| p.solved_on.as_deref().and_then(|d| d.get(..4)) == Some(y.as_str()))
        .count() as i64;
    Ok(RegisterFigures {
        assistance_visits: count(
            "SELECT COUNT(*) FROM assistance_visit WHERE substr(visited_on, 1, 4) = ?1",
        )?,
        visit_problems_raised: count(
            "SELECT COUNT(*) FROM visit_problem q JOIN assistance_visit v ON v.id = q.visit_id
             WHERE substr(v.visited_on, 1, 4) = ?1",
        )?,
        visit_problems_solved: solved,
        emergency_events: count(
            "SELECT COUNT(*) FROM emergency_event WHERE substr(occurred_at, 1, 4) = ?1",
        )?,
        emergencies_closed: count(
            "SELECT COUNT(*) FROM emergency_event WHERE substr(occurred_at, 1, 4) = ?1 AND status = 'closed'",
        )?,
    })
}
