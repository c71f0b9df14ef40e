//! Writes the sample documents as PDF files into a folder:
//! `cargo run -p diaodu-documents --example render_sample -- OUT_DIR`
//! (then e.g. `pdftoppm -r 80 -png OUT_DIR/order.pdf OUT_DIR/order`).

use std::path::PathBuf;
use std::time::Instant;

use diaodu_documents::{render_pdf, sample, Fonts};

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/samples".into()),
    );
    std::fs::create_dir_all(&out).expect("create output folder");
    let t = Instant::now();
    let fonts = match Fonts::system() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}", e.message);
            std::process::exit(1);
        }
    };
    println!("fonts loaded in {:?}", t.elapsed());
    for r in fonts.resolved() {
        println!(
            "  {} -> {} ({} #{}){}",
            r.role_label,
            r.family,
            r.path.display(),
            r.index,
            if r.substitute { " [替代]" } else { "" }
        );
    }
    let mut order = sample::order();
    order.seal = Some(sample::seal());
    let mut notice = sample::notice();
    notice.seal = Some(sample::seal());
    let mut draft = sample::order_content();
    draft.number = None;
    let draft = draft.to_document();
    let docs = [
        ("order", order),
        ("notice", notice),
        ("one_page_order", sample::one_page_order()),
        ("long_order", sample::long_order()),
        ("draft_order", draft),
    ];
    for (name, doc) in docs {
        let t = Instant::now();
        match render_pdf(&doc, &fonts) {
            Ok(bytes) => {
                let path = out.join(format!("{name}.pdf"));
                std::fs::write(&path, &bytes).expect("write PDF");
                println!(
                    "{} ({} bytes, {:?}, verification {})",
                    path.display(),
                    bytes.len(),
                    t.elapsed(),
                    doc.verification.as_deref().unwrap_or("—")
                );
            }
            Err(e) => {
                eprintln!("{name}: {} ({})", e.message, e.code.as_str());
                std::process::exit(1);
            }
        }
    }
}
