use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};

/// Where a unit stands in the mine's Party organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Committee,
    Department,
    Branch,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Committee, UnitKind::Department, UnitKind::Branch];

    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Committee => "committee",
            UnitKind::Department => "department",
            UnitKind::Branch => "branch",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Committee => "矿党委",
            UnitKind::Department => "党委部门",
            UnitKind::Branch => "基层党支部",
        }
    }
    /// Sort rank: the committee first, then departments, then branches.
    pub fn rank(self) -> i64 {
        match self {
            UnitKind::Committee => 0,
            UnitKind::Department => 1,
            UnitKind::Branch => 2,
        }
    }
    pub fn parse(s: &str) -> CoreResult<UnitKind> {
        UnitKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.label() == s)
            .ok_or_else(|| {
                CoreError::validation("kind", "请选择单位类别：矿党委、党委部门或基层党支部")
            })
    }
}

/// What a person does; a person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Leader,
    UnitHead,
    Secretary,
    CommitteeMember,
    Dispatcher,
    Liaison,
}

impl PersonRole {
    pub const ALL: [PersonRole; 6] = [
        PersonRole::Leader,
        PersonRole::UnitHead,
        PersonRole::Secretary,
        PersonRole::CommitteeMember,
        PersonRole::Dispatcher,
        PersonRole::Liaison,
    ];
    pub fn code(self) -> &'static str {
        match self {
            PersonRole::Leader => "leader",
            PersonRole::UnitHead => "unit_head",
            PersonRole::Secretary => "secretary",
            PersonRole::CommitteeMember => "committee_member",
            PersonRole::Dispatcher => "dispatcher",
            PersonRole::Liaison => "liaison",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            PersonRole::Leader => "矿领导",
            PersonRole::UnitHead => "部门负责人",
            PersonRole::Secretary => "支部书记",
            PersonRole::CommitteeMember => "支委委员",
            PersonRole::Dispatcher => "调度员",
            PersonRole::Liaison => "联络员",
        }
    }
    pub fn parse(s: &str) -> CoreResult<PersonRole> {
        PersonRole::ALL
            .into_iter()
            .find(|r| r.code() == s || r.label() == s)
            .ok_or_else(|| CoreError::validation("roles", format!("未知的人员职责“{s}”")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_rank() {
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.code()).unwrap(), k);
            assert_eq!(UnitKind::parse(k.label()).unwrap(), k);
        }
        assert!(UnitKind::Committee.rank() < UnitKind::Branch.rank());
        assert_eq!(
            UnitKind::parse("team").unwrap_err().field.as_deref(),
            Some("kind")
        );
    }

    #[test]
    fn person_roles_round_trip() {
        for r in PersonRole::ALL {
            assert_eq!(PersonRole::parse(r.code()).unwrap(), r);
        }
        assert!(PersonRole::parse("x").is_err());
    }
}
