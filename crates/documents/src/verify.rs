//! Canonical content, content hash and verification code of a signed document.
//!
//! At signing the store freezes [`canonical_content`] and its [`sha256_hex`]; the
//! printed document carries [`verification_code`] (the hash's first 10 hex digits,
//! grouped `XXXXX-XXXXX`) and a QR code of [`qr_payload`]. A typed or scanned code
//! is normalised with [`normalize_code`]; the store then looks the signed records
//! up by that prefix of the hash and compares [`verification_code`] of each.
//! [`code_matches`] does both for one known hash.
//!
//! The canonical form is line-oriented UTF-8, one `key=value` per line in a fixed
//! order, values with `\` and line breaks escaped (`\\`, `\n`), `\r\n` normalised to
//! `\n`, and leading/trailing whitespace of each value trimmed (what is printed).
//! The seal image and the verification code itself are not content.

use sha2::{Digest, Sha256};

use crate::official::OfficialDocument;

/// Version tag on the first line; bump it if the format ever changes (old hashes
/// then stay verifiable by keeping the old function).
pub const CANONICAL_VERSION: &str = "diaodu-official-document/1";

/// Prefix of the QR payload.
pub const QR_PREFIX: &str = "DIAODU-VERIFY:";

fn esc(s: &str, trim: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = if trim { s.trim() } else { s.as_str() };
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

struct Canon(String);

impl Canon {
    fn put(&mut self, k: &str, v: &str, trim: bool) {
        self.0.push_str(k);
        self.0.push('=');
        self.0.push_str(&esc(v, trim));
        self.0.push('\n');
    }
    fn kv(&mut self, k: &str, v: &str) {
        self.put(k, v, true)
    }
}

/// The canonical content of a document (see the module docs).
pub fn canonical_content(doc: &OfficialDocument) -> String {
    let mut c = Canon(String::new());
    c.kv("version", CANONICAL_VERSION);
    c.kv("issuer_heading.issuer", &doc.issuer_heading.issuer);
    c.kv("issuer_heading.suffix", &doc.issuer_heading.suffix);
    c.kv("number", doc.number.as_deref().unwrap_or(""));
    c.kv("signer", doc.signer.as_deref().unwrap_or(""));
    c.kv("urgency", doc.urgency.map(|u| u.label()).unwrap_or(""));
    c.kv("title", &doc.title);
    c.kv("addressees", &doc.addressees);
    c.kv("body.count", &doc.body.len().to_string());
    for (i, p) in doc.body.iter().enumerate() {
        for (j, r) in p.runs.iter().enumerate() {
            let role = serde_json::to_value(r.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            // Runs are not trimmed: a run boundary may fall on a printed space.
            c.put(&format!("body.{i}.{j}.{role}"), &r.text, false);
        }
    }
    c.kv("attachments.count", &doc.attachments.len().to_string());
    for (i, a) in doc.attachments.iter().enumerate() {
        c.kv(&format!("attachments.{i}"), a);
    }
    c.kv("signature.issuer", &doc.signature.issuer);
    c.kv("signature.date", &doc.signature.date);
    c.kv("copy_to", doc.copy_to.as_deref().unwrap_or(""));
    let (pi, pd) = doc
        .printed_by
        .as_ref()
        .map(|p| (p.issuer.as_str(), p.date.as_str()))
        .unwrap_or(("", ""));
    c.kv("printed_by.issuer", pi);
    c.kv("printed_by.date", pd);
    match &doc.receipt {
        Some(r) => {
            c.kv("receipt.title", &r.title);
            c.kv("receipt.rows", &r.rows.len().to_string());
            for (i, row) in r.rows.iter().enumerate() {
                c.kv(&format!("receipt.{i}.lines"), &row.lines.to_string());
                for (j, f) in row.fields.iter().enumerate() {
                    c.kv(&format!("receipt.{i}.{j}.label"), &f.label);
                    c.kv(&format!("receipt.{i}.{j}.value"), &f.value);
                }
            }
            c.kv("receipt.note", r.note.as_deref().unwrap_or(""));
        }
        None => c.kv("receipt.title", ""),
    }
    c.0
}

/// Lower-case hex SHA-256 of `content`'s UTF-8 bytes.
pub fn sha256_hex(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Short verification code: the first 10 hex digits of the hash, upper case,
/// grouped `XXXXX-XXXXX` (40 bits: a forged document matches by chance once in a
/// trillion tries).
pub fn verification_code(sha256_hex: &str) -> String {
    let head: String = sha256_hex
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .take(10)
        .collect::<String>()
        .to_ascii_uppercase();
    if head.len() < 10 {
        return head;
    }
    format!("{}-{}", &head[..5], &head[5..])
}

/// What the QR code holds: `DIAODU-VERIFY:XXXXX-XXXXX`.
pub fn qr_payload(code: &str) -> String {
    format!("{QR_PREFIX}{code}")
}

/// The longest input [`normalize_code`] reads: a QR payload with spaces to
/// spare. Anything longer is not a code (and is not scanned character by
/// character).
pub const MAX_CODE_INPUT_CHARS: usize = 64;

/// A full-width form (Ａ-Ｚ, ａ-ｚ, ０-９, －, ：) typed with a Chinese input
/// method, or a dash or space of another kind, as its ASCII character.
fn half_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0x2010..=0x2015 | 0x2212 => '-',
        _ => c,
    }
}

/// Normalises a typed or scanned code to `XXXXX-XXXXX`: the bare code or the
/// QR payload (`DIAODU-VERIFY:XXXXX-XXXXX`, its prefix in any case), with any
/// case, spaces, dashes and full-width characters. `None` if it is not ten
/// hex digits.
pub fn normalize_code(input: &str) -> Option<String> {
    if input.chars().count() > MAX_CODE_INPUT_CHARS {
        return None;
    }
    let s: String = input.chars().map(half_width).collect();
    let s = s.trim();
    // The prefix's letters include hex digits (D, A, E, F): strip it whole
    // before reading digits, never filter it.
    let head = QR_PREFIX.trim_end_matches(':');
    let s = match s.get(..head.len()) {
        Some(h) if h.eq_ignore_ascii_case(head) => {
            let rest = s[head.len()..].trim_start();
            rest.strip_prefix(':').unwrap_or(rest)
        }
        _ => s,
    };
    let mut hex = String::new();
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            hex.push(c.to_ascii_uppercase());
        } else if matches!(c, '-' | ' ' | '_' | '\t') {
            continue;
        } else {
            return None;
        }
    }
    if hex.len() != 10 {
        return None;
    }
    Some(format!("{}-{}", &hex[..5], &hex[5..]))
}

/// Whether a typed code matches a stored content hash.
pub fn code_matches(sha256_hex: &str, typed: &str) -> bool {
    normalize_code(typed).is_some_and(|c| c == verification_code(sha256_hex))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::official::{OfficialDocument, Paragraph};

    fn doc() -> OfficialDocument {
        OfficialDocument {
            title: "关于开展检查的通知".into(),
            body: vec![Paragraph::body("正文。")],
            ..Default::default()
        }
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn code_is_grouped_upper_hex() {
        let code =
            verification_code("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(code, "BA781-6BF8F");
        assert_eq!(qr_payload(&code), "DIAODU-VERIFY:BA781-6BF8F");
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalize_code("ba7816bf8f").as_deref(), Some("BA781-6BF8F"));
        assert_eq!(
            normalize_code(" BA781 6BF8F ").as_deref(),
            Some("BA781-6BF8F")
        );
        assert_eq!(
            normalize_code("DIAODU-VERIFY:BA781-6BF8F").as_deref(),
            Some("BA781-6BF8F")
        );
        assert_eq!(
            normalize_code("ＢＡ７８１－６ＢＦ８Ｆ").as_deref(),
            Some("BA781-6BF8F")
        );
        for payload in [
            "diaodu-verify:ba781-6bf8f",
            " DIAODU-VERIFY : BA781 6BF8F ",
            "ＤＩＡＯＤＵ－ＶＥＲＩＦＹ：ＢＡ７８１－６ＢＦ８Ｆ",
            "DIAODU-VERIFY:BA781—6BF8F",
        ] {
            assert_eq!(
                normalize_code(payload).as_deref(),
                Some("BA781-6BF8F"),
                "{payload}"
            );
        }
        // What the QR code holds reads back as the code it was made from.
        assert_eq!(
            normalize_code(&qr_payload("BA781-6BF8F")).as_deref(),
            Some("BA781-6BF8F")
        );
        assert_eq!(normalize_code("DIAODU-VERIFY:"), None);
        assert_eq!(
            normalize_code("DIAODU-VERIFY BA781-6BF8F").as_deref(),
            Some("BA781-6BF8F")
        );
        assert_eq!(normalize_code("DIAODU-VERIFY:XYZ"), None);
        assert_eq!(normalize_code(&"A".repeat(10_000)), None);
        assert_eq!(normalize_code("BA781-6BF8"), None);
        assert_eq!(normalize_code("BA781-6BF8G"), None);
        assert!(code_matches(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "ba781-6bf8f"
        ));
    }

    #[test]
    fn canonical_content_is_stable_and_sensitive() {
        let a = doc();
        let mut b = doc();
        assert_eq!(canonical_content(&a), canonical_content(&b));
        // Verification code and seal are not content.
        b.verification = Some("AAAAA-BBBBB".into());
        assert_eq!(a.content_sha256(), b.content_sha256());
        b.body[0] = Paragraph::body("正文改了。");
        assert_ne!(a.content_sha256(), b.content_sha256());
        // Line endings do not matter; content does.
        let mut c = doc();
        c.body[0] = Paragraph::body("第一行\r\n第二行");
        let mut d = doc();
        d.body[0] = Paragraph::body("第一行\n第二行");
        assert_eq!(c.content_sha256(), d.content_sha256());
        assert!(canonical_content(&a).starts_with("version=diaodu-official-document/1\n"));
    }

    #[test]
    fn escaping_keeps_fields_apart() {
        let mut a = doc();
        a.title = "甲\nnumber=乙".into();
        let content = canonical_content(&a);
        assert!(content.contains("title=甲\\nnumber=乙\n"), "{content}");
        assert_eq!(
            content.lines().filter(|l| l.starts_with("number=")).count(),
            1
        );
    }
}
