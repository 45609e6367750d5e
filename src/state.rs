//! The app's state in signals, and the actions the pages dispatch.
//!
//! Pages read signals and call these methods; every rule is asked of the
//! core, every write goes through [`crate::storage`].

use flok_core::{NameError, People, PersonName};
use leptos::prelude::*;

use crate::storage::{self, LoadError, SaveError};

/// Something the person must know about their data, shown above every page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice(pub String);

#[derive(Clone, Copy)]
pub struct AppState {
    pub people: RwSignal<People>,
    pub notice: RwSignal<Option<Notice>>,
}

impl AppState {
    /// Loads what this device saved; a problem becomes a notice, never a crash.
    pub fn load() -> Self {
        let (people, notice) = match storage::load_people() {
            Ok(people) => (people, None),
            Err(error) => (People::new(), Some(Notice(load_message(&error)))),
        };
        Self {
            people: RwSignal::new(people),
            notice: RwSignal::new(notice),
        }
    }

    /// Adds a person and saves. A refused name changes nothing; a failed save
    /// keeps the person in this tab and says so.
    pub fn add_person(&self, name: &str) -> Result<PersonName, NameError> {
        let today = chrono::Local::now().date_naive();
        let added = self
            .people
            .try_update(|people| people.add(name, today).map(|person| person.name.clone()))
            .expect("the app's state lives as long as the app")?;
        self.save();
        Ok(added)
    }

    fn save(&self) {
        let result = self.people.with_untracked(storage::save_people);
        self.notice
            .set(result.err().map(|error| Notice(save_message(&error))));
    }
}

fn load_message(error: &LoadError) -> String {
    match error {
        LoadError::Unavailable => {
            "This browser does not let Flok save anything here (is it a private window?). \
             What you add stays only until this tab closes."
                .into()
        }
        LoadError::Unreadable { kept_as, reason } => format!(
            "The saved list of people could not be read ({reason}). \
             It was kept untouched under the storage key “{kept_as}”; Flok started with an empty list."
        ),
    }
}

fn save_message(error: &SaveError) -> String {
    let cause = match error {
        SaveError::Unavailable => "this browser does not allow saving here".to_owned(),
        SaveError::Full => "this browser's storage for Flok is full".to_owned(),
        SaveError::Failed(reason) => reason.clone(),
    };
    format!("Not saved: {cause}. Your change is kept in this tab only; keep the tab open.")
}
