//! `diaodu-documents`: the one PDF engine of 党建调度台.
//!
//! - [`fonts`]: font resolution (configured files first, then installed fonts by
//!   family preference via `fontdb`); every face is embedded and subset.
//! - [`linebreak`]: CJK line breaking (pure, unit-tested).
//! - [`canvas`]: the layout vocabulary (pages in millimetres, shaped text,
//!   paragraphs, rules, boxes, images, QR codes) shared by every printed document.
//! - [`official`]: the GB/T 9704 official document and its renderer
//!   ([`render_pdf`]); [`compose`] builds dispatch orders and notices from the
//!   office's records.
//! - [`report`]: tabular reports (omissions, rankings, rosters, figures) on A4.
//! - [`batch`]: many documents at once (printed, one file each, or combined),
//!   with progress and cancellation between documents.
//! - [`verify`]: canonical content, SHA-256 and the short verification code.
//! - [`viewer`]: opening a file in the system's viewer, never through a shell.
//!
//! No database and no UI here: the store freezes content and the app shows pages.

pub mod batch;
pub mod canvas;
pub mod chart;
pub mod compose;
pub mod error;
pub mod fonts;
pub mod gbt9704;
pub mod linebreak;
pub mod official;
pub mod output;
mod parallel;
pub mod report;
pub mod sample;
mod shared;
pub mod verify;
pub mod viewer;

pub use batch::{run_batch, BatchItem, BatchOutcome, BatchTarget};
pub use canvas::{
    image_size, Align, Canvas, Color, LineStyle, ParagraphStyle, Run, TextLine, TextStyle,
};
pub use compose::{cn_date, DispatchMethod, NoticeContent, OrderContent};
pub use error::{DocError, DocErrorCode, DocResult};
pub use fonts::{
    inspect_font_file, FontConfig, FontFile, FontFileInfo, FontRole, FontSource, Fonts,
    ResolvedFont,
};
pub use official::{
    render_pdf, render_pdf_batch, render_pdf_each, IssuerHeading, OfficialDocument, Paragraph,
    PrintedBy, Receipt, ReceiptField, ReceiptRow, SealImage, Signature, Urgency,
};
pub use report::{render_report, Orientation, Report, ReportBlock, ReportColumn, ReportTable};
pub use verify::{
    canonical_content, code_matches, normalize_code, qr_payload, sha256_hex, verification_code,
};

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}
    #[test]
    fn fonts_can_be_shared_between_threads() {
        assert_send_sync::<crate::Fonts>();
    }
}
