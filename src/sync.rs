//! Live sync with a CouchDB database: the settings this device keeps, and the
//! browser's `fetch` as the transport for the core's sync
//! ([`flok_core::couch::sync`]), which does everything else. When and over
//! which store it runs is [`crate::state`]'s.

use flok_core::couch::{self, Answer, Couch, Method, SettingsError, SyncError, Synced, Unreachable};
use js_sys::Uint8Array;
use leptos::prelude::window;
use leptos::wasm_bindgen::{JsCast, JsValue};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCache, RequestCredentials, RequestInit, Response};

/// Where and as whom this device syncs. Kept on the device only: the
/// password is never part of the replica, so never part of an export. With a
/// cookie session (`session`), the password is not kept at all: the server's
/// session cookie stands for it until it expires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    pub server: String,
    pub database: String,
    pub user: String,
    pub password: String,
    #[serde(default)]
    pub session: bool,
}

impl SyncSettings {
    /// Where requests go and how they authenticate, or why these settings
    /// cannot be used.
    pub fn target(&self) -> Result<Target, SettingsError> {
        let url = couch::database_url(&self.server, &self.database)?;
        let basic = !self.session && !self.user.is_empty();
        let authorization = basic.then(|| couch::basic_auth(&self.user, &self.password));
        Ok(Target { url, authorization, session: self.session })
    }

    /// Opens a cookie session on the server for these settings; gives them
    /// without the password if the server opened one, else as they are
    /// (basic authentication, the password kept on the device).
    pub async fn with_session(self) -> Self {
        if self.user.is_empty() || self.target().is_err() {
            return self;
        }
        let body = couch::session_body(&self.user, &self.password);
        let opened = fetch(&couch::session_url(&self.server), Method::Post, None, true, Some(&body)).await;
        let ok = opened.is_ok_and(|answer| {
            answer.status == 200
                && serde_json::from_slice::<Value>(&answer.body).is_ok_and(|v| v.get("ok") == Some(&Value::Bool(true)))
        });
        if ok {
            Self { password: String::new(), session: true, ..self }
        } else {
            self
        }
    }
}

/// A database to sync with, from settings that were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    authorization: Option<String>,
    /// Whether the server's session cookie goes with each request.
    session: bool,
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

/// The browser's `fetch`, with basic authentication or the session cookie.
impl Couch for Target {
    async fn request(&mut self, method: Method, path: &str, body: Option<&Value>) -> Result<Answer, Unreachable> {
        let url = if path.is_empty() { self.url.clone() } else { format!("{}/{path}", self.url) };
        fetch(&url, method, self.authorization.as_deref(), self.session, body).await
    }

    /// Yields to the page (until the next task) so taps and drawing go on.
    async fn pause(&mut self) {
        crate::slices::next_task().await;
    }
}

/// One request through the browser's `fetch`.
async fn fetch(
    url: &str,
    method: Method,
    authorization: Option<&str>,
    cookie: bool,
    body: Option<&Value>,
) -> Result<Answer, Unreachable> {
    let method = match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
    };
    let headers = Headers::new().map_err(|_| Unreachable)?;
    let mut named = vec![("Accept", "application/json")];
    named.extend(authorization.map(|value| ("Authorization", value)));
    named.extend(body.map(|_| ("Content-Type", "application/json")));
    for (name, value) in named {
        headers.set(name, value).map_err(|_| Unreachable)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    // Every answer must come from the server, never from the HTTP cache.
    init.set_cache(RequestCache::NoStore);
    if cookie {
        init.set_credentials(RequestCredentials::Include);
    }
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| Unreachable)?;
    let answered = |promise| async move { JsFuture::from(promise).await.map_err(|_| Unreachable) };
    let response: Response = answered(window().fetch_with_request(&request)).await?.unchecked_into();
    let bytes = answered(response.array_buffer().map_err(|_| Unreachable)?).await?;
    Ok(Answer { status: response.status(), body: Uint8Array::new(&bytes).to_vec() })
}
