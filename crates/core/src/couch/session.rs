//! One sync with a CouchDB database, over whatever HTTP the caller has: the
//! app passes the browser's `fetch`, the tests an in-memory server that can
//! fail at any request.
//!
//! The order keeps local data safe at every step: pull a page of `_changes`
//! and merge it, move the checkpoint, repeat; then push what the server does
//! not hold. An interruption anywhere leaves a replica that only gained
//! merged records, and a state that says truthfully what the server holds.

use std::future::Future;

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

use super::docs::{
    apply_all_docs, apply_changes, apply_leaves, apply_push_result, doc_id, fetch_body, key_of, leaves_path, push_docs,
    Held, Known,
};
use super::SyncError;
use crate::replica::{MergeSummary, Replica};

/// How many changes a pull asks for at once, and documents a push sends.
pub const PAGE: usize = 500;
/// Push rounds in one sync: a conflict is fetched, merged and pushed again;
/// one still refused after that waits for the next sync.
const PUSH_ROUNDS: usize = 3;
/// A digest no record has (in all likelihood): the record is pushed again.
const FORCE_PUSH: u64 = u64::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

/// The server's answer to one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// No answer came: offline, a wrong address, or a server whose CORS settings
/// do not allow this page (browsers report all three alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreachable;

/// The database's HTTP API as the sync uses it.
pub trait Couch {
    /// Sends one request; `path` is relative to the database's URL ("" is
    /// the database itself), `body` is sent as JSON.
    fn request(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> impl Future<Output = Result<Answer, Unreachable>>;

    /// Lets the caller's other work run between long stretches of the sync's
    /// own (a browser's page stays responsive); by default, no pause.
    fn pause(&mut self) -> impl Future<Output = ()> {
        std::future::ready(())
    }
}

/// The device's records as a sync reaches them: lent for one step at a
/// time and never across a request, so the app keeps one replica where its
/// pages read it and the sync works on it, not on a copy. The caller owns the
/// transport ([`Couch`]), the store and the [`SyncState`]; [`sync`] only steps.
pub trait Store {
    /// Reads the records.
    fn read<R>(&self, read: impl FnOnce(&Replica) -> R) -> R;
    /// Merges records pulled from the server; says what that changed.
    fn merge(&mut self, incoming: &Replica) -> MergeSummary;
}

/// A replica of its own, as the command line and the tests hold one.
impl Store for Replica {
    fn read<R>(&self, read: impl FnOnce(&Replica) -> R) -> R {
        read(self)
    }

    fn merge(&mut self, incoming: &Replica) -> MergeSummary {
        Replica::merge(self, incoming)
    }
}

/// What a device keeps between syncs with one database.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncState {
    /// The database these facts are about (its URL, without credentials).
    pub target: String,
    /// Where the last pull ended; the server's checkpoint says the same.
    pub since: Value,
    pub known: Known,
}

impl SyncState {
    pub fn new(target: &str) -> Self {
        Self { target: target.to_owned(), since: json!(0), known: Known::new() }
    }

    /// Compact JSON: `{"target", "since", "known": {"kind:id": [rev, digest]}}`.
    pub fn to_json(&self) -> String {
        let known: Map<String, Value> =
            self.known.iter().map(|(key, held)| (doc_id(key), json!([held.rev, held.digest]))).collect();
        json!({ "target": self.target, "since": self.since, "known": known }).to_string()
    }

    /// `None` for text this version did not write: the next sync then starts afresh.
    pub fn from_json(text: &str) -> Option<Self> {
        let value: Value = serde_json::from_str(text).ok()?;
        let known = value.get("known")?.as_object()?;
        let known = known
            .iter()
            .map(|(id, held)| {
                let key = key_of(id)?;
                let rev = held.get(0)?.as_str()?.to_owned();
                Some((key, Held { rev, digest: held.get(1)?.as_u64()? }))
            })
            .collect::<Option<Known>>()?;
        Some(Self { target: value.get("target")?.as_str()?.to_owned(), since: value.get("since")?.clone(), known })
    }
}

/// What a sync did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Synced {
    /// Records that were new or changed here.
    pub received: usize,
    /// Documents the server stored.
    pub sent: usize,
    /// Records still refused as conflicts, for the next sync.
    pub waiting: usize,
}

/// The database URL for a server address and a database name, or why they
/// cannot be used. Plain `http` is refused except on this machine, since the
/// password travels with every request.
pub fn database_url(server: &str, database: &str) -> Result<String, SettingsError> {
    let server = server.trim().trim_end_matches('/');
    let (scheme, rest) = server.split_once("://").ok_or(SettingsError::NotAnAddress)?;
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    match scheme {
        "https" if !host.is_empty() => {}
        "http" if ["localhost", "127.0.0.1", "[::1]"].contains(&host) => {}
        "http" if !host.is_empty() => return Err(SettingsError::NotSecure),
        _ => return Err(SettingsError::NotAnAddress),
    }
    let database = database.trim();
    let mut chars = database.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if !valid {
        return Err(SettingsError::DatabaseName);
    }
    Ok(format!("{server}/{}", utf8_percent_encode(database, NON_ALPHANUMERIC)))
}

/// Where a user opens a cookie session (`POST /_session`) on the server of a
/// database URL that [`database_url`] made.
pub fn session_url(server: &str) -> String {
    format!("{}/_session", server.trim().trim_end_matches('/'))
}

/// The body of a `POST /_session`: the user's name and password, once.
pub fn session_body(user: &str, password: &str) -> Value {
    json!({ "name": user, "password": password })
}

/// Why sync settings cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("the server address must start with https://")]
    NotAnAddress,
    #[error("plain http sends the password unencrypted; use https://")]
    NotSecure,
    #[error("a database name starts with a lowercase letter and holds only a-z, 0-9 and _$()+-/")]
    DatabaseName,
}

/// The `Authorization` header for a user name and password (HTTP basic
/// authentication, RFC 7617, UTF-8).
pub fn basic_auth(user: &str, password: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// The `_local` document where a device keeps its pull checkpoint.
pub fn checkpoint_id(device: &str) -> String {
    format!("_local/flok-{device}")
}

fn checked(answer: Answer) -> Result<Answer, SyncError> {
    match answer.status {
        200..=299 => Ok(answer),
        401 | 403 => Err(SyncError::Unauthorized),
        404 => Err(SyncError::NoDatabase),
        status => Err(SyncError::Status(status)),
    }
}

fn json_of(answer: &Answer) -> Result<Value, SyncError> {
    serde_json::from_slice(&answer.body).map_err(|e| SyncError::Garbage(e.to_string()))
}

/// The checkpoint document's revision from a `PUT` answer or the document.
fn rev_of(value: &Value) -> Option<String> {
    value.get("rev").or_else(|| value.get("_rev")).and_then(Value::as_str).map(str::to_owned)
}

fn touched(summary: &MergeSummary) -> usize {
    summary.kinds.values().map(|k| k.new + k.changed + k.deleted).sum()
}

/// Syncs the store with the database: pulls and merges what others wrote,
/// pushes what the server lacks. The store and `state` are updated as it
/// goes, so the caller keeps both even when this fails part-way.
pub async fn sync(
    couch: &mut impl Couch,
    device: &str,
    store: &mut impl Store,
    state: &mut SyncState,
) -> Result<Synced, SyncError> {
    let info = checked(couch.request(Method::Get, "", None).await?)?;
    if json_of(&info)?.get("db_name").is_none() {
        return Err(SyncError::Garbage("no db_name in the database's description".into()));
    }
    let checkpoint = checkpoint_id(device);
    let (mut checkpoint_rev, server_since) = match couch.request(Method::Get, &checkpoint, None).await? {
        Answer { status: 404, .. } => (None, None),
        answer => {
            let doc = json_of(&checked(answer)?)?;
            (rev_of(&doc), doc.get("since").cloned())
        }
    };
    // A checkpoint this device did not write together with its state (a new
    // database, data erased here, another server): start from the beginning.
    if server_since.as_ref() != Some(&state.since) {
        state.since = json!(0);
        state.known.clear();
    }
    let mut synced = Synced::default();
    // Losing leaves merged here, to delete once the merge is on the winner.
    let mut losing: Vec<Value> = Vec::new();
    loop {
        let since = match &state.since {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let since = utf8_percent_encode(&since, NON_ALPHANUMERIC);
        let path = format!("_changes?style=all_docs&conflicts=true&include_docs=true&limit={PAGE}&since={since}");
        let answer = checked(couch.request(Method::Get, &path, None).await?)?;
        let pulled = apply_changes(store, &mut state.known, &answer.body)?;
        synced.received += touched(&pulled.summary);
        // A replicated database may hold edits in leaves CouchDB did not
        // pick: each is merged here (field by field, by stamp), before the
        // checkpoint passes it, and the conflict resolved at the push.
        for (id, revs) in &pulled.conflicted {
            let answer = checked(couch.request(Method::Get, &leaves_path(id, revs), None).await?)?;
            let (summary, merged) = apply_leaves(store, &answer.body)?;
            synced.received += touched(&summary);
            if let Some(held) = key_of(id).and_then(|key| state.known.get_mut(&key)) {
                // Written again on the winner, even if the merge changed nothing here.
                held.digest = FORCE_PUSH;
            }
            losing.extend(merged.into_iter().map(|rev| json!({ "_id": id, "_rev": rev, "_deleted": true })));
        }
        if pulled.last_seq != state.since {
            let mut doc = json!({ "since": pulled.last_seq });
            if let Some(rev) = &checkpoint_rev {
                doc["_rev"] = json!(rev);
            }
            let answer = checked(couch.request(Method::Put, &checkpoint, Some(&doc)).await?)?;
            checkpoint_rev = rev_of(&json_of(&answer)?);
            state.since = pulled.last_seq;
        }
        if pulled.count < PAGE {
            break;
        }
    }
    for _ in 0..PUSH_ROUNDS {
        let docs = push_docs(couch, store, &state.known).await;
        if docs.is_empty() && losing.is_empty() {
            return Ok(synced);
        }
        let mut conflicts = Vec::new();
        for page in docs.chunks(PAGE).chain(docs.is_empty().then_some(&[][..])) {
            // The losing leaves go with the first page: the merged record on
            // the winner and the losers deleted, in one request.
            let body = json!({ "docs": page.iter().chain(&losing).collect::<Vec<_>>() });
            losing.clear();
            let answer = checked(couch.request(Method::Post, "_bulk_docs", Some(&body)).await?)?;
            let pushed = apply_push_result(store, &mut state.known, &answer.body, page.len())?;
            synced.sent += pushed.stored;
            conflicts.extend(pushed.conflicts);
        }
        synced.waiting = conflicts.len();
        for page in conflicts.chunks(PAGE) {
            let body = fetch_body(page);
            let answer = checked(couch.request(Method::Post, "_all_docs?include_docs=true", Some(&body)).await?)?;
            let summary = apply_all_docs(store, &mut state.known, &answer.body)?;
            synced.received += touched(&summary);
        }
    }
    Ok(synced)
}
