//! The one place a password is checked: login, unlock, signing, issuing,
//! handover confirmation, changing one's own password and every signer's
//! act go through `check_credentials`. It
//! - makes an account wait after repeated failures (`diaodu_domain::auth`),
//!   counted in the database so a restart does not reset the wait;
//! - writes every failure, and every attempt during a wait, to the audit log
//!   (who tried, which account, what for; the entry carries the time);
//! - verifies exactly one hash per attempt that is not waiting, against a
//!   dummy hash when the account does not exist, so an unknown username takes
//!   as long as a known one and is counted the same way.
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::users::User;
use crate::Result;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use diaodu_domain::auth::{lock_minutes, FORGET_AFTER_HOURS};
use diaodu_domain::{CoreError, Permission, Role};
use rusqlite::{params, OptionalExtension};

/// An argon2id hash, with the same parameters as the real ones, of a random
/// value nobody knows: checked when the named account does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$DSxPfzHUGUJbRYxyjTqc6A$V6hD2uSQzpoM80FWK3nii8vNN7AkOAhpaAUJeBt5z88";

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// What the password is checked for; named in the audit entry and in the
/// messages of the signer's acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Act {
    Login,
    Unlock,
    Sign,
    IssueSummary,
    ConfirmHandover,
    ChangePassword,
    WithdrawDoc,
    WithdrawSummary,
    IssueBulletin,
    ClosePeriod,
    ActivateRules,
}

impl Act {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Act::Login => "login",
            Act::Unlock => "unlock",
            Act::Sign => "sign",
            Act::IssueSummary => "issue_summary",
            Act::ConfirmHandover => "confirm_handover",
            Act::ChangePassword => "change_password",
            Act::WithdrawDoc => "withdraw_doc",
            Act::WithdrawSummary => "withdraw_summary",
            Act::IssueBulletin => "issue_bulletin",
            Act::ClosePeriod => "close_period",
            Act::ActivateRules => "activate_rule_set",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Act::Login => "登录",
            Act::Unlock => "解锁",
            Act::Sign => "签发",
            Act::IssueSummary => "印发通报",
            Act::ConfirmHandover => "确认交接班",
            Act::ChangePassword => "修改本人密码",
            Act::WithdrawDoc => "撤回已签发的文件",
            Act::WithdrawSummary => "撤回已印发的通报",
            Act::IssueBulletin => "印发奖惩通报",
            Act::ClosePeriod => "关闭考核",
            Act::ActivateRules => "启用考核细则",
        }
    }
}

/// Whose password: as typed (login, handover) or the session's own account.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Account<'a> {
    Name(&'a str),
    Id(i64),
}

/// One password check.
pub(crate) struct Attempt<'a> {
    /// Who tried: the session's user, or nobody yet (login).
    pub by: Option<&'a Actor>,
    pub account: Account<'a>,
    pub password: &'a str,
    pub act: Act,
    /// The address a network request came from. The desktop has none; a
    /// future portal passes it, and the source then waits like an account.
    pub source: Option<&'a str>,
}

/// Why a check did not let the user through. Each caller turns it into its
/// own message (login answers on its form, signing beside the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The password does not match (or the account does not exist).
    Wrong,
    /// The account or source waits this many more seconds; no hash was checked.
    Waiting(i64),
    /// The password matches but the account is disabled.
    Disabled,
}

impl Refusal {
    /// The refusal as an error beside the form's password field.
    pub(crate) fn beside_password(&self, wrong: &str) -> CoreError {
        match self {
            Refusal::Wrong => CoreError::validation("password", wrong),
            Refusal::Waiting(s) => {
                CoreError::validation("password", diaodu_domain::auth::locked_message(*s))
            }
            Refusal::Disabled => CoreError::validation("password", "该用户已停用，请联系管理员"),
        }
    }
}

/// The throttle keys of a name (lower case: user names compare without case).
fn user_key(name: &str) -> String {
    // Longer names cannot exist (at most 32 characters); the cut keeps a
    // stream of junk names from making long keys.
    let name: String = name.trim().chars().take(40).collect();
    format!("user:{}", name.to_lowercase())
}

fn source_key(source: &str) -> String {
    let s: String = source.trim().chars().take(64).collect();
    format!("source:{s}")
}

fn parse_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIME).ok()
}

/// The session's user for audit entries of a login attempt: nobody yet.
fn nobody() -> Actor {
    Actor {
        user_id: None,
        username: "（未登录）".into(),
        role: Role::Viewer,
    }
}

struct Row {
    id: i64,
    username: String,
    hash: String,
    disabled: bool,
}

impl Store {
    /// Verifies one password against one stored hash, and counts it (the
    /// tests compare the counts of known and unknown accounts).
    fn verify_hash(&self, password: &str, hash: &str) -> bool {
        self.password_checks.set(self.password_checks.get() + 1);
        PasswordHash::new(hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    }

    /// How many password hashes this store has verified (for tests: an
    /// unknown account must cost the same as a known one).
    #[doc(hidden)]
    pub fn password_verifications(&self) -> u64 {
        self.password_checks.get()
    }

    fn account_row(&self, account: Account<'_>) -> Result<Option<Row>> {
        let map = |r: &rusqlite::Row<'_>| {
            Ok(Row {
                id: r.get(0)?,
                username: r.get(1)?,
                hash: r.get(2)?,
                disabled: r.get::<_, i64>(3)? != 0,
            })
        };
        let sql = "SELECT id, username, password_hash, disabled FROM app_user WHERE ";
        match account {
            Account::Name(n) => {
                self.conn
                    .query_row(&format!("{sql}username = ?1"), [n.trim()], map)
            }
            Account::Id(id) => self.conn.query_row(&format!("{sql}id = ?1"), [id], map),
        }
        .optional()
        .map_err(sql_err)
    }

    /// Seconds the longest-waiting of `keys` still waits at `now` (0: none).
    fn waiting(&self, keys: &[String], now: NaiveDateTime) -> Result<i64> {
        let mut longest = 0;
        for key in keys {
            let until: Option<Option<String>> = self
                .conn
                .query_row(
                    "SELECT locked_until FROM auth_throttle WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql_err)?;
            if let Some(until) = until.flatten().as_deref().and_then(parse_time) {
                longest = longest.max((until - now).num_seconds());
            }
        }
        Ok(longest)
    }

    /// Checks a password with the back-off and the audit entry of a failure.
    /// `Ok(Err(_))` is a refusal the caller words; `Err` is a storage error.
    pub(crate) fn check_credentials(
        &mut self,
        attempt: &Attempt<'_>,
    ) -> Result<std::result::Result<User, Refusal>> {
        self.check_credentials_at(attempt, chrono::Local::now().naive_local())
    }

    pub(crate) fn check_credentials_at(
        &mut self,
        attempt: &Attempt<'_>,
        now: NaiveDateTime,
    ) -> Result<std::result::Result<User, Refusal>> {
        let row = self.account_row(attempt.account)?;
        let name = match (&row, attempt.account) {
            (Some(r), _) => r.username.clone(),
            (None, Account::Name(n)) => n.trim().chars().take(40).collect(),
            (None, Account::Id(id)) => format!("#{id}"),
        };
        let mut keys = vec![user_key(&name)];
        if let Some(source) = attempt.source {
            keys.push(source_key(source));
        }
        let wait = self.waiting(&keys, now)?;
        if wait > 0 {
            self.audit_attempt(attempt, row.as_ref().map(|r| r.id), &name, None, wait)?;
            return Ok(Err(Refusal::Waiting(wait)));
        }
        // Exactly one verification, whether or not the account exists.
        let hash = row.as_ref().map_or(DUMMY_HASH, |r| r.hash.as_str());
        let matches = self.verify_hash(attempt.password, hash) && row.is_some();
        match row {
            Some(r) if matches => {
                if r.disabled {
                    return Ok(Err(Refusal::Disabled));
                }
                let tx = self.tx()?;
                for key in &keys {
                    tx.execute("DELETE FROM auth_throttle WHERE key = ?1", [key])
                        .map_err(sql_err)?;
                }
                commit(tx)?;
                Ok(Ok(self.get_user(r.id)?))
            }
            row => {
                let (failures, wait) = self.count_failure(&keys, now)?;
                self.audit_attempt(
                    attempt,
                    row.map(|r| r.id),
                    &name,
                    Some(failures),
                    wait.unwrap_or(0),
                )?;
                Ok(Err(match wait {
                    Some(s) => Refusal::Waiting(s),
                    None => Refusal::Wrong,
                }))
            }
        }
    }

    /// Adds a failure to every key; answers the account's count in a row and
    /// the longest wait (seconds) it now starts, if any.
    fn count_failure(&mut self, keys: &[String], now: NaiveDateTime) -> Result<(u32, Option<i64>)> {
        let forget = now - Duration::hours(FORGET_AFTER_HOURS);
        let now_text = now.format(TIME).to_string();
        let tx = self.tx()?;
        let mut first = None;
        for key in keys {
            let before: Option<(i64, String)> = tx
                .query_row(
                    "SELECT failures, last_failure_at FROM auth_throttle WHERE key = ?1",
                    [key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(sql_err)?;
            let recent = before
                .filter(|(_, at)| parse_time(at).is_some_and(|at| at > forget))
                .map_or(0, |(n, _)| n.clamp(0, u32::MAX as i64) as u32);
            let failures = recent.saturating_add(1);
            let until = lock_minutes(failures).map(|m| now + Duration::minutes(m));
            tx.execute(
                "INSERT INTO auth_throttle (key, failures, last_failure_at, locked_until) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(key) DO UPDATE SET failures = ?2, last_failure_at = ?3, locked_until = ?4",
                params![key, failures, now_text, until.map(|u| u.format(TIME).to_string())],
            )
            .map_err(sql_err)?;
            let wait = until.map(|u| (u - now).num_seconds());
            match &mut first {
                None => first = Some((failures, wait)),
                // The longest wait of all keys is the one that holds.
                Some((_, w)) => *w = (*w).max(wait),
            }
        }
        // Old counts of names typed once and never again are forgotten.
        tx.execute(
            "DELETE FROM auth_throttle WHERE last_failure_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)",
            params![forget.format(TIME).to_string(), now_text],
        )
        .map_err(sql_err)?;
        commit(tx)?;
        Ok(first.unwrap_or((1, None)))
    }

    /// The audit entry of a failed check (`failures` set) or of an attempt
    /// refused while waiting (`failures` none).
    fn audit_attempt(
        &mut self,
        attempt: &Attempt<'_>,
        user_id: Option<i64>,
        account: &str,
        failures: Option<u32>,
        wait_seconds: i64,
    ) -> Result<()> {
        let by = attempt.by.cloned().unwrap_or_else(nobody);
        let minutes = diaodu_domain::auth::minutes_left(wait_seconds);
        let (action, summary) = match failures {
            Some(n) => (
                "auth_fail",
                format!(
                    "{}：账号“{account}”密码错误（连续第{n}次）{}",
                    attempt.act.label(),
                    if wait_seconds > 0 {
                        format!("，暂停{minutes}分钟")
                    } else {
                        String::new()
                    }
                ),
            ),
            None => (
                "auth_wait",
                format!(
                    "{}：账号“{account}”因密码错误次数过多暂停中，尝试被拒绝（还需{minutes}分钟）",
                    attempt.act.label()
                ),
            ),
        };
        let tx = self.tx()?;
        record(
            &tx,
            &by,
            "user",
            user_id,
            action,
            &summary,
            serde_json::json!({
                "account": account,
                "act": attempt.act.code(),
                "failures": failures,
                "waitMinutes": if wait_seconds > 0 { Some(minutes) } else { None },
                "source": attempt.source.unwrap_or("本机"),
            }),
        )?;
        commit(tx)
    }

    /// The session user's own password again, for unlocking, signing and the
    /// signer's acts; answered beside the password field.
    pub(crate) fn confirm_own_password(
        &mut self,
        actor: &Actor,
        user_id: i64,
        password: &str,
        act: Act,
    ) -> Result<User> {
        let attempt = Attempt {
            by: Some(actor),
            account: Account::Id(user_id),
            password,
            act,
            source: None,
        };
        self.check_credentials(&attempt)?
            .map_err(|r| r.beside_password("密码不正确"))
    }

    /// A signer's act (withdrawing a signed paper, issuing a bulletin,
    /// closing a period, putting rules in force): the signer or administrator
    /// role and the actor's own password again, checked as signing checks it.
    /// The command-line program has no account and no password to give: it
    /// acts as the machine's operator, who already owns the data files.
    pub(crate) fn confirm_signer_act(
        &mut self,
        actor: &Actor,
        password: &str,
        act: Act,
    ) -> Result<()> {
        if !actor.role.allows(Permission::SignDocuments) {
            return Err(CoreError::forbidden(format!(
                "{}须由签发人或管理员办理，当前角色“{}”无权办理",
                act.label(),
                actor.role.label()
            )));
        }
        let Some(user_id) = actor.user_id else {
            return Ok(());
        };
        if password.is_empty() {
            return Err(CoreError::validation(
                "password",
                format!("请输入您的登录密码以确认{}", act.label()),
            ));
        }
        self.confirm_own_password(actor, user_id, password, act)
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::store;
    use diaodu_domain::ErrorCode;

    fn at(text: &str) -> NaiveDateTime {
        parse_time(text).unwrap()
    }

    fn login<'a>(name: &'a str, password: &'a str) -> Attempt<'a> {
        Attempt {
            by: None,
            account: Account::Name(name),
            password,
            act: Act::Login,
            source: None,
        }
    }

    fn audit_count(s: &Store, action: &str) -> i64 {
        s.conn
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = ?1",
                [action],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let (_d, mut s) = store();
        s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        let real: String = s
            .conn
            .query_row("SELECT password_hash FROM app_user", [], |r| r.get(0))
            .unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params, "same memory, time and lanes");
    }

    #[test]
    fn waits_after_five_failures_and_longer_after_each_more() {
        let (_d, mut s) = store();
        s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        let t0 = at("2026-03-02 09:00:00");
        for n in 1..=4 {
            let r = s
                .check_credentials_at(&login("admin", "bad-guess"), t0)
                .unwrap();
            assert_eq!(r.unwrap_err(), Refusal::Wrong, "failure {n} is free");
        }
        let r = s
            .check_credentials_at(&login("admin", "bad-guess"), t0)
            .unwrap();
        assert_eq!(
            r.unwrap_err(),
            Refusal::Waiting(60),
            "the fifth waits a minute"
        );
        // Even the right password waits, and no hash is checked meanwhile.
        let checks = s.password_verifications();
        let r = s
            .check_credentials_at(&login("ADMIN", "Admin#2026"), at("2026-03-02 09:00:30"))
            .unwrap();
        assert_eq!(r.unwrap_err(), Refusal::Waiting(30));
        assert_eq!(s.password_verifications(), checks);
        // After the wait, one more failure waits two minutes.
        let r = s
            .check_credentials_at(&login("admin", "bad-guess"), at("2026-03-02 09:01:00"))
            .unwrap();
        assert_eq!(r.unwrap_err(), Refusal::Waiting(120));
        // The right password after the wait lets in and clears the count.
        let user = s
            .check_credentials_at(&login("admin", "Admin#2026"), at("2026-03-02 09:03:00"))
            .unwrap()
            .unwrap();
        assert_eq!(user.username, "admin");
        let r = s
            .check_credentials_at(&login("admin", "bad-guess"), at("2026-03-02 09:03:01"))
            .unwrap();
        assert_eq!(r.unwrap_err(), Refusal::Wrong, "counting starts again");
        assert_eq!(audit_count(&s, "auth_fail"), 7);
        assert_eq!(audit_count(&s, "auth_wait"), 1);
    }

    #[test]
    fn failures_a_day_old_are_forgotten() {
        let (_d, mut s) = store();
        s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        for _ in 0..4 {
            let _ = s
                .check_credentials_at(&login("admin", "x"), at("2026-03-01 08:00:00"))
                .unwrap();
        }
        let r = s
            .check_credentials_at(&login("admin", "x"), at("2026-03-02 09:00:00"))
            .unwrap();
        assert_eq!(
            r.unwrap_err(),
            Refusal::Wrong,
            "yesterday's four do not count"
        );
    }

    #[test]
    fn unknown_names_cost_and_count_like_known_ones() {
        let (_d, mut s) = store();
        s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        let t = at("2026-03-02 09:00:00");
        let mut costs = Vec::new();
        for (name, pw) in [
            ("admin", "wrong-one"),
            ("nobody", "wrong-one"),
            ("admin", "Admin#2026"),
        ] {
            let before = s.password_verifications();
            let _ = s.check_credentials_at(&login(name, pw), t).unwrap();
            costs.push(s.password_verifications() - before);
        }
        assert_eq!(costs, vec![1, 1, 1]);
        let mut answers = Vec::new();
        for _ in 0..5 {
            answers.push(
                s.check_credentials_at(&login("ghost", "x"), t)
                    .unwrap()
                    .unwrap_err(),
            );
        }
        assert_eq!(answers[3], Refusal::Wrong);
        assert_eq!(
            answers[4],
            Refusal::Waiting(60),
            "an unknown name waits too"
        );
        let fails: String = s
            .conn
            .query_row(
                "SELECT changes FROM audit_log WHERE action = 'auth_fail' ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(fails.contains("\"account\":\"ghost\""), "{fails}");
    }

    #[test]
    fn disabled_accounts_cost_the_same_and_say_so_only_to_the_right_password() {
        let (_d, mut s) = store();
        let admin = s
            .setup_admin("admin", "系统管理员", "Admin#2026")
            .unwrap()
            .actor();
        let u = s
            .create_user(&admin, "old1", "老用户", "dispatcher", "Old#20260")
            .unwrap();
        s.update_user(
            &admin,
            &crate::UserUpdate {
                id: u.id,
                display_name: "老用户".into(),
                role: "dispatcher".into(),
                disabled: true,
            },
        )
        .unwrap();
        let t = at("2026-03-02 09:00:00");
        let before = s.password_verifications();
        let wrong = s
            .check_credentials_at(&login("old1", "nope-nope"), t)
            .unwrap();
        let right = s
            .check_credentials_at(&login("old1", "Old#20260"), t)
            .unwrap();
        assert_eq!(s.password_verifications() - before, 2);
        assert_eq!(wrong.unwrap_err(), Refusal::Wrong);
        assert_eq!(right.unwrap_err(), Refusal::Disabled);
    }

    #[test]
    fn a_source_waits_across_accounts() {
        let (_d, mut s) = store();
        s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        let t = at("2026-03-02 09:00:00");
        for (i, name) in ["a1", "a2", "a3", "a4", "a5"].into_iter().enumerate() {
            let attempt = Attempt {
                source: Some("10.0.0.9"),
                ..login(name, "guess")
            };
            let r = s.check_credentials_at(&attempt, t).unwrap().unwrap_err();
            assert_eq!(r == Refusal::Waiting(60), i == 4, "{name}");
        }
        // Another name from the same address waits; the same name from here does not.
        let from_there = Attempt {
            source: Some("10.0.0.9"),
            ..login("admin", "Admin#2026")
        };
        assert!(matches!(
            s.check_credentials_at(&from_there, t).unwrap(),
            Err(Refusal::Waiting(_))
        ));
        assert!(s
            .check_credentials_at(&login("admin", "Admin#2026"), t)
            .unwrap()
            .is_ok());
    }

    #[test]
    fn signer_acts_refuse_dispatchers_before_any_password_is_checked() {
        let (_d, mut s) = store();
        let admin = s
            .setup_admin("admin", "系统管理员", "Admin#2026")
            .unwrap()
            .actor();
        let d = s
            .create_user(&admin, "disp1", "调度员甲", "dispatcher", "Disp#20260")
            .unwrap()
            .actor();
        let before = s.password_verifications();
        let e = s
            .confirm_signer_act(&d, "Disp#20260", Act::ClosePeriod)
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        assert_eq!(
            e.message,
            "关闭考核须由签发人或管理员办理，当前角色“调度员”无权办理"
        );
        assert_eq!(s.password_verifications(), before);
        let e = s
            .confirm_signer_act(&admin, "", Act::ClosePeriod)
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("password"));
        let e = s
            .confirm_signer_act(&admin, "wrong-pass", Act::ClosePeriod)
            .unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::Validation, "密码不正确")
        );
        let (who, summary): (String, String) = s
            .conn
            .query_row(
                "SELECT username, summary FROM audit_log WHERE action = 'auth_fail'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(who, "admin");
        assert_eq!(summary, "关闭考核：账号“admin”密码错误（连续第1次）");
        s.confirm_signer_act(&admin, "Admin#2026", Act::ClosePeriod)
            .unwrap();
    }
}
