//! People: adding, editing, pausing, and deleting with a moment to undo.

use flok_core::duplicates::{self, MergeError, PERSON_FIELDS};
use flok_core::erasure;
use flok_core::model::{Cancellation, FollowUp, NameError, Person, PersonName, Status};
use flok_core::{Entity, Id};
use leptos::prelude::*;

use super::{wall_today, Store};

/// How long a deletion can be undone.
pub const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(8);

impl Store {
    /// Adds a person and gives their id. A refused name changes nothing; a
    /// failed save keeps the person in this tab and says so.
    pub fn add_person(&self, name: &str) -> Result<(Id, PersonName), NameError> {
        let person = Person::new(name, wall_today())?;
        let id = Id::new();
        self.change(|edit| edit.put(id, &person));
        Ok((id, person.name))
    }

    /// Whether anyone is in the group yet (an empty phone offers to start or
    /// join one); the view re-runs when people change.
    pub fn has_people(&self) -> bool {
        self.with(&[Person::KIND], |r| !r.all::<Person>().is_empty())
    }

    /// Saves a person's details as typed; a name that makes no sense changes nothing.
    pub fn edit_person(&self, id: Id, name: &str, phone: &str, email: &str, note: &str) -> Result<(), NameError> {
        let Some(person) = self.with_untracked(|r| r.read::<Person>(id)) else { return Ok(()) };
        let edited = person.edited(name, phone, email, note)?;
        self.change(|edit| edit.put(id, &edited));
        Ok(())
    }

    /// Erases what was written about deleted people (see
    /// `flok_core::erasure`): after a deletion here, and after every merge
    /// that could bring a deletion or a text about someone deleted.
    pub fn erase_about_deleted(&self) {
        let Some(Some(stamp)) = self.update_quietly(erasure::erase_about_deleted) else { return };
        self.observe_stamp(stamp);
        self.announce_kinds(&[FollowUp::KIND, Cancellation::KIND]);
        self.changed_here();
    }

    /// Merges `duplicate` into `keep`: the duplicate is listed no more, and
    /// everything that named it names the one kept (see `flok_core::duplicates`).
    pub fn merge_people(&self, duplicate: Id, keep: Id) -> Result<(), MergeError> {
        let stamp = self.stamp();
        self.update_quietly(|replica| duplicates::merge(replica, duplicate, keep, stamp)).unwrap_or(Ok(()))?;
        self.announce_kinds(&PERSON_FIELDS.map(|(kind, _)| kind));
        self.changed_here();
        Ok(())
    }

    /// Moves what names a merged person to the one kept: after every merge
    /// that could bring a merge of people, or a record naming the duplicate.
    pub fn move_merged_records(&self) {
        let Some(Some(stamp)) = self.update_quietly(duplicates::rehome) else { return };
        self.observe_stamp(stamp);
        self.announce_kinds(&PERSON_FIELDS.map(|(kind, _)| kind));
        self.changed_here();
    }

    /// Pauses, marks as left, or brings back a person; their history stays.
    pub fn set_status(&self, id: Id, status: Status) {
        if let Some(person) = self.with_untracked(|r| r.read::<Person>(id)) {
            self.change(|edit| edit.put(id, &Person { status, ..person }));
        }
    }
}

/// A person whose deletion waits out the undo window.
#[derive(Clone, Copy)]
pub struct Deletion {
    store: Store,
    /// The person waiting to be deleted: id and name.
    pub pending: RwSignal<Option<(Id, String)>>,
}

impl Deletion {
    pub fn new(store: Store) -> Self {
        Self { store, pending: RwSignal::new(None) }
    }

    /// Asks to delete a person. It happens after a few seconds unless undone,
    /// so a slip of the finger costs nothing; a deletion already waiting
    /// happens at once.
    pub fn soon(&self, id: Id, name: String) {
        self.carry_out();
        self.pending.set(Some((id, name)));
        let deletion = *self;
        set_timeout(
            move || {
                if deletion.pending.get_untracked().is_some_and(|(waiting, _)| waiting == id) {
                    deletion.carry_out();
                }
            },
            UNDO_WINDOW,
        );
    }

    /// Takes back a deletion still waiting.
    pub fn undo(&self) {
        self.pending.set(None);
    }

    /// Carries out the waiting deletion: the person's record becomes a
    /// tombstone, and their personal data goes wherever the deletion travels.
    fn carry_out(&self) {
        if let Some((id, _)) = self.pending.get_untracked() {
            self.pending.set(None);
            self.store.change(|edit| edit.remove::<Person>(id));
            self.store.erase_about_deleted();
        }
    }
}
