//! The records a first screen reads, kept as one value beside them
//! ([`flok_core::first_screen`]): a start reads it in one request, where the
//! records take two per span and batch (measured: docs/performance.md).
//!
//! It never differs from the records: it is taken in one transaction with
//! the records it copies, and every transaction that writes a record drops
//! it. IndexedDB runs such transactions one at a time, whichever tab starts
//! them; a build that wrote records without dropping it is locked out by
//! the database version that came with it.

use flok_core::{first_screen, Replica};
use js_sys::Array;
use leptos::wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransactionMode};

use super::spans::Span;
use super::{both_stores, committed, database, done, record_key, RECORDS, STORE};

/// Its key in the store of single values.
const KEY: &str = "first-screen";

/// Drops the copy, in a transaction that writes records.
pub(super) fn drop_in(store: &IdbObjectStore) -> Result<(), JsValue> {
    store.delete(&KEY.into()).map(drop)
}

/// The copy and the moment before which it left the history out, if one is
/// kept. One that cannot be read is dropped (the records are read instead,
/// and the next copy is taken from them).
pub(super) async fn read(db: &IdbDatabase) -> Option<(u64, Replica)> {
    let store = db.transaction_with_str(STORE).ok()?.object_store(STORE).ok()?;
    let value = done(&store.get(&KEY.into()).ok()?).await.ok()?;
    if value.is_undefined() {
        return None;
    }
    match value.as_string().map(|text| first_screen::read(&text)) {
        Some(Ok(copy)) => Some(copy),
        _ => {
            let _ = forget(db).await;
            None
        }
    }
}

async fn forget(db: &IdbDatabase) -> Result<(), JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    drop_in(&tx.object_store(STORE)?)?;
    committed(&tx).await
}

/// Takes a copy of what [`super::load_recent`] reads with this `since`,
/// unless one is kept already.
pub async fn keep(since: u64) -> Result<(), JsValue> {
    let db = database().await?;
    let tx = db.transaction_with_str_sequence_and_mode(&both_stores(), IdbTransactionMode::Readwrite)?;
    let kept = tx.object_store(STORE)?;
    if done(&kept.count_with_key(&KEY.into())?).await?.as_f64() != Some(0.0) {
        return Ok(());
    }
    let records = tx.object_store(RECORDS)?;
    let reads = Span::recent(since)
        .iter()
        .map(|span| {
            let range = span.range(None)?;
            Ok((records.get_all_keys_with_key(&range)?, records.get_all_with_key(&range)?))
        })
        .collect::<Result<Vec<_>, JsValue>>()?;
    let mut copied = Vec::new();
    for (keys, values) in reads {
        let keys: Array = done(&keys).await?.unchecked_into();
        let values: Array = done(&values).await?.unchecked_into();
        copied.extend(
            keys.iter().zip(values.iter()).filter_map(|(key, value)| Some((record_key(&key)?, value.as_string()?))),
        );
    }
    kept.put_with_key(&first_screen::write(since, copied).into(), &KEY.into())?;
    committed(&tx).await
}
