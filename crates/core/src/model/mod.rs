//! The records of a volunteer group, as the seed policies describe them.
//!
//! Each kind is a plain struct stored field by field in the replica (see
//! [`crate::entity`]); a rule about one kind lives in that kind's file.

pub mod agreement;
pub mod checkin;
pub mod competence;
pub mod follow_up;
pub mod function;
pub mod occurrence;
pub mod person;
pub mod settings;

pub use agreement::Agreement;
pub use checkin::{CheckIn, CheckOutError};
pub use competence::{Competence, Grant};
pub use follow_up::{FollowUp, Outcome, Stage};
pub use function::{Function, FunctionError};
pub use occurrence::{Cancellation, Event, OccurrenceRef, SignUp};
pub use person::{NameError, Person, PersonName, Status, StatusError};
pub use settings::Settings;
