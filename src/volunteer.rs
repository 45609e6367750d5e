//! Entry point of the volunteer's build (see `builds.rs`): the same app
//! with only a volunteer's daily pages, so the linker leaves the rest out.

#[cfg(target_arch = "wasm32")]
fn main() {
    flok_app::start(flok_app::VolunteerApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    flok_app::not_in_a_browser();
}
