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

/// The fonts of a PDF as embedded, by `/BaseFont`: the CFF program, the text
/// each code stands for (`/ToUnicode`), and every code shown on any page.
struct EmbeddedFonts {
    /// BaseFont -> font program (bare CFF).
    programs: std::collections::BTreeMap<String, Vec<u8>>,
    /// (BaseFont, code) -> the characters it stands for.
    unicode: std::collections::BTreeMap<(String, u16), String>,
    /// (BaseFont, code) for every code shown.
    shown: std::collections::BTreeSet<(String, u16)>,
}

/// The `bfchar` entries of a ToUnicode CMap (as printpdf writes it: one code each).
fn bfchars(cmap: &str) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    for block in cmap.split("beginbfchar").skip(1) {
        let block = block.split("endbfchar").next().unwrap();
        let hex: Vec<&str> = block
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap())
            .collect();
        for pair in hex.chunks(2) {
            let code = u16::from_str_radix(pair[0], 16).unwrap();
            let units: Vec<u16> = (0..pair[1].len() / 4)
                .map(|k| u16::from_str_radix(&pair[1][k * 4..k * 4 + 4], 16).unwrap())
                .collect();
            out.push((code, String::from_utf16(&units).unwrap()));
        }
    }
    out
}

fn embedded_fonts(pdf: &Path) -> EmbeddedFonts {
    use lopdf::Object;
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the file");
    let deref = |o: &Object| -> Object { doc.dereference(o).expect("reference").1.clone() };
    let mut programs = std::collections::BTreeMap::new();
    let mut unicode = std::collections::BTreeMap::new();
    let mut shown = std::collections::BTreeSet::new();
    for page in doc.get_pages().into_values() {
        let fonts = doc.get_page_fonts(page).expect("page fonts");
        let mut names = std::collections::BTreeMap::new();
        for (res, font) in &fonts {
            let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap())
                .into_owned();
            let descendant = deref(&font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
            let descriptor = deref(
                descendant
                    .as_dict()
                    .unwrap()
                    .get(b"FontDescriptor")
                    .unwrap(),
            );
            let file = deref(descriptor.as_dict().unwrap().get(b"FontFile3").unwrap());
            let program = file.as_stream().unwrap().decompressed_content().unwrap();
            programs.insert(base.clone(), program);
            let cmap = deref(font.get(b"ToUnicode").unwrap());
            let cmap = cmap.as_stream().unwrap().decompressed_content().unwrap();
            for (code, text) in bfchars(&String::from_utf8_lossy(&cmap)) {
                unicode.insert((base.clone(), code), text);
            }
            names.insert(res.clone(), base);
        }
        let content = doc.get_and_decode_page_content(page).expect("content");
        let mut current = None;
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => current = op.operands[0].as_name().ok().map(|n| names[n].clone()),
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(a) => a.iter().collect(),
                        s => vec![s],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            for pair in bytes.chunks(2) {
                                let code = u16::from_be_bytes([pair[0], pair[1]]);
                                shown.insert((current.clone().expect("a font is set"), code));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    EmbeddedFonts {
        programs,
        unicode,
        shown,
    }
}

/// Whether the CID-keyed CFF `program` has the glyph of CID `code`, with ink
/// unless it stands for a space.
fn draws(program: &[u8], code: u16, text: &str) -> bool {
    let space = text.chars().all(char::is_whitespace);
    let cff = ttf_parser::cff::Table::parse(program).expect("a CFF font program");
    let cids = printpdf::font::cff_charset_gid_to_cid_map(program, 0).expect("CID-keyed");
    cids.iter()
        .find(|(_, &cid)| cid == code)
        .map(|(&gid, _)| ttf_parser::GlyphId(gid))
        .is_some_and(|g| {
            struct Ink(usize);
            impl ttf_parser::OutlineBuilder for Ink {
                fn move_to(&mut self, _: f32, _: f32) {}
                fn line_to(&mut self, _: f32, _: f32) {
                    self.0 += 1;
                }
                fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
                    self.0 += 1;
                }
                fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
                    self.0 += 1;
                }
                fn close(&mut self) {}
            }
            let mut ink = Ink(0);
            match cff.outline(g, &mut ink) {
                Ok(_) => ink.0 > 0,
                Err(ttf_parser::CFFError::ZeroBBox) => space,
                Err(_) => false,
            }
        })
}

#[test]
fn a_folder_batch_subsets_each_face_once_and_every_file_draws_all_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut batch = items(4, true);
    // A character only the third notice uses: the shared subset must hold it,
    // and it must be drawn and read back in that notice.
    batch[2].doc.title = "关于鑫淼焱垚四个班组开展党员先锋岗创建工作的调度通知".into();
    let out = run_batch(
        &batch,
        fonts(),
        &BatchTarget::Folder(dir.path().to_path_buf()),
        &|_, _| true,
    )
    .unwrap();
    assert_eq!(out.files.len(), 4);
    let mut first_programs = None;
    for (item, file) in batch.iter().zip(&out.files) {
        // What the file says: the same text as the document rendered on its own.
        let alone = dir.path().join("alone.pdf");
        std::fs::write(
            &alone,
            diaodu_documents::render_pdf(&item.doc, fonts()).unwrap(),
        )
        .unwrap();
        let said = text(file);
        assert_eq!(said, text(&alone), "{}", item.name);
        for part in [
            item.doc.title.as_str(),
            item.doc.number.as_deref().unwrap(),
            item.doc.addressees.as_str(),
        ] {
            let part: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(said.contains(&part), "{} lacks {part}: {said}", item.name);
        }
        // Every code shown is drawn by the font program embedded in this file.
        let fonts_in = embedded_fonts(file);
        assert!(!fonts_in.shown.is_empty());
        for (font, code) in &fonts_in.shown {
            let text = fonts_in
                .unicode
                .get(&(font.clone(), *code))
                .unwrap_or_else(|| panic!("{}: {font} code {code} has no text", item.name));
            assert!(
                draws(&fonts_in.programs[font], *code, text),
                "{}: {font} has no glyph for {text:?} (code {code})",
                item.name
            );
        }
        // Every file embeds the same subsets, made once for the batch.
        match &first_programs {
            None => first_programs = Some(fonts_in.programs),
            Some(first) => assert!(
                first == &fonts_in.programs,
                "{}: other font programs than the first file's: {:?} vs {:?}",
                item.name,
                first.keys().collect::<Vec<_>>(),
                fonts_in.programs.keys().collect::<Vec<_>>()
            ),
        }
        // And it looks exactly like the document rendered on its own.
        for page in 1..=2 {
            let raster = |pdf: &Path| {
                let p = page.to_string();
                let out = Command::new("pdftoppm")
                    .args(["-r", "40", "-f", &p, "-l", &p, "-gray"])
                    .arg(pdf)
                    .output()
                    .expect("pdftoppm (poppler-utils)");
                assert!(out.status.success());
                out.stdout
            };
            assert!(
                raster(file) == raster(&alone),
                "{} page {page} differs from the document rendered alone",
                item.name
            );
        }
    }
}
