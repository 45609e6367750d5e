//! Where the replica lives in the browser: IndexedDB.
//!
//! localStorage holds at most 5,242,880 characters per site; a group of 200
//! people over five years needs about twice that (measured: README), so the
//! replica is kept in IndexedDB, whose quota is a share of the disk. Small
//! facts about this device (its id, its last export) stay in localStorage
//! ([`crate::prefs`]).
//!
//! Each record is one entry (its JSON, under `[kind, id]`), so a change
//! writes only the records it touched and a start reads the records in
//! batches small enough never to hold the page up; what a first screen
//! reads is also kept as one value ([`first_screen`]), read in one request.
//! A save is one readwrite transaction that reads the stored records it is
//! about to write, merges them in and writes the result: IndexedDB runs such
//! transactions one at a time, so two tabs never overwrite each other's
//! records, and a crash mid-save leaves the previous values. Other tabs hear which records a save
//! wrote through a BroadcastChannel. A value this version cannot read is moved
//! aside, never overwritten.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use crate::prefs::{self, LEGACY_KEYS};
use flok_core::couch::SyncState;
use flok_core::export::{self, ImportError};
use flok_core::Replica;
use flok_core::{Record, RecordKey};
use js_sys::Array;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    BroadcastChannel, DomException, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode,
    IdbVersionChangeEvent, MessageEvent,
};

mod first_screen;
mod spans;

pub use first_screen::keep as keep_first_screen;
use spans::Span;

const DATABASE: &str = "flok";
/// Version 2 added the records store; version 3 the first screen's copy,
/// which earlier builds would not drop when they write a record: opening
/// version 3 closes their connection and keeps them from opening it again.
/// The loader in `index.html` opens this version early: change both.
const DATABASE_VERSION: u32 = 3;
/// Where the loader leaves the promise of the connection it opened.
const OPENED_EARLY: &str = "flokDatabase";
/// One entry per record: its JSON under `[kind, id]`.
const RECORDS: &str = "records";
/// Single values: the sync state, values set aside, the first screen's
/// copy ([`first_screen`]), and (before version 2) the whole replica as one
/// export under [`CURRENT`].
const STORE: &str = "replica";
/// Where builds before the records store kept the replica; moved into
/// records on first load.
const CURRENT: &str = "current";
/// Records read per request at start: about 200 KB of JSON, parsed in a few
/// milliseconds, so the page stays responsive while years of data load.
const READ_BATCH: u32 = 500;
/// Records written between two waits for the database in one save.
const WRITE_BATCH: usize = 200;
/// The key of what this device knows of its sync database (see [`SyncState`]).
const SYNC_STATE: &str = "sync";
/// Prefix of the keys an unreadable value is moved to, with a time stamp.
pub const UNREADABLE_PREFIX: &str = "unreadable.";
/// The channel tabs announce their saves on.
const CHANNEL: &str = "flok.saved";

/// Why the saved data could not be loaded. Nothing is lost in either case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The browser offers no storage (e.g. a private window that blocks it).
    Unavailable,
    /// The saved data made no sense to this version; it was copied to `kept_as`.
    Unreadable { kept_as: String, reason: ImportError },
    /// Data an earlier build kept as one value, left as it is by a build
    /// that carries no [`Migration`]: the whole app moves it.
    Earlier,
}

/// Moves data an earlier build kept as one value into records. The whole
/// app's is [`migration`]; the volunteer's build carries none, so that its
/// download holds no reader of whole exports.
pub type Migration = fn(IdbDatabase) -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// The whole app's [`Migration`].
pub fn migration(db: IdbDatabase) -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>> {
    Box::pin(async move { migrate(&db).await })
}

/// Why a save did not happen. The change is still in the open tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
    Failed(String),
}

thread_local! {
    /// The open database, kept between saves.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// This tab's end of the channel: one object for sending and hearing, as
    /// a channel object never hears its own messages.
    static SAVES: Option<BroadcastChannel> = BroadcastChannel::new(CHANNEL).ok();
}

/// Waits for an IndexedDB request and gives its result.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        request.set_onsuccess(Some(
            Closure::once_into_js(move || resolve.call1(&JsValue::NULL, &ok.result().unwrap_or_default()))
                .unchecked_ref(),
        ));
        let failed = request.clone();
        request.set_onerror(Some(
            Closure::once_into_js(move || {
                let error = failed.error().ok().flatten().map_or(JsValue::UNDEFINED, JsValue::from);
                reject.call1(&JsValue::NULL, &error)
            })
            .unchecked_ref(),
        ));
    });
    JsFuture::from(promise).await
}

/// Waits for a transaction to be written to disk, or says why it was not.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(Closure::once_into_js(move || resolve.call0(&JsValue::NULL)).unchecked_ref()));
        let failed = tx.clone();
        let reject_with_error = move || {
            let error = failed.error().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        };
        let on_abort = Closure::<dyn FnMut()>::new(reject_with_error);
        tx.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        tx.set_onerror(Some(on_abort.as_ref().unchecked_ref()));
        on_abort.forget();
    });
    JsFuture::from(promise).await.map(|_| ())
}

async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with_borrow(Clone::clone) {
        return Ok(db);
    }
    let db = match opened_early().await {
        Some(db) => db,
        None => open().await?,
    };
    // Another tab of a newer Flok wants to upgrade: let it, and reopen later.
    db.set_onversionchange(Some(
        Closure::once_into_js(move || {
            if let Some(db) = DB.with_borrow_mut(Option::take) {
                db.close();
            }
        })
        .unchecked_ref(),
    ));
    DB.with_borrow_mut(|slot| *slot = Some(db.clone()));
    Ok(db)
}

/// The connection the page's loader (`index.html`) opened while the wasm
/// loaded, taken once; `None` if it opened none at this version (it leaves
/// creating and upgrading the database to [`open`]).
async fn opened_early() -> Option<IdbDatabase> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(OPENED_EARLY);
    let opening: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(window.as_ref(), &key);
    let db: IdbDatabase = JsFuture::from(opening).await.ok()?.dyn_into().ok()?;
    if db.version() != f64::from(DATABASE_VERSION) {
        db.close();
        return None;
    }
    Some(db)
}

/// Opens the database, creating or upgrading its stores.
async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or("no window")?.indexed_db()?.ok_or("no IndexedDB")?;
    let request = factory.open_with_u32(DATABASE, DATABASE_VERSION)?;
    let upgrading = request.clone();
    request.set_onupgradeneeded(Some(
        Closure::once_into_js(move |event: IdbVersionChangeEvent| {
            if let Ok(db) = upgrading.result().and_then(|db| db.dyn_into::<IdbDatabase>()) {
                if event.old_version() < 1.0 {
                    let _ = db.create_object_store(STORE);
                }
                if event.old_version() < 2.0 {
                    let _ = db.create_object_store(RECORDS);
                }
            }
        })
        .unchecked_ref(),
    ));
    done(&request).await?.dyn_into()
}

/// The replica saved on this device (empty the first time), and what kept
/// part of it from loading, if anything. Data an earlier build kept as one
/// value (in IndexedDB or localStorage) is moved into records first, by
/// `migration` (without one it stays, reported as [`LoadError::Earlier`]).
pub async fn load(migration: Option<Migration>) -> (Replica, Option<LoadError>) {
    let Some((db, migrated)) = migrated(migration).await else {
        return (Replica::new(), Some(LoadError::Unavailable));
    };
    let (replica, problem) = read_all(&db, &[Span::ALL]).await;
    (replica, migrated.or(problem))
}

/// The database, once data an earlier build kept as one value is moved into
/// records by `migration`, and what that move ran into (without a migration,
/// that there is such data); `None` if there is no database.
async fn migrated(migration: Option<Migration>) -> Option<(IdbDatabase, Option<LoadError>)> {
    let db = database().await.ok()?;
    let problem = match migration {
        Some(migrate) => migrate(db.clone()).await.err(),
        None => earlier_value().await.map(|_| LoadError::Earlier),
    };
    Some((db, problem))
}

/// What a first load read.
pub struct Recent {
    pub replica: Replica,
    /// What kept part of it from loading, if anything.
    pub problem: Option<LoadError>,
    /// The history [`load_history`] is to read: what was made before this.
    pub history_before: u64,
}

/// What a first screen needs: every record but the check-ins,
/// cancellations, sign-ups and conversations held made before `since`
/// (milliseconds: those kinds are most of the years of data, and their ids
/// sort by when they were made; `spans` names them), read
/// first so the page need not wait for the years; [`load_history`] reads
/// the rest. Read from the first screen's copy where one is kept (taken
/// with an earlier `since`, it holds more). Data an earlier build kept is
/// moved first, as [`load`] does.
pub async fn load_recent(since: u64, migration: Option<Migration>) -> Recent {
    let Some((db, migrated)) = migrated(migration).await else {
        return Recent { replica: Replica::new(), problem: Some(LoadError::Unavailable), history_before: since };
    };
    if let Some((kept_since, replica, set_aside)) = first_screen::read(&db).await {
        flok_core::model::refresh_typed(&replica);
        return Recent { replica, problem: migrated.or(set_aside), history_before: kept_since };
    }
    let (replica, problem) = read_all(&db, &Span::recent(since)).await;
    Recent { replica, problem: migrated.or(problem), history_before: since }
}

/// The records [`load_recent`] left for later, a batch at a time, handed to
/// `each` (which may wait, so the page draws between batches).
pub async fn load_history<F: std::future::Future<Output = ()>>(
    since: u64,
    each: impl FnMut(Replica) -> F,
) -> Option<LoadError> {
    let Ok(db) = database().await else { return Some(LoadError::Unavailable) };
    read_spans(&db, &Span::history(since), each).await.unwrap_or(Some(LoadError::Unavailable))
}

/// Reads `spans` a batch at a time, handing each batch to `each`; gives the
/// first record that had to be set aside, if any.
async fn read_spans<F: std::future::Future<Output = ()>>(
    db: &IdbDatabase,
    spans: &[Span],
    mut each: impl FnMut(Replica) -> F,
) -> Result<Option<LoadError>, JsValue> {
    let mut set_aside = None;
    for span in spans {
        let mut after = None;
        loop {
            let (replica, problem, next) = read_batch(db, span, after.as_ref()).await?;
            set_aside = set_aside.or(problem);
            each(replica).await;
            match next {
                Some(last) => after = Some(last),
                None => break,
            }
        }
    }
    Ok(set_aside)
}

/// Everything stored in `spans`, as one replica.
async fn read_all(db: &IdbDatabase, spans: &[Span]) -> (Replica, Option<LoadError>) {
    let mut replica = Replica::new();
    let read = read_spans(db, spans, |batch| {
        replica.extend(batch.into_records());
        // Read typed a batch at a time, not by the first page all at once.
        flok_core::model::refresh_typed(&replica);
        std::future::ready(())
    });
    match read.await {
        Ok(set_aside) => (replica, set_aside),
        Err(_) => (Replica::new(), Some(LoadError::Unavailable)),
    }
}

/// The stored records with these keys (what another tab just saved).
pub async fn load_records(keys: &[RecordKey]) -> Replica {
    let Ok(db) = database().await else { return Replica::new() };
    let read = async { read_keys(&db.transaction_with_str(RECORDS)?.object_store(RECORDS)?, keys).await };
    match read.await {
        Ok(entries) => parse_entries(&db, entries).await.0,
        Err(_) => Replica::new(),
    }
}

/// The key of a record's entry.
fn entry_key(key: &RecordKey) -> JsValue {
    Array::of2(&key.kind.as_str().into(), &key.id.as_str().into()).into()
}

fn record_key(entry: &JsValue) -> Option<RecordKey> {
    let pair: &Array = entry.dyn_ref()?;
    Some(RecordKey::new(pair.get(0).as_string()?, pair.get(1).as_string()?))
}

/// Reads one batch of `span` after `after`; gives the records, the first
/// problem (a record that cannot be read is set aside), and the last key
/// read if there may be more.
async fn read_batch(
    db: &IdbDatabase,
    span: &Span,
    after: Option<&JsValue>,
) -> Result<(Replica, Option<LoadError>, Option<JsValue>), JsValue> {
    let store = db.transaction_with_str(RECORDS)?.object_store(RECORDS)?;
    let range = span.range(after)?;
    let entry_keys = store.get_all_keys_with_key_and_limit(&range, READ_BATCH)?;
    let values = store.get_all_with_key_and_limit(&range, READ_BATCH)?;
    let entry_keys: Array = done(&entry_keys).await?.unchecked_into();
    let values: Array = done(&values).await?.unchecked_into();
    let next = (entry_keys.length() == READ_BATCH).then(|| entry_keys.get(READ_BATCH - 1));
    let (replica, set_aside) = parse_entries(db, entry_keys.iter().zip(values.iter()).collect()).await;
    Ok((replica, set_aside, next))
}

/// The records these entries hold; one that cannot be read is set aside,
/// and the first such is reported.
async fn parse_entries(db: &IdbDatabase, entries: Vec<(JsValue, JsValue)>) -> (Replica, Option<LoadError>) {
    let mut replica = Replica::new();
    let mut set_aside = None;
    for (entry, value) in entries {
        let (Some(key), Some(text)) = (record_key(&entry), value.as_string()) else { continue };
        match export::read_record(&text) {
            Ok(record) => replica.extend([(key, record)]),
            Err(reason) => {
                let kept_as = set_record_aside(db, &key, text).await;
                set_aside.get_or_insert(LoadError::Unreadable { kept_as, reason });
            }
        }
    }
    (replica, set_aside)
}

/// The entries of these records (missing ones left out).
async fn read_keys(store: &IdbObjectStore, keys: &[RecordKey]) -> Result<Vec<(JsValue, JsValue)>, JsValue> {
    let requests: Vec<_> = keys.iter().map(|key| store.get(&entry_key(key))).collect::<Result<_, _>>()?;
    let mut entries = Vec::new();
    for (key, request) in keys.iter().zip(requests) {
        entries.push((entry_key(key), done(&request).await?));
    }
    Ok(entries)
}

/// Both stores, for a transaction that moves a value between them.
fn both_stores() -> JsValue {
    Array::of2(&RECORDS.into(), &STORE.into()).into()
}

/// Where a record this version cannot read is kept: a key of its own, with the time.
fn aside_key(key: &RecordKey) -> String {
    format!("{UNREADABLE_PREFIX}{}.{}.{}", chrono::Utc::now().timestamp_millis(), key.kind, key.id)
}

/// Moves a record this version cannot read to a key of its own; says where
/// it is kept (where it was, if there is no room to move it).
async fn set_record_aside(db: &IdbDatabase, key: &RecordKey, text: String) -> String {
    let kept_as = aside_key(key);
    let moved = async {
        let tx = db.transaction_with_str_sequence_and_mode(&both_stores(), IdbTransactionMode::Readwrite)?;
        tx.object_store(STORE)?.put_with_key(&text.into(), &kept_as.as_str().into())?;
        tx.object_store(RECORDS)?.delete(&entry_key(key))?;
        first_screen::drop_in(&tx.object_store(STORE)?)?;
        committed(&tx).await
    };
    match moved.await {
        Ok(()) => kept_as,
        Err(_) => format!("{RECORDS} {}/{}", key.kind, key.id),
    }
}

/// Moves data an earlier build kept as one value (an export under
/// [`CURRENT`], or in localStorage) into records, then retires the old value.
/// One that cannot be read is moved aside and reported.
async fn migrate(db: &IdbDatabase) -> Result<(), LoadError> {
    let Some((source, text)) = earlier_value().await else { return Ok(()) };
    let replica = match export::read(text.as_bytes()) {
        Ok(replica) => replica,
        Err(reason) if source == CURRENT => return Err(move_aside(db, &text, reason).await),
        Err(reason) => return Err(LoadError::Unreadable { kept_as: format!("localStorage {source}"), reason }),
    };
    // Kept where it was if the records cannot be written: the next start tries again.
    let writes: Vec<_> = replica.records().map(|(key, record)| (key, Write::Merged(record))).collect();
    if write_records(db, &writes).await.is_ok() {
        if source == CURRENT {
            let tx = db
                .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
                .map_err(|_| LoadError::Unavailable)?;
            let _ = tx.object_store(STORE).and_then(|store| store.delete(&CURRENT.into()));
            let _ = committed(&tx).await;
        } else {
            prefs::forget(source);
        }
    }
    Ok(())
}

/// Data an earlier build kept as one value, and where: under [`CURRENT`]
/// in IndexedDB, or under one of the [`LEGACY_KEYS`] in localStorage.
async fn earlier_value() -> Option<(&'static str, String)> {
    let current = stored_text(CURRENT).await;
    let legacy = || LEGACY_KEYS.into_iter().find_map(|key| prefs::raw(key).map(|text| (key, text)));
    current.map(|text| (CURRENT, text)).or_else(legacy)
}

/// Copies an unreadable value to a key of its own and removes it from the
/// current key, so no later save or migration can destroy it.
async fn move_aside(db: &IdbDatabase, text: &str, reason: ImportError) -> LoadError {
    let kept_as = format!("{UNREADABLE_PREFIX}{}", chrono::Utc::now().timestamp_millis());
    let moved = async {
        let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(STORE)?;
        store.put_with_key(&text.into(), &kept_as.as_str().into())?;
        store.delete(&CURRENT.into())?;
        committed(&tx).await
    };
    match moved.await {
        Ok(()) => LoadError::Unreadable { kept_as, reason },
        // No room to copy it: it stays where it was, untouched.
        Err(_) => LoadError::Unreadable { kept_as: CURRENT.to_owned(), reason },
    }
}

/// A text value in the store by its key, such as one kept aside as unreadable.
pub async fn stored_text(key: &str) -> Option<String> {
    let db = database().await.ok()?;
    let store = db.transaction_with_str(STORE).ok()?.object_store(STORE).ok()?;
    done(&store.get(&key.into()).ok()?).await.ok()?.as_string()
}

/// What a tab tells the others after replacing all records (undoing an import).
const REPLACED: &str = "replaced";

/// Saves these records, each merged with what is stored (another tab may
/// have saved since), in one transaction, then tells the other tabs which.
pub async fn save(records: &[(&RecordKey, &Record)]) -> Result<(), SaveError> {
    if records.is_empty() {
        return Ok(());
    }
    let db = database().await.map_err(|_| SaveError::Unavailable)?;
    let writes: Vec<_> = records.iter().map(|(key, record)| (*key, Write::Merged(record))).collect();
    write_records(&db, &writes).await.map_err(save_error)?;
    let keys: Vec<_> = records.iter().map(|(key, _)| [key.kind.as_str(), key.id.as_str()]).collect();
    announce(&serde_json::to_string(&keys).unwrap_or_default());
    Ok(())
}

/// Puts records back as they were before an import that is undone: each
/// given record stored exactly so (merged, the import's later stamps would
/// win), each `None` deleted. Then the other tabs take the stored data as it
/// is rather than merge it.
pub async fn restore(records: &[(RecordKey, Option<Record>)]) -> Result<(), SaveError> {
    let db = database().await.map_err(|_| SaveError::Unavailable)?;
    let writes: Vec<_> =
        records.iter().map(|(key, record)| (key, record.as_ref().map_or(Write::Deleted, Write::Exactly))).collect();
    write_records(&db, &writes).await.map_err(save_error)?;
    announce(REPLACED);
    Ok(())
}

fn announce(message: &str) {
    SAVES.with(|channel| channel.as_ref().map(|c| c.post_message(&message.into())));
}

/// How one record is written.
enum Write<'a> {
    /// Merged with the stored one: another tab may have saved it since.
    Merged(&'a Record),
    /// As it is: what an undone import puts back.
    Exactly(&'a Record),
    /// Taken out: what an undone import had added.
    Deleted,
}

/// Writes records in one transaction. A stored record this version cannot
/// read is set aside rather than merged over. The work is done in batches
/// with a wait for the database between them, so a large save (an import)
/// never holds the page up for long.
async fn write_records(db: &IdbDatabase, writes: &[(&RecordKey, Write<'_>)]) -> Result<(), JsValue> {
    let tx = db.transaction_with_str_sequence_and_mode(&both_stores(), IdbTransactionMode::Readwrite)?;
    first_screen::drop_in(&tx.object_store(STORE)?)?;
    let store = tx.object_store(RECORDS)?;
    for batch in writes.chunks(WRITE_BATCH) {
        let merging = batch.iter().any(|(_, write)| matches!(write, Write::Merged(_)));
        let stored = if merging {
            read_keys(&store, &batch.iter().map(|(k, _)| (*k).clone()).collect::<Vec<_>>()).await?
        } else {
            Vec::new()
        };
        let mut last = None;
        for (i, (key, write)) in batch.iter().enumerate() {
            let (record, merged) = match write {
                Write::Deleted => {
                    last = Some(store.delete(&entry_key(key))?);
                    continue;
                }
                Write::Exactly(record) => (*record, None),
                Write::Merged(record) => {
                    let text = stored.get(i).and_then(|(_, value)| value.as_string());
                    (*record, merged_with(&tx, key, record, text)?)
                }
            };
            let record = merged.as_ref().unwrap_or(record);
            last = Some(store.put_with_key(&export::record_text(record).into(), &entry_key(key))?);
        }
        if let Some(last) = last {
            done(&last).await?;
        }
    }
    committed(&tx).await
}

/// `record` merged with the stored `text` of it, if there is one; a stored
/// text this version cannot read is set aside first (`None`: store `record`).
fn merged_with(
    tx: &IdbTransaction,
    key: &RecordKey,
    record: &Record,
    text: Option<String>,
) -> Result<Option<Record>, JsValue> {
    match text.as_deref().map(export::read_record) {
        Some(Ok(old)) => {
            Ok([(key.clone(), old), (key.clone(), record.clone())].into_iter().collect::<Replica>().get(key).cloned())
        }
        Some(Err(_)) => {
            let kept_as = aside_key(key);
            tx.object_store(STORE)?.put_with_key(&text.unwrap_or_default().into(), &kept_as.as_str().into())?;
            Ok(None)
        }
        None => Ok(None),
    }
}

fn save_error(error: JsValue) -> SaveError {
    match error.dyn_ref::<DomException>().map(DomException::name).as_deref() {
        Some("QuotaExceededError") => SaveError::Full,
        _ => SaveError::Failed(error.as_string().unwrap_or_else(|| format!("{error:?}"))),
    }
}

/// What this device knows of its sync database; `None` before the first
/// sync, or when the stored value is from a build that wrote it otherwise.
pub async fn sync_state() -> Option<SyncState> {
    SyncState::from_json(&stored_text(SYNC_STATE).await?)
}

/// Keeps the sync state (as [`SyncState::to_json`] writes it). Saved only
/// after the replica it describes.
pub async fn save_sync_state(text: &str) -> Result<(), SaveError> {
    let db = database().await.map_err(|_| SaveError::Unavailable)?;
    let write = async {
        let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
        tx.object_store(STORE)?.put_with_key(&text.into(), &SYNC_STATE.into())?;
        committed(&tx).await
    };
    write.await.map_err(save_error)
}

/// What another tab of this site saved.
pub enum Heard {
    /// These records, to be merged.
    Records(Vec<RecordKey>),
    /// Everything, replaced: to be taken as it is, not merged.
    Replaced,
}

/// Calls `heard` whenever another tab of this site saves.
pub fn on_save_elsewhere(heard: impl Fn(Heard) + 'static) {
    SAVES.with(|channel| {
        if let Some(channel) = channel {
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let text = event.data().as_string().unwrap_or_default();
                if text == REPLACED {
                    heard(Heard::Replaced);
                } else if let Ok(keys) = serde_json::from_str::<Vec<(String, String)>>(&text) {
                    heard(Heard::Records(keys.into_iter().map(|(kind, id)| RecordKey::new(kind, id)).collect()));
                }
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            // It lives as long as the page.
            listener.forget();
        }
    });
}

/// Deletes everything Flok keeps on this device.
pub async fn erase() -> Result<(), JsValue> {
    let db = database().await?;
    let tx = db.transaction_with_str_sequence_and_mode(&both_stores(), IdbTransactionMode::Readwrite)?;
    tx.object_store(STORE)?.clear()?;
    tx.object_store(RECORDS)?.clear()?;
    committed(&tx).await?;
    prefs::forget_all();
    Ok(())
}

/// Asks the browser to keep Flok's data even when space runs low or the
/// site goes unused (Safari otherwise may delete it after seven days).
/// Resolves to whether the browser agreed.
pub async fn request_persistence() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    let Ok(promise) = storage.persist() else {
        return false;
    };
    JsFuture::from(promise).await.is_ok_and(|granted| granted.is_truthy())
}
