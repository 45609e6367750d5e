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

pub use agreement::{Agreement, AgreementError, Lines};
pub use checkin::{CheckIn, CheckOutError};
pub use competence::{Competence, Grant};
pub use follow_up::{FollowUp, Outcome, Stage};
pub use function::{Function, FunctionError};
pub use occurrence::{Cancellation, Closure, Event, EventError, OccurrenceRef, SignUp, Waiting};
pub use person::{NameError, Person, PersonName, Status, StatusError};
pub use settings::Settings;

/// Every kind of record this version knows.
pub const KINDS: [&str; 13] = {
    use crate::entity::Entity;
    [
        Person::KIND,
        Function::KIND,
        Agreement::KIND,
        CheckIn::KIND,
        Cancellation::KIND,
        SignUp::KIND,
        Waiting::KIND,
        Closure::KIND,
        Event::KIND,
        FollowUp::KIND,
        Competence::KIND,
        Grant::KIND,
        Settings::KIND,
    ]
};

/// Brings the typed copies of every kind up to date with the replica. Called
/// after each slice of a large load or merge, so that no page later pays for
/// reading thousands of changed records at once.
pub fn refresh_typed(replica: &crate::Replica) {
    REFRESH_TYPED.iter().for_each(|refresh| refresh(replica));
}

/// [`refresh_typed`] one kind at a time, for a caller that lets the page
/// through between kinds (after an undo every record is read afresh).
pub const REFRESH_TYPED: [fn(&crate::Replica); 13] = [
    crate::Replica::refresh_typed::<Agreement>,
    crate::Replica::refresh_typed::<CheckIn>,
    crate::Replica::refresh_typed::<Competence>,
    crate::Replica::refresh_typed::<Grant>,
    crate::Replica::refresh_typed::<FollowUp>,
    crate::Replica::refresh_typed::<Function>,
    crate::Replica::refresh_typed::<Cancellation>,
    crate::Replica::refresh_typed::<Event>,
    crate::Replica::refresh_typed::<SignUp>,
    crate::Replica::refresh_typed::<Waiting>,
    crate::Replica::refresh_typed::<Closure>,
    crate::Replica::refresh_typed::<Person>,
    crate::Replica::refresh_typed::<Settings>,
];
