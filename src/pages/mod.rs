//! One file per page of the app.

pub mod coming;
pub mod functions;
pub mod not_found;
pub mod people;
pub mod settings;
pub mod today;
