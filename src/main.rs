//! Entry point Trunk builds: mounts the app on the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(flok_app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Flok's app runs in a browser: serve it with `bash scripts/serve.sh` (see README.md).");
    std::process::exit(2);
}
