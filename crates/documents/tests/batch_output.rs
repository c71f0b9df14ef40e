//! Batch output (one file each, one combined file, cancellation between documents)
//! parsed back with poppler-utils, and the checks on what the user configures: a
//! font file for a role and a seal image.
//!
//! Needs poppler-utils and a Chinese font (Debian: `poppler-utils`, `fonts-noto-cjk`).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use diaodu_documents::{
    image_size, inspect_font_file, run_batch, sample, BatchItem, BatchTarget, DocErrorCode, Fonts,
};

fn fonts() -> &'static Fonts {
    use std::sync::OnceLock;
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::system()
            .unwrap_or_else(|e| panic!("no Chinese font ({}): install fonts-noto-cjk", e.message))
    })
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{name}` ({e}): install poppler-utils"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn text(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

fn items(n: usize, seal: bool) -> Vec<BatchItem> {
    sample::notices(n)
        .into_iter()
        .map(|mut doc| {
            if seal {
                doc.seal = Some(sample::seal());
            }
            BatchItem {
                name: format!("{}-{}", doc.number.clone().unwrap(), doc.addressees),
                doc,
            }
        })
        .collect()
}

#[test]
fn folder_gets_one_pdf_per_notice_named_by_number_and_unit() {
    let dir = tempfile::tempdir().unwrap();
    let batch = items(5, false);
    let reports = AtomicUsize::new(0);
    let out = run_batch(
        &batch,
        fonts(),
        &BatchTarget::Folder(dir.path().to_path_buf()),
        &|done, total| {
            assert_eq!(total, 5);
            assert!((1..=5).contains(&done));
            reports.fetch_add(1, Ordering::SeqCst);
            true
        },
    )
    .unwrap();
    assert_eq!((out.done, out.total, out.cancelled), (5, 5, false));
    assert_eq!(reports.load(Ordering::SeqCst), 5, "one report per notice");
    assert_eq!(out.files.len(), 5);
    assert!(
        out.message.contains("已保存 5 个PDF文件"),
        "{}",
        out.message
    );
    for (item, file) in batch.iter().zip(&out.files) {
        assert_eq!(
            file.file_name().unwrap().to_string_lossy(),
            format!("{}.pdf", item.name),
            "files keep the list order and names"
        );
        let t = text(file);
        assert!(
            t.contains(item.doc.number.as_deref().unwrap()),
            "number in {}",
            file.display()
        );
    }
}

#[test]
fn combined_pdf_holds_every_notice_and_the_seal_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("合并.pdf");
    let batch = items(4, true);
    let single = dir.path().join("one.pdf");
    std::fs::write(
        &single,
        diaodu_documents::render_pdf(&batch[0].doc, fonts()).unwrap(),
    )
    .unwrap();
    let out = run_batch(
        &batch,
        fonts(),
        &BatchTarget::Combined(file.clone()),
        &|_, _| true,
    )
    .unwrap();
    assert_eq!((out.done, out.cancelled), (4, false));
    assert_eq!(out.files, vec![file.clone()]);
    assert_eq!(
        pages(&file),
        4 * pages(&single),
        "each notice starts on its own pages"
    );
    let t = text(&file);
    for item in &batch {
        assert!(t.contains(item.doc.number.as_deref().unwrap()));
    }
    // The same seal image on four notices is one image object in the file.
    let images = tool("pdfimages", &["-list", file.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = images
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|cols| cols.get(2) == Some(&"image"))
        .collect();
    let objects: std::collections::HashSet<&str> = rows.iter().map(|cols| cols[10]).collect();
    let placed = rows.len();
    assert_eq!(placed, 4, "a seal on every notice:\n{images}");
    assert_eq!(objects.len(), 1, "embedded once:\n{images}");
}

#[test]
fn cancelling_a_folder_batch_keeps_the_files_done_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let batch = items(40, false);
    let stop = AtomicBool::new(false);
    let out = run_batch(
        &batch,
        fonts(),
        &BatchTarget::Folder(dir.path().to_path_buf()),
        &|done, _| {
            if done >= 3 {
                stop.store(true, Ordering::SeqCst);
            }
            !stop.load(Ordering::SeqCst)
        },
    )
    .unwrap();
    assert!(out.cancelled);
    assert!(out.done >= 3 && out.done < 40, "done {}", out.done);
    let on_disk = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(
        on_disk, out.done,
        "exactly the finished notices are on disk"
    );
    assert!(
        out.message
            .contains(&format!("已取消：已保存 {} / 40", out.done)),
        "{}",
        out.message
    );
}

#[test]
fn cancelling_a_combined_batch_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("合并.pdf");
    let out = run_batch(
        &items(6, false),
        fonts(),
        &BatchTarget::Combined(file.clone()),
        &|done, _| done < 2,
    )
    .unwrap();
    assert!(out.cancelled);
    assert_eq!(out.done, 0);
    assert!(!file.exists());
    assert!(out.message.contains("未生成合并文件"), "{}", out.message);
}

#[test]
fn an_empty_batch_and_bad_copies_are_refused() {
    let e = run_batch(
        &[],
        fonts(),
        &BatchTarget::Combined("x.pdf".into()),
        &|_, _| true,
    )
    .unwrap_err();
    assert_eq!(e.code, DocErrorCode::Validation);
    let e = run_batch(
        &items(1, false),
        fonts(),
        &BatchTarget::Printer {
            printer: None,
            copies: 0,
        },
        &|_, _| true,
    )
    .unwrap_err();
    assert_eq!(e.code, DocErrorCode::Validation);
}

#[test]
fn a_chinese_font_file_is_accepted_with_the_face_that_has_chinese() {
    let noto = ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
        .expect("fonts-noto-cjk is needed for this test");
    let info = inspect_font_file(noto).unwrap();
    assert_eq!(
        info.family, "Noto Serif CJK SC",
        "the Simplified Chinese face of the collection"
    );
    assert_ne!(info.index, 0, "not simply the first face (JP)");
}

#[test]
fn fonts_without_chinese_and_non_fonts_are_refused_with_a_message() {
    let latin = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    assert!(latin.exists(), "fonts-dejavu-core is needed for this test");
    let e = inspect_font_file(latin).unwrap_err();
    assert_eq!(e.code, DocErrorCode::FontInvalid);
    assert!(e.message.contains("不含汉字"), "{}", e.message);

    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("仿宋.ttf");
    std::fs::write(&fake, b"not a font at all").unwrap();
    let e = inspect_font_file(&fake).unwrap_err();
    assert!(e.message.contains("不是可用的字体文件"), "{}", e.message);

    let e = inspect_font_file(&dir.path().join("missing.ttf")).unwrap_err();
    assert!(e.message.contains("无法读取"), "{}", e.message);
}

#[test]
fn seal_images_are_checked_png_and_jpeg() {
    assert_eq!(image_size(&sample::seal_png()).unwrap(), (420, 420));
    let mut jpeg = Vec::new();
    image::DynamicImage::new_rgb8(30, 20)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    assert_eq!(image_size(&jpeg).unwrap(), (30, 20));
    let e = image_size(b"GIF89a....").unwrap_err();
    assert_eq!(e.code, DocErrorCode::ImageInvalid);
    assert!(e.message.contains("PNG 或 JPEG"), "{}", e.message);
}
