pub struct AssessmentSampleReport;
