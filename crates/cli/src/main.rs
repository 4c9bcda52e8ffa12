//! `dossier`: the command-line face of the same stages the web app uses.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(dossier_cli::run(&args, &mut std::io::stdout().lock()));
}
