//! What a file is, decided from its first bytes. The extension only settles
//! what the bytes leave open (an OLE2 container is a .doc or an .xls; plain
//! text has no signature), so a renamed program never passes as a photo.
use diaodu_domain::closed_loop::AttachmentKind;

/// How much of the start of a file the checks look at.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileType {
    pub media_type: &'static str,
    pub kind: AttachmentKind,
    /// Extensions this type goes by; the first is the usual one.
    pub exts: &'static [&'static str],
    /// Whether the store makes a thumbnail (the decoders built in).
    pub thumbnail: bool,
}

const fn t(
    media_type: &'static str,
    kind: AttachmentKind,
    exts: &'static [&'static str],
    thumbnail: bool,
) -> FileType {
    FileType {
        media_type,
        kind,
        exts,
        thumbnail,
    }
}

use AttachmentKind::{Document as D, Image as I, Video as V};
pub(crate) const JPEG: FileType = t("image/jpeg", I, &["jpg", "jpeg", "jfif"], true);
pub(crate) const PNG: FileType = t("image/png", I, &["png"], true);
const WEBP: FileType = t("image/webp", I, &["webp"], false);
const HEIC: FileType = t("image/heic", I, &["heic", "heif"], false);
pub(crate) const MP4: FileType = t("video/mp4", V, &["mp4", "m4v"], false);
const MOV: FileType = t("video/quicktime", V, &["mov", "qt"], false);
const THREE_GP: FileType = t("video/3gpp", V, &["3gp", "3g2"], false);
const AVI: FileType = t("video/x-msvideo", V, &["avi"], false);
pub(crate) const PDF: FileType = t("application/pdf", D, &["pdf"], false);
const DOCX: FileType = t(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    D,
    &["docx"],
    false,
);
const XLSX: FileType = t(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    D,
    &["xlsx"],
    false,
);
const PPTX: FileType = t(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    D,
    &["pptx"],
    false,
);
const DOC: FileType = t("application/msword", D, &["doc", "wps"], false);
const XLS: FileType = t("application/vnd.ms-excel", D, &["xls", "et"], false);
const PPT: FileType = t("application/vnd.ms-powerpoint", D, &["ppt", "dps"], false);
const ODT: FileType = t(
    "application/vnd.oasis.opendocument.text",
    D,
    &["odt"],
    false,
);
const ODS: FileType = t(
    "application/vnd.oasis.opendocument.spreadsheet",
    D,
    &["ods"],
    false,
);
pub(crate) const TEXT: FileType = t("text/plain", D, &["txt"], false);

const ALL: &[FileType] = &[
    JPEG, PNG, WEBP, HEIC, MP4, MOV, THREE_GP, AVI, PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS,
    TEXT,
];

/// The sentence every refusal ends with.
pub(crate) const ALLOWED_TEXT: &str =
    "允许：照片（JPG、PNG、WebP、HEIC），视频（MP4、MOV、AVI、3GP），文档（PDF、Word、Excel、PowerPoint、WPS、文本）";

pub(crate) fn by_media_type(media_type: &str) -> Option<FileType> {
    ALL.iter().copied().find(|f| f.media_type == media_type)
}

pub(crate) fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// ISO base media (MP4, MOV, 3GP, HEIC): `ftyp` box first, major brand after it.
fn iso_media(head: &[u8], ext: &str) -> Option<FileType> {
    let box_type = head.get(4..8)?;
    if box_type != b"ftyp" {
        // QuickTime files from older cameras start with other atoms.
        let legacy = [b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"];
        return (legacy.iter().any(|a| box_type == *a) && MOV.exts.contains(&ext)).then_some(MOV);
    }
    let brand = head.get(8..12)?;
    match brand {
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => Some(HEIC),
        b"qt  " => Some(MOV),
        b"M4A " | b"M4B " | b"M4P " | b"avif" | b"avis" | b"crx " => None,
        b if b.starts_with(b"3g") => Some(THREE_GP),
        _ => Some(MP4),
    }
}

/// Office Open XML and OpenDocument are zip files; the part names near the
/// start tell a Word file from a workbook.
fn zip_document(head: &[u8], ext: &str) -> Option<FileType> {
    if head.get(30..38) == Some(b"mimetype") {
        if contains(head, b"application/vnd.oasis.opendocument.text") {
            return Some(ODT);
        }
        if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
            return Some(ODS);
        }
        return None;
    }
    if !contains(head, b"[Content_Types].xml") && !contains(head, b"_rels/.rels") {
        return None;
    }
    if contains(head, b"word/") {
        Some(DOCX)
    } else if contains(head, b"xl/") {
        Some(XLSX)
    } else if contains(head, b"ppt/") {
        Some(PPTX)
    } else {
        [DOCX, XLSX, PPTX]
            .into_iter()
            .find(|f| f.exts.contains(&ext))
    }
}

/// Plain text: named .txt and free of NUL bytes (UTF-8 or the GBK files
/// older Windows tools save alike).
fn text(head: &[u8], ext: &str) -> Option<FileType> {
    (TEXT.exts.contains(&ext) && !head.contains(&0)).then_some(TEXT)
}

/// The type of a file from its first bytes (up to `SNIFF_BYTES`) and its
/// name, or None when it is not among the allowed types.
pub(crate) fn detect(head: &[u8], name: &str) -> Option<FileType> {
    let ext = extension(name);
    let ext = ext.as_str();
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(JPEG);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(PNG);
    }
    if head.starts_with(b"RIFF") {
        return match head.get(8..12) {
            Some(b"WEBP") => Some(WEBP),
            Some(b"AVI ") => Some(AVI),
            _ => None,
        };
    }
    if head.starts_with(b"PK\x03\x04") {
        return zip_document(head, ext);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return [DOC, XLS, PPT].into_iter().find(|f| f.exts.contains(&ext));
    }
    if contains(&head[..head.len().min(1024)], b"%PDF-") {
        return Some(PDF);
    }
    if let Some(found) = iso_media(head, ext) {
        return Some(found);
    }
    text(head, ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(prefix: &[u8]) -> Vec<u8> {
        let mut v = prefix.to_vec();
        v.resize(256, 7);
        v
    }

    #[test]
    fn signatures_decide() {
        assert_eq!(
            detect(&with(&[0xFF, 0xD8, 0xFF, 0xE0]), "x.exe"),
            Some(JPEG)
        );
        assert_eq!(detect(&with(b"\x89PNG\r\n\x1a\n"), "图.png"), Some(PNG));
        assert_eq!(detect(&with(b"RIFF\0\0\0\0WEBPVP8 "), "a.webp"), Some(WEBP));
        assert_eq!(detect(&with(b"RIFF\0\0\0\0AVI LIST"), "a.avi"), Some(AVI));
        assert_eq!(detect(&with(b"\0\0\0\x18ftypisom"), "v.mp4"), Some(MP4));
        assert_eq!(detect(&with(b"\0\0\0\x14ftypqt  "), "v.mov"), Some(MOV));
        assert_eq!(detect(&with(b"\0\0\0\x18ftypheic"), "i.heic"), Some(HEIC));
        assert_eq!(
            detect(&with(b"\0\0\0\x18ftyp3gp4"), "v.3gp"),
            Some(THREE_GP)
        );
        assert_eq!(detect(&with(b"\0\0\0\x18ftypM4A "), "a.m4a"), None);
        assert_eq!(detect(&with(b"%PDF-1.7\n"), "报告.pdf"), Some(PDF));
        assert_eq!(
            detect(&with(b"\0\0\0\x08wide\0\0\0\0mdat"), "old.mov"),
            Some(MOV)
        );
        assert_eq!(
            detect(&with(b"\0\0\0\x08wide\0\0\0\0mdat"), "old.bin"),
            None
        );
    }

    #[test]
    fn containers_need_their_names() {
        let mut docx = b"PK\x03\x04".to_vec();
        docx.resize(30, 0);
        docx.extend_from_slice(b"[Content_Types].xml....word/document.xml");
        assert_eq!(detect(&docx, "总结.docx"), Some(DOCX));
        let mut xlsx = b"PK\x03\x04".to_vec();
        xlsx.resize(30, 0);
        xlsx.extend_from_slice(b"[Content_Types].xml....xl/workbook.xml");
        assert_eq!(detect(&xlsx, "台账.xlsx"), Some(XLSX));
        let mut zip = b"PK\x03\x04".to_vec();
        zip.resize(30, 0);
        zip.extend_from_slice(b"setup.exe");
        assert_eq!(detect(&zip, "压缩包.zip"), None);
        let ole = with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        assert_eq!(detect(&ole, "汇报.doc"), Some(DOC));
        assert_eq!(detect(&ole, "统计.et"), Some(XLS));
        assert_eq!(detect(&ole, "邮件.msg"), None);
    }

    #[test]
    fn text_and_programs() {
        assert_eq!(detect("支部自查情况".as_bytes(), "说明.txt"), Some(TEXT));
        assert_eq!(detect("支部自查情况".as_bytes(), "说明.md"), None);
        assert_eq!(detect(b"MZ\x90\0\x03\0\0\0", "照片.txt"), None);
        assert_eq!(detect(&with(b"MZ\x90\0"), "照片.jpg"), None);
        assert_eq!(detect(&with(b"\x7fELF"), "run"), None);
        assert_eq!(extension("a.tar.GZ"), "gz");
        assert_eq!(extension(".bashrc"), "");
    }
}
