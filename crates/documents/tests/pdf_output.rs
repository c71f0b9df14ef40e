//! Renders sample documents and parses them back with poppler-utils (`pdftotext`,
//! `pdffonts`, `pdfinfo`): text, fonts (embedded and subset), page size, and every
//! text box inside the GB/T 9704 type area within ±1 mm.
//!
//! These tests need poppler-utils and a Chinese font (Debian: `poppler-utils`,
//! `fonts-noto-cjk`); without them they fail with a message saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use diaodu_documents::gbt9704 as g;
use diaodu_documents::{
    render_pdf, render_pdf_batch, sample, DocErrorCode, FontConfig, FontFile, FontRole, FontSource,
    Fonts, OfficialDocument, Paragraph,
};

fn fonts() -> &'static Fonts {
    use std::sync::OnceLock;
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::system().unwrap_or_else(|e| {
            panic!(
                "no Chinese font available ({}): install fonts-noto-cjk (Debian) to run these tests",
                e.message
            )
        })
    })
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{name}` ({e}): install poppler-utils (Debian package `poppler-utils`) to run these tests")
    });
    assert!(
        out.status.success(),
        "`{name} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo prints Pages:")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-layout", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    )
}

/// Every page is A4 (595.28 × 841.89 pt).
fn assert_a4(pdf: &Path) {
    let n = page_count(pdf);
    let info = tool(
        "pdfinfo",
        &["-f", "1", "-l", &n.to_string(), pdf.to_str().unwrap()],
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .collect();
    assert_eq!(sizes.len(), n, "{info}");
    for l in sizes {
        let dims: Vec<f64> = l
            .split("size:")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        assert!(
            (dims[0] - 595.28).abs() < 0.05 && (dims[1] - 841.89).abs() < 0.05,
            "not A4: {l}"
        );
    }
}

/// Every font is embedded, subset and has a ToUnicode map.
fn assert_fonts_embedded_and_subset(pdf: &Path) -> Vec<String> {
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts in {}:\n{out}", pdf.display());
    let mut names = Vec::new();
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni objectID gen
        let n = cols.len();
        let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!(
            (emb, sub, uni),
            ("yes", "yes", "yes"),
            "font not embedded+subset+unicode: {row}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "no subset tag: {row}"
        );
        names.push(cols[0].to_string());
    }
    names
}

#[derive(Debug)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let i = tag
        .find(&key)
        .unwrap_or_else(|| panic!("{name} missing in {tag}"))
        + key.len();
    let j = tag[i..].find('"').unwrap() + i;
    tag[i..j].parse().unwrap()
}

/// Words with their boxes (points from the page's top-left), from
/// `pdftotext -bbox-layout`.
fn words(pdf: &Path) -> Vec<Word> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let mut page = 0;
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.starts_with("<page ") {
            page += 1;
        } else if tag.starts_with("<word ") {
            let close = rest.find("</word>").unwrap();
            let text = rest[end + 1..close].to_string();
            out.push(Word {
                page,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text,
            });
        }
        rest = &rest[end + 1..];
    }
    out
}

const MM: f64 = 72.0 / 25.4;

fn is_page_number(w: &Word) -> bool {
    w.text.chars().all(|c| c.is_ascii_digit() || c == '—')
}

/// All text lies inside the type area ±1 mm, except the page numbers, which the
/// standard puts 7 mm below it: they must sit there, odd pages right, even left.
fn assert_inside_type_area(pdf: &Path) {
    let (l, r) = (
        g::type_left_mm() as f64 * MM,
        g::type_right_mm() as f64 * MM,
    );
    let (t, b) = (
        g::type_top_mm() as f64 * MM,
        g::type_bottom_mm() as f64 * MM,
    );
    let tol = 1.0 * MM;
    let ws = words(pdf);
    assert!(!ws.is_empty(), "no text extracted from {}", pdf.display());
    let mut numbered = std::collections::BTreeSet::new();
    for w in &ws {
        if w.y0 > b && is_page_number(w) {
            // Page number zone: below the type area, within the page.
            assert!(
                w.y0 >= b + 4.0 * MM && w.y1 <= b + 20.0 * MM,
                "page number misplaced: {w:?}"
            );
            let centre = (w.x0 + w.x1) / 2.0;
            if w.page % 2 == 1 {
                assert!(
                    centre > (l + r) / 2.0,
                    "odd page number not at right: {w:?}"
                );
            } else {
                assert!(
                    centre < (l + r) / 2.0,
                    "even page number not at left: {w:?}"
                );
            }
            if w.text.chars().all(|c| c.is_ascii_digit()) {
                assert_eq!(
                    w.text.parse::<usize>().ok(),
                    Some(w.page),
                    "wrong page number {w:?}"
                );
            }
            numbered.insert(w.page);
            continue;
        }
        assert!(
            w.x0 >= l - tol && w.x1 <= r + tol && w.y0 >= t - tol && w.y1 <= b + tol,
            "text outside the type area (x {:.1}–{:.1} mm, y {:.1}–{:.1} mm) on page {}: {}",
            w.x0 / MM,
            w.x1 / MM,
            w.y0 / MM,
            w.y1 / MM,
            w.page,
            w.text
        );
    }
    let pages = page_count(pdf);
    assert_eq!(numbered.len(), pages, "every page needs its page number");
}

fn all_text(pdf: &Path) -> String {
    squash(&tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]))
}

#[test]
fn dispatch_order_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample::order();
    doc.seal = Some(sample::seal());
    let pdf = write(dir.path(), "order.pdf", &render_pdf(&doc, fonts()).unwrap());
    let text = all_text(&pdf);
    for needle in [
        "晋源煤矿党委党建调度室调度令",
        "晋党调令〔2026〕7号",
        "签发人：王建国",
        "特急",
        "关于限期完成综采一队党支部",
        "“三会一课”台账整改的调度令",
        "综采一队党支部：",
        "一、调度事项",
        "1月4日综合大检查发现",
        "2026年1月20日前完成。",
        "联系人：赵敏，联系电话：0355-6021234。",
        "附件：“三会一课”台账整改问题清单",
        "2026年1月5日",
        "抄送：矿党委办公室，党委组织部，矿纪委。",
        "回执",
        "签收单位",
        "签收人",
        "签收时间",
        "验证码",
    ] {
        assert!(
            text.contains(&squash(needle)),
            "“{needle}” not in the PDF text:\n{text}"
        );
    }
    assert!(text.contains(doc.verification.as_deref().unwrap()));
    assert_a4(&pdf);
    let names = assert_fonts_embedded_and_subset(&pdf);
    assert!(
        names.len() >= 2,
        "heading and body fonts expected: {names:?}"
    );
    assert_inside_type_area(&pdf);
    // The seal image is there, with transparency.
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(
        images.contains("smask"),
        "seal image with alpha expected:\n{images}"
    );
}

#[test]
fn notice_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let doc = sample::notice();
    let pdf = write(
        dir.path(),
        "notice.pdf",
        &render_pdf(&doc, fonts()).unwrap(),
    );
    let text = all_text(&pdf);
    for needle in [
        "晋源煤矿党委党建调度室通知单",
        "晋党调通〔2026〕12号",
        "机电科党支部：",
        "一、调度内容。",
        "二、调度对象。机电科党支部。",
        "三、调度方式。书面、平台。",
        "四、任务目标。",
        "五、完成时限。2026年1月31日前完成。",
        "回执",
        "通知单编号",
    ] {
        assert!(
            text.contains(&squash(needle)),
            "“{needle}” not in the PDF text:\n{text}"
        );
    }
    assert_a4(&pdf);
    assert_fonts_embedded_and_subset(&pdf);
    assert_inside_type_area(&pdf);
}

#[test]
fn one_page_order_is_one_small_page() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = render_pdf(&sample::one_page_order(), fonts()).unwrap();
    assert!(
        bytes.len() <= 80 * 1024,
        "one-page order weighs {} bytes",
        bytes.len()
    );
    let pdf = write(dir.path(), "one.pdf", &bytes);
    assert_eq!(page_count(&pdf), 1);
    assert_inside_type_area(&pdf);
    assert_fonts_embedded_and_subset(&pdf);
}

#[test]
fn long_order_paginates_with_numbers_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        dir.path(),
        "long.pdf",
        &render_pdf(&sample::long_order(), fonts()).unwrap(),
    );
    let n = page_count(&pdf);
    assert!(n >= 3, "long order should take several pages, got {n}");
    for p in 1..=n {
        let t = page_text(&pdf, p);
        assert!(
            squash(&t).contains(&format!("—{p}—")),
            "page {p} lacks “— {p} —”:\n{t}"
        );
    }
    // Only the first page carries the red heading.
    assert!(page_text(&pdf, 1).contains("调度令"));
    assert!(!squash(&page_text(&pdf, 2)).contains("晋源煤矿党委党建调度室调度令"));
    assert_inside_type_area(&pdf);
    assert_fonts_embedded_and_subset(&pdf);
}

/// A document whose body is `n` one-line paragraphs.
fn doc_with_lines(n: usize) -> OfficialDocument {
    let mut d = sample::one_page_order();
    d.body = (0..n)
        .map(|i| Paragraph::body(format!("正文第{}行，党建调度室按时间节点督办落实。", i + 1)))
        .collect();
    d
}

#[test]
fn signature_block_never_stands_alone_on_a_page() {
    let dir = tempfile::tempdir().unwrap();
    for n in 4..=13 {
        let pdf = write(
            dir.path(),
            &format!("sig{n}.pdf"),
            &render_pdf(&doc_with_lines(n), fonts()).unwrap(),
        );
        let pages = page_count(&pdf);
        let sig_page = (1..=pages)
            .find(|&p| squash(&page_text(&pdf, p)).contains("2026年1月5日"))
            .expect("date printed");
        let t = squash(&page_text(&pdf, sig_page));
        assert!(
            t.contains("正文第"),
            "{n} lines: the signature page {sig_page} has no body text:\n{t}"
        );
        // The signature is the last thing of the body flow.
        assert!(
            t.contains(&format!("正文第{n}行")),
            "{n} lines: last body line not above the signature"
        );
    }
}

#[test]
fn batch_of_notices_restarts_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let docs = sample::notices(3);
    let single = render_pdf(&docs[0], fonts()).unwrap();
    let single_pages = page_count(&write(dir.path(), "single.pdf", &single));
    let pdf = write(
        dir.path(),
        "batch.pdf",
        &render_pdf_batch(&docs, fonts()).unwrap(),
    );
    assert_eq!(page_count(&pdf), 3 * single_pages);
    for (i, d) in docs.iter().enumerate() {
        let first = i * single_pages + 1;
        let t = squash(&page_text(&pdf, first));
        assert!(
            t.contains(&squash(d.number.as_deref().unwrap())),
            "batch page {first}: {t}"
        );
        assert!(
            t.contains("—1—"),
            "batch page {first} is not numbered 1: {t}"
        );
    }
    assert_fonts_embedded_and_subset(&pdf);
}

/// The fonts the system resolution chose, loaded again with no search of the other
/// installed fonts: which characters exist is then known.
fn resolved_fonts_only() -> Fonts {
    let files = fonts()
        .resolved()
        .iter()
        .filter(|r| !r.substitute)
        .map(|r| (r.role, FontFile::with_index(&r.path, r.index)))
        .collect();
    Fonts::load(&FontConfig {
        files,
        system_fonts: false,
        ..FontConfig::default()
    })
    .unwrap()
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it() {
    let fonts = resolved_fonts_only();
    let mut d = sample::one_page_order();
    d.body.push(Paragraph::body("生僻字𠀀不能显示为空白。"));
    let err = render_pdf(&d, &fonts).unwrap_err();
    assert_eq!(err.code, DocErrorCode::MissingGlyph);
    assert!(
        err.message.contains("字体中没有字符“𠀀”(U+20000)"),
        "{}",
        err.message
    );
    // Also in the title, and with every installed font searched.
    let mut d = sample::one_page_order();
    d.title = "关于\u{10FFFD}的调度令".into();
    let err = render_pdf(&d, self::fonts()).unwrap_err();
    assert_eq!(err.code, DocErrorCode::MissingGlyph);
    assert!(err.message.contains("U+10FFFD"), "{}", err.message);
}

#[test]
fn a_character_missing_from_the_chosen_fonts_comes_from_another_installed_font() {
    // Georgian is in DejaVu Sans (fonts-dejavu-core), not in Noto CJK: the search
    // of installed fonts finds it, and that TrueType (glyf) face is embedded and
    // subset like the CFF ones.
    let fonts = Fonts::system().unwrap();
    let mut d = sample::one_page_order();
    d.body.push(Paragraph::body("格鲁吉亚文字母ა也能打印。"));
    let dir = tempfile::tempdir().unwrap();
    let bytes = render_pdf(&d, &fonts).unwrap_or_else(|e| {
        panic!(
            "{} — this test needs fonts-dejavu-core (DejaVu Sans) installed",
            e.message
        )
    });
    let pdf = write(dir.path(), "fallback.pdf", &bytes);
    let names = assert_fonts_embedded_and_subset(&pdf);
    assert!(
        names.len() >= 4,
        "a fallback face should be embedded: {names:?}"
    );
    assert!(all_text(&pdf).contains("字母ა也能"));
    assert_inside_type_area(&pdf);
}

#[test]
fn empty_title_is_a_validation_error() {
    let mut d = sample::notice();
    d.title = "  ".into();
    let err = render_pdf(&d, fonts()).unwrap_err();
    assert_eq!(err.code, DocErrorCode::Validation);
    assert!(err.message.contains("标题"));
}

#[test]
fn draft_renders_without_number_or_verification() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = sample::order_content();
    c.number = None;
    let d = c.to_document();
    assert!(d.verification.is_none());
    let pdf = write(dir.path(), "draft.pdf", &render_pdf(&d, fonts()).unwrap());
    let text = all_text(&pdf);
    assert!(!text.contains("验证码"));
    assert!(!text.contains("〔2026〕7号"));
    assert_inside_type_area(&pdf);
}

#[test]
fn verification_code_matches_the_frozen_content() {
    let d = sample::order();
    let hash = d.content_sha256();
    assert_eq!(hash.len(), 64);
    let code = d.verification.clone().unwrap();
    assert!(diaodu_documents::code_matches(&hash, &code));
    assert!(diaodu_documents::code_matches(
        &hash,
        &code.to_lowercase().replace('-', " ")
    ));
    // Changing a word changes the hash: the printed code no longer matches.
    let mut changed = d.clone();
    changed.body[1] = Paragraph::body("1月4日综合大检查发现问题已整改。");
    assert!(!diaodu_documents::code_matches(
        &changed.content_sha256(),
        &code
    ));
}

#[test]
fn configured_font_file_comes_first() {
    // Use the Sans face as "the office's 仿宋": the configured file must win over
    // the installed Serif face.
    let path = fonts()
        .faces()
        .into_iter()
        .find(|f| f.family.contains("Sans"))
        .map(|f| (f.path.clone(), f.index))
        .expect("a Sans CJK face is installed (fonts-noto-cjk)");
    let config = FontConfig {
        files: vec![(FontRole::FangSong, FontFile::with_index(&path.0, path.1))],
        ..FontConfig::default()
    };
    let custom = Fonts::load(&config).unwrap();
    let fang = custom
        .resolved()
        .iter()
        .find(|r| r.role == FontRole::FangSong)
        .unwrap();
    assert_eq!(fang.source, FontSource::User);
    assert_eq!(fang.path, path.0);
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        dir.path(),
        "custom.pdf",
        &render_pdf(&sample::notice(), &custom).unwrap(),
    );
    let names = assert_fonts_embedded_and_subset(&pdf);
    assert!(names.iter().any(|n| n.contains("Sans")), "{names:?}");
}

#[test]
fn collection_faces_are_embedded_as_single_subset_faces() {
    // Noto CJK ships as .ttc collections; the embedded program must be the chosen
    // (Simplified Chinese) face, subset: its name says so and the file stays small.
    let ttc: Vec<_> = fonts()
        .faces()
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "ttc"))
        .collect();
    if ttc.is_empty() {
        panic!("this test needs a .ttc font (fonts-noto-cjk) to check collection handling");
    }
    let dir = tempfile::tempdir().unwrap();
    let bytes = render_pdf(&sample::notice(), fonts()).unwrap();
    assert!(
        bytes.len() < 200 * 1024,
        "{} bytes: whole collection embedded?",
        bytes.len()
    );
    let pdf = write(dir.path(), "ttc.pdf", &bytes);
    for name in assert_fonts_embedded_and_subset(&pdf) {
        if name.contains("Noto") {
            assert!(
                name.contains("sc-") || name.contains("SC"),
                "not the SC face: {name}"
            );
        }
    }
}

#[test]
fn each_document_renders_in_parallel_with_progress_and_cancel() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let docs = sample::notices(6);
    let calls = AtomicUsize::new(0);
    let pdfs = diaodu_documents::render_pdf_each(&docs, fonts(), &|done, total| {
        assert_eq!(total, 6);
        assert!((1..=6).contains(&done));
        calls.fetch_add(1, Ordering::Relaxed);
        true
    })
    .unwrap();
    assert_eq!(pdfs.len(), 6);
    assert_eq!(calls.load(Ordering::Relaxed), 6);
    let dir = tempfile::tempdir().unwrap();
    for (i, (pdf, doc)) in pdfs.iter().zip(&docs).enumerate() {
        let p = write(dir.path(), &format!("n{i}.pdf"), pdf);
        assert!(
            all_text(&p).contains(&squash(doc.number.as_deref().unwrap())),
            "document order kept"
        );
    }
    let err = diaodu_documents::render_pdf_each(&docs, fonts(), &|done, _| done < 2).unwrap_err();
    assert_eq!(err.code, DocErrorCode::Cancelled);
}
