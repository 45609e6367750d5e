//! Flok's web app: Leptos components over the domain core.
//!
//! [`route`], [`i18n`] and [`form_values`] are plain Rust (tested natively); everything that needs a
//! browser is compiled for wasm32 alone, so `cargo test` on a laptop builds
//! no web dependency.

pub mod form_values;
pub mod i18n;
pub mod route;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod arrivals;
#[cfg(target_arch = "wasm32")]
mod builds;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod compression;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
mod perf;
#[cfg(target_arch = "wasm32")]
pub mod prefs;
#[cfg(target_arch = "wasm32")]
mod pwa;
#[cfg(target_arch = "wasm32")]
pub mod renders;
#[cfg(target_arch = "wasm32")]
mod slices;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
mod web_lock;

#[cfg(target_arch = "wasm32")]
pub use app::{App, VolunteerApp};

/// Mounts a build's app on the page (see `builds.rs`).
#[cfg(target_arch = "wasm32")]
pub fn start<N: leptos::IntoView>(app: impl FnOnce() -> N + 'static) {
    // Panics print a readable message in the console instead of "unreachable"
    // (not in the release build, whose std stops at once: scripts/setup.sh).
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app);
}

/// What a build's binary says when run outside a browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn not_in_a_browser() -> ! {
    eprintln!("Flok's app runs in a browser: serve it with `bash scripts/serve.sh` (see README.md).");
    std::process::exit(2);
}
