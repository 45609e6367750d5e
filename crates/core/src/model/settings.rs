//! The group's settings: one record, shared by every device.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub group_name: String,
    /// IANA time zone the group's wall-clock times are in.
    pub time_zone: String,
    /// Remind to export when the last export is older than this.
    pub export_reminder_days: u16,
    /// How long before a shift the calendar export's reminder rings.
    #[serde(default = "Settings::default_alarm_minutes")]
    pub calendar_alarm_minutes: u16,
}

impl Entity for Settings {
    const KIND: &'static str = "settings";
}

impl Settings {
    /// The one settings record has the same id everywhere, so edits merge.
    pub const ID: Id = Id::nil();

    fn default_alarm_minutes() -> u16 {
        120
    }
}

impl Settings {
    /// Whether to remind this device to export: some browsers delete a
    /// site's data after days unused, and an export is the only other copy.
    /// A device holding data it never exported is reminded at once.
    pub fn export_due(&self, last_export: Option<NaiveDate>, today: NaiveDate, holds_data: bool) -> bool {
        match last_export {
            None => holds_data,
            Some(last) => (today - last).num_days() >= i64::from(self.export_reminder_days),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            group_name: String::new(),
            time_zone: "Europe/Copenhagen".into(),
            export_reminder_days: 14,
            calendar_alarm_minutes: Settings::default_alarm_minutes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn an_export_is_due_after_the_threshold_or_if_data_was_never_exported() {
        let settings = Settings::default();
        assert!(!settings.export_due(None, day(23), false), "nothing to lose yet");
        assert!(settings.export_due(None, day(23), true));
        assert!(!settings.export_due(Some(day(10)), day(23), true), "13 days");
        assert!(settings.export_due(Some(day(9)), day(23), true), "14 days");
        let patient = Settings { export_reminder_days: 30, ..Settings::default() };
        assert!(!patient.export_due(Some(day(1)), day(23), true));
    }
}
