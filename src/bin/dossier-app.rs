//! The web app's entry point: trunk builds this binary for wasm32 (see index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    dossier::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-app is the web app: build it with `trunk build` or run scripts/serve");
    std::process::exit(2);
}
