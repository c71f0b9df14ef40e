use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};

/// A workstation account's role. Checked in the core on every command so that
/// hiding a button in the UI is never the only guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Signer,
    Dispatcher,
    Viewer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Read,
    EditRecords,
    SignDocuments,
    ManageUsers,
    ManageSettings,
}

impl Permission {
    pub const ALL: [Permission; 5] = [
        Permission::Read,
        Permission::EditRecords,
        Permission::SignDocuments,
        Permission::ManageUsers,
        Permission::ManageSettings,
    ];

    /// The name the window knows the permission by (sent with the session).
    pub fn code(self) -> &'static str {
        match self {
            Permission::Read => "read",
            Permission::EditRecords => "edit_records",
            Permission::SignDocuments => "sign_documents",
            Permission::ManageUsers => "manage_users",
            Permission::ManageSettings => "manage_settings",
        }
    }
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Signer, Role::Dispatcher, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Signer => "signer",
            Role::Dispatcher => "dispatcher",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Signer => "签发人",
            Role::Dispatcher => "调度员",
            Role::Viewer => "查看",
        }
    }

    /// Accepts the code (`admin`) or the Chinese name (`管理员`).
    pub fn parse(s: &str) -> CoreResult<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s || r.label() == s)
            .ok_or_else(|| {
                CoreError::validation(
                    "role",
                    format!("未知角色“{s}”，可选：admin/管理员、signer/签发人、dispatcher/调度员、viewer/查看"),
                )
            })
    }

    pub fn allows(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::EditRecords => self != Role::Viewer,
            Permission::SignDocuments => matches!(self, Role::Admin | Role::Signer),
            Permission::ManageUsers | Permission::ManageSettings => self == Role::Admin,
        }
    }

    /// The codes of what the role allows, so the window asks the core's rule
    /// instead of keeping its own copy of it.
    pub fn permission_codes(self) -> Vec<&'static str> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.allows(*p))
            .map(Permission::code)
            .collect()
    }

    pub fn require(self, p: Permission) -> CoreResult<()> {
        if self.allows(p) {
            return Ok(());
        }
        let what = match p {
            Permission::Read => "查看",
            Permission::EditRecords => "修改记录",
            Permission::SignDocuments => "签发文件",
            Permission::ManageUsers => "管理用户",
            Permission::ManageSettings => "修改设置",
        };
        Err(CoreError::forbidden(format!(
            "当前角色“{}”无权{what}",
            self.label()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_chinese_names() {
        assert_eq!(Role::parse("admin").unwrap(), Role::Admin);
        assert_eq!(Role::parse("签发人").unwrap(), Role::Signer);
        assert_eq!(Role::parse(" 调度员 ").unwrap(), Role::Dispatcher);
        assert_eq!(Role::parse("viewer").unwrap(), Role::Viewer);
        let e = Role::parse("boss").unwrap_err();
        assert!(e.message.contains("未知角色"));
    }

    #[test]
    fn viewer_reads_only_and_only_admin_manages() {
        assert!(Role::Viewer.allows(Permission::Read));
        assert!(!Role::Viewer.allows(Permission::EditRecords));
        assert!(Role::Dispatcher.allows(Permission::EditRecords));
        assert!(!Role::Dispatcher.allows(Permission::SignDocuments));
        assert!(Role::Signer.allows(Permission::SignDocuments));
        assert!(!Role::Signer.allows(Permission::ManageUsers));
        assert!(Role::Admin.allows(Permission::ManageSettings));
        assert_eq!(Role::Viewer.permission_codes(), ["read"]);
        assert_eq!(
            Role::Dispatcher.permission_codes(),
            ["read", "edit_records"]
        );
        assert_eq!(
            Role::Signer.permission_codes(),
            ["read", "edit_records", "sign_documents"]
        );
        assert_eq!(Role::Admin.permission_codes().len(), Permission::ALL.len());
        let e = Role::Viewer.require(Permission::EditRecords).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Forbidden);
        assert!(e.message.contains("查看"));
    }
}
