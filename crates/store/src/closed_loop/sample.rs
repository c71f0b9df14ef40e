//! The closed loop in the sample: feedback on the sample plan's tasks and
//! orders (some with site photos drawn here, no outside files), tasks the
//! plan has finished closed with a final report and the office's sign-off,
//! and rectifications in every state. Everything goes through the same
//! record operations as the UI.
use super::closure::close_in;
use super::feedback::FeedbackInput;
use super::rectify::{RectificationInput, VerificationInput};
use crate::attachments::{AttachmentRef, AttachmentStore};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{ChartTask, Result};
use chrono::NaiveDate;
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::{Permission, Role};
use image::{ImageEncoder, Rgb, RgbImage};
use rusqlite::OptionalExtension;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopSampleReport {
    pub feedback: usize,
    pub attachments: usize,
    pub rectifications: usize,
    pub closures: usize,
}

/// A made-up site photo: sky, a building with lit windows, a red banner
/// across it and the ground; `seed` varies the colours and proportions.
fn site_photo(seed: u32) -> Vec<u8> {
    let (w, h) = (480u32, 320u32);
    let hue = (seed * 37 % 60) as u8;
    let ground = 210 + (seed * 11 % 40);
    let (bx0, bx1) = (60 + seed * 23 % 80, 300 + seed * 31 % 120);
    let top = 80 + seed * 17 % 50;
    let img = RgbImage::from_fn(w, h, |x, y| {
        if y >= ground {
            let g = 90 + ((x + y) % 7) as u8 * 3;
            return Rgb([g, g - 10, 70 + hue / 3]);
        }
        let in_building = x >= bx0 && x < bx1 && y >= top;
        if in_building {
            let banner = y >= top + 14 && y < top + 34 && x >= bx0 + 12 && x < bx1 - 12;
            if banner {
                return Rgb([196, 28, 36]);
            }
            let window = (10..28).contains(&((x - bx0) % 36))
                && y - top > 44
                && (8..28).contains(&((y - top) % 40));
            return if window {
                Rgb([250, 226, 150])
            } else {
                Rgb([150 + hue, 150 + hue / 2, 160])
            };
        }
        let t = (y * 255 / ground.max(1)) as u8;
        Rgb([120 + t / 3, 170 + t / 4, 235 - hue / 2])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("PNG of an in-memory image");
    out
}

/// Who signs the sample's close-outs: the loading user if they may, else
/// the first signer or administrator account; none means no closures.
fn sign_off_actor(store: &Store, actor: &Actor) -> Result<Option<Actor>> {
    if actor.user_id.is_some() && actor.role.allows(Permission::SignDocuments) {
        return Ok(Some(actor.clone()));
    }
    let row: Option<(i64, String, String)> = store
        .conn
        .query_row(
            "SELECT id, username, role FROM app_user WHERE disabled = 0 AND role IN ('signer', 'admin')
             ORDER BY role = 'signer' DESC, id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(sql_err)?;
    Ok(row.map(|(id, username, role)| Actor {
        user_id: Some(id),
        username,
        role: Role::parse(&role).unwrap_or(Role::Admin),
    }))
}

struct Loader<'a> {
    store: &'a mut Store,
    actor: &'a Actor,
    files: AttachmentStore,
    today: NaiveDate,
    cal: diaodu_schedule::WorkCalendar,
    photos: u32,
    report: LoopSampleReport,
}

impl Loader<'_> {
    fn photo(&mut self, label: &str) -> Result<AttachmentRef> {
        self.photos += 1;
        let bytes = site_photo(self.photos);
        let name = format!("{label}{}.png", self.photos);
        let len = bytes.len() as u64;
        let s = self
            .files
            .ingest_reader(&name, std::io::Cursor::new(bytes), Some(len))?;
        self.report.attachments += 1;
        Ok(AttachmentRef {
            sha256: s.sha256,
            name: s.name,
        })
    }

    fn person_of(&self, unit: Option<i64>) -> String {
        unit.and_then(|u| {
            self.store
                .conn
                .query_row(
                    "SELECT name FROM person WHERE unit_id = ?1 AND retired_at IS NULL ORDER BY id LIMIT 1",
                    [u],
                    |r| r.get::<_, String>(0),
                )
                .ok()
        })
        .unwrap_or_else(|| "支部书记".into())
    }

    #[allow(clippy::too_many_arguments)]
    fn feedback(
        &mut self,
        kind: TargetKind,
        id: i64,
        unit: Option<i64>,
        on: NaiveDate,
        text: String,
        progress: Option<i64>,
        is_final: bool,
        attachments: Vec<AttachmentRef>,
    ) -> Result<i64> {
        let input = FeedbackInput {
            target_kind: kind.code().into(),
            target_id: id,
            reported_on: on.to_string(),
            unit_id: unit,
            person_name: self.person_of(unit),
            text,
            progress,
            is_final,
            attachments,
        };
        let f = self.store.add_feedback(self.actor, &input)?;
        self.report.feedback += 1;
        Ok(f.id)
    }

    fn working_day(&self, n: i64) -> NaiveDate {
        self.cal
            .add_working_days(self.today, n)
            .unwrap_or(self.today)
    }

    /// Tasks the plan has finished report completion and are closed; tasks
    /// under way report their progress.
    fn tasks(&mut self, tasks: &[ChartTask], closer: Option<&Actor>) -> Result<()> {
        for (i, t) in tasks.iter().enumerate() {
            let finished = t
                .actual_finish
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let started = t
                .actual_start
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            if let (Some(done), true) = (finished, t.progress == 100) {
                let photos = if i % 3 == 0 {
                    vec![self.photo("完成情况照片")?]
                } else {
                    Vec::new()
                };
                self.feedback(
                    TargetKind::Task,
                    t.id,
                    t.lead_unit_id,
                    done.min(self.today),
                    format!(
                        "已按网络推进图完成“{}”，相关台账和佐证材料已整理归档。",
                        t.name
                    ),
                    Some(100),
                    true,
                    photos,
                )?;
                if let (Some(closer), Some(user)) = (closer, closer.and_then(|c| c.user_id)) {
                    let tx = self.store.tx()?;
                    close_in(
                        &tx,
                        closer,
                        user,
                        TargetKind::Task,
                        t.id,
                        "（示例）经核查已完成，同意闭合",
                        "（示例）佐证材料已现场查看",
                    )?;
                    commit(tx)?;
                    self.report.closures += 1;
                }
            } else if let Some(start) = started.filter(|s| *s <= self.today) {
                let on = self
                    .cal
                    .add_working_days(start, 2)
                    .unwrap_or(start)
                    .min(self.today);
                let photos = if i % 2 == 0 {
                    vec![self.photo("现场照片")?]
                } else {
                    Vec::new()
                };
                self.feedback(
                    TargetKind::Task,
                    t.id,
                    t.lead_unit_id,
                    on,
                    format!(
                        "“{}”正在推进：已召开专题会议部署，明确专人负责，按节点落实。",
                        t.name
                    ),
                    Some(t.progress),
                    false,
                    photos,
                )?;
            }
        }
        Ok(())
    }

    /// Orders and notices report back; the completed order is closed.
    fn documents(&mut self, closer: Option<&Actor>) -> Result<()> {
        let docs = self.store.list_docs(&Default::default())?;
        let mut noticed = false;
        for d in docs.iter().rev() {
            let signed = d
                .signed_at
                .as_deref()
                .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
            let Some(signed) = signed else { continue };
            // Documents signed on past days belong to the supervision year of
            // the sample, with its own reports (some deliberately missing).
            if signed < self.today {
                continue;
            }
            let on = self.today.max(signed);
            let unit = Some(d.target_unit_id);
            match (d.kind.as_str(), d.status.as_str()) {
                ("order", "received" | "in_progress") => {
                    let photos = vec![self.photo("调度令落实照片")?];
                    self.feedback(
                        TargetKind::Document,
                        d.id,
                        unit,
                        on,
                        "已传达到全体党员，制定了落实方案，正在按时间节点推进。".into(),
                        Some(50),
                        false,
                        photos,
                    )?;
                }
                ("order", "completed") => {
                    let photos = vec![self.photo("调度令完成照片")?];
                    self.feedback(
                        TargetKind::Document,
                        d.id,
                        unit,
                        on,
                        "调度令事项已全部落实，材料已报党建调度室。".into(),
                        Some(100),
                        true,
                        photos,
                    )?;
                    if let (Some(closer), Some(user)) = (closer, closer.and_then(|c| c.user_id)) {
                        let tx = self.store.tx()?;
                        close_in(
                            &tx,
                            closer,
                            user,
                            TargetKind::Document,
                            d.id,
                            "（示例）核查属实，同意闭合",
                            "（示例）佐证材料已现场查看",
                        )?;
                        commit(tx)?;
                        self.report.closures += 1;
                    }
                }
                ("notice", "issued" | "received" | "in_progress") if !noticed => {
                    noticed = true;
                    self.feedback(
                        TargetKind::Document,
                        d.id,
                        unit,
                        on,
                        "通知已收悉，已分解到各党小组。".into(),
                        Some(20),
                        false,
                        Vec::new(),
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn rectification(&mut self, input: RectificationInput) -> Result<i64> {
        let r = self.store.create_rectification(self.actor, &input)?;
        self.report.rectifications += 1;
        Ok(r.id)
    }

    fn verify(&mut self, id: i64, pass: bool, note: &str) -> Result<()> {
        let input = VerificationInput {
            verified_by: "党建调度室 赵卫东".into(),
            verified_on: self.today.to_string(),
            result: if pass { "pass" } else { "fail" }.into(),
            note: note.into(),
        };
        self.store.verify_rectification(self.actor, id, &input)?;
        Ok(())
    }

    /// One rectification in every state, from every kind of source.
    fn rectifications(&mut self, under_way: &[&ChartTask], late: Option<&ChartTask>) -> Result<()> {
        let units: Vec<(i64, String)> = {
            let mut stmt = self
                .store
                .conn
                .prepare("SELECT id, name FROM unit WHERE retired_at IS NULL AND kind = 'branch' ORDER BY id LIMIT 6")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?;
            rows.collect::<std::result::Result<_, _>>()
                .map_err(sql_err)?
        };
        let unit = |i: usize| units.get(i % units.len().max(1)).map(|u| u.0);
        let person = |l: &Self, u: Option<i64>| l.person_of(u);
        let task_target = |t: Option<&&ChartTask>| {
            t.map(|t| (Some("task".to_string()), Some(t.id), t.lead_unit_id))
        };

        // 1. Inspection, open, due soon, on a task under way.
        let (tk, tid, tu) = task_target(under_way.first()).unwrap_or((None, None, unit(0)));
        self.rectification(RectificationInput {
            source: "inspection".into(),
            source_ref: Some("inspection:示例-综合大检查".into()),
            target_kind: tk,
            target_id: tid,
            problem: "综合大检查发现：支部“三会一课”记录缺少签到表，部分会议记录内容过于简单。"
                .into(),
            item_name: "补齐三会一课签到记录".into(),
            person_name: person(self, tu),
            deadline: self.working_day(2).to_string(),
            unit_id: tu,
            measures: "逐月核对会议记录，补齐签到表，支部书记审核签字。".into(),
            ..Default::default()
        })?;
        // 2. Hotline, open, overdue.
        let u = unit(1);
        self.rectification(RectificationInput {
            source: "hotline".into(),
            source_ref: Some("hotline:示例-职工来电".into()),
            problem: "职工热线反映：浴室热水供应不稳定，夜班下井人员洗浴受影响。".into(),
            item_name: "浴室热水供应整改".into(),
            person_name: person(self, u),
            deadline: self.working_day(-3).to_string(),
            unit_id: u,
            measures: "检修锅炉循环泵，调整夜班供水时段。".into(),
            ..Default::default()
        })?;
        // 3. Supervision, verification failed, on the task running late.
        let (tk, tid, tu) = late
            .map(|t| (Some("task".to_string()), Some(t.id), t.lead_unit_id))
            .unwrap_or((None, None, unit(2)));
        let failed = self.rectification(RectificationInput {
            source: "supervision".into(),
            source_ref: Some("supervision:示例-现场督办".into()),
            target_kind: tk,
            target_id: tid,
            problem: "现场督办发现：党员活动室制度上墙不全，学习资料未及时更新。".into(),
            item_name: "党员活动室规范化整改".into(),
            person_name: person(self, tu),
            deadline: self.working_day(5).to_string(),
            unit_id: tu,
            measures: "按标准补充制度牌，更新学习资料。".into(),
            evidence: "已更换制度牌4块。".into(),
            ..Default::default()
        })?;
        self.verify(failed, false, "学习资料仍为去年内容，需更新后重新验收")?;
        // 4. Meeting, verified, waiting for close-out.
        let u = unit(3);
        let evidence_photo = self.photo("台账核对照片")?;
        let verified = self.rectification(RectificationInput {
            source: "meeting".into(),
            source_ref: Some("meeting:示例-党建调度例会".into()),
            problem: "党建调度例会通报：支部党费收缴台账与财务记录不一致。".into(),
            item_name: "党费收缴台账核对".into(),
            person_name: person(self, u),
            deadline: self.working_day(-1).to_string(),
            unit_id: u,
            measures: "与财务逐笔核对，更正台账。".into(),
            evidence: "核对表已由支部书记和财务签字。".into(),
            attachments: vec![evidence_photo],
            ..Default::default()
        })?;
        self.verify(verified, true, "台账与财务记录一致")?;
        // 5. From feedback, verified and closed out.
        let u = unit(4);
        let source_ref: Option<String> = self
            .store
            .conn
            .query_row("SELECT 'feedback:' || MIN(id) FROM feedback", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql_err)?
            .flatten();
        let closed = self.rectification(RectificationInput {
            source: "feedback".into(),
            source_ref,
            problem: "支部反馈中发现：党员积分管理未按月公示。".into(),
            item_name: "党员积分按月公示".into(),
            person_name: person(self, u),
            deadline: self.working_day(-5).to_string(),
            unit_id: u,
            measures: "每月5日前在支部公示栏公示上月积分。".into(),
            evidence: "已公示两个月。".into(),
            ..Default::default()
        })?;
        self.verify(closed, true, "公示到位")?;
        self.store
            .close_rectification(self.actor, closed, "（示例）整改到位，予以销号")?;
        // 6. Closed out, then reopened with a reason.
        let u = unit(5);
        let reopened = self.rectification(RectificationInput {
            source: "other".into(),
            problem: "井口安全宣传栏内容陈旧，破损未修。".into(),
            item_name: "井口宣传栏更新".into(),
            person_name: person(self, u),
            deadline: self.working_day(8).to_string(),
            unit_id: u,
            measures: "更换宣传栏面板，更新安全宣传内容。".into(),
            ..Default::default()
        })?;
        self.verify(reopened, true, "")?;
        self.store.close_rectification(self.actor, reopened, "")?;
        self.store.reopen_rectification(
            self.actor,
            reopened,
            "（示例）复查发现宣传栏再次破损，需加固",
        )?;
        Ok(())
    }
}

impl Store {
    /// The closed loop part of the sample; called by `load_sample` after the
    /// plan and the documents are in.
    pub(crate) fn load_sample_loop(&mut self, actor: &Actor) -> Result<LoopSampleReport> {
        let Some(plan) = self.list_plans(&Default::default())?.into_iter().next() else {
            return Ok(LoopSampleReport::default());
        };
        let chart = self.chart(plan.plan.id, None)?;
        let tasks: Vec<ChartTask> = chart
            .tasks
            .into_iter()
            .filter(|t| t.kind == "task")
            .collect();
        let closer = sign_off_actor(self, actor)?;
        let files = self.attachment_store()?;
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut l = Loader {
            store: self,
            actor,
            files,
            today: diaodu_domain::clock::today(),
            cal,
            photos: 0,
            report: LoopSampleReport::default(),
        };
        l.tasks(&tasks, closer.as_ref())?;
        l.documents(closer.as_ref())?;
        let under_way: Vec<&ChartTask> = tasks
            .iter()
            .filter(|t| t.status == "in_progress" && t.progress < 100 && t.actual_start.is_some())
            .collect();
        let late = tasks.iter().find(|t| t.status == "supervising");
        l.rectifications(&under_way, late)?;
        Ok(l.report)
    }
}
