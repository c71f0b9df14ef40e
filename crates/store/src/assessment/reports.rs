//! 报表: the ranking, the duty roster, and the monthly and annual report sets
//! (assessment ranking, duty, hotline, inspections) as tables. The same
//! tables go to the PDF engine's tabular report and to the xlsx workbook.
use super::period::{Period, PeriodKind};
use super::scoring::{ranking_in, UnitScore};
use crate::db::{sql_err, Store};
use crate::Result;
use diaodu_documents::{Orientation, Report, ReportBlock, ReportColumn, ReportTable};
use diaodu_domain::CoreError;
use serde::Deserialize;

/// One titled table with its key facts.
#[derive(Debug, Clone)]
pub struct ReportSection {
    pub heading: String,
    pub facts: Vec<(String, String)>,
    pub table: ReportTable,
}

#[derive(Debug, Clone)]
pub struct ReportSet {
    pub title: String,
    pub subtitle: String,
    /// File name without extension.
    pub file_stem: String,
    pub orientation: Orientation,
    pub sections: Vec<ReportSection>,
}

/// What to print: `ranking` (period), `roster` (month), `monthly` (month) or
/// `annual` (year).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReportRequest {
    pub kind: String,
    pub period: String,
}

fn num(x: f64) -> String {
    let t = format!("{x:.2}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn signed(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

fn table(columns: Vec<ReportColumn>, rows: Vec<Vec<String>>, empty: &str) -> ReportTable {
    ReportTable {
        columns,
        rows,
        empty_text: empty.into(),
    }
}

fn ranking_table(list: &[UnitScore]) -> ReportTable {
    table(
        vec![
            ReportColumn::new("名次", 0.6).center(),
            ReportColumn::new("单位", 2.6),
            ReportColumn::new("基础分", 0.9).right(),
            ReportColumn::new("扣分", 0.8).right(),
            ReportColumn::new("加分", 0.8).right(),
            ReportColumn::new("速度", 0.8).right(),
            ReportColumn::new("力度", 0.8).right(),
            ReportColumn::new("温度", 0.8).right(),
            ReportColumn::new("得分", 0.9).right(),
        ],
        list.iter()
            .map(|s| {
                vec![
                    s.rank.to_string(),
                    s.unit.clone(),
                    num(s.base),
                    num(s.deductions),
                    num(s.bonuses),
                    signed(s.speed),
                    signed(s.strength),
                    signed(s.warmth),
                    num(s.score),
                ]
            })
            .collect(),
        "本期无考核单位",
    )
}

fn month_or_bad(text: &str) -> Result<Period> {
    let p = Period::parse(text)?;
    if p.kind != PeriodKind::Month {
        return Err(CoreError::validation("period", "请选择月份，如 2026-03"));
    }
    Ok(p)
}

impl Store {
    fn ranking_sections(&self, p: &Period) -> Result<Vec<ReportSection>> {
        let r = ranking_in(&self.conn, p)?;
        let status = match r.period.status.as_str() {
            "closed" => format!(
                "已关闭（{}，{}）",
                r.period.closed_by_name.clone().unwrap_or_default(),
                r.period.closed_at.clone().unwrap_or_default()
            ),
            "open" => "进行中（结果未冻结）".into(),
            _ => "未开始".into(),
        };
        let pending: i64 = r
            .departments
            .iter()
            .chain(&r.branches)
            .map(|s| s.pending)
            .sum();
        let mut facts = vec![
            (
                "考核期间".to_string(),
                format!("{}（{}至{}）", p.label(), r.period.start, r.period.end),
            ),
            (
                "考核细则".to_string(),
                match (&r.period.rule_set_name, r.period.rule_set_version) {
                    (Some(n), Some(v)) => format!(
                        "《{n}》第{v}版，基础分{}",
                        num(r.period.base_score.unwrap_or(100.0))
                    ),
                    _ => "尚未启用".into(),
                },
            ),
            ("状态".to_string(), status),
        ];
        if pending > 0 {
            facts.push(("待确认建议".into(), format!("{pending}条（未计入得分）")));
        }
        if p.kind != PeriodKind::Month {
            facts.push((
                "计分方法".into(),
                "各月得分的平均值，加减本期直接登记的分值".into(),
            ));
        }
        Ok(vec![
            ReportSection {
                heading: "党委部门考核排名".into(),
                facts,
                table: ranking_table(&r.departments),
            },
            ReportSection {
                heading: "基层党支部考核排名".into(),
                facts: Vec::new(),
                table: ranking_table(&r.branches),
            },
        ])
    }

    fn roster_sections(&self, p: &Period) -> Result<Vec<ReportSection>> {
        let roster = self.duty_roster(&p.code())?;
        let leaders = table(
            vec![
                ReportColumn::new("日期", 1.2),
                ReportColumn::new("星期", 0.6).center(),
                ReportColumn::new("带班领导", 1.2),
                ReportColumn::new("职务", 1.3),
                ReportColumn::new("联系电话", 1.5),
                ReportColumn::new("白班调度员", 1.1),
                ReportColumn::new("夜班调度员", 1.1),
                ReportColumn::new("备注", 1.4),
            ],
            roster
                .leaders
                .iter()
                .map(|d| {
                    let shift = |s: &str| {
                        roster
                            .shifts
                            .iter()
                            .find(|x| x.date == d.date && x.shift == s)
                            .and_then(|x| x.user_name.clone())
                            .unwrap_or_default()
                    };
                    vec![
                        d.date.clone(),
                        d.weekday.clone(),
                        d.person_name.clone().unwrap_or_else(|| "（未排）".into()),
                        d.person_title.clone().unwrap_or_default(),
                        d.phone.clone().unwrap_or_default(),
                        shift("day"),
                        shift("night"),
                        d.note.clone(),
                    ]
                })
                .collect(),
            "",
        );
        let swaps = table(
            vec![
                ReportColumn::new("调换日期", 1.2),
                ReportColumn::new("原值班", 1.0),
                ReportColumn::new("对调日期", 1.2),
                ReportColumn::new("原值班", 1.0),
                ReportColumn::new("原因", 3.0),
            ],
            roster
                .swaps
                .iter()
                .map(|s| {
                    vec![
                        s.date_a.clone(),
                        s.person_a.clone(),
                        s.date_b.clone(),
                        s.person_b.clone(),
                        s.reason.clone(),
                    ]
                })
                .collect(),
            "本月无调班",
        );
        Ok(vec![
            ReportSection {
                heading: "领导干部24小时带班值班表".into(),
                facts: vec![
                    (
                        "值班时间".into(),
                        "每日8:00至次日8:00；调度员白班8:00—20:00、夜班20:00—次日8:00".into(),
                    ),
                    (
                        "已排天数".into(),
                        format!(
                            "{}天，共{}天",
                            roster
                                .leaders
                                .iter()
                                .filter(|d| d.person_id.is_some())
                                .count(),
                            roster.leaders.len()
                        ),
                    ),
                ],
                table: leaders,
            },
            ReportSection {
                heading: "调班记录".into(),
                facts: Vec::new(),
                table: swaps,
            },
        ])
    }

    fn handover_section(&self, p: &Period) -> Result<ReportSection> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT h.shift_date, h.shift, o.display_name, i.display_name,
                 (SELECT COUNT(*) FROM handover_item x WHERE x.handover_id = h.id AND x.status = 'open'),
                 h.outgoing_confirmed_at IS NOT NULL AND h.incoming_confirmed_at IS NOT NULL
                 FROM handover h JOIN app_user o ON o.id = h.outgoing_user_id JOIN app_user i ON i.id = h.incoming_user_id
                 WHERE h.shift_date BETWEEN ?1 AND ?2 ORDER BY h.shift_date, h.shift, h.id",
            )
            .map_err(sql_err)?;
        let rows: Vec<Vec<String>> = stmt
            .query_map(
                rusqlite::params![p.start().to_string(), p.end().to_string()],
                |r| {
                    let shift: String = r.get(1)?;
                    Ok(vec![
                        r.get::<_, String>(0)?,
                        if shift == "day" { "白班" } else { "夜班" }.to_string(),
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?.to_string(),
                        if r.get::<_, bool>(5)? {
                            "双方已确认"
                        } else {
                            "待确认"
                        }
                        .to_string(),
                    ])
                },
            )
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        let done = rows.iter().filter(|r| r[5] == "双方已确认").count();
        Ok(ReportSection {
            heading: "调度员交接班".into(),
            facts: vec![(
                "交接班".into(),
                format!("{}次，双方确认{done}次", rows.len()),
            )],
            table: table(
                vec![
                    ReportColumn::new("交班日期", 1.2),
                    ReportColumn::new("班次", 0.7).center(),
                    ReportColumn::new("交班人", 1.0),
                    ReportColumn::new("接班人", 1.0),
                    ReportColumn::new("未办结事项", 0.9).right(),
                    ReportColumn::new("确认", 1.1),
                ],
                rows,
                "本期无交接班记录",
            ),
        })
    }

    fn hotline_section(&self, p: &Period) -> Result<ReportSection> {
        let calls =
            self.list_hotline_calls(Some(&p.start().to_string()), Some(&p.end().to_string()))?;
        let answered: Vec<i64> = calls.iter().filter_map(|c| c.response_minutes).collect();
        let avg = if answered.is_empty() {
            "—".to_string()
        } else {
            format!(
                "{}分钟",
                answered.iter().sum::<i64>() / answered.len() as i64
            )
        };
        let converted = calls.iter().filter(|c| !c.turned_into.is_empty()).count();
        let mut rows: Vec<Vec<String>> = calls
            .iter()
            .map(|c| {
                vec![
                    c.received_at.clone(),
                    c.caller.clone(),
                    c.unit_name.clone().unwrap_or_default(),
                    c.matter.clone(),
                    c.handling.clone(),
                    c.response_text.clone(),
                    c.turned_into.clone(),
                ]
            })
            .collect();
        rows.reverse();
        Ok(ReportSection {
            heading: "热线电话".into(),
            facts: vec![(
                "来电".into(),
                format!(
                    "{}次，已答复{}次，平均响应{avg}，转办{converted}件",
                    calls.len(),
                    answered.len()
                ),
            )],
            table: table(
                vec![
                    ReportColumn::new("来电时间", 1.4),
                    ReportColumn::new("来电人", 0.8),
                    ReportColumn::new("所涉单位", 1.3),
                    ReportColumn::new("反映事项", 2.6),
                    ReportColumn::new("处理情况", 2.2),
                    ReportColumn::new("响应时间", 0.9),
                    ReportColumn::new("转办", 0.8),
                ],
                rows,
                "本期无热线来电",
            ),
        })
    }

    fn inspection_section(&self, p: &Period) -> Result<ReportSection> {
        let list =
            self.list_inspections(Some(&p.start().to_string()), Some(&p.end().to_string()))?;
        let mut rows = Vec::new();
        let (mut total, mut closed) = (0, 0);
        for i in list.iter().rev() {
            for f in &i.findings {
                total += 1;
                if f.status == "closed" {
                    closed += 1;
                }
                rows.push(vec![
                    i.inspected_on.clone(),
                    i.title.clone(),
                    f.unit_name.clone(),
                    f.problem.clone(),
                    format!("{}（{}，{}前）", f.item_name, f.person_name, f.deadline),
                    f.status_label.clone(),
                ]);
            }
        }
        Ok(ReportSection {
            heading: "综合大检查".into(),
            facts: vec![(
                "检查".into(),
                format!("{}次，发现问题{total}个，已销号{closed}个", list.len()),
            )],
            table: table(
                vec![
                    ReportColumn::new("检查日期", 1.1),
                    ReportColumn::new("检查名称", 1.6),
                    ReportColumn::new("责任单位", 1.3),
                    ReportColumn::new("发现问题", 2.6),
                    ReportColumn::new("整改（三定）", 2.2),
                    ReportColumn::new("状态", 0.8),
                ],
                rows,
                "本期无综合大检查",
            ),
        })
    }

    /// Duty days per leader, per month of the year.
    fn annual_duty_section(&self, p: &Period) -> Result<ReportSection> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.name, CAST(substr(d.duty_date, 6, 2) AS INTEGER), COUNT(*) FROM leader_duty d
                 JOIN person p ON p.id = d.person_id WHERE d.duty_date BETWEEN ?1 AND ?2
                 GROUP BY p.id, 2 ORDER BY p.id",
            )
            .map_err(sql_err)?;
        let mut per: Vec<(String, [i64; 12])> = Vec::new();
        let rows = stmt
            .query_map(
                rusqlite::params![p.start().to_string(), p.end().to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )
            .map_err(sql_err)?;
        for row in rows {
            let (name, month, n) = row.map_err(sql_err)?;
            let idx = per.iter().position(|(p, _)| *p == name).unwrap_or_else(|| {
                per.push((name.clone(), [0; 12]));
                per.len() - 1
            });
            if (1..=12).contains(&month) {
                per[idx].1[month as usize - 1] = n;
            }
        }
        let mut columns = vec![ReportColumn::new("带班领导", 1.4)];
        columns.extend((1..=12).map(|m| ReportColumn::new(format!("{m}月"), 0.55).right()));
        columns.push(ReportColumn::new("合计", 0.7).right());
        let rows = per
            .iter()
            .map(|(name, months)| {
                let mut row = vec![name.clone()];
                row.extend(months.iter().map(|n| n.to_string()));
                row.push(months.iter().sum::<i64>().to_string());
                row
            })
            .collect();
        Ok(ReportSection {
            heading: "领导干部带班值班天数".into(),
            facts: Vec::new(),
            table: table(columns, rows, "本年度无领导值班安排"),
        })
    }

    /// Hotline calls per month of the year.
    fn annual_hotline_section(&self, p: &Period) -> Result<ReportSection> {
        let mut rows = Vec::new();
        let mut total = 0;
        for m in p.months() {
            let calls =
                self.list_hotline_calls(Some(&m.start().to_string()), Some(&m.end().to_string()))?;
            let answered: Vec<i64> = calls.iter().filter_map(|c| c.response_minutes).collect();
            total += calls.len();
            rows.push(vec![
                m.label(),
                calls.len().to_string(),
                answered.len().to_string(),
                if answered.is_empty() {
                    "—".into()
                } else {
                    (answered.iter().sum::<i64>() / answered.len() as i64).to_string()
                },
                calls
                    .iter()
                    .filter(|c| !c.turned_into.is_empty())
                    .count()
                    .to_string(),
            ]);
        }
        Ok(ReportSection {
            heading: "热线电话（按月）".into(),
            facts: vec![("全年来电".into(), format!("{total}次"))],
            table: table(
                vec![
                    ReportColumn::new("月份", 1.2),
                    ReportColumn::new("来电", 0.8).right(),
                    ReportColumn::new("已答复", 0.8).right(),
                    ReportColumn::new("平均响应（分钟）", 1.3).right(),
                    ReportColumn::new("转办", 0.8).right(),
                ],
                rows,
                "",
            ),
        })
    }

    pub fn report_set(&self, req: &ReportRequest) -> Result<ReportSet> {
        let issuer_stem = |what: &str, p: &Period| format!("{}{what}", p.label());
        match req.kind.as_str() {
            "ranking" => {
                let p = Period::parse(&req.period)?;
                Ok(ReportSet {
                    title: format!("{}党建调度考核排名", p.label()),
                    subtitle: "党委部门、基层党支部分别排名".into(),
                    file_stem: issuer_stem("考核排名", &p),
                    orientation: Orientation::Portrait,
                    sections: self.ranking_sections(&p)?,
                })
            }
            "roster" => {
                let p = month_or_bad(&req.period)?;
                Ok(ReportSet {
                    title: format!("{}领导干部24小时值班表", p.label()),
                    subtitle: String::new(),
                    file_stem: issuer_stem("值班表", &p),
                    orientation: Orientation::Portrait,
                    sections: self.roster_sections(&p)?,
                })
            }
            "monthly" => {
                let p = month_or_bad(&req.period)?;
                let mut sections = self.ranking_sections(&p)?;
                sections.extend(self.roster_sections(&p)?);
                sections.push(self.handover_section(&p)?);
                sections.push(self.hotline_section(&p)?);
                sections.push(self.inspection_section(&p)?);
                Ok(ReportSet {
                    title: format!("{}党建调度月度报表", p.label()),
                    subtitle: "考核排名 · 值班 · 交接班 · 热线电话 · 综合大检查".into(),
                    file_stem: issuer_stem("月度报表", &p),
                    orientation: Orientation::Landscape,
                    sections,
                })
            }
            "annual" => {
                let p = Period::parse(&req.period)?;
                if p.kind != PeriodKind::Year {
                    return Err(CoreError::validation(
                        "period",
                        "年度报表请选择年份，如 2026",
                    ));
                }
                let mut sections = self.ranking_sections(&p)?;
                sections.push(self.annual_duty_section(&p)?);
                sections.push(self.handover_section(&p)?);
                sections.push(self.annual_hotline_section(&p)?);
                sections.push(self.hotline_section(&p)?);
                sections.push(self.inspection_section(&p)?);
                Ok(ReportSet {
                    title: format!("{}党建调度年度报表", p.label().trim_end_matches('度')),
                    subtitle: "考核排名 · 值班 · 交接班 · 热线电话 · 综合大检查".into(),
                    file_stem: format!("{}年度报表", p.year),
                    orientation: Orientation::Landscape,
                    sections,
                })
            }
            _ => Err(CoreError::validation(
                "kind",
                "报表类型只能是：考核排名、值班表、月度报表或年度报表",
            )),
        }
    }

    /// The report set through the PDF engine's tabular report.
    pub fn report_pdf(&self, set: &ReportSet, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let mut blocks = Vec::new();
        for (i, s) in set.sections.iter().enumerate() {
            blocks.push(ReportBlock::Heading(format!(
                "{}、{}",
                diaodu_documents::compose::cn_ordinal(i + 1),
                s.heading
            )));
            if !s.facts.is_empty() {
                blocks.push(ReportBlock::Facts(s.facts.clone()));
            }
            blocks.push(ReportBlock::Table(s.table.clone()));
        }
        let report = Report {
            title: set.title.clone(),
            subtitle: set.subtitle.clone(),
            issuer: self.issuer_name()?,
            printed_on: diaodu_domain::clock::today(),
            orientation: set.orientation,
            blocks,
        };
        diaodu_documents::render_report(&report, fonts).map_err(crate::print::doc_error)
    }
}
