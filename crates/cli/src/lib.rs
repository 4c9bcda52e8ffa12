//! The command-line tool: `dossier list [DIR]`, `dossier inspect [DIR] [--json [--text]]`,
//! `dossier search [DIR] QUERY [--json] [--sort S] [--exact] [--limit N]` and
//! `dossier facets [DIR] [--top N]`, `dossier stories [DIR] [--json]` and
//! `dossier shard [DIR] --out OUT [--shard-bytes N]`.
//! Native only. Arguments are parsed by clap (`--help` on every command); each subcommand is a
//! function; `run` only dispatches.

use std::io::Write;
use std::path::Path;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{Value, json};

use dossier_core::article::Article;
use dossier_core::corpus::{self, SourceFile};
use dossier_core::parse;
use dossier_core::search::Sort;
use dossier_core::text::aliases::AliasTable;

/// Results `search` prints unless `--limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;
/// Values per facet `facets` prints unless `--top` says otherwise (the app shows 8 too).
pub const DEFAULT_TOP: usize = 8;

/// dossier's collections natively: what the parser reads, the app's search engine and facets.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The files of the collection and their sizes.
    List {
        /// The collection's folder.
        #[arg(value_name = "DIR", default_value = "articles")]
        dir: String,
    },
    /// What the parser reads from each file: title, date and its basis, outlet, author, tags,
    /// counts, warnings.
    Inspect {
        /// The collection's folder.
        #[arg(value_name = "DIR", default_value = "articles")]
        dir: String,
        /// Print a JSON array, one object per file.
        #[arg(long)]
        json: bool,
        /// With --json: also each article's paragraphs and subheadings, in reading order, as
        /// "text" (what the index reads from the body).
        #[arg(long, requires = "json")]
        text: bool,
    },
    /// Ranked articles for QUERY (the app's query language), with snippets.
    #[command(
        after_help = "DIR defaults to articles/. A query may start with - and a Chinese word (an \
exclusion: -大纪元); one that starts with - and a Latin letter, or with --, goes after --: \
dossier search articles -- -nato"
    )]
    Search {
        /// [DIR] QUERY: the collection's folder (default articles/) and the query, e.g.
        /// '"书面回复" -大纪元', 'source:观察者网 1997', 'author:李言'.
        #[arg(value_name = "[DIR] QUERY", num_args = 1..=2, required = true)]
        args: Vec<String>,
        /// Print [{file, score, title, date, snippets}] as JSON.
        #[arg(long)]
        json: bool,
        /// Result order.
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
        /// Match every word exactly as written, as a substring, without segmentation.
        #[arg(long)]
        exact: bool,
        /// Most articles to print (the count line says how many matched).
        #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
        limit: usize,
    },
    /// The top values of each facet over the whole collection, with how many articles have
    /// them (what the app's facet panel shows before any search).
    Facets {
        /// The collection's folder.
        #[arg(value_name = "DIR", default_value = "articles")]
        dir: String,
        /// Values to print per facet (0: all).
        #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP)]
        top: usize,
    },
    /// Builds the collection as the app's build step does and writes its index as sharded,
    /// content-hashed static files into OUT (see dossier_core::shard): manifest.bin, the
    /// catalogue, the dictionary, term, gram and text shards.
    Shard {
        /// The collection's folder.
        #[arg(value_name = "DIR", default_value = "articles")]
        dir: String,
        /// The folder to write the files into (created; files of an earlier build with the
        /// same names are overwritten, others are left).
        #[arg(long, value_name = "OUT")]
        out: String,
        /// The size a term or gram shard aims at, in bytes before compression.
        #[arg(long, value_name = "N", default_value_t = dossier_core::shard::Options::default().shard_bytes)]
        shard_bytes: usize,
        /// The size a text shard aims at (consecutive articles, at least one).
        #[arg(long, value_name = "N", default_value_t = dossier_core::shard::Options::default().text_bytes)]
        text_bytes: usize,
    },
    /// The groups of re-posts and near-duplicates the index finds (bodies whose 5-character
    /// shingles are at least 80 % alike): each group's files, representative (earliest) first,
    /// with each one's similarity to it.
    Stories {
        /// The collection's folder.
        #[arg(value_name = "DIR", default_value = "articles")]
        dir: String,
        /// Print a JSON array, one object per group.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

/// Runs the command line `args` (without the program name), writing to `out`.
/// Returns the process exit code: 0 (also for `--help` and `--version`, printed to `out`),
/// or 2 for usage errors (printed to stderr), including a DIR that cannot be read.
pub fn run(args: &[String], out: &mut dyn Write) -> i32 {
    let args = exclusions_last(args);
    let cli = match Cli::try_parse_from(std::iter::once("dossier").chain(args)) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = write!(out, "{}", e.render());
            return 0;
        }
        Err(e) => {
            let _ = e.print();
            return 2;
        }
    };
    match cli.command {
        Command::List { dir } => list(&dir, out),
        Command::Inspect { dir, json, text } => inspect(&dir, json, text, out),
        Command::Search {
            args,
            json,
            sort,
            exact,
            limit,
        } => {
            let (dir, query) = match args.as_slice() {
                [q] => ("articles", q.as_str()),
                [d, q] => (d.as_str(), q.as_str()),
                _ => unreachable!("clap takes one or two"),
            };
            let sort = match sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            };
            search(
                dir,
                query,
                &SearchArgs {
                    json,
                    sort,
                    exact,
                    limit,
                },
                out,
            )
        }
        Command::Facets { dir, top } => facets(&dir, top, out),
        Command::Stories { dir, json } => stories(&dir, json, out),
        Command::Shard {
            dir,
            out: to,
            shard_bytes,
            text_bytes,
        } => shard(
            &dir,
            &to,
            &dossier_core::shard::Options {
                shard_bytes,
                text_bytes,
                ..dossier_core::shard::Options::default()
            },
            out,
        ),
    }
}

/// jieba's whole dictionary, which `shard` trims to the collection as the app's build step does.
const JIEBA_DICT: &str = include_str!("../../../data/jieba/dict.txt");

/// `dossier shard [DIR] --out OUT`: the collection's sharded index, written to OUT.
fn shard(dir: &str, to: &str, opts: &dossier_core::shard::Options, out: &mut dyn Write) -> i32 {
    use dossier_core::shard::{self, Kind};
    let start = std::time::Instant::now();
    // Each file parsed as it is read: the articles are kept, not every file's bytes.
    let collection = match corpus::list_files(Path::new(dir)).and_then(|files| {
        let mut c = dossier_core::parse::Collection::default();
        for (path, full) in files {
            c.add(&path, &std::fs::read(full)?, None);
        }
        Ok(c.sorted())
    }) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dossier: cannot read {dir}: {e}");
            return 2;
        }
    };
    let built = match dossier_core::bundle::build_for_shards(collection, JIEBA_DICT, &aliases(dir))
    {
        Ok(b) => b,
        Err(e) => {
            eprintln!("dossier: cannot build the index: {e}");
            return 2;
        }
    };
    let indexed = start.elapsed();
    let to = Path::new(to);
    if let Err(e) = std::fs::create_dir_all(to) {
        eprintln!("dossier: cannot create {}: {e}", to.display());
        return 2;
    }
    // Names and sizes of the files written.
    let mut written: Vec<(String, usize)> = Vec::new();
    let mut sink = |name: &str, bytes: Vec<u8>| {
        std::fs::write(to.join(name), &bytes)?;
        written.push((name.to_owned(), bytes.len()));
        Ok(())
    };
    if let Err(e) = shard::write_to(
        &built.index,
        &built.dictionary,
        &built.failures,
        opts,
        &mut sink,
    ) {
        eprintln!("dossier: cannot write into {}: {e}", to.display());
        return 2;
    }
    let _ = writeln!(
        out,
        "{} articles ({} failed), indexed in {:.1} s, written in {:.1} s to {}{}",
        built.index.len(),
        built.failures.len(),
        indexed.as_secs_f64(),
        (start.elapsed() - indexed).as_secs_f64(),
        to.display(),
        peak_memory().map_or(String::new(), |kb| format!(
            ", peak memory {:.2} GB",
            kb as f64 / (1 << 20) as f64
        )),
    );
    let mut rows: Vec<(&str, usize, usize, usize)> = Vec::new();
    for (label, prefix) in [
        ("manifest", shard::MANIFEST),
        ("catalogue", "catalogue."),
        ("dictionary", "dictionary."),
        ("terms", Kind::Terms.prefix()),
        ("grams", Kind::Grams.prefix()),
        ("texts", Kind::Texts.prefix()),
    ] {
        let sizes: Vec<usize> = written
            .iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .map(|(_, len)| *len)
            .collect();
        rows.push((
            label,
            sizes.len(),
            sizes.iter().sum(),
            sizes.iter().copied().max().unwrap_or(0),
        ));
    }
    for (label, n, total, max) in &rows {
        let _ = writeln!(
            out,
            "{label:<10} {n:>7} files {total:>13} bytes (largest {max})"
        );
    }
    let total: usize = written.iter().map(|(_, len)| len).sum();
    let _ = writeln!(
        out,
        "{:<10} {:>7} files {total:>13} bytes",
        "total",
        written.len()
    );
    0
}

/// The process's peak resident memory in KiB, where the system says (Linux's `VmHWM`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// `args` with the arguments of `search` that start with "-" and then neither "-" nor an
/// ASCII letter (a query that is an exclusion, -大纪元, which clap would read as short flags)
/// moved behind a "--" at the end, unless the command line has its own "--".
fn exclusions_last(args: &[String]) -> Vec<&str> {
    let is_query = |a: &str| {
        a.strip_prefix('-')
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c != '-' && !c.is_ascii_alphabetic())
    };
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    if args.first() != Some(&"search") || args.contains(&"--") || !args.iter().any(|a| is_query(a))
    {
        return args;
    }
    let queries: Vec<&str> = args.iter().copied().filter(|a| is_query(a)).collect();
    args.retain(|a| !is_query(a));
    args.push("--");
    args.extend(queries);
    args
}

/// `search`'s options.
struct SearchArgs {
    json: bool,
    sort: Sort,
    exact: bool,
    limit: usize,
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

fn list(dir: &str, out: &mut dyn Write) -> i32 {
    let Some(files) = read(dir) else { return 2 };
    for f in &files {
        let _ = writeln!(out, "{}\t{} bytes", f.path, f.bytes.len());
    }
    let _ = writeln!(out, "{} files", files.len());
    0
}

fn inspect(dir: &str, json: bool, text: bool, out: &mut dyn Write) -> i32 {
    let Some(files) = read(dir) else { return 2 };
    // `read_dir` sorts by path, so the output is in path order.
    let results: Vec<(String, Result<Article, parse::ParseError>)> = files
        .iter()
        .flat_map(|f| parse::parse_file(&f.path, &f.bytes))
        .collect();
    if json {
        let array: Vec<Value> = results
            .iter()
            .map(|(file, r)| {
                let mut v = to_json(file, r);
                if let (true, Ok(a), Value::Object(o)) = (text, r, &mut v) {
                    o.insert("text".into(), json!(a.texts().collect::<Vec<_>>()));
                }
                v
            })
            .collect();
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
            "date": a.date.map(|d| d.label()),
            "date_basis": a.date.map(|d| d.basis.as_str()),
            "source": a.source,
            "via": a.via,
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
            "via": Value::Null,
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

/// The curated name variants (`data/aliases.tsv`), as the app's build step reads them.
const CURATED_ALIASES: &str = include_str!("../../../data/aliases.tsv");

/// The collection in `dir`, indexed as the app's build step does (with jieba's whole
/// dictionary rather than the trimmed one: the same cuts, see tests/segmentation.rs).
fn index(dir: &str) -> Option<dossier_core::index::Index> {
    use dossier_core::text::Dictionary;
    let files = read(dir)?;
    let collection = parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    Some(
        dossier_core::index::Index::build_with_aliases(
            collection.articles,
            &Dictionary::Default,
            &aliases(dir),
        )
        .expect("jieba's default dictionary is well-formed"),
    )
}

/// The curated name variants merged with the collection's own (`DIR/aliases.tsv`).
fn aliases(dir: &str) -> AliasTable {
    let own = match corpus::read_aliases(Path::new(dir)) {
        Ok(own) => own,
        Err(e) => {
            eprintln!("dossier: cannot read {dir}/{}: {e}", corpus::ALIASES_FILE);
            None
        }
    };
    let (aliases, messages) = AliasTable::load(CURATED_ALIASES, own.as_deref());
    for m in messages {
        eprintln!("dossier: {m} (skipped)");
    }
    aliases
}

/// `dossier search [DIR] QUERY`: the app's search engine, natively.
fn search(dir: &str, query: &str, args: &SearchArgs, out: &mut dyn Write) -> i32 {
    use dossier_core::query::Query;
    use dossier_core::search::{Options as SearchOptions, Searcher};

    let opts = SearchOptions {
        sort: args.sort,
        exact: args.exact,
        ..SearchOptions::default()
    };
    let (json, limit) = (args.json, args.limit);
    let Some(index) = index(dir) else { return 2 };
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
                    "date": a.date.map(|d| d.label()),
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
    let shown = if results.hits.len() > limit {
        format!(", the first {limit} shown (--limit)")
    } else {
        String::new()
    };
    let also = if results.also.is_empty() {
        String::new()
    } else {
        format!("; also searched: {}", results.also.join(" "))
    };
    let _ = writeln!(
        out,
        "{} articles for {query:?} (segmented: {}{also}){shown}",
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

/// `dossier facets [DIR] [--top N]`: the facet counts the app shows for the whole collection
/// (an empty query), `top` values each (0: all): facets most frequent first, months by date.
fn facets(dir: &str, top: usize, out: &mut dyn Write) -> i32 {
    use dossier_core::query::Query;
    use dossier_core::search::{FacetGroup, Options as SearchOptions, Searcher};

    let Some(index) = index(dir) else { return 2 };
    let results = Searcher::new(&index).search(&Query::default(), &SearchOptions::default());
    let _ = writeln!(out, "{} articles", index.len());
    for (group, counts) in &results.facets {
        let name = match group {
            FacetGroup::Filter(kind) => kind.key(),
            FacetGroup::Month => "month",
        };
        let top = if top == 0 { counts.len() } else { top };
        let _ = writeln!(out, "\n{name} ({} values)", counts.len());
        for (value, n) in counts.iter().take(top) {
            let _ = writeln!(out, "  {n:>5}  {value}");
        }
    }
    0
}

/// `dossier stories [DIR] [--json]`: the index's groups of re-posts and near-duplicates, each
/// member with the Jaccard similarity of its body's shingles to the representative's.
fn stories(dir: &str, json: bool, out: &mut dyn Write) -> i32 {
    use dossier_core::index::{Field, dups};

    let Some(index) = index(dir) else { return 2 };
    let body = |doc: u32| index.docs()[doc as usize].folded()[Field::Body as usize].as_str();
    let groups: Vec<Value> = index
        .groups()
        .lists()
        .iter()
        .map(|members| {
            let rep = members[0];
            let list: Vec<Value> = members
                .iter()
                .map(|&d| {
                    let a = &index.articles()[d as usize];
                    let similarity = dups::similarity(body(rep), body(d));
                    json!({
                        "file": a.file,
                        "title": a.title,
                        "source": a.source,
                        "date": a.date.map(|d| d.label()),
                        "similarity": (similarity * 1000.0).round() / 1000.0,
                    })
                })
                .collect();
            json!({ "representative": index.articles()[rep as usize].file, "articles": list })
        })
        .collect();
    if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&groups).unwrap_or_default()
        );
        return 0;
    }
    let grouped: usize = index.groups().lists().iter().map(Vec::len).sum();
    let _ = writeln!(
        out,
        "{} articles, {} in {} groups of re-posts and near-duplicates (similarity >= {})",
        index.len(),
        grouped,
        groups.len(),
        dups::THRESHOLD
    );
    for (i, group) in groups.iter().enumerate() {
        let _ = writeln!(out, "\ngroup {}", i + 1);
        for a in group["articles"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "  {:.3}  {}  {}  {}  [{}]",
                a["similarity"].as_f64().unwrap_or_default(),
                a["date"].as_str().unwrap_or("----------"),
                a["source"].as_str().unwrap_or("来源不明"),
                a["title"].as_str().unwrap_or_default(),
                a["file"].as_str().unwrap_or_default(),
            );
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
