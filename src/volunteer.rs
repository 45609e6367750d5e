//! Entry point of the volunteer's build (see `builds.rs`): the same app
//! with only a volunteer's daily pages, so the linker leaves the rest out.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(flok_app::VolunteerApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Flok's app runs in a browser: serve it with `bash scripts/serve.sh` (see README.md).");
    std::process::exit(2);
}
