//! The organisation: units, people, leaders' assistance points and
//! department–branch pairings. Units and people are retired, links ended;
//! nothing that history points to is deleted.
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::{validate, CoreError, Permission, PersonRole, UnitKind};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub kind: UnitKind,
    pub kind_label: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub note: String,
    pub retired: bool,
    pub retired_at: Option<String>,
    pub retired_reason: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UnitInput {
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub title: String,
    pub phone: String,
    pub roles: Vec<String>,
    pub role_labels: Vec<String>,
    pub note: String,
    pub retired: bool,
    pub retired_at: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersonInput {
    pub name: String,
    pub unit_id: i64,
    pub title: String,
    pub phone: String,
    pub roles: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AssistancePoint {
    pub id: i64,
    pub leader_id: i64,
    pub leader_name: String,
    pub branch_id: i64,
    pub branch_name: String,
    pub note: String,
    pub started_at: String,
    pub ended_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pairing {
    pub id: i64,
    pub department_id: i64,
    pub department_name: String,
    pub branch_id: i64,
    pub branch_name: String,
    pub note: String,
    pub started_at: String,
    pub ended_at: Option<String>,
}

const UNIT_SELECT: &str = "SELECT u.id, u.name, u.short_name, u.kind, u.parent_id, p.name, u.note,
    u.retired_at, u.retired_reason, u.created_at FROM unit u LEFT JOIN unit p ON p.id = u.parent_id";

fn unit_from_row(r: &Row<'_>) -> rusqlite::Result<Unit> {
    let kind: String = r.get(3)?;
    let kind = UnitKind::parse(&kind).unwrap_or(UnitKind::Branch);
    let retired_at: Option<String> = r.get(7)?;
    Ok(Unit {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        kind,
        kind_label: kind.label().into(),
        parent_id: r.get(4)?,
        parent_name: r.get(5)?,
        note: r.get(6)?,
        retired: retired_at.is_some(),
        retired_at,
        retired_reason: r.get(8)?,
        created_at: r.get(9)?,
    })
}

const PERSON_SELECT: &str =
    "SELECT p.id, p.name, p.unit_id, u.name, p.title, p.phone, p.roles, p.note,
    p.retired_at FROM person p JOIN unit u ON u.id = p.unit_id";

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    let roles: String = r.get(6)?;
    let roles: Vec<String> = serde_json::from_str(&roles).unwrap_or_default();
    let role_labels = roles
        .iter()
        .filter_map(|c| PersonRole::parse(c).ok().map(|r| r.label().to_string()))
        .collect();
    let retired_at: Option<String> = r.get(8)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        unit_id: r.get(2)?,
        unit_name: r.get(3)?,
        title: r.get(4)?,
        phone: r.get(5)?,
        roles,
        role_labels,
        note: r.get(7)?,
        retired: retired_at.is_some(),
        retired_at,
    })
}

const ASSIST_SELECT: &str =
    "SELECT a.id, a.leader_id, p.name, a.branch_id, u.name, a.note, a.started_at, a.ended_at
    FROM assistance_point a JOIN person p ON p.id = a.leader_id JOIN unit u ON u.id = a.branch_id";

fn assist_from_row(r: &Row<'_>) -> rusqlite::Result<AssistancePoint> {
    Ok(AssistancePoint {
        id: r.get(0)?,
        leader_id: r.get(1)?,
        leader_name: r.get(2)?,
        branch_id: r.get(3)?,
        branch_name: r.get(4)?,
        note: r.get(5)?,
        started_at: r.get(6)?,
        ended_at: r.get(7)?,
    })
}

const PAIRING_SELECT: &str =
    "SELECT a.id, a.department_id, d.name, a.branch_id, u.name, a.note, a.started_at, a.ended_at
    FROM pairing a JOIN unit d ON d.id = a.department_id JOIN unit u ON u.id = a.branch_id";

fn pairing_from_row(r: &Row<'_>) -> rusqlite::Result<Pairing> {
    Ok(Pairing {
        id: r.get(0)?,
        department_id: r.get(1)?,
        department_name: r.get(2)?,
        branch_id: r.get(3)?,
        branch_name: r.get(4)?,
        note: r.get(5)?,
        started_at: r.get(6)?,
        ended_at: r.get(7)?,
    })
}

fn collect<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    f: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql).map_err(sql_err)?;
    let rows = stmt
        .query_map([], f)
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

fn unit_in(tx: &Transaction<'_>, id: i64) -> Result<Unit> {
    tx.query_row(
        &format!("{UNIT_SELECT} WHERE u.id = ?1"),
        [id],
        unit_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("单位不存在"))
}

fn person_in(tx: &Transaction<'_>, id: i64) -> Result<Person> {
    tx.query_row(
        &format!("{PERSON_SELECT} WHERE p.id = ?1"),
        [id],
        person_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("人员不存在"))
}

fn unit_json(u: &Unit) -> serde_json::Value {
    serde_json::json!({"name": u.name, "shortName": u.short_name, "kind": u.kind_label,
        "parent": u.parent_name, "note": u.note})
}

fn person_json(p: &Person) -> serde_json::Value {
    serde_json::json!({"name": p.name, "unit": p.unit_name, "title": p.title, "phone": p.phone,
        "roles": p.role_labels, "note": p.note})
}

/// Validated unit fields, with the rules of the hierarchy checked against
/// the database: one active committee; departments under the committee;
/// branches under the committee or a department; no unit under itself.
fn checked_unit(
    tx: &Transaction<'_>,
    input: &UnitInput,
    id: Option<i64>,
) -> Result<(String, String, UnitKind, Option<i64>, String)> {
    let name = validate::required_text("name", "单位名称", &input.name, 40)?;
    let short_name = validate::optional_text("shortName", "简称", &input.short_name, 20)?;
    let note = validate::optional_text("note", "备注", &input.note, 500)?;
    let kind = UnitKind::parse(&input.kind)?;
    let dup: Option<i64> = tx
        .query_row(
            "SELECT id FROM unit WHERE name = ?1 AND retired_at IS NULL AND id IS NOT ?2",
            params![name, id],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    if dup.is_some() {
        return Err(CoreError::duplicate(
            "name",
            format!("单位“{name}”已存在，请勿重复创建"),
        ));
    }
    if kind == UnitKind::Committee {
        if input.parent_id.is_some() {
            return Err(CoreError::validation(
                "parentId",
                "矿党委是最上级单位，不能选择上级单位",
            ));
        }
        let other: Option<String> = tx
            .query_row(
                "SELECT name FROM unit WHERE kind = 'committee' AND retired_at IS NULL AND id IS NOT ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some(other) = other {
            return Err(CoreError::validation(
                "kind",
                format!("已有矿党委“{other}”，只能有一个矿党委"),
            ));
        }
    }
    if let Some(pid) = input.parent_id {
        if Some(pid) == id {
            return Err(CoreError::validation("parentId", "上级单位不能是本单位"));
        }
        let parent =
            unit_in(tx, pid).map_err(|_| CoreError::validation("parentId", "上级单位不存在"))?;
        if parent.retired {
            return Err(CoreError::validation(
                "parentId",
                format!("上级单位“{}”已撤销", parent.name),
            ));
        }
        let ok = match kind {
            UnitKind::Committee => false,
            UnitKind::Department => parent.kind == UnitKind::Committee,
            UnitKind::Branch => parent.kind != UnitKind::Branch,
        };
        if !ok {
            return Err(CoreError::validation(
                "parentId",
                format!(
                    "{}不能隶属于{}“{}”",
                    kind.label(),
                    parent.kind_label,
                    parent.name
                ),
            ));
        }
        if let Some(id) = id {
            // Walk up from the new parent; meeting this unit would close a loop.
            let mut cursor = parent.parent_id;
            while let Some(c) = cursor {
                if c == id {
                    return Err(CoreError::validation(
                        "parentId",
                        "上级单位不能是本单位的下级单位",
                    ));
                }
                cursor = tx
                    .query_row("SELECT parent_id FROM unit WHERE id = ?1", [c], |r| {
                        r.get(0)
                    })
                    .map_err(sql_err)?;
            }
        }
    }
    Ok((name, short_name, kind, input.parent_id, note))
}

fn checked_person(
    tx: &Transaction<'_>,
    input: &PersonInput,
) -> Result<(String, String, String, Vec<String>, String)> {
    let name = validate::required_text("name", "姓名", &input.name, 20)?;
    let title = validate::optional_text("title", "职务", &input.title, 40)?;
    let phone = validate::phone(&input.phone)?;
    let note = validate::optional_text("note", "备注", &input.note, 500)?;
    let mut roles = Vec::new();
    for r in &input.roles {
        let code = PersonRole::parse(r)?.code().to_string();
        if !roles.contains(&code) {
            roles.push(code);
        }
    }
    let unit = unit_in(tx, input.unit_id)
        .map_err(|_| CoreError::validation("unitId", "请选择所在单位"))?;
    if unit.retired {
        return Err(CoreError::validation(
            "unitId",
            format!("单位“{}”已撤销，不能再添加人员", unit.name),
        ));
    }
    Ok((name, title, phone, roles, note))
}

impl Store {
    pub fn list_units(&self, include_retired: bool) -> Result<Vec<Unit>> {
        let filter = if include_retired {
            ""
        } else {
            "WHERE u.retired_at IS NULL"
        };
        collect(
            &self.conn,
            &format!(
                "{UNIT_SELECT} {filter} ORDER BY u.retired_at IS NOT NULL,
                 CASE u.kind WHEN 'committee' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, u.sort_order, u.id"
            ),
            unit_from_row,
        )
    }

    pub fn get_unit(&self, id: i64) -> Result<Unit> {
        self.conn
            .query_row(
                &format!("{UNIT_SELECT} WHERE u.id = ?1"),
                [id],
                unit_from_row,
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("单位不存在"))
    }

    pub fn create_unit(&mut self, actor: &Actor, input: &UnitInput) -> Result<Unit> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let (name, short_name, kind, parent_id, note) = checked_unit(&tx, input, None)?;
        let order: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM unit",
                [],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        tx.execute(
            "INSERT INTO unit (name, short_name, kind, parent_id, note, sort_order, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                name,
                short_name,
                kind.code(),
                parent_id,
                note,
                order,
                now_text()
            ],
        )
        .map_err(sql_err)?;
        let unit = unit_in(&tx, tx.last_insert_rowid())?;
        record(
            &tx,
            actor,
            "unit",
            Some(unit.id),
            "create",
            &format!("新建{}“{}”", unit.kind_label, unit.name),
            unit_json(&unit),
        )?;
        commit(tx)?;
        Ok(unit)
    }

    pub fn update_unit(&mut self, actor: &Actor, id: i64, input: &UnitInput) -> Result<Unit> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = unit_in(&tx, id)?;
        if before.retired {
            return Err(CoreError::conflict(format!(
                "单位“{}”已撤销，请先恢复再修改",
                before.name
            )));
        }
        let (name, short_name, kind, parent_id, note) = checked_unit(&tx, input, Some(id))?;
        if kind != before.kind {
            let children: i64 = tx
                .query_row(
                    "SELECT COUNT(*) FROM unit WHERE parent_id = ?1 AND retired_at IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .map_err(sql_err)?;
            if children > 0 {
                return Err(CoreError::validation(
                    "kind",
                    "该单位还有下级单位，不能改变类别",
                ));
            }
        }
        tx.execute(
            "UPDATE unit SET name = ?1, short_name = ?2, kind = ?3, parent_id = ?4, note = ?5 WHERE id = ?6",
            params![name, short_name, kind.code(), parent_id, note, id],
        )
        .map_err(sql_err)?;
        let after = unit_in(&tx, id)?;
        record(
            &tx,
            actor,
            "unit",
            Some(id),
            "update",
            &format!("修改单位“{}”", after.name),
            diff(&unit_json(&before), &unit_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// Retires a unit; its records stay and still show its name.
    pub fn retire_unit(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<Unit> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤销原因", reason, 200)?;
        let tx = self.tx()?;
        let unit = unit_in(&tx, id)?;
        if unit.retired {
            return Err(CoreError::conflict(format!("单位“{}”已经撤销", unit.name)));
        }
        let count =
            |sql: &str| -> Result<i64> { tx.query_row(sql, [id], |r| r.get(0)).map_err(sql_err) };
        if count("SELECT COUNT(*) FROM unit WHERE parent_id = ?1 AND retired_at IS NULL")? > 0 {
            return Err(CoreError::conflict(format!(
                "“{}”还有未撤销的下级单位，请先撤销或调整下级单位",
                unit.name
            )));
        }
        if count("SELECT COUNT(*) FROM assistance_point WHERE branch_id = ?1 AND ended_at IS NULL")? > 0
            || count("SELECT COUNT(*) FROM pairing WHERE (branch_id = ?1 OR department_id = ?1) AND ended_at IS NULL")? > 0
        {
            return Err(CoreError::conflict(format!("“{}”还有在册的帮扶点或包保关系，请先终止", unit.name)));
        }
        tx.execute(
            "UPDATE unit SET retired_at = ?1, retired_reason = ?2 WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        let after = unit_in(&tx, id)?;
        record(
            &tx,
            actor,
            "unit",
            Some(id),
            "retire",
            &format!("撤销单位“{}”：{reason}", unit.name),
            serde_json::json!({"reason": reason}),
        )?;
        commit(tx)?;
        Ok(after)
    }

    pub fn reinstate_unit(&mut self, actor: &Actor, id: i64) -> Result<Unit> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let unit = unit_in(&tx, id)?;
        if !unit.retired {
            return Err(CoreError::conflict(format!("单位“{}”未撤销", unit.name)));
        }
        let clash: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM unit WHERE name = ?1 AND retired_at IS NULL)",
                [&unit.name],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if clash {
            return Err(CoreError::duplicate(
                "name",
                format!("已有同名单位“{}”在册，不能恢复", unit.name),
            ));
        }
        if let Some(pid) = unit.parent_id {
            if unit_in(&tx, pid)?.retired {
                return Err(CoreError::conflict("其上级单位已撤销，请先恢复上级单位"));
            }
        }
        tx.execute(
            "UPDATE unit SET retired_at = NULL, retired_reason = NULL WHERE id = ?1",
            [id],
        )
        .map_err(sql_err)?;
        let after = unit_in(&tx, id)?;
        record(
            &tx,
            actor,
            "unit",
            Some(id),
            "reinstate",
            &format!("恢复单位“{}”", unit.name),
            serde_json::json!({}),
        )?;
        commit(tx)?;
        Ok(after)
    }

    pub fn list_people(&self, include_retired: bool) -> Result<Vec<Person>> {
        let filter = if include_retired {
            ""
        } else {
            "WHERE p.retired_at IS NULL"
        };
        collect(
            &self.conn,
            &format!(
                "{PERSON_SELECT} {filter} ORDER BY p.retired_at IS NOT NULL, u.sort_order, p.id"
            ),
            person_from_row,
        )
    }

    pub fn create_person(&mut self, actor: &Actor, input: &PersonInput) -> Result<Person> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let (name, title, phone, roles, note) = checked_person(&tx, input)?;
        let dup: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM person WHERE name = ?1 AND unit_id = ?2 AND retired_at IS NULL)",
                params![name, input.unit_id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if dup {
            return Err(CoreError::duplicate(
                "name",
                format!("本单位已有“{name}”，同名人员请在姓名后加以区分"),
            ));
        }
        tx.execute(
            "INSERT INTO person (name, unit_id, title, phone, roles, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![name, input.unit_id, title, phone, serde_json::to_string(&roles).unwrap_or_default(), note, now_text()],
        )
        .map_err(sql_err)?;
        let p = person_in(&tx, tx.last_insert_rowid())?;
        record(
            &tx,
            actor,
            "person",
            Some(p.id),
            "create",
            &format!("新建人员“{}”（{}）", p.name, p.unit_name),
            person_json(&p),
        )?;
        commit(tx)?;
        Ok(p)
    }

    pub fn update_person(&mut self, actor: &Actor, id: i64, input: &PersonInput) -> Result<Person> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = person_in(&tx, id)?;
        if before.retired {
            return Err(CoreError::conflict(format!(
                "人员“{}”已撤销，请先恢复再修改",
                before.name
            )));
        }
        let (name, title, phone, roles, note) = checked_person(&tx, input)?;
        let dup: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM person WHERE name = ?1 AND unit_id = ?2 AND retired_at IS NULL AND id <> ?3)",
                params![name, input.unit_id, id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if dup {
            return Err(CoreError::duplicate("name", format!("本单位已有“{name}”")));
        }
        let leads: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM assistance_point WHERE leader_id = ?1 AND ended_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if leads > 0 && !roles.iter().any(|r| r == "leader") {
            return Err(CoreError::validation(
                "roles",
                "此人还有在册的帮扶点，不能取消“矿领导”职责",
            ));
        }
        tx.execute(
            "UPDATE person SET name = ?1, unit_id = ?2, title = ?3, phone = ?4, roles = ?5, note = ?6 WHERE id = ?7",
            params![name, input.unit_id, title, phone, serde_json::to_string(&roles).unwrap_or_default(), note, id],
        )
        .map_err(sql_err)?;
        let after = person_in(&tx, id)?;
        record(
            &tx,
            actor,
            "person",
            Some(id),
            "update",
            &format!("修改人员“{}”", after.name),
            diff(&person_json(&before), &person_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    pub fn retire_person(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<Person> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤销原因", reason, 200)?;
        let tx = self.tx()?;
        let p = person_in(&tx, id)?;
        if p.retired {
            return Err(CoreError::conflict(format!("人员“{}”已经撤销", p.name)));
        }
        let leads: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM assistance_point WHERE leader_id = ?1 AND ended_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if leads > 0 {
            return Err(CoreError::conflict(format!(
                "“{}”还有在册的帮扶点，请先终止",
                p.name
            )));
        }
        tx.execute(
            "UPDATE person SET retired_at = ?1, retired_reason = ?2 WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        let after = person_in(&tx, id)?;
        record(
            &tx,
            actor,
            "person",
            Some(id),
            "retire",
            &format!("撤销人员“{}”：{reason}", p.name),
            serde_json::json!({"reason": reason}),
        )?;
        commit(tx)?;
        Ok(after)
    }

    pub fn reinstate_person(&mut self, actor: &Actor, id: i64) -> Result<Person> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let p = person_in(&tx, id)?;
        if !p.retired {
            return Err(CoreError::conflict(format!("人员“{}”未撤销", p.name)));
        }
        if unit_in(&tx, p.unit_id)?.retired {
            return Err(CoreError::conflict(format!(
                "其所在单位“{}”已撤销，请先恢复单位或调整",
                p.unit_name
            )));
        }
        tx.execute(
            "UPDATE person SET retired_at = NULL, retired_reason = NULL WHERE id = ?1",
            [id],
        )
        .map_err(sql_err)?;
        let after = person_in(&tx, id)?;
        record(
            &tx,
            actor,
            "person",
            Some(id),
            "reinstate",
            &format!("恢复人员“{}”", p.name),
            serde_json::json!({}),
        )?;
        commit(tx)?;
        Ok(after)
    }

    pub fn list_assistance_points(&self, include_ended: bool) -> Result<Vec<AssistancePoint>> {
        let filter = if include_ended {
            ""
        } else {
            "WHERE a.ended_at IS NULL"
        };
        collect(
            &self.conn,
            &format!(
                "{ASSIST_SELECT} {filter} ORDER BY a.ended_at IS NOT NULL, p.id, u.sort_order"
            ),
            assist_from_row,
        )
    }

    pub fn create_assistance_point(
        &mut self,
        actor: &Actor,
        leader_id: i64,
        branch_id: i64,
        note: &str,
    ) -> Result<AssistancePoint> {
        actor.require(Permission::EditRecords)?;
        let note = validate::optional_text("note", "备注", note, 500)?;
        let tx = self.tx()?;
        let leader = person_in(&tx, leader_id)
            .map_err(|_| CoreError::validation("leaderId", "请选择矿领导"))?;
        if leader.retired || !leader.roles.iter().any(|r| r == "leader") {
            return Err(CoreError::validation(
                "leaderId",
                format!("“{}”不是在册的矿领导", leader.name),
            ));
        }
        let branch = unit_in(&tx, branch_id)
            .map_err(|_| CoreError::validation("branchId", "请选择帮扶的支部"))?;
        if branch.retired || branch.kind != UnitKind::Branch {
            return Err(CoreError::validation(
                "branchId",
                format!("“{}”不是在册的基层党支部", branch.name),
            ));
        }
        let dup: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM assistance_point WHERE leader_id = ?1 AND branch_id = ?2 AND ended_at IS NULL)",
                params![leader_id, branch_id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if dup {
            return Err(CoreError::duplicate(
                "branchId",
                format!("{}已经帮扶“{}”", leader.name, branch.name),
            ));
        }
        tx.execute(
            "INSERT INTO assistance_point (leader_id, branch_id, note, started_at) VALUES (?1, ?2, ?3, ?4)",
            params![leader_id, branch_id, note, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let ap = tx
            .query_row(
                &format!("{ASSIST_SELECT} WHERE a.id = ?1"),
                [id],
                assist_from_row,
            )
            .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "assistance_point",
            Some(id),
            "create",
            &format!("设立帮扶点：{}帮扶{}", leader.name, branch.name),
            serde_json::json!({"leader": leader.name, "branch": branch.name, "note": note}),
        )?;
        commit(tx)?;
        Ok(ap)
    }

    pub fn end_assistance_point(&mut self, actor: &Actor, id: i64) -> Result<AssistancePoint> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let ap = tx
            .query_row(
                &format!("{ASSIST_SELECT} WHERE a.id = ?1"),
                [id],
                assist_from_row,
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("帮扶点不存在"))?;
        if ap.ended_at.is_some() {
            return Err(CoreError::conflict("该帮扶点已经终止"));
        }
        tx.execute(
            "UPDATE assistance_point SET ended_at = ?1 WHERE id = ?2",
            params![now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "assistance_point",
            Some(id),
            "end",
            &format!("终止帮扶点：{}帮扶{}", ap.leader_name, ap.branch_name),
            serde_json::json!({}),
        )?;
        let after = tx
            .query_row(
                &format!("{ASSIST_SELECT} WHERE a.id = ?1"),
                [id],
                assist_from_row,
            )
            .map_err(sql_err)?;
        commit(tx)?;
        Ok(after)
    }

    pub fn list_pairings(&self, include_ended: bool) -> Result<Vec<Pairing>> {
        let filter = if include_ended {
            ""
        } else {
            "WHERE a.ended_at IS NULL"
        };
        collect(&self.conn, &format!("{PAIRING_SELECT} {filter} ORDER BY a.ended_at IS NOT NULL, d.sort_order, u.sort_order"), pairing_from_row)
    }

    pub fn create_pairing(
        &mut self,
        actor: &Actor,
        department_id: i64,
        branch_id: i64,
        note: &str,
    ) -> Result<Pairing> {
        actor.require(Permission::EditRecords)?;
        let note = validate::optional_text("note", "备注", note, 500)?;
        let tx = self.tx()?;
        let dept = unit_in(&tx, department_id)
            .map_err(|_| CoreError::validation("departmentId", "请选择党委部门"))?;
        if dept.retired || dept.kind != UnitKind::Department {
            return Err(CoreError::validation(
                "departmentId",
                format!("“{}”不是在册的党委部门", dept.name),
            ));
        }
        let branch = unit_in(&tx, branch_id)
            .map_err(|_| CoreError::validation("branchId", "请选择包保的支部"))?;
        if branch.retired || branch.kind != UnitKind::Branch {
            return Err(CoreError::validation(
                "branchId",
                format!("“{}”不是在册的基层党支部", branch.name),
            ));
        }
        let dup: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM pairing WHERE department_id = ?1 AND branch_id = ?2 AND ended_at IS NULL)",
                params![department_id, branch_id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if dup {
            return Err(CoreError::duplicate(
                "branchId",
                format!("{}已经包保“{}”", dept.name, branch.name),
            ));
        }
        tx.execute(
            "INSERT INTO pairing (department_id, branch_id, note, started_at) VALUES (?1, ?2, ?3, ?4)",
            params![department_id, branch_id, note, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let p = tx
            .query_row(
                &format!("{PAIRING_SELECT} WHERE a.id = ?1"),
                [id],
                pairing_from_row,
            )
            .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "pairing",
            Some(id),
            "create",
            &format!("建立包保：{}包保{}", dept.name, branch.name),
            serde_json::json!({"department": dept.name, "branch": branch.name, "note": note}),
        )?;
        commit(tx)?;
        Ok(p)
    }

    pub fn end_pairing(&mut self, actor: &Actor, id: i64) -> Result<Pairing> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let p = tx
            .query_row(
                &format!("{PAIRING_SELECT} WHERE a.id = ?1"),
                [id],
                pairing_from_row,
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("包保关系不存在"))?;
        if p.ended_at.is_some() {
            return Err(CoreError::conflict("该包保关系已经终止"));
        }
        tx.execute(
            "UPDATE pairing SET ended_at = ?1 WHERE id = ?2",
            params![now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "pairing",
            Some(id),
            "end",
            &format!("终止包保：{}包保{}", p.department_name, p.branch_name),
            serde_json::json!({}),
        )?;
        let after = tx
            .query_row(
                &format!("{PAIRING_SELECT} WHERE a.id = ?1"),
                [id],
                pairing_from_row,
            )
            .map_err(sql_err)?;
        commit(tx)?;
        Ok(after)
    }
}
