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

pub struct SamplePlanTask {
    /// Index of the stage (0-based) this task belongs to.
    pub stage: usize,
    pub name: &'static str,
    pub goal: &'static str,
    pub unit: &'static str,
    pub cooperating: &'static [&'static str],
    /// Working days; 0 = milestone.
    pub duration: i64,
    /// (index of an earlier task, link kind, lag in working days)
    pub preds: &'static [(usize, &'static str, i64)],
    /// Working days of slack between the scheduled finish and the deadline set.
    pub deadline_slack: Option<i64>,
}

pub struct SamplePlan {
    pub title: &'static str,
    pub goal: &'static str,
    pub lead_unit: &'static str,
    pub sources: [(&'static str, &'static str, &'static str); 3],
    pub stages: [&'static str; 4],
    pub tasks: Vec<SamplePlanTask>,
}

#[allow(clippy::too_many_arguments)] // a row of the table below, field by field
const fn t(
    stage: usize,
    name: &'static str,
    goal: &'static str,
    unit: &'static str,
    cooperating: &'static [&'static str],
    duration: i64,
    preds: &'static [(usize, &'static str, i64)],
    deadline_slack: Option<i64>,
) -> SamplePlanTask {
    SamplePlanTask {
        stage,
        name,
        goal,
        unit,
        cooperating,
        duration,
        preds,
        deadline_slack,
    }
}

/// The article's special action (强化基础工作建设专项行动) as a network chart
/// of a made-up mine: four stages, 40 tasks, links of all four kinds.
pub fn plan() -> SamplePlan {
    const ORG: &str = "党委组织部";
    const PROP: &str = "党委宣传部";
    const OFFICE: &str = "党委办公室";
    const DISP: &str = "党建调度室";
    const DISC: &str = "纪委办公室";
    const UNION: &str = "工会";
    const YOUTH: &str = "团委";
    SamplePlan {
        title: "晋源煤矿党委强化基础工作建设专项行动",
        goal: "对照省国资委党委、集团党委部署，用半年时间把支部建设、党员管理、阵地建设、制度落实等基础工作全部梳理一遍，问题清单全部销号，形成长效机制。",
        lead_unit: ORG,
        sources: [
            ("省国资委党委", "晋国资党发〔2026〕12号", "关于在省属企业开展强化基础工作建设专项行动的通知"),
            ("集团党委", "集团党发〔2026〕31号", "强化基础工作建设专项行动实施方案"),
            ("晋源煤矿党委", "晋源党发〔2026〕5号", "晋源煤矿党委强化基础工作建设专项行动实施方案"),
        ],
        stages: ["动员部署阶段", "自查自纠阶段", "整改提升阶段", "总结验收阶段"],
        tasks: vec![
            t(0, "成立专项行动领导组及办公室", "明确领导组成员和办公室职责", OFFICE, &[ORG], 2, &[], Some(1)),
            t(0, "制定矿党委实施方案", "对照上级方案细化到部门和支部", ORG, &[OFFICE, DISP], 5, &[(0, "FS", 0)], Some(2)),
            t(0, "绘制专项行动网络推进图", "明确工作目标、主要任务、责任单位、完成时限", DISP, &[ORG], 3, &[(1, "SS", 2)], None),
            t(0, "召开专项行动动员部署会", "全矿中层以上干部和支部书记参会", OFFICE, &[PROP], 1, &[(1, "FS", 0), (2, "FF", 0)], Some(0)),
            t(0, "下发党建调度通知单", "向各责任单位明确调度内容、对象、方式", DISP, &[], 2, &[(3, "FS", 0)], None),
            t(0, "下发专项工作调度令", "要求责任单位定期以文字、图片、视频反馈", DISP, &[], 1, &[(4, "FS", 0)], None),
            t(0, "开展专项行动宣传报道", "矿报、电视台、公众号开设专栏", PROP, &[YOUTH], 10, &[(3, "SS", 0)], None),
            t(0, "动员部署完成", "", DISP, &[], 0, &[(5, "FS", 0)], None),
            t(1, "支部基本情况摸底", "支部设置、班子配备、党员结构逐项登记", ORG, &["综采一队党支部", "机电科党支部"], 8, &[(7, "FS", 0)], Some(3)),
            t(1, "党员档案和组织关系核查", "档案齐全、关系清楚，口袋党员清零", ORG, &[], 10, &[(8, "SS", 3)], None),
            t(1, "党费收缴使用自查", "按标准足额收缴，台账清楚", ORG, &[DISC], 6, &[(8, "SS", 3)], None),
            t(1, "“三会一课”落实情况自查", "查记录、查签到、查质量", ORG, &[DISP], 8, &[(8, "FS", 0)], None),
            t(1, "主题党日活动开展情况自查", "", ORG, &[], 5, &[(11, "SS", 2)], None),
            t(1, "党建阵地建设情况检查", "活动室、党建园地、宣传栏标准化", PROP, &[UNION], 6, &[(7, "FS", 2)], None),
            t(1, "党风廉政建设责任制落实检查", "主体责任和监督责任清单", DISC, &[OFFICE], 7, &[(7, "FS", 0)], None),
            t(1, "基层支部自查报告报送", "各支部报送自查报告和问题清单", DISP, &[], 3, &[(9, "FS", 0), (10, "FS", 0), (11, "FS", 0), (12, "FF", 0)], Some(1)),
            t(1, "汇总形成问题清单", "按“三定”明确项目名称、责任人、完成时限", DISP, &[ORG], 3, &[(15, "FS", 0), (13, "FS", 0), (14, "FS", 0)], None),
            t(1, "自查自纠阶段总结通报", "在矿大调度会上通报", DISP, &[OFFICE], 1, &[(16, "FS", 0)], Some(2)),
            t(1, "自查自纠完成", "", DISP, &[], 0, &[(17, "FS", 0)], None),
            t(2, "支部班子调整补齐", "缺额支委补选到位", ORG, &[], 15, &[(18, "FS", 0)], None),
            t(2, "软弱涣散支部整顿", "一支部一方案，领导包点帮扶", ORG, &[DISP], 25, &[(18, "FS", 0)], Some(5)),
            t(2, "党员档案补齐规范", "", ORG, &[], 12, &[(18, "FS", 0)], None),
            t(2, "党费补缴和台账规范", "", ORG, &[DISC], 8, &[(21, "SS", 2)], None),
            t(2, "“三会一课”记录规范化", "统一记录本和会议流程", ORG, &[DISP], 10, &[(18, "FS", 0)], None),
            t(2, "党建阵地标准化改造", "活动室统一标识和上墙制度", PROP, &[UNION, "后勤服务中心党支部"], 20, &[(18, "FS", 3)], None),
            t(2, "党员先锋岗和责任区创建", "井下区队全覆盖", ORG, &[UNION, "综采一队党支部", "综掘一队党支部"], 15, &[(19, "SS", 5)], None),
            t(2, "青年安全监督岗活动", "", YOUTH, &["通风队党支部"], 12, &[(18, "FS", 0)], None),
            t(2, "廉洁风险防控排查", "关键岗位风险点和防控措施", DISC, &[], 10, &[(18, "FS", 0)], None),
            t(2, "基础工作制度汇编", "形成《基层党建工作制度汇编》", OFFICE, &[ORG, PROP], 10, &[(23, "FS", 0), (27, "FS", 0)], None),
            t(2, "党建调度督办（整改期）", "按时间节点督办问题清单销号", DISP, &[], 30, &[(18, "FS", 0), (20, "FF", 0)], None),
            t(2, "问题清单整改销号", "逐项验收销号", DISP, &[ORG, DISC], 5, &[(20, "FS", 0), (21, "FS", 0), (22, "FS", 0), (24, "FS", 0)], Some(3)),
            t(2, "整改提升阶段总结通报", "", DISP, &[OFFICE], 1, &[(30, "FS", 0), (29, "FF", 0)], None),
            t(2, "整改提升完成", "", DISP, &[], 0, &[(31, "FS", 0)], None),
            t(3, "支部基础工作考核验收", "对照标准逐支部验收打分", ORG, &[DISP, DISC], 10, &[(32, "FS", 0)], None),
            t(3, "典型经验总结推广", "", PROP, &[ORG], 8, &[(33, "SS", 3)], None),
            t(3, "专项行动考核奖惩兑现", "按考核办法兑现奖惩", DISP, &[ORG, UNION], 3, &[(33, "FS", 0)], Some(5)),
            t(3, "建立基础工作长效机制", "纳入“1234”工作规范", OFFICE, &[ORG, DISP], 8, &[(33, "FS", 0), (28, "FS", 0)], None),
            t(3, "专项行动总结报告上报集团党委", "", OFFICE, &[ORG], 3, &[(35, "FS", 0), (36, "FS", 0), (34, "FF", 0)], Some(2)),
            t(3, "在矿大调度会上总结通报", "", DISP, &[OFFICE], 1, &[(37, "SF", 0)], None),
            t(3, "专项行动完成", "", DISP, &[], 0, &[(37, "FS", 0), (38, "FS", 0)], None),
        ],
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;

    #[test]
    fn sample_plan_links_point_backwards_to_known_units() {
        let p = plan();
        assert_eq!(p.tasks.len(), 40);
        let org = organization();
        let units: std::collections::HashSet<_> = org.units.iter().map(|u| u.name).collect();
        for (i, t) in p.tasks.iter().enumerate() {
            assert!(units.contains(t.unit), "{}", t.unit);
            for c in t.cooperating {
                assert!(units.contains(c), "{c}");
            }
            for (pred, kind, _) in t.preds {
                assert!(*pred < i, "task {i} links forward");
                assert!(["FS", "SS", "FF", "SF"].contains(kind));
            }
        }
        for kind in ["FS", "SS", "FF", "SF"] {
            assert!(
                p.tasks
                    .iter()
                    .any(|t| t.preds.iter().any(|(_, k, _)| *k == kind)),
                "{kind}"
            );
        }
    }
}
