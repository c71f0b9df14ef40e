//! Small helpers for the store's read queries: a list of rows, and a WHERE
//! clause put together from a filter's optional fields.
use crate::db::sql_err;
use crate::Result;
use rusqlite::types::Value;
use rusqlite::Connection;

/// Rows of a query as a list (the statement's parameters given).
pub(crate) fn rows<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(sql_err)?;
    let out = stmt
        .query_map(params, f)
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    out
}

/// Conditions joined with AND, each with the values of its `?`s in order.
#[derive(Debug, Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    args: Vec<Value>,
}

impl Where {
    /// A condition that takes no value.
    pub fn cond(&mut self, clause: impl Into<String>) {
        self.clauses.push(clause.into());
    }

    /// A condition whose `?`s take `args` in order.
    pub fn with(&mut self, clause: impl Into<String>, args: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.args.extend(args);
    }

    /// A condition with one value.
    pub fn is(&mut self, clause: impl Into<String>, arg: impl Into<Value>) {
        self.with(clause, [arg.into()]);
    }

    /// A condition whose every `?` is a LIKE pattern holding `text`.
    pub fn contains(&mut self, clause: impl Into<String>, text: &str) {
        let clause = clause.into();
        let n = clause.matches('?').count();
        let pattern = Value::Text(format!("%{text}%"));
        self.with(clause, std::iter::repeat_n(pattern, n));
    }

    /// `" WHERE a AND b"`, or nothing when no condition was given.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    pub fn params(&self) -> rusqlite::ParamsFromIter<std::slice::Iter<'_, Value>> {
        rusqlite::params_from_iter(self.args.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_clause_and_its_values_stay_in_step() {
        let mut w = Where::default();
        assert_eq!(w.sql(), "");
        w.cond("retired_at IS NULL");
        w.is("kind = ?", "branch".to_string());
        w.contains("(name LIKE ? OR note LIKE ?)", "综采");
        w.is("id > ?", 3_i64);
        assert_eq!(
            w.sql(),
            " WHERE retired_at IS NULL AND kind = ? AND (name LIKE ? OR note LIKE ?) AND id > ?"
        );
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (id INTEGER, kind TEXT, name TEXT, note TEXT, retired_at TEXT);
             INSERT INTO t VALUES (4, 'branch', '综采一队', '', NULL), (5, 'branch', '掘进', '综采协作', NULL),
               (6, 'branch', '机电', '', NULL), (2, 'branch', '综采二队', '', NULL), (7, 'department', '综采办', '', NULL);",
        )
        .unwrap();
        let ids = rows(
            &c,
            &format!("SELECT id FROM t{} ORDER BY id", w.sql()),
            w.params(),
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
        assert_eq!(ids, [4, 5]);
    }
}
