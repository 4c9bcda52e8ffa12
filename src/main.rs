//! `dossier`: the command-line face of the same library the web app uses.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(dossier::cli::run(&args, &mut std::io::stdout().lock()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
