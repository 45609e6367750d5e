//! Entry point of the whole app (see `builds.rs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    flok_app::start(flok_app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    flok_app::not_in_a_browser();
}
