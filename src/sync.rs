//! Live sync with a CouchDB database: the settings this device keeps, and the
//! browser's `fetch` as the transport for the core's sync
//! ([`flok_core::couch::sync`]), which does everything else.

use flok_core::couch::{self, Answer, Couch, Method, SettingsError, SyncError, SyncState, Synced, Unreachable};
use flok_core::Replica;
use gloo_net::http::RequestBuilder;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use web_sys::RequestCache;

use crate::storage;

/// Where and as whom this device syncs. Kept on the device only: the
/// password is never part of the replica, so never part of an export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    pub server: String,
    pub database: String,
    pub user: String,
    pub password: String,
}

impl SyncSettings {
    /// Where requests go and how they authenticate, or why these settings
    /// cannot be used.
    pub fn target(&self) -> Result<Target, SettingsError> {
        let url = couch::database_url(&self.server, &self.database)?;
        let authorization = (!self.user.is_empty()).then(|| couch::basic_auth(&self.user, &self.password));
        Ok(Target { url, authorization })
    }
}

/// A database to sync with, from settings that were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    url: String,
    authorization: Option<String>,
}

/// How syncing goes, for Settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStatus {
    pub running: bool,
    /// When the last sync ended well (kept on the device).
    pub synced_at: Option<chrono::NaiveDateTime>,
    /// What the last sync in this tab did.
    pub last: Option<Synced>,
    /// Why the latest sync stopped, until one succeeds.
    pub error: Option<SyncError>,
}

/// The browser's `fetch`, with basic authentication when a user is given.
impl Couch for Target {
    async fn request(&mut self, method: Method, path: &str, body: Option<&Value>) -> Result<Answer, Unreachable> {
        let url = if path.is_empty() { self.url.clone() } else { format!("{}/{path}", self.url) };
        let method = match method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Post => gloo_net::http::Method::POST,
        };
        // Every answer must come from the server, never from the HTTP cache.
        let mut request = RequestBuilder::new(&url).method(method).cache(RequestCache::NoStore);
        request = request.header("Accept", "application/json");
        if let Some(authorization) = &self.authorization {
            request = request.header("Authorization", authorization);
        }
        let request = match body {
            Some(body) => request.header("Content-Type", "application/json").body(body.to_string()),
            None => request.build(),
        };
        let response = request.map_err(|_| Unreachable)?.send().await.map_err(|_| Unreachable)?;
        let body = response.binary().await.map_err(|_| Unreachable)?;
        Ok(Answer { status: response.status(), body })
    }

    /// Yields to the page (a zero timeout) so taps and drawing go on.
    async fn pause(&mut self) {
        crate::slices::next_task().await;
    }
}

/// One sync of `replica` (a copy of the app's) with the database. Gives the
/// replica and the sync state as they ended, even when the sync failed
/// part-way: the caller keeps both, replica first.
pub async fn run(mut target: Target, mut replica: Replica) -> (Replica, SyncState, Result<Synced, SyncError>) {
    let url = target.url.clone();
    let mut state = storage::sync_state().await.filter(|s| s.target == url).unwrap_or_else(|| SyncState::new(&url));
    let device = storage::device_id().to_string();
    let result = couch::sync(&mut target, &device, &mut replica, &mut state).await;
    (replica, state, result)
}
