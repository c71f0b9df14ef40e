//! 交接班: the outgoing dispatcher writes the handover (the shift's situation
//! and open items; the open items of the last completed handover are carried
//! over), and BOTH dispatchers confirm it with their own username and
//! password. It is complete only when both have confirmed; then it is frozen.
use crate::audit::record;
use crate::credentials::{Account, Act, Attempt};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::assessment::Shift;
use diaodu_domain::plan::parse_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct HandoverItem {
    pub id: i64,
    pub text: String,
    /// The item of an earlier handover this one carries over.
    pub carried_from: Option<i64>,
    pub status: String,
    pub status_label: String,
    pub done_note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Handover {
    pub id: i64,
    pub shift_date: String,
    pub shift: String,
    pub shift_label: String,
    pub outgoing_user_id: i64,
    pub outgoing_name: String,
    pub incoming_user_id: i64,
    pub incoming_name: String,
    pub summary: String,
    pub outgoing_confirmed_at: Option<String>,
    pub incoming_confirmed_at: Option<String>,
    /// Both dispatchers confirmed.
    pub complete: bool,
    pub created_at: String,
    pub items: Vec<HandoverItem>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HandoverInput {
    pub shift_date: String,
    pub shift: String,
    /// Default: the logged-in user.
    pub outgoing_user_id: Option<i64>,
    pub incoming_user_id: Option<i64>,
    pub summary: String,
    /// New open items (one per entry).
    pub items: Vec<String>,
}

fn handover_in(conn: &Connection, id: i64) -> Result<Handover> {
    let mut h = conn
        .query_row(
            "SELECT h.id, h.shift_date, h.shift, h.outgoing_user_id, o.display_name, h.incoming_user_id, i.display_name,
             h.summary, h.outgoing_confirmed_at, h.incoming_confirmed_at, h.created_at
             FROM handover h JOIN app_user o ON o.id = h.outgoing_user_id JOIN app_user i ON i.id = h.incoming_user_id
             WHERE h.id = ?1",
            [id],
            |r| {
                let shift: String = r.get(2)?;
                let out_at: Option<String> = r.get(8)?;
                let in_at: Option<String> = r.get(9)?;
                Ok(Handover {
                    id: r.get(0)?,
                    shift_date: r.get(1)?,
                    shift_label: Shift::parse(&shift).map(|s| s.label()).unwrap_or("").into(),
                    shift,
                    outgoing_user_id: r.get(3)?,
                    outgoing_name: r.get(4)?,
                    incoming_user_id: r.get(5)?,
                    incoming_name: r.get(6)?,
                    summary: r.get(7)?,
                    complete: out_at.is_some() && in_at.is_some(),
                    outgoing_confirmed_at: out_at,
                    incoming_confirmed_at: in_at,
                    created_at: r.get(10)?,
                    items: Vec::new(),
                })
            },
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("交接班记录不存在"))?;
    let mut stmt = conn
        .prepare("SELECT id, text, carried_from, status, done_note FROM handover_item WHERE handover_id = ?1 ORDER BY id")
        .map_err(sql_err)?;
    h.items = stmt
        .query_map([id], |r| {
            let status: String = r.get(3)?;
            Ok(HandoverItem {
                id: r.get(0)?,
                text: r.get(1)?,
                carried_from: r.get(2)?,
                status_label: if status == "done" {
                    "已办结"
                } else {
                    "未办结"
                }
                .into(),
                status,
                done_note: r.get(4)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(h)
}

fn open_handover(conn: &Connection, id: i64) -> Result<Handover> {
    let h = handover_in(conn, id)?;
    if h.complete {
        return Err(CoreError::conflict(
            "该交接班双方已确认，记录已冻结，不能再修改",
        ));
    }
    Ok(h)
}

fn user_name(conn: &Connection, id: i64, field: &str) -> Result<String> {
    conn.query_row(
        "SELECT display_name FROM app_user WHERE id = ?1 AND disabled = 0 AND role <> 'viewer'",
        [id],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::validation(field, "请选择启用中的调度员账号"))
}

impl Store {
    pub fn list_handovers(&self, limit: i64) -> Result<Vec<Handover>> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM handover ORDER BY shift_date DESC, shift DESC, id DESC LIMIT ?1")
                .map_err(sql_err)?;
            let v = stmt
                .query_map([limit.clamp(1, 1000)], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            v
        };
        ids.into_iter()
            .map(|id| handover_in(&self.conn, id))
            .collect()
    }

    pub fn get_handover(&self, id: i64) -> Result<Handover> {
        handover_in(&self.conn, id)
    }

    /// The outgoing dispatcher writes the handover. The open items of the last
    /// completed handover come along; an unconfirmed handover must be finished
    /// first.
    pub fn create_handover(&mut self, actor: &Actor, input: &HandoverInput) -> Result<Handover> {
        actor.require(Permission::EditRecords)?;
        let date = parse_date("shiftDate", "交班日期", &input.shift_date)?;
        let shift = Shift::parse(&input.shift)?;
        let summary = validate::required_text("summary", "本班情况", &input.summary, 2000)?;
        let outgoing = input
            .outgoing_user_id
            .or(actor.user_id)
            .ok_or_else(|| CoreError::validation("outgoingUserId", "请选择交班调度员"))?;
        let incoming = input
            .incoming_user_id
            .ok_or_else(|| CoreError::validation("incomingUserId", "请选择接班调度员"))?;
        if incoming == outgoing {
            return Err(CoreError::validation(
                "incomingUserId",
                "接班调度员不能与交班调度员是同一人",
            ));
        }
        let items = input
            .items
            .iter()
            .map(|t| validate::optional_text("items", "交接事项", t, 300))
            .collect::<Result<Vec<_>>>()?;
        let tx = self.tx()?;
        let out_name = user_name(&tx, outgoing, "outgoingUserId")?;
        let in_name = user_name(&tx, incoming, "incomingUserId")?;
        let pending: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, shift_date FROM handover WHERE outgoing_confirmed_at IS NULL OR incoming_confirmed_at IS NULL
                 ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some((_, d)) = pending {
            return Err(CoreError::conflict(format!(
                "{d} 的交接班还没有双方确认，请先完成确认再写新的交接班"
            )));
        }
        let now = now_text();
        tx.execute(
            "INSERT INTO handover (shift_date, shift, outgoing_user_id, incoming_user_id, summary, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![date.to_string(), shift.code(), outgoing, incoming, summary, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let carried = tx
            .execute(
                "INSERT INTO handover_item (handover_id, text, carried_from, created_at)
                 SELECT ?1, text, id, ?2 FROM handover_item WHERE status = 'open' AND handover_id =
                   (SELECT id FROM handover WHERE id <> ?1 ORDER BY id DESC LIMIT 1)",
                params![id, now],
            )
            .map_err(sql_err)?;
        for t in items.iter().filter(|t| !t.is_empty()) {
            tx.execute(
                "INSERT INTO handover_item (handover_id, text, created_at) VALUES (?1, ?2, ?3)",
                params![id, t, now],
            )
            .map_err(sql_err)?;
        }
        record(
            &tx,
            actor,
            "handover",
            Some(id),
            "create",
            &format!(
                "{date} {} 交接班：{out_name} 交给 {in_name}（新事项{}项，结转未办结{carried}项）",
                shift.label(),
                items.iter().filter(|t| !t.is_empty()).count()
            ),
            serde_json::json!({"summary": summary, "items": items, "carried": carried}),
        )?;
        commit(tx)?;
        self.get_handover(id)
    }

    pub fn add_handover_item(&mut self, actor: &Actor, id: i64, text: &str) -> Result<Handover> {
        actor.require(Permission::EditRecords)?;
        let text = validate::required_text("text", "交接事项", text, 300)?;
        let tx = self.tx()?;
        open_handover(&tx, id)?;
        tx.execute(
            "INSERT INTO handover_item (handover_id, text, created_at) VALUES (?1, ?2, ?3)",
            params![id, text, now_text()],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "handover",
            Some(id),
            "update",
            &format!("交接班新增事项：{text}"),
            serde_json::json!({"text": text}),
        )?;
        commit(tx)?;
        self.get_handover(id)
    }

    /// Marks an item done (not carried over to the next handover), with what
    /// the dispatcher writes about how it was done.
    pub fn finish_handover_item(
        &mut self,
        actor: &Actor,
        item_id: i64,
        note: &str,
    ) -> Result<Handover> {
        actor.require(Permission::EditRecords)?;
        let note = validate::required_text("note", "办结情况", note, 300)?;
        let tx = self.tx()?;
        let (hid, text, status): (i64, String, String) = tx
            .query_row(
                "SELECT handover_id, text, status FROM handover_item WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("交接事项不存在"))?;
        open_handover(&tx, hid)?;
        if status == "done" {
            return Err(CoreError::conflict(format!("交接事项“{text}”已经办结")));
        }
        tx.execute(
            "UPDATE handover_item SET status = 'done', done_note = ?1 WHERE id = ?2",
            params![note, item_id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "handover",
            Some(hid),
            "update",
            &format!("交接事项已办结：{text}（{note}）"),
            serde_json::json!({"note": note}),
        )?;
        commit(tx)?;
        self.get_handover(hid)
    }

    /// One dispatcher confirms with their own username and password; whose
    /// side is confirmed follows from the credentials, so nobody can confirm
    /// for the other. Only the two dispatchers of this handover may be named:
    /// anyone else is refused before any password is checked, so the form
    /// cannot be used to try other accounts' passwords (the administrator's
    /// among them). The password check is the login's, with its back-off and
    /// audit entries. Wrong credentials answer beside the password field
    /// (never as a lost session).
    pub fn confirm_handover(
        &mut self,
        actor: &Actor,
        id: i64,
        username: &str,
        password: &str,
    ) -> Result<Handover> {
        actor.require(Permission::EditRecords)?;
        if username.trim().is_empty() {
            return Err(CoreError::validation("username", "请输入确认人的用户名"));
        }
        if password.is_empty() {
            return Err(CoreError::validation("password", "请输入确认人的密码"));
        }
        let h = open_handover(&self.conn, id)?;
        let party = |uid: i64| -> Result<String> {
            self.conn
                .query_row("SELECT username FROM app_user WHERE id = ?1", [uid], |r| {
                    r.get(0)
                })
                .map_err(sql_err)
        };
        let (out_name, in_name) = (party(h.outgoing_user_id)?, party(h.incoming_user_id)?);
        let named = username.trim();
        let (uid, column, side) = if named.eq_ignore_ascii_case(&out_name) {
            (h.outgoing_user_id, "outgoing_confirmed_at", "交班")
        } else if named.eq_ignore_ascii_case(&in_name) {
            (h.incoming_user_id, "incoming_confirmed_at", "接班")
        } else {
            return Err(CoreError::validation(
                "username",
                format!(
                    "只能由这次交接班的交班人{}（{out_name}）或接班人{}（{in_name}）本人确认",
                    h.outgoing_name, h.incoming_name
                ),
            ));
        };
        let (already, name, other) = if side == "交班" {
            (
                h.outgoing_confirmed_at.is_some(),
                &h.outgoing_name,
                &h.incoming_name,
            )
        } else {
            (
                h.incoming_confirmed_at.is_some(),
                &h.incoming_name,
                &h.outgoing_name,
            )
        };
        if already {
            return Err(CoreError::validation(
                "username",
                format!("{name}已确认{side}，还需{other}本人确认"),
            ));
        }
        let attempt = Attempt {
            by: Some(actor),
            account: Account::Id(uid),
            password,
            act: Act::ConfirmHandover,
            source: None,
        };
        let user = self
            .check_credentials(&attempt)?
            .map_err(|r| r.beside_password("用户名或密码不正确"))?;
        let tx = self.tx()?;
        open_handover(&tx, id)?;
        tx.execute(
            &format!("UPDATE handover SET {column} = ?1 WHERE id = ?2"),
            params![now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "handover",
            Some(id),
            "confirm",
            &format!(
                "{} 以本人账号确认{side}（{} {}）",
                user.display_name, h.shift_date, h.shift_label
            ),
            serde_json::json!({"confirmedBy": user.username, "side": side}),
        )?;
        commit(tx)?;
        self.get_handover(id)
    }
}
