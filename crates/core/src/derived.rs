//! A slot for values derived from a replica and kept beside it (typed
//! copies of its records), opaque to the replica itself.
//!
//! The replica only carries the slot: it clones it with itself and ignores
//! it in equality. Whoever keeps a value here stores with it the replica's
//! version and removal mark it was made at, and checks them on every read
//! (see `typed_cache`), so the replica never has to reset it by hand.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

/// Values by type. `Arc`s, so a copy of the replica shares them until one
/// side replaces its own.
#[derive(Default)]
pub(crate) struct Derived(Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl Derived {
    /// The value of type `T`, taken out (so that, unless shared, it can be
    /// updated in place and put back).
    pub(crate) fn take<T: Any + Send + Sync + Clone>(&self) -> Option<T> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let any = kept.remove(&TypeId::of::<T>())?;
        any.downcast::<T>().ok().map(Arc::unwrap_or_clone)
    }

    /// Keeps `value` until it is taken again.
    pub(crate) fn keep<T: Any + Send + Sync>(&self, value: T) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(TypeId::of::<T>(), Arc::new(value));
    }
}

/// A copy starts with the same values; they part when either side changes.
impl Clone for Derived {
    fn clone(&self) -> Self {
        Self(Mutex::new(self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()))
    }
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Derived")
    }
}
