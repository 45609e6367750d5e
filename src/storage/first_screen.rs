//! The records a first screen reads, kept as one value beside them: a start
//! reads it in one request, where the records take two per span and batch
//! (measured: docs/performance.md). It is `[since, keys, texts]`, the
//! entries as the records store holds them, so taking it costs the page no
//! work per record; `since` is the moment before which the years of history
//! were left out (all but the cancellations and sign-ups for coming shifts,
//! which it holds however old).
//!
//! It never differs from the records: it is taken in one transaction with
//! the records it copies, and every transaction that writes a record drops
//! it. IndexedDB runs such transactions one at a time, whichever tab starts
//! them; a build that wrote records without dropping it is locked out by
//! the database version that came with it.

use flok_core::{RecordKey, Replica};
use js_sys::Array;
use leptos::wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransactionMode};

use super::spans::Span;
use super::{both_stores, committed, database, done, entry_key, parse_entries, LoadError, RECORDS, STORE};

/// Its key in the store of single values.
const KEY: &str = "first-screen";

/// Drops the copy, in a transaction that writes records.
pub(super) fn drop_in(store: &IdbObjectStore) -> Result<(), JsValue> {
    store.delete(&KEY.into()).map(drop)
}

/// The copy's records, the moment before which it left the history out, and
/// the first record that had to be set aside (as a load of the records
/// would), if a copy is kept. One that is not a copy is dropped (the
/// records are read instead, and the next copy is taken from them).
pub(super) async fn read(db: &IdbDatabase) -> Option<(u64, Replica, Option<LoadError>)> {
    let store = db.transaction_with_str(STORE).ok()?.object_store(STORE).ok()?;
    let value = done(&store.get(&KEY.into()).ok()?).await.ok()?;
    if value.is_undefined() {
        return None;
    }
    let Some((since, keys, texts)) = parts(&value) else {
        let _ = forget(db).await;
        return None;
    };
    let (replica, set_aside) = parse_entries(db, keys.iter().zip(texts.iter()).collect()).await;
    Some((since, replica, set_aside))
}

fn parts(value: &JsValue) -> Option<(u64, Array, Array)> {
    let parts: &Array = value.dyn_ref()?;
    let since = parts.get(0).as_f64().filter(|since| *since >= 0.0)?;
    let keys: Array = parts.get(1).dyn_into().ok()?;
    let texts: Array = parts.get(2).dyn_into().ok()?;
    // Milliseconds since 1970 are whole numbers far below 2^53.
    (keys.length() == texts.length()).then_some((since as u64, keys, texts))
}

async fn forget(db: &IdbDatabase) -> Result<(), JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    drop_in(&tx.object_store(STORE)?)?;
    committed(&tx).await
}

/// Takes a copy of what [`super::load_recent`] reads with this `since`,
/// and of the records `also` names that were made before it (the history a
/// first screen needs all the same: `flok_core::shifts::coming_notices`,
/// worked out only when a copy is taken), unless one is kept already.
pub async fn keep(since: u64, also: impl FnOnce() -> Vec<RecordKey>) -> Result<(), JsValue> {
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
    // Those made since are in the spans already.
    let made_since = flok_core::Id::made_since(since);
    let older = also().into_iter().filter(|key| key.id.as_str() < made_since.as_str()).map(|key| entry_key(&key));
    let older = older.map(|key| Ok((records.get(&key)?, key))).collect::<Result<Vec<_>, JsValue>>()?;
    let (mut keys, mut texts) = (Array::new(), Array::new());
    for (span_keys, span_texts) in reads {
        keys = keys.concat(&done(&span_keys).await?.unchecked_into::<Array>());
        texts = texts.concat(&done(&span_texts).await?.unchecked_into::<Array>());
    }
    for (text, key) in older {
        let text = done(&text).await?;
        if !text.is_undefined() {
            keys.push(&key);
            texts.push(&text);
        }
    }
    // Whole milliseconds, exact as a JavaScript number.
    kept.put_with_key(&Array::of3(&(since as f64).into(), &keys, &texts), &KEY.into())?;
    committed(&tx).await
}
