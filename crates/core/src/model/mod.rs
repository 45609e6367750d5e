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

/// Brings the typed copies of every kind up to date with the replica. Called
/// after each slice of a large load or merge, so that no page later pays for
/// reading thousands of changed records at once.
pub fn refresh_typed(replica: &crate::Replica) {
    replica.refresh_typed::<Agreement>();
    replica.refresh_typed::<CheckIn>();
    replica.refresh_typed::<Competence>();
    replica.refresh_typed::<Grant>();
    replica.refresh_typed::<FollowUp>();
    replica.refresh_typed::<Function>();
    replica.refresh_typed::<Cancellation>();
    replica.refresh_typed::<Event>();
    replica.refresh_typed::<SignUp>();
    replica.refresh_typed::<Person>();
    replica.refresh_typed::<Settings>();
}
