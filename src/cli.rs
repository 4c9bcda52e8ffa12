//! The command-line tool: `dossier list [DIR]`. Native only.

use std::io::Write;
use std::path::Path;

use crate::corpus;

const USAGE: &str = "usage: dossier list [DIR]\n\nDIR defaults to articles/.";

/// Runs the command line `args` (without the program name), writing to `out`.
/// Returns the process exit code: non-zero only for usage errors.
pub fn run(args: &[String], out: &mut dyn Write) -> i32 {
    match args.first().map(String::as_str) {
        Some("list") => {
            let dir = args.get(1).map_or("articles", String::as_str);
            match corpus::read_dir(Path::new(dir)) {
                Ok(files) => {
                    for f in &files {
                        let _ = writeln!(out, "{}\t{} bytes", f.path, f.bytes.len());
                    }
                    let _ = writeln!(out, "{} files", files.len());
                    0
                }
                Err(e) => {
                    eprintln!("dossier: cannot read {dir}: {e}");
                    2
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}
