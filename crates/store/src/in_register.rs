//! Whether a record may point at a unit or a person: it must exist and not be
//! retired. One query and one message for every form that names one (a new
//! assignment to a retired unit is refused; an old one stays readable).
use crate::db::sql_err;
use crate::Result;
use diaodu_domain::CoreError;
use rusqlite::{Connection, OptionalExtension};

/// An active unit's name and kind, or `None` when it is unknown or retired.
pub(crate) fn active_unit(conn: &Connection, id: i64) -> Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT name, kind FROM unit WHERE id = ?1 AND retired_at IS NULL",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(sql_err)
}

pub(crate) fn unit_is_active(conn: &Connection, id: i64) -> Result<bool> {
    Ok(active_unit(conn, id)?.is_some())
}

pub(crate) fn person_is_active(conn: &Connection, id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM person WHERE id = ?1 AND retired_at IS NULL)",
        [id],
        |r| r.get(0),
    )
    .map_err(sql_err)
}

fn in_register(active: bool, field: &str, what: &str) -> Result<()> {
    if active {
        Ok(())
    } else {
        Err(CoreError::validation(
            field,
            format!("{what}不存在或已撤销"),
        ))
    }
}

/// Refuses an unknown or retired unit: "{what}不存在或已撤销" on `field`.
pub(crate) fn require_active_unit(
    conn: &Connection,
    id: i64,
    field: &str,
    what: &str,
) -> Result<()> {
    in_register(unit_is_active(conn, id)?, field, what)
}

/// Refuses an unknown or retired person: "{what}不存在或已撤销" on `field`.
pub(crate) fn require_active_person(
    conn: &Connection,
    id: i64,
    field: &str,
    what: &str,
) -> Result<()> {
    in_register(person_is_active(conn, id)?, field, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE unit (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, retired_at TEXT);
             CREATE TABLE person (id INTEGER PRIMARY KEY, retired_at TEXT);
             INSERT INTO unit VALUES (1, '组织部', 'department', NULL), (2, '旧支部', 'branch', '2026-01-01');
             INSERT INTO person VALUES (1, NULL), (2, '2026-01-01');",
        )
        .unwrap();
        c
    }

    #[test]
    fn retired_and_unknown_are_refused_with_the_field() {
        let c = conn();
        assert_eq!(
            active_unit(&c, 1).unwrap(),
            Some(("组织部".into(), "department".into()))
        );
        require_active_unit(&c, 1, "unitId", "责任单位").unwrap();
        for id in [2, 3, i64::MAX, -1] {
            let e = require_active_unit(&c, id, "unitId", "责任单位").unwrap_err();
            assert_eq!(e.field.as_deref(), Some("unitId"));
            assert_eq!(e.message, "责任单位不存在或已撤销");
        }
        require_active_person(&c, 1, "personId", "责任人").unwrap();
        let e = require_active_person(&c, 2, "personId", "责任人").unwrap_err();
        assert_eq!(e.message, "责任人不存在或已撤销");
    }
}
