//! The app's state, one concern a file, each provided as its own context so
//! a page takes only what it uses:
//!
//! - [`Store`] (`store.rs`, `saving.rs`): the replica, its clock, changes
//!   and saving, and typed reads that re-run a view only when the kinds it
//!   reads change; the group's actions on it live beside it by subject
//!   (`people.rs`, `duty.rs`, `group.rs`);
//! - [`LiveSync`] (`sync.rs`): when and how the store syncs with CouchDB;
//! - [`Imports`] (`import.rs`): checking, merging and undoing an import;
//! - [`Device`] (`device.rs`): this device's own choices (localStorage);
//! - [`Words`] (`words.rs`): the interface's words, in its language;
//! - [`Now`] (`now.rs`): today and now, ticking.

mod acting;
mod device;
mod duty;
mod exports;
mod group;
mod import;
mod now;
mod people;
mod saving;
mod store;
mod sync;
mod words;

pub use device::Device;
pub use exports::Export;
pub use import::Imports;
pub use now::{wall_now, wall_today, Now};
pub use people::Deletion;
pub use store::{Edit, Notice, Store};
pub use sync::LiveSync;
pub use words::{use_texts, Words};

use flok_core::model::Person;
use flok_core::Entity;
use leptos::prelude::{provide_context, use_context, Effect, Get};

/// Makes every concern and provides each as a context. The store starts
/// loading what this device saved, moving what an earlier build kept by the
/// build's `migration`.
pub fn provide(migration: Option<crate::storage::Migration>) {
    let device = Device::start();
    let store = Store::start(migration);
    let imports = Imports::new(store);
    provide_context(device);
    provide_context(Words::new(device));
    provide_context(Now::start());
    provide_context(store);
    provide_context(imports);
    provide_context(LiveSync::start(store, imports));
    provide_context(Deletion::new(store));
    // Who uses this device follows a merge of their record into another.
    Effect::new(move |_| {
        let Some(me) = device.me.get() else { return };
        let now = store.with(&[Person::KIND], |r| flok_core::duplicates::kept(&r.all::<Person>(), me));
        if now != me {
            device.set_me(Some(now));
        }
    });
}

// One accessor a concern, each compiled once: `expect_context` inlined at
// every component's start cost the wasm more than these calls.

/// Every concern is provided by [`provide`] before any page is drawn.
const PROVIDED: &str = "state::provide runs before any page";

/// The store, for a component.
#[inline(never)]
pub fn use_store() -> Store {
    use_context().expect(PROVIDED)
}

/// This device's choices, for a component.
#[inline(never)]
pub fn use_device() -> Device {
    use_context().expect(PROVIDED)
}

/// Today and now, for a component.
#[inline(never)]
pub fn use_now() -> Now {
    use_context().expect(PROVIDED)
}

/// Live sync, for a component.
#[inline(never)]
pub fn use_sync() -> LiveSync {
    use_context().expect(PROVIDED)
}

/// Imports, for a component.
#[inline(never)]
pub fn use_imports() -> Imports {
    use_context().expect(PROVIDED)
}

/// A deletion waiting out its undo window, for a component.
#[inline(never)]
pub fn use_deletion() -> Deletion {
    use_context().expect(PROVIDED)
}
