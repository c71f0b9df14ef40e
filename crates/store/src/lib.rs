//! Storage of the dispatch office: one SQLite database in the data directory,
//! numbered migrations, and the record operations, each of which checks the
//! actor's role and writes its audit entry in the same transaction.

pub mod assessment;
mod attachments;
mod audit;
mod backup;
mod closed_loop;
mod credentials;
mod db;
mod doc_settings;
mod docs;
mod export;
pub mod files;
mod in_register;
mod migrate;
mod numbering;
mod org;
mod paths;
mod plans;
pub mod print;
mod query;
pub mod registers;
mod sample;
mod settings;
mod spec;
pub mod supervision;
mod users;

pub use attachments::vault::BACKUP_POOL;
pub use attachments::{
    format_size, Attachment, AttachmentRef, AttachmentSettings, AttachmentStore, StoredFile,
    ATTACHMENTS_DIR, DEFAULT_ATTACHMENT_MAX_MB,
};
pub use audit::{AuditEntry, AuditFilter, AuditPage};
pub use backup::{BackupInfo, RestoreReport};
pub use closed_loop::{
    Feedback, FeedbackInput, LoopClosure, LoopOwner, LoopSampleReport, LoopStatus, LoopStep,
    Rectification, RectificationEvent, RectificationFilter, RectificationInput, TimelineEvent,
    VerificationInput,
};
pub use db::{Actor, Store};
pub use doc_settings::{
    font_role_code, parse_font_role, prefix_field, DocSettings, DocSettingsInput, FontSetting,
    NumberPrefix, StoredFile as StoredDocFile, DEFAULT_SEAL_WIDTH_MM,
};
pub use docs::{
    DispatchDoc, DocFilter, DocInput, FeedbackRule, OrdersFromTasks, SignedFacts, Verification,
    VERIFICATION_LIMITS,
};
pub use migrate::LATEST_SCHEMA_VERSION;
pub use numbering::{default_prefix, office_code, PaperKind};
pub use org::{AssistancePoint, Pairing, Person, PersonInput, Unit, UnitInput};
pub use paths::{resolve_data_dir, DB_FILE_NAME};
pub use plans::wire as chart_wire;
pub use plans::PlanFilter;
pub use plans::{
    BaselineInfo, CalendarDay, CalendarYear, Chart, ChartCache, ChartLink, ChartTask, LinkInput,
    Plan, PlanInput, PlanSummary, SourceDocument, TaskInput, Variance,
};
pub use print::{describe_rule, ChartPrintOptions, DEFAULT_ISSUER};
pub use registers::{
    ArchiveFile, ArchiveFilter, ArchiveInput, EmergencyEvent, EmergencyFilter, EmergencyInput,
    PostDuty, PostDutyFilter, PostDutyInput, ProblemSolvedInput, ProblemToRectification,
    ProblemToTask, RegisterFigures, Visit, VisitFilter, VisitInput, VisitProblem,
};
pub use sample::SampleReport;
pub use settings::{Settings, SettingsInput, DEFAULT_IDLE_LOCK_MINUTES};
pub use spec::{
    system_actor, Checklist, ChecklistRow, DoneInput, DoneManyInput, GenerateReport,
    ImportCellError, ImportRow, Omission, OmissionReport, OmissionUnit, OverviewItem, OverviewUnit,
    PeriodOverview, SpecFilter, SpecFollowUp, SpecImportPreview, SpecImportResult, SpecItem,
    SpecItemInput, SpecSampleReport, SpecVersion, StartupReport, WorkbookRequest,
};
pub use supervision::dashboard::{Dashboard, TodayAlerts};
pub use supervision::meetings::{
    Decision, DecisionDocInput, DecisionInput, DecisionTaskInput, Meeting, MeetingFilter,
    MeetingInput,
};
pub use supervision::records::{SupervisionFilter, SupervisionInput, SupervisionRecord};
pub use supervision::reminders::{Reminder, ReminderRow};
pub use supervision::sample::SupervisionSampleReport;
pub use supervision::stats::AnnualStats;
pub use supervision::summaries::{StageFigures, Summary, SummaryEdit, SummaryStage};
pub use supervision::TargetSupervision;
pub use users::{User, UserUpdate};

pub use diaodu_domain::{CoreError, ErrorCode};
pub type Result<T> = std::result::Result<T, CoreError>;

/// Local time as stored and shown everywhere: `YYYY-MM-DD HH:MM:SS`.
pub fn now_text() -> String {
    diaodu_domain::clock::now()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Name → id maps while loading records that refer to each other by name.
#[derive(Default)]
pub(crate) struct OrgIds {
    pub units: std::collections::HashMap<String, i64>,
    pub people: std::collections::HashMap<String, i64>,
}

impl OrgIds {
    pub fn unit(&self, name: &str) -> Result<i64> {
        self.units
            .get(name)
            .copied()
            .ok_or_else(|| CoreError::internal(format!("示例数据中找不到单位“{name}”")))
    }
}
