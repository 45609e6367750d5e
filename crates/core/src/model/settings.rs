//! The group's settings: one record, shared by every device.

use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub group_name: String,
    /// IANA time zone the group's wall-clock times are in.
    pub time_zone: String,
    /// Remind to export when the last export is older than this.
    pub export_reminder_days: u16,
}

impl Entity for Settings {
    const KIND: &'static str = "settings";
}

impl Settings {
    /// The one settings record has the same id everywhere, so edits merge.
    pub const ID: Id = Id::nil();
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            group_name: String::new(),
            time_zone: "Europe/Copenhagen".into(),
            export_reminder_days: 14,
        }
    }
}
