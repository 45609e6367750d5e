//! The group's data as files: a full export, one without personal details,
//! a volunteer's copy, the changes since an earlier file, and an encrypted
//! one; and the files this device sent, so "changes since" knows where the
//! receiver stands.

use chrono::NaiveDate;
use flok_core::sharing::{self, Seen, Since};
use flok_core::{export, sealed};
use leptos::prelude::*;

use super::{wall_today, Store};
use crate::i18n::ExportProblem;
use crate::prefs::{self, Sent};

/// What an export holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Export {
    /// Everything on this device.
    Full,
    /// Everything but contact details, notes and reasons.
    WithoutPersonal,
    /// For volunteers: staff contacts' details only, no notes.
    Volunteers,
    /// What changed since an earlier file this device sent.
    SinceSent(Sent),
    /// What changed on or after a day, on any device.
    SinceDay(NaiveDate),
}

impl Store {
    /// The file for `export`: its name (`.json`) and text, once every
    /// stored record is read (the years come just after the first screen).
    pub async fn export_text(&self, export: &Export) -> (String, String) {
        self.all_read().await;
        let group = self.settings_untracked().group_name;
        let name = export::file_name(&group, wall_today());
        let named = |suffix: &str| name.replace(".json", &format!("-{suffix}.json"));
        match export {
            Export::Full => (name, self.with_untracked(export::write)),
            Export::WithoutPersonal => {
                (named("no-personal-details"), self.with_untracked(export::write_without_personal_details))
            }
            Export::Volunteers => (named("volunteers"), self.with_untracked(sharing::write_for_volunteers)),
            Export::SinceSent(sent) => {
                let since = Since::File(sent.seen.clone());
                let text = self.with_untracked(|r| sharing::write_changes(r, &since, &sent.day.to_string()));
                (named(&format!("changes-since-{}", sent.day)), text)
            }
            Export::SinceDay(day) => {
                let text = self.with_untracked(|r| sharing::write_changes(r, &Since::day(*day), &day.to_string()));
                (named(&format!("changes-since-{day}")), text)
            }
        }
    }

    /// Notes that a file of `export` left this device today: a full one or
    /// one of changes brings its receiver up to what this device holds now.
    pub fn sent(&self, export: &Export) {
        if matches!(export, Export::Full | Export::SinceSent(_) | Export::SinceDay(_)) {
            prefs::record_sent(Sent { day: wall_today(), seen: self.with_untracked(Seen::of) });
        }
    }

    /// The full export sealed under the group passphrase: name and text.
    /// The key is derived off the page's thread (WebCrypto), so the page
    /// stays responsive for the second or more it takes.
    pub async fn export_sealed(&self, passphrase: &str) -> Result<(String, String), ExportProblem> {
        let mut random = [0u8; sealed::RANDOM_BYTES];
        let filled = window().crypto().and_then(|c| c.get_random_values_with_u8_array(&mut random).map(|_| ()));
        // Without a cryptographic generator there is no safe seal.
        filled.map_err(|_| ExportProblem::NoRandomness)?;
        let (name, text) = self.export_text(&Export::Full).await;
        let text = crate::crypto::seal(text.as_bytes(), passphrase, sealed::ITERATIONS, random).await?;
        Ok((name.replace(".json", "-encrypted.json"), text))
    }
}
