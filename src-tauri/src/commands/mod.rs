//! IPC commands: parse and check the input, call the core as the session's
//! user, map errors. Every command takes at most one argument, `input`.
pub mod admin;
pub mod assessment;
pub mod attachments;
pub mod batch;
pub mod closed_loop;
pub mod doc_settings;
pub mod docs;
pub mod org;
pub mod output;
pub mod plans;
pub mod registers;
pub mod session;
pub mod spec;
pub mod supervision;
pub mod supervision_output;

use crate::error::{ApiError, ApiResult};
use serde::de::DeserializeOwned;

/// Deserialises `input` ourselves so a malformed request still answers with
/// `{code, message}` in Chinese rather than a bare serde string.
///
/// Every command takes `input` as an `Option`: a call without it
/// (`invoke(cmd)`, `{}`, a body that is not an object) reaches the command
/// and is answered here like any other malformed input, not by Tauri's
/// English "missing required key input".
pub(crate) fn parse<T: DeserializeOwned>(input: Option<serde_json::Value>) -> ApiResult<T> {
    serde_json::from_value(input.unwrap_or_default()).map_err(|e| ApiError::malformed(&e))
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Id {
    pub id: i64,
}

/// An edit of a record: its id and the fields of the form.
#[derive(serde::Deserialize)]
pub(crate) struct WithId<T> {
    pub id: i64,
    #[serde(flatten)]
    pub fields: T,
}

/// Retire, archive or withdraw: the record and why.
#[derive(serde::Deserialize)]
pub(crate) struct WithReason {
    pub id: i64,
    #[serde(default)]
    pub reason: String,
}

/// A signer's act on a record (withdraw a signed paper, put rules in
/// force): the record, why (where asked) and the actor's password again.
#[derive(serde::Deserialize)]
pub(crate) struct SignerAct {
    pub id: i64,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub password: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct ListFilter {
    pub include_retired: bool,
    pub include_ended: bool,
}

/// Input that may be absent (`invoke(cmd)` with no arguments).
pub(crate) fn parse_or_default<T: DeserializeOwned + Default>(
    input: Option<serde_json::Value>,
) -> ApiResult<T> {
    match input {
        None | Some(serde_json::Value::Null) => Ok(T::default()),
        Some(v) => parse(Some(v)),
    }
}
