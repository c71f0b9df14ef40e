//! Vocabulary of supervision (督办), reminders (催办), dispatch meetings
//! (调度会) and stage summaries and bulletins (一总结一通报).
use crate::error::{CoreError, CoreResult};

coded!(
    /// 督办方式: how the office checked up on a unit.
    SupervisionMethod, "method", "督办方式", {
    Onsite => "onsite", "现场";
    Phone => "phone", "电话";
    Meeting => "meeting", "会议";
    Platform => "platform", "平台";
});

coded!(
    /// 调度会: the office's weekly regular meeting, or the mine's big
    /// dispatch meeting where bulletins are read out.
    MeetingKind, "kind", "会议类别", {
    Regular => "regular", "党建调度例会";
    Mine => "mine", "矿大调度会";
});

coded!(
    /// Where a stage summary / bulletin stands: edited as a draft, numbered
    /// when issued (印发), withdrawn keeps its number.
    SummaryStatus, "status", "通报状态", {
    Draft => "draft", "草稿";
    Issued => "issued", "已印发";
    Withdrawn => "withdrawn", "已撤回";
});

coded!(
    /// What a supervision time node asks for: a periodic report (from the
    /// feedback rule), the work done by its deadline, or — for a plan task
    /// without a deadline — done by its scheduled finish.
    NodeKind, "nodeKind", "节点类别", {
    Feedback => "feedback", "定期反馈";
    Deadline => "deadline", "完成时限";
    Finish => "finish", "计划完成";
});

coded!(
    /// A supervised record: a plan task or a notice/order.
    TargetKind, "targetKind", "督办对象类别", {
    Task => "task", "计划任务";
    Document => "document", "通知单/调度令";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels() {
        assert_eq!(
            SupervisionMethod::parse("现场").unwrap(),
            SupervisionMethod::Onsite
        );
        assert_eq!(MeetingKind::parse("mine").unwrap().label(), "矿大调度会");
        let e = SupervisionMethod::parse("信函").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("method"));
        assert!(
            e.message.contains("现场、电话、会议、平台"),
            "{}",
            e.message
        );
        assert_eq!(NodeKind::Finish.code(), "finish");
        assert_eq!(TargetKind::parse("document").unwrap(), TargetKind::Document);
    }
}
