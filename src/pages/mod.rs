//! One file per page of the app.

pub mod agreements;
pub mod competences;
pub mod events;
pub mod follow_ups;
pub mod functions;
pub mod join;
pub mod kiosk;
pub mod live_sync;
pub mod my_shifts;
pub mod not_found;
pub mod open;
pub mod open_slots;
pub mod people;
pub mod person;
pub mod plan;
pub mod reports;
pub mod roster;
pub mod settings;
pub mod today;
