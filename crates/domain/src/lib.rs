//! Domain vocabulary of the dispatch office: the error every layer maps to,
//! roles and permissions, organisation kinds and input validation.
//! No I/O lives here so that every rule can be tested without a database.

// `coded!` (code/label enums) is shared with the assessment vocabulary.
#[macro_use]
pub mod dispatch;
pub mod assessment;
pub mod error;
pub mod org;
pub mod plan;
pub mod role;
pub mod sample;
pub mod session;
pub mod validate;

pub use error::{CoreError, ErrorCode};
pub use org::{PersonRole, UnitKind};
pub use role::{Permission, Role};
