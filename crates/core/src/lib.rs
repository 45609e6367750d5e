//! Flok's domain core: the rules of a volunteer group, in plain Rust.
//!
//! Nothing here touches a browser or a file, and only [`Id::new`] reads the
//! clock (a new record's id is made where the record is): callers pass in
//! "today" and "now" and get values back. That keeps every rule testable natively and
//! lets the web app, the command line and the benchmarks share one
//! implementation.

pub mod attendance;
pub mod calendar;
pub mod clock;
pub mod couch;
pub mod demo;
mod derived;
pub mod duplicates;
pub mod duty;
pub mod entity;
pub mod erasure;
pub mod export;
pub mod import;
pub mod invitation;
mod migrate;
pub mod model;
pub mod people_csv;
pub mod record;
pub mod recurrence;
pub mod replica;
pub mod report;
pub mod roster;
mod scan;
pub mod sealed;
pub mod sharing;
pub mod shifts;
pub mod stays;
#[cfg(test)]
mod testing;
mod typed_cache;

pub use clock::{Clock, DeviceId, Millis, Stamp};
pub use entity::{Entity, Id};
pub use record::{Field, Json, Record};
pub use replica::{MergeSummary, RecordKey, Replica};
pub use typed_cache::{find, Typed};
