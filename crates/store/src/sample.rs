use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{OrgIds, Result};
use diaodu_domain::{sample, CoreError, Permission};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SampleReport {
    pub units: usize,
    pub people: usize,
    pub assistance: usize,
    pub pairings: usize,
}

impl Store {
    /// Loads the sample organisation, only into a database with no units, so
    /// sample records never mix with real ones. Goes through the same record
    /// operations as the UI, so every rule and audit entry applies.
    pub fn load_sample(&mut self, actor: &Actor) -> Result<SampleReport> {
        actor.require(Permission::EditRecords)?;
        let units: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM unit", [], |r| r.get(0))
            .map_err(sql_err)?;
        if units > 0 {
            return Err(CoreError::conflict(
                "数据库中已有单位记录，示例数据只能加载到空数据库",
            ));
        }
        let org = sample::organization();
        let mut ids = OrgIds::default();
        for u in &org.units {
            let parent_id = u.parent.map(|p| ids.unit(p)).transpose()?;
            let input = crate::UnitInput {
                name: u.name.into(),
                short_name: u.short_name.into(),
                kind: u.kind.code().into(),
                parent_id,
                note: u.note.into(),
            };
            let created = self.create_unit(actor, &input)?;
            ids.units.insert(u.name.to_string(), created.id);
        }
        for p in &org.people {
            let input = crate::PersonInput {
                name: p.name.clone(),
                unit_id: ids.unit(p.unit)?,
                title: p.title.into(),
                phone: p.phone.clone(),
                roles: p.roles.iter().map(|r| r.code().to_string()).collect(),
                note: "示例数据".into(),
            };
            let created = self.create_person(actor, &input)?;
            ids.people.insert(p.name.clone(), created.id);
        }
        for (leader, branch) in &org.assistance_points {
            let leader = *ids
                .people
                .get(leader)
                .ok_or_else(|| CoreError::internal("示例数据不完整"))?;
            self.create_assistance_point(actor, leader, ids.unit(branch)?, "示例数据")?;
        }
        for (dept, branch) in &org.pairings {
            self.create_pairing(actor, ids.unit(dept)?, ids.unit(branch)?, "示例数据")?;
        }
        let report = SampleReport {
            units: org.units.len(),
            people: org.people.len(),
            assistance: org.assistance_points.len(),
            pairings: org.pairings.len(),
        };
        let tx = self.tx()?;
        record(
            &tx,
            actor,
            "sample",
            None,
            "load",
            "加载示例组织数据（虚构）",
            serde_json::to_value(&report).unwrap_or_default(),
        )?;
        commit(tx)?;
        Ok(report)
    }
}
