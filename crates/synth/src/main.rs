//! Writes a synthetic collection to disk, for benchmarks and large bundles:
//!
//! ```text
//! cargo run --release -p dossier-synth -- OUT_DIR [COUNT] [SEED]
//! ```
//!
//! COUNT defaults to 10000 and SEED to 42; the files are those of
//! `dossier_synth::generate(seeds, COUNT, SEED)`, under their relative paths, where the seeds
//! are the files of `articles/` (or of the folder `DOSSIER_SEEDS` names).

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: synth OUT_DIR [COUNT] [SEED]  (COUNT 10000, SEED 42 by default)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--help`, `-h` and any other option are not a folder to write 10,000 files into.
    if args.iter().any(|a| a.starts_with('-')) {
        if args.iter().any(|a| a == "--help" || a == "-h") {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let (Some(out), Some(count), Some(seed)) = (
        args.first(),
        args.get(1)
            .map_or(Some(10_000), |a| a.parse::<usize>().ok()),
        args.get(2).map_or(Some(42), |a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if args.len() > 3 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let seeds_dir = std::env::var_os("DOSSIER_SEEDS").unwrap_or_else(|| "articles".into());
    let seeds = match dossier_core::corpus::read_dir(Path::new(&seeds_dir)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!(
                "synth: cannot read the seeds in {}: {e}",
                seeds_dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let files = dossier_synth::generate(&seeds, count, seed);
    let mut bytes = 0;
    for (path, data) in &files {
        let full = Path::new(out).join(path);
        let written = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, data));
        if let Err(e) = written {
            eprintln!("synth: cannot write {}: {e}", full.display());
            return ExitCode::FAILURE;
        }
        bytes += data.len();
    }
    println!(
        "wrote {} files, {:.1} MB, to {out} (seed {seed})",
        files.len(),
        bytes as f64 / 1e6
    );
    ExitCode::SUCCESS
}
