//! Sample data: an invented Shanxi coal mine's Party organisation, for trying
//! the app out. Every name and phone number here is made up.
use crate::org::{PersonRole, UnitKind};

pub const COMMITTEE: &str = "晋源煤矿党委";

pub struct SampleUnit {
    pub name: &'static str,
    pub short_name: &'static str,
    pub kind: UnitKind,
    pub parent: Option<&'static str>,
    pub note: &'static str,
}

pub struct SamplePerson {
    pub name: String,
    pub unit: &'static str,
    pub title: &'static str,
    pub phone: String,
    pub roles: Vec<PersonRole>,
}

pub struct SampleOrganization {
    pub units: Vec<SampleUnit>,
    pub people: Vec<SamplePerson>,
    /// (leader's name, branch)
    pub assistance_points: Vec<(String, &'static str)>,
    /// (department, branch)
    pub pairings: Vec<(&'static str, &'static str)>,
}

const DEPARTMENTS: [(&str, &str); 10] = [
    ("党委办公室", "党办"),
    ("党委组织部", "组织部"),
    ("党委宣传部", "宣传部"),
    ("纪委办公室", "纪委"),
    ("党建调度室", "调度室"),
    ("工会", "工会"),
    ("团委", "团委"),
    ("武装保卫部", "武保部"),
    ("信访维稳办公室", "信访办"),
    ("企业文化中心", "文化中心"),
];

const BRANCHES: [&str; 30] = [
    "综采一队党支部",
    "综采二队党支部",
    "综掘一队党支部",
    "综掘二队党支部",
    "综掘三队党支部",
    "开拓一队党支部",
    "开拓二队党支部",
    "准备队党支部",
    "机电科党支部",
    "机运队党支部",
    "运输一队党支部",
    "运输二队党支部",
    "皮带队党支部",
    "供电队党支部",
    "通风科党支部",
    "通风队党支部",
    "抽采队党支部",
    "防突队党支部",
    "地测科党支部",
    "生产调度室党支部",
    "安监处党支部",
    "救护队党支部",
    "洗煤厂党支部",
    "供应科党支部",
    "后勤服务中心党支部",
    "物业公司党支部",
    "技术中心党支部",
    "机关第一党支部",
    "机关第二党支部",
    "退管中心党支部",
];

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "赵", "杨", "郭", "武", "程", "段", "贾", "牛", "韩", "梁", "田", "侯",
    "秦", "范", "常", "申", "乔", "闫", "苗", "冯",
];
const GIVEN: [&str; 31] = [
    "建军", "志强", "晓东", "海龙", "永红", "丽萍", "文斌", "国栋", "卫东", "瑞峰", "俊杰", "红梅",
    "宏伟", "彦斌", "晋生", "润田", "鹏飞", "雪芳", "保平", "宇航", "慧敏", "振华", "利军", "秀英",
    "明亮", "亚楠", "锦涛", "泽宇", "春生", "玉兰", "小兵",
];

/// Deterministic invented name and phone for the n-th person.
fn invented(n: usize) -> (String, String) {
    let name = format!(
        "{}{}",
        SURNAMES[(n * 7 + 3) % SURNAMES.len()],
        GIVEN[(n * 11 + 5) % GIVEN.len()]
    );
    let phone = format!("139{:04}{:04}", 3550 + (n % 40), (n * 7919 + 1234) % 10000);
    (name, phone)
}

pub fn organization() -> SampleOrganization {
    let mut units = vec![SampleUnit {
        name: COMMITTEE,
        short_name: "矿党委",
        kind: UnitKind::Committee,
        parent: None,
        note: "示例数据",
    }];
    for (name, short) in DEPARTMENTS {
        units.push(SampleUnit {
            name,
            short_name: short,
            kind: UnitKind::Department,
            parent: Some(COMMITTEE),
            note: "示例数据",
        });
    }
    for name in BRANCHES {
        let short = name.trim_end_matches("党支部");
        units.push(SampleUnit {
            name,
            short_name: short,
            kind: UnitKind::Branch,
            parent: Some(COMMITTEE),
            note: "示例数据",
        });
    }

    let mut people = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        invented(n)
    };
    const LEADERS: [&str; 7] = [
        "党委书记",
        "矿长",
        "党委副书记",
        "纪委书记",
        "工会主席",
        "生产副矿长",
        "机电副矿长",
    ];
    let mut leader_names = Vec::new();
    for title in LEADERS {
        let (name, phone) = next();
        leader_names.push(name.clone());
        people.push(SamplePerson {
            name,
            unit: COMMITTEE,
            title,
            phone,
            roles: vec![PersonRole::Leader],
        });
    }
    for (dept, _) in DEPARTMENTS {
        let (name, phone) = next();
        let mut roles = vec![PersonRole::UnitHead];
        if dept == "党建调度室" {
            roles.push(PersonRole::Dispatcher);
        }
        people.push(SamplePerson {
            name,
            unit: dept,
            title: "部长（主任）",
            phone,
            roles,
        });
    }
    for dept in ["党建调度室", "党建调度室", "党建调度室"] {
        let (name, phone) = next();
        people.push(SamplePerson {
            name,
            unit: dept,
            title: "调度员",
            phone,
            roles: vec![PersonRole::Dispatcher],
        });
    }
    for branch in BRANCHES {
        let (name, phone) = next();
        people.push(SamplePerson {
            name,
            unit: branch,
            title: "党支部书记",
            phone,
            roles: vec![PersonRole::Secretary],
        });
    }
    for branch in BRANCHES.iter().step_by(3) {
        let (name, phone) = next();
        people.push(SamplePerson {
            name,
            unit: branch,
            title: "组织委员",
            phone,
            roles: vec![PersonRole::CommitteeMember, PersonRole::Liaison],
        });
    }

    // Each leader helps four branches in turn; the rest are left for later.
    let assistance_points = BRANCHES
        .iter()
        .take(leader_names.len() * 4)
        .enumerate()
        .map(|(i, b)| (leader_names[i % leader_names.len()].clone(), *b))
        .collect();
    let pairings = BRANCHES
        .iter()
        .enumerate()
        .map(|(i, b)| (DEPARTMENTS[i % DEPARTMENTS.len()].0, *b))
        .collect();
    SampleOrganization {
        units,
        people,
        assistance_points,
        pairings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn realistic_size_and_unique_names() {
        let org = organization();
        assert_eq!(org.units.len(), 41);
        let names: HashSet<_> = org.units.iter().map(|u| u.name).collect();
        assert_eq!(names.len(), org.units.len());
        // A person is identified by name within a unit.
        let people: HashSet<_> = org
            .people
            .iter()
            .map(|p| (p.name.clone(), p.unit))
            .collect();
        assert_eq!(people.len(), org.people.len());
        assert!(org.people.len() >= 50);
        assert_eq!(org.assistance_points.len(), 28);
        assert_eq!(org.pairings.len(), 30);
        for p in &org.people {
            assert!(crate::validate::phone(&p.phone).is_ok(), "{}", p.phone);
        }
    }
}
