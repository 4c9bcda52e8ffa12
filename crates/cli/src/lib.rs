//! The command-line tool: `dossier list [DIR]`, `dossier inspect [DIR] [--json]` and
//! `dossier search [DIR] QUERY [--json]`.
//! Native only. Each subcommand is a function; `run` only dispatches.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use dossier_core::article::Article;
use dossier_core::corpus::{self, SourceFile};
use dossier_core::parse;

const USAGE: &str = "usage: dossier list [DIR]
       dossier inspect [DIR] [--json]
       dossier search [DIR] QUERY [--json] [--sort relevance|newest|oldest] [--exact] [--limit N]

DIR defaults to articles/.
  list      the files of the collection and their sizes
  inspect   what the parser reads from each file; --json prints it as a JSON array
  search    ranked articles for QUERY (the app's query language), with snippets;
            --json prints [{file, score, title, date, snippets}]";

/// Runs the command line `args` (without the program name), writing to `out`.
/// Returns the process exit code: non-zero only for usage errors (including a DIR that
/// cannot be read).
pub fn run(args: &[String], out: &mut dyn Write) -> i32 {
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("list") => list(rest, out),
        Some("inspect") => inspect(rest, out),
        Some("search") => search(rest, out),
        _ => usage(),
    }
}

fn usage() -> i32 {
    eprintln!("{USAGE}");
    2
}

/// The options shared by the subcommands: one optional DIR and flags.
struct Options<'a> {
    dir: &'a str,
    json: bool,
}

fn options<'a>(args: &'a [String], flags: &[&str]) -> Option<Options<'a>> {
    let mut o = Options {
        dir: "articles",
        json: false,
    };
    let mut dir_seen = false;
    for a in args {
        match a.as_str() {
            "--json" if flags.contains(&"--json") => o.json = true,
            f if f.starts_with('-') => {
                eprintln!("dossier: unknown option {f}");
                return None;
            }
            d if !dir_seen => {
                o.dir = d;
                dir_seen = true;
            }
            extra => {
                eprintln!("dossier: unexpected argument {extra}");
                return None;
            }
        }
    }
    Some(o)
}

fn read(dir: &str) -> Option<Vec<SourceFile>> {
    match corpus::read_dir(Path::new(dir)) {
        Ok(files) => Some(files),
        Err(e) => {
            eprintln!("dossier: cannot read {dir}: {e}");
            None
        }
    }
}

fn list(args: &[String], out: &mut dyn Write) -> i32 {
    let Some(o) = options(args, &[]) else {
        return usage();
    };
    let Some(files) = read(o.dir) else { return 2 };
    for f in &files {
        let _ = writeln!(out, "{}\t{} bytes", f.path, f.bytes.len());
    }
    let _ = writeln!(out, "{} files", files.len());
    0
}

fn inspect(args: &[String], out: &mut dyn Write) -> i32 {
    let Some(o) = options(args, &["--json"]) else {
        return usage();
    };
    let Some(files) = read(o.dir) else { return 2 };
    // `read_dir` sorts by path, so the output is in path order.
    let results: Vec<(&str, Result<Article, parse::ParseError>)> = files
        .iter()
        .map(|f| (f.path.as_str(), parse::parse(&f.path, &f.bytes)))
        .collect();
    if o.json {
        let array: Vec<Value> = results.iter().map(|(file, r)| to_json(file, r)).collect();
        let text = serde_json::to_string_pretty(&Value::Array(array)).unwrap_or_default();
        let _ = writeln!(out, "{text}");
        return 0;
    }
    let mut parsed = 0;
    for (file, r) in &results {
        let _ = writeln!(out, "{file}");
        match r {
            Ok(a) => {
                parsed += 1;
                human(a, out);
            }
            Err(e) => {
                let _ = writeln!(out, "  error      {e}");
            }
        }
    }
    let _ = writeln!(
        out,
        "{} files: {parsed} parsed, {} failed",
        results.len(),
        results.len() - parsed
    );
    0
}

fn human(a: &Article, out: &mut dyn Write) {
    let none = || "-".to_owned();
    let title = if a.title_derived {
        format!("{} (derived from the body)", a.title)
    } else {
        a.title.clone()
    };
    let date = a
        .date
        .map_or_else(none, |d| format!("{} ({})", d.day, d.basis.as_str()));
    let mut lines = vec![
        ("title", title),
        ("date", date),
        ("outlet", a.source.clone().unwrap_or_else(none)),
        ("author", a.author.clone().unwrap_or_else(none)),
        (
            "tags",
            if a.tags.is_empty() {
                none()
            } else {
                a.tags.join(" ")
            },
        ),
    ];
    if !a.categories.is_empty() {
        lines.push(("categories", a.categories.join(" ")));
    }
    if let Some(u) = &a.url {
        lines.push(("url", u.clone()));
    }
    lines.push((
        "counts",
        format!(
            "{} paragraphs, {} images, {} events, {} related headlines",
            a.paragraph_count(),
            a.images.len(),
            a.events.len(),
            a.related.len()
        ),
    ));
    for w in &a.warnings {
        lines.push(("warning", w.to_string()));
    }
    for (k, v) in lines {
        let _ = writeln!(out, "  {k:<11}{v}");
    }
}

/// One file as a JSON object with the keys documented for `inspect --json`.
fn to_json(file: &str, r: &Result<Article, parse::ParseError>) -> Value {
    match r {
        Ok(a) => json!({
            "file": a.file,
            "title": a.title,
            "title_derived": a.title_derived,
            "date": a.date.map(|d| d.day.to_string()),
            "date_basis": a.date.map(|d| d.basis.as_str()),
            "source": a.source,
            "author": a.author,
            "tags": a.tags,
            "categories": a.categories,
            "url": a.url,
            "paragraphs": a.paragraph_count(),
            "images": a.images.iter().map(|i| json!({"src": i.src, "caption": i.caption})).collect::<Vec<_>>(),
            "events": a.events.iter().map(|e| json!({
                "date": e.date.to_string(),
                "precision": e.date.precision.as_str(),
                "text": e.text,
            })).collect::<Vec<_>>(),
            "related_headlines": a.related.iter().map(|r| json!({
                "date": r.date.map(|d| d.to_string()),
                "title": r.title,
            })).collect::<Vec<_>>(),
            "warnings": a.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "error": Value::Null,
        }),
        Err(e) => json!({
            "file": file,
            "title": Value::Null,
            "title_derived": Value::Null,
            "date": Value::Null,
            "date_basis": Value::Null,
            "source": Value::Null,
            "author": Value::Null,
            "tags": [],
            "categories": [],
            "url": Value::Null,
            "paragraphs": 0,
            "images": [],
            "events": [],
            "related_headlines": [],
            "warnings": [],
            "error": e.to_string(),
        }),
    }
}

/// `dossier search [DIR] QUERY`: the app's search engine, natively.
fn search(args: &[String], out: &mut dyn Write) -> i32 {
    use dossier_core::index::Index;
    use dossier_core::query::Query;
    use dossier_core::search::{Options as SearchOptions, Searcher, Sort};
    use dossier_core::text::Dictionary;

    let mut opts = SearchOptions::default();
    let mut json = false;
    let mut limit = 20usize;
    let mut positional: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--exact" => opts.exact = true,
            "--sort" => match it.next().and_then(|s| Sort::from_key(s)) {
                Some(s) => opts.sort = s,
                None => return usage(),
            },
            "--limit" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => limit = n,
                None => return usage(),
            },
            // Anything else is the query or DIR: queries may start with "-" (-大纪元).
            p => positional.push(p),
        }
    }
    let (dir, query) = match positional.as_slice() {
        [q] => ("articles", *q),
        [d, q] => (*d, *q),
        _ => return usage(),
    };
    let Some(files) = read(dir) else { return 2 };
    let collection = parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    let index = Index::build(collection.articles, &Dictionary::Default)
        .expect("jieba's default dictionary is well-formed");
    let searcher = Searcher::new(&index);
    let results = searcher.search(&Query::parse(query), &opts);
    let hits: Vec<_> = results.hits.iter().take(limit).collect();
    if json {
        let list: Vec<Value> = hits
            .iter()
            .map(|h| {
                let a = &index.articles()[h.doc];
                let snippets: Vec<Value> = searcher
                    .snippets(h.doc, &results.needles, 3, 100)
                    .into_iter()
                    .map(|s| json!({ "text": s.text, "highlights": s.highlights }))
                    .collect();
                json!({
                    "file": a.file,
                    "score": h.score,
                    "title": a.title,
                    "date": a.date.map(|d| d.day.to_string()),
                    "snippets": snippets,
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return 0;
    }
    let segmented: Vec<String> = results.segmented.iter().map(|w| w.join("/")).collect();
    let _ = writeln!(
        out,
        "{} articles for {query:?} (segmented: {})",
        results.hits.len(),
        segmented.join(" ")
    );
    for h in hits {
        let a = &index.articles()[h.doc];
        let date = a
            .date
            .map_or_else(|| "----------".to_owned(), |d| d.day.to_string());
        let _ = writeln!(out, "\n{:>7.3}  {date}  {}  [{}]", h.score, a.title, a.file);
        for s in searcher.snippets(h.doc, &results.needles, 3, 100) {
            let _ = writeln!(out, "         {}", bracket(&s.text, &s.highlights));
        }
    }
    0
}

/// `text` with the highlighted ranges in 【】.
fn bracket(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in ranges {
        if a < at || b > text.len() {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push('【');
        out.push_str(&text[a..b]);
        out.push('】');
        at = b;
    }
    out.push_str(&text[at..]);
    out
}
