//! Domain vocabulary of the dispatch office: the error every layer maps to,
//! roles and permissions, organisation kinds and input validation.
//! No I/O lives here so that every rule can be tested without a database.

pub mod closed_loop;
// The `coded!` vocabulary macro is defined there and used by later modules
// (the assessment vocabulary among them).
#[macro_use]
pub mod dispatch;
pub mod assessment;
pub mod auth;
pub mod clock;
pub mod error;
pub mod org;
pub mod plan;
pub mod registers;
pub mod role;
pub mod sample;
pub mod session;
pub mod supervision;
pub mod validate;

pub use error::{CoreError, ErrorCode};
pub use org::{PersonRole, UnitKind};
pub use role::{Permission, Role};
