//! Numbers of official papers (发文字号): one register (`doc_number`,
//! migration 0009) for every numbered kind, and the prefix of each kind from
//! 公文设置, defaulting to one made from the issuing body's name.
//!
//! A number is `prefix〔year〕seq号` (GB/T 9704: no 第, no leading zeros).
//! The next one is taken inside the transaction that issues the paper, and
//! the register's unique index on (prefix, year, seq) means no two papers can
//! ever share a number, whatever kinds share a prefix.
use crate::db::{sql_err, Store};
use crate::Result;
use diaodu_domain::CoreError;
use rusqlite::{params, Connection};
use serde::Serialize;

/// Every kind of paper that carries a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperKind {
    Order,
    Notice,
    Reminder,
    StageBulletin,
    RewardBulletin,
}

impl PaperKind {
    pub const ALL: [PaperKind; 5] = [
        PaperKind::Order,
        PaperKind::Notice,
        PaperKind::Reminder,
        PaperKind::StageBulletin,
        PaperKind::RewardBulletin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaperKind::Order => "order",
            PaperKind::Notice => "notice",
            PaperKind::Reminder => "reminder",
            PaperKind::StageBulletin => "stage_bulletin",
            PaperKind::RewardBulletin => "reward_bulletin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PaperKind::Order => "调度令",
            PaperKind::Notice => "通知单",
            PaperKind::Reminder => "催办通知单",
            PaperKind::StageBulletin => "阶段总结通报",
            PaperKind::RewardBulletin => "考核奖惩通报",
        }
    }

    /// The 公文设置 key of its prefix.
    fn setting_key(self) -> &'static str {
        match self {
            PaperKind::Order => "doc_prefix_order",
            PaperKind::Notice => "doc_prefix_notice",
            PaperKind::Reminder => "doc_prefix_reminder",
            PaperKind::StageBulletin => "doc_prefix_bulletin",
            PaperKind::RewardBulletin => "doc_prefix_reward",
        }
    }

    /// What follows the office's code in a default prefix (党调令, 党调通, …).
    /// Both bulletins are 通报 of the office: by default they share one
    /// prefix, and so one sequence.
    fn default_tail(self) -> &'static str {
        match self {
            PaperKind::Order => "党调令",
            PaperKind::Notice => "党调通",
            PaperKind::Reminder => "党调催",
            PaperKind::StageBulletin | PaperKind::RewardBulletin => "党调通报",
        }
    }

    /// `order`, `调度令`, … as typed on the command line or sent by the UI.
    pub fn parse(s: &str) -> Result<PaperKind> {
        let s = s.trim();
        PaperKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.label() == s)
            .ok_or_else(|| {
                CoreError::validation(
                    "kind",
                    format!(
                        "未知的文件类别“{s}”：应为 {}",
                        PaperKind::ALL
                            .iter()
                            .map(|k| format!("{}（{}）", k.code(), k.label()))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                )
            })
    }
}

/// The office's short code from the issuing body's name: the name before
/// its organisation word, at most two characters (晋源煤矿党委党建调度室 →
/// 晋源); empty when the name starts with one (党委党建调度室).
pub fn office_code(issuer: &str) -> String {
    const ORGANISATION_WORDS: [&str; 10] = [
        "煤矿",
        "煤业",
        "矿",
        "集团",
        "公司",
        "党委",
        "党总支",
        "党支部",
        "党建",
        "调度",
    ];
    let issuer = issuer.trim();
    let cut = ORGANISATION_WORDS
        .iter()
        .filter_map(|w| issuer.find(w))
        .min()
        .unwrap_or(issuer.len());
    issuer[..cut]
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(2)
        .collect()
}

/// The prefix a kind has when 公文设置 names none.
pub fn default_prefix(issuer: &str, kind: PaperKind) -> String {
    format!("{}{}", office_code(issuer), kind.default_tail())
}

/// A number as printed.
pub fn format_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}〔{year}〕{seq}号")
}

/// A number taken from the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub year: i32,
    pub seq: i64,
    pub number: String,
}

/// Takes the next number under `prefix` for `year` and registers it for the
/// paper, inside the caller's (immediate) transaction.
///
/// The sequence is one more than the highest number of the year under that
/// prefix, or of that kind if higher: a prefix changed in the middle of a
/// year never gives a kind a sequence number it already used.
pub(crate) fn take_number(
    tx: &Connection,
    kind: PaperKind,
    record_id: i64,
    prefix: &str,
    year: i32,
    issued_at: &str,
) -> Result<Taken> {
    let seq: i64 = tx
        .query_row(
            "SELECT MAX(COALESCE((SELECT MAX(seq) FROM doc_number WHERE prefix = ?1 AND year = ?2), 0),
                        COALESCE((SELECT MAX(seq) FROM doc_number WHERE kind = ?3 AND year = ?2), 0)) + 1",
            params![prefix, year, kind.code()],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    let number = format_number(prefix, year, seq);
    tx.execute(
        "INSERT INTO doc_number (prefix, year, seq, number, kind, record_id, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![prefix, year, seq, number, kind.code(), record_id, issued_at],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            CoreError::conflict(format!(
                "文号 {number} 已被占用或该{}已有文号，未编号，请重试",
                kind.label()
            ))
        }
        e => sql_err(e),
    })?;
    Ok(Taken { year, seq, number })
}

impl Store {
    /// The prefix a kind's next number takes: 公文设置's, else the default
    /// made from the issuing body's name.
    pub fn number_prefix(&self, kind: PaperKind) -> Result<String> {
        match self
            .setting(kind.setting_key())?
            .filter(|s| !s.trim().is_empty())
        {
            Some(p) => Ok(p),
            None => Ok(default_prefix(&self.issuer_name()?, kind)),
        }
    }

    /// Whether 公文设置 names the kind's prefix itself.
    pub(crate) fn number_prefix_custom(&self, kind: PaperKind) -> Result<Option<String>> {
        Ok(self
            .setting(kind.setting_key())?
            .filter(|s| !s.trim().is_empty()))
    }

    pub(crate) fn prefix_setting_key(kind: PaperKind) -> &'static str {
        kind.setting_key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_issuer_name() {
        assert_eq!(office_code("晋源煤矿党委党建调度室"), "晋源");
        assert_eq!(office_code("漳村煤矿党委党建调度室"), "漳村");
        assert_eq!(office_code("党委党建调度室"), "");
        assert_eq!(office_code("西山集团公司党委"), "西山");
        assert_eq!(
            default_prefix("漳村煤矿党委党建调度室", PaperKind::Reminder),
            "漳村党调催"
        );
        assert_eq!(
            default_prefix("漳村煤矿党委党建调度室", PaperKind::StageBulletin),
            default_prefix("漳村煤矿党委党建调度室", PaperKind::RewardBulletin)
        );
        assert_eq!(default_prefix("党建调度室", PaperKind::Order), "党调令");
        assert_eq!(format_number("漳党调令", 2026, 7), "漳党调令〔2026〕7号");
    }

    #[test]
    fn kinds_parse_by_code_or_label() {
        for k in PaperKind::ALL {
            assert_eq!(PaperKind::parse(k.code()).unwrap(), k);
            assert_eq!(PaperKind::parse(k.label()).unwrap(), k);
        }
        assert_eq!(
            PaperKind::parse("memo").unwrap_err().field.as_deref(),
            Some("kind")
        );
    }
}
