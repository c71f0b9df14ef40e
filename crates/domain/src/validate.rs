//! Input checks shared by every entry point (UI commands and CLI), so the
//! same bad input always gets the same Chinese message.
use crate::error::{CoreError, CoreResult};

/// Trims and requires a non-empty name of at most `max` characters.
pub fn required_text(field: &str, label: &str, value: &str, max: usize) -> CoreResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::validation(field, format!("{label}不能为空")));
    }
    optional_text(field, label, v, max)
}

/// Trims; allows empty; bounds the length and refuses control characters.
pub fn optional_text(field: &str, label: &str, value: &str, max: usize) -> CoreResult<String> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(CoreError::validation(
            field,
            format!("{label}不能超过{max}个字"),
        ));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(CoreError::validation(
            field,
            format!("{label}含有不可见的控制字符"),
        ));
    }
    Ok(v.to_string())
}

/// Phone numbers in the mine: mobiles, landlines with area code and
/// extensions, internal short numbers. Digits, spaces, + - ( ) and 转.
pub fn phone(value: &str) -> CoreResult<String> {
    let v = optional_text("phone", "联系电话", value, 32)?;
    if v.is_empty() {
        return Ok(v);
    }
    let digits = v.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '转'));
    if !allowed || digits < 3 {
        return Err(CoreError::validation(
            "phone",
            "联系电话格式不正确，只能包含数字、空格、+、-、括号或“转”",
        ));
    }
    Ok(v)
}

/// Login names: letters, digits, `_ . -`, 2–32 characters, or Chinese names.
pub fn username(value: &str) -> CoreResult<String> {
    let v = required_text("username", "用户名", value, 32)?;
    if v.chars().count() < 2 {
        return Err(CoreError::validation("username", "用户名至少2个字符"));
    }
    if !v
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(CoreError::validation(
            "username",
            "用户名只能包含字母、数字、汉字和 _ . -",
        ));
    }
    Ok(v)
}

pub const MIN_PASSWORD_CHARS: usize = 8;

pub fn password(field: &str, value: &str) -> CoreResult<()> {
    if value.chars().count() < MIN_PASSWORD_CHARS {
        return Err(CoreError::validation(
            field,
            format!("密码至少{MIN_PASSWORD_CHARS}个字符"),
        ));
    }
    if value.chars().count() > 128 {
        return Err(CoreError::validation(field, "密码不能超过128个字符"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_refuses_empty() {
        assert_eq!(
            required_text("name", "单位名称", "  组织部 ", 10).unwrap(),
            "组织部"
        );
        let e = required_text("name", "单位名称", "   ", 10).unwrap_err();
        assert_eq!(e.message, "单位名称不能为空");
        assert_eq!(e.field.as_deref(), Some("name"));
        assert!(required_text("name", "单位名称", "一二三四五六", 5).is_err());
        assert!(optional_text("note", "备注", "a\u{7}b", 5).is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(phone("0355-5921234转8016").unwrap(), "0355-5921234转8016");
        assert_eq!(phone("").unwrap(), "");
        assert!(phone("13903551234").is_ok());
        assert!(phone("abc").is_err());
        assert!(phone("12").is_err());
    }

    #[test]
    fn usernames_and_passwords() {
        assert!(username("admin").is_ok());
        assert!(username("张调度").is_ok());
        assert!(username("a").is_err());
        assert!(username("a b").is_err());
        assert!(password("password", "1234567").is_err());
        assert!(password("password", "12345678").is_ok());
    }
}
