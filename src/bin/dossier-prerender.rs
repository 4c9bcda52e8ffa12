//! Renders the app's first view of the embedded collection into a built `index.html`:
//! `dossier-prerender [PATH]` (default `$TRUNK_STAGING_DIR/index.html`, as Trunk.toml's
//! `post_build` hook runs it in release builds). Native only; see `dossier::ui::prerender`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    let path = std::env::args_os().nth(1).map(PathBuf::from).or_else(|| {
        std::env::var_os("TRUNK_STAGING_DIR").map(|d| PathBuf::from(d).join("index.html"))
    });
    let Some(path) = path else {
        eprintln!("usage: dossier-prerender INDEX_HTML (or set TRUNK_STAGING_DIR)");
        return std::process::ExitCode::from(2);
    };
    let t0 = std::time::Instant::now();
    let done = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
        .and_then(|page| dossier::ui::prerender::prerender(&page))
        .and_then(|page| {
            std::fs::write(&path, &page)
                .map(|()| page.len())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        });
    match done {
        Ok(bytes) => {
            eprintln!(
                "dossier-prerender: the first view into {} ({bytes} bytes, {} ms)",
                path.display(),
                t0.elapsed().as_millis()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dossier-prerender: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
