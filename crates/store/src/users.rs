//! Workstation accounts. Passwords are stored only as argon2id hashes.
use crate::audit::record;
use crate::credentials::{Account, Act, Attempt, Refusal};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use diaodu_domain::{validate, CoreError, ErrorCode, Permission, Role};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: String,
    pub disabled: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.id),
            username: self.username.clone(),
            role: self.role,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    #[serde(default)]
    pub disabled: bool,
}

const USER_COLS: &str = "id, username, display_name, role, disabled, created_at, last_login_at";

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    let role = Role::parse(&role).unwrap_or(Role::Viewer);
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role,
        role_label: role.label().into(),
        disabled: r.get::<_, i64>(4)? != 0,
        created_at: r.get(5)?,
        last_login_at: r.get(6)?,
    })
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::internal(format!("密码加密失败：{e}")))
}

fn bad_login() -> CoreError {
    CoreError::new(ErrorCode::Unauthenticated, "用户名或密码不正确")
}

impl Store {
    pub fn user_count(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT COUNT(*) FROM app_user", [], |r| r.get(0))
            .map_err(sql_err)
    }

    pub fn list_users(&self) -> Result<Vec<User>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {USER_COLS} FROM app_user ORDER BY disabled, id"
            ))
            .map_err(sql_err)?;
        let users = stmt
            .query_map([], user_from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        Ok(users)
    }

    pub fn get_user(&self, id: i64) -> Result<User> {
        self.conn
            .query_row(
                &format!("SELECT {USER_COLS} FROM app_user WHERE id = ?1"),
                [id],
                user_from_row,
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("用户不存在"))
    }

    /// First-start setup: creates the administrator, only while no account exists.
    pub fn setup_admin(
        &mut self,
        username: &str,
        display_name: &str,
        password: &str,
    ) -> Result<User> {
        if self.user_count()? > 0 {
            return Err(CoreError::conflict("管理员已经创建，请直接登录"));
        }
        let setup = Actor {
            user_id: None,
            username: "初始设置".into(),
            role: Role::Admin,
        };
        self.create_user(&setup, username, display_name, "admin", password)
    }

    pub fn create_user(
        &mut self,
        actor: &Actor,
        username: &str,
        display_name: &str,
        role: &str,
        password: &str,
    ) -> Result<User> {
        actor.require(Permission::ManageUsers)?;
        let username = validate::username(username)?;
        let display_name = validate::required_text("displayName", "姓名", display_name, 32)?;
        let role = Role::parse(role)?;
        validate::password("password", password)?;
        let hash = hash_password(password)?;
        let tx = self.tx()?;
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM app_user WHERE username = ?1)",
                [&username],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if exists {
            return Err(CoreError::duplicate(
                "username",
                format!("用户名“{username}”已存在"),
            ));
        }
        tx.execute(
            "INSERT INTO app_user (username, display_name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![username, display_name, role.code(), hash, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "user",
            Some(id),
            "create",
            &format!("新建用户“{display_name}”（{username}，{}）", role.label()),
            serde_json::json!({"username": username, "displayName": display_name, "role": role.code()}),
        )?;
        commit(tx)?;
        self.get_user(id)
    }

    pub fn update_user(&mut self, actor: &Actor, input: &UserUpdate) -> Result<User> {
        actor.require(Permission::ManageUsers)?;
        let before = self.get_user(input.id)?;
        let display_name = validate::required_text("displayName", "姓名", &input.display_name, 32)?;
        let role = Role::parse(&input.role)?;
        if actor.user_id == Some(input.id) && (input.disabled || role != Role::Admin) {
            return Err(CoreError::validation(
                "role",
                "不能停用自己或取消自己的管理员角色",
            ));
        }
        let tx = self.tx()?;
        let was_active_admin = before.role == Role::Admin && !before.disabled;
        if was_active_admin && (role != Role::Admin || input.disabled) {
            let admins: i64 = tx
                .query_row(
                    "SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND disabled = 0",
                    [],
                    |r| r.get(0),
                )
                .map_err(sql_err)?;
            if admins <= 1 {
                return Err(CoreError::validation("role", "至少要保留一个启用的管理员"));
            }
        }
        tx.execute(
            "UPDATE app_user SET display_name = ?1, role = ?2, disabled = ?3 WHERE id = ?4",
            params![display_name, role.code(), input.disabled as i64, input.id],
        )
        .map_err(sql_err)?;
        let b = serde_json::json!({"displayName": before.display_name, "role": before.role.code(), "disabled": before.disabled});
        let a = serde_json::json!({"displayName": display_name, "role": role.code(), "disabled": input.disabled});
        record(
            &tx,
            actor,
            "user",
            Some(input.id),
            "update",
            &format!("修改用户“{}”", before.username),
            crate::audit::diff(&b, &a),
        )?;
        commit(tx)?;
        self.get_user(input.id)
    }

    pub fn reset_password(&mut self, actor: &Actor, id: i64, password: &str) -> Result<()> {
        actor.require(Permission::ManageUsers)?;
        let user = self.get_user(id)?;
        validate::password("password", password)?;
        let hash = hash_password(password)?;
        let tx = self.tx()?;
        tx.execute(
            "UPDATE app_user SET password_hash = ?1 WHERE id = ?2",
            params![hash, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "user",
            Some(id),
            "password",
            &format!("重置用户“{}”的密码", user.username),
            serde_json::json!({}),
        )?;
        commit(tx)
    }

    pub fn change_own_password(&mut self, actor: &Actor, old: &str, new: &str) -> Result<()> {
        let id = actor
            .user_id
            .ok_or_else(|| CoreError::new(ErrorCode::Unauthenticated, "请先登录"))?;
        validate::password("newPassword", new)?;
        let attempt = Attempt {
            by: Some(actor),
            account: Account::Id(id),
            password: old,
            act: Act::ChangePassword,
            source: None,
        };
        if let Err(refusal) = self.check_credentials(&attempt)? {
            let mut e = refusal.beside_password("原密码不正确");
            e.field = Some("oldPassword".into());
            return Err(e);
        }
        let hash = hash_password(new)?;
        let tx = self.tx()?;
        tx.execute(
            "UPDATE app_user SET password_hash = ?1 WHERE id = ?2",
            params![hash, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "user",
            Some(id),
            "password",
            "修改本人密码",
            serde_json::json!({}),
        )?;
        commit(tx)
    }

    /// Unlocks the idle-locked session of `user_id` with that user's password.
    pub fn unlock(&mut self, user_id: i64, password: &str) -> Result<User> {
        let user = self.get_user(user_id).map_err(|_| bad_login())?;
        self.confirm_own_password(&user.actor(), user_id, password, Act::Unlock)
    }

    /// Verifies the credentials, records the login and returns the user.
    pub fn login(&mut self, username: &str, password: &str) -> Result<User> {
        let attempt = Attempt {
            by: None,
            account: Account::Name(username),
            password,
            act: Act::Login,
            source: None,
        };
        let user = match self.check_credentials(&attempt)? {
            Ok(user) => user,
            Err(Refusal::Wrong) => return Err(bad_login()),
            Err(Refusal::Waiting(s)) => {
                return Err(CoreError::new(
                    ErrorCode::Unauthenticated,
                    diaodu_domain::auth::locked_message(s),
                ))
            }
            Err(Refusal::Disabled) => {
                return Err(CoreError::new(
                    ErrorCode::Unauthenticated,
                    "该用户已停用，请联系管理员",
                ))
            }
        };
        let id = user.id;
        let tx = self.tx()?;
        tx.execute(
            "UPDATE app_user SET last_login_at = ?1 WHERE id = ?2",
            params![now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            &user.actor(),
            "user",
            Some(id),
            "login",
            &format!("“{}”登录", user.display_name),
            serde_json::json!({}),
        )?;
        commit(tx)?;
        self.get_user(id)
    }

    pub fn record_logout(&mut self, actor: &Actor) -> Result<()> {
        let tx = self.tx()?;
        record(
            &tx,
            actor,
            "user",
            actor.user_id,
            "logout",
            &format!("“{}”退出登录", actor.username),
            serde_json::json!({}),
        )?;
        commit(tx)
    }
}

#[cfg(test)]
mod tests {
    use crate::db::testing::*;
    use diaodu_domain::{ErrorCode, Role};

    #[test]
    fn setup_then_login_and_only_once() {
        let (_d, mut s) = store();
        let admin = s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        assert_eq!(admin.role, Role::Admin);
        assert!(s.setup_admin("x", "y", "Admin#2026").is_err());
        assert_eq!(s.login("admin", "Admin#2026").unwrap().id, admin.id);
        let e = s.login("admin", "wrong-password").unwrap_err();
        assert_eq!(e.code, ErrorCode::Unauthenticated);
        let e = s.login("nobody", "whatever1").unwrap_err();
        assert_eq!(e.message, "用户名或密码不正确");
        let hash: String = s
            .conn
            .query_row("SELECT password_hash FROM app_user", [], |r| r.get(0))
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }

    #[test]
    fn only_admin_manages_users_and_duplicates_refused() {
        let (_d, mut s) = store();
        let admin = s
            .setup_admin("admin", "系统管理员", "Admin#2026")
            .unwrap()
            .actor();
        s.create_user(&admin, "viewer1", "查看员", "viewer", "Viewer#2026")
            .unwrap();
        let e = s
            .create_user(&admin, "VIEWER1", "另一个", "viewer", "Viewer#2026")
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Duplicate);
        assert_eq!(e.field.as_deref(), Some("username"));
        let e = s
            .create_user(
                &actor(Role::Dispatcher),
                "d2",
                "调度",
                "dispatcher",
                "Disp#20260",
            )
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        let e = s
            .create_user(&admin, "short", "短密码", "viewer", "123")
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("password"));
        assert_eq!(s.list_users().unwrap().len(), 2);
    }

    #[test]
    fn last_admin_cannot_be_demoted_and_disabled_cannot_login() {
        let (_d, mut s) = store();
        let admin_user = s.setup_admin("admin", "系统管理员", "Admin#2026").unwrap();
        let admin = admin_user.actor();
        let other = s
            .create_user(&admin, "admin2", "备用管理员", "admin", "Admin#2026")
            .unwrap();
        let upd = crate::UserUpdate {
            id: admin_user.id,
            display_name: "x".into(),
            role: "viewer".into(),
            disabled: false,
        };
        assert!(s.update_user(&admin, &upd).is_err(), "cannot demote self");
        let upd = crate::UserUpdate {
            id: other.id,
            display_name: "备用".into(),
            role: "admin".into(),
            disabled: true,
        };
        s.update_user(&admin, &upd).unwrap();
        let e = s.login("admin2", "Admin#2026").unwrap_err();
        assert!(e.message.contains("停用"));
    }

    #[test]
    fn change_password_needs_old_one() {
        let (_d, mut s) = store();
        let admin = s
            .setup_admin("admin", "系统管理员", "Admin#2026")
            .unwrap()
            .actor();
        assert!(s
            .change_own_password(&admin, "nope-nope", "NewPass#1")
            .is_err());
        s.change_own_password(&admin, "Admin#2026", "NewPass#1")
            .unwrap();
        assert!(s.login("admin", "NewPass#1").is_ok());
    }
}
