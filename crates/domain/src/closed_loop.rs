//! Vocabulary of the closed loop: what feedback and rectifications point at,
//! where a rectification comes from and where it stands, and the kinds of
//! evidence attached to them. The loop's stages are `plan::TaskStatus`.
use crate::dispatch::coded;
use crate::error::{CoreError, CoreResult};

coded!(
    /// What feedback, rectifications and close-outs are about.
    TargetKind, "targetKind", "对象类别", {
    Task => "task", "任务";
    Document => "document", "通知单/调度令";
});

coded!(
    /// Where a rectification was raised (整改来源).
    RectificationSource, "source", "整改来源", {
    Inspection => "inspection", "综合大检查";
    Supervision => "supervision", "督办";
    Hotline => "hotline", "热线电话";
    Meeting => "meeting", "调度会";
    Feedback => "feedback", "反馈";
    Other => "other", "其他";
});

coded!(
    /// open → verified (验收通过) → closed (销号); reopening goes back to open.
    RectificationStatus, "status", "整改状态", {
    Open => "open", "整改中";
    Verified => "verified", "已验收";
    Closed => "closed", "已销号";
});

coded!(
    /// The outcome of a verification (验收结果).
    VerificationResult, "result", "验收结果", {
    Pass => "pass", "通过";
    Fail => "fail", "不通过";
});

coded!(
    /// Evidence kinds the attachment store accepts.
    AttachmentKind, "kind", "附件类别", {
    Image => "image", "照片";
    Video => "video", "视频";
    Document => "document", "文档";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_labels_and_messages() {
        assert_eq!(TargetKind::parse("task").unwrap(), TargetKind::Task);
        assert_eq!(
            RectificationSource::parse("综合大检查").unwrap(),
            RectificationSource::Inspection
        );
        let e = RectificationSource::parse("网上").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("source"));
        assert!(e.message.contains("综合大检查、督办、热线电话"));
        assert_eq!(RectificationStatus::Closed.label(), "已销号");
        assert_eq!(VerificationResult::parse("fail").unwrap().label(), "不通过");
        assert_eq!(AttachmentKind::Video.code(), "video");
    }
}
