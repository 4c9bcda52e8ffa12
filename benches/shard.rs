//! The sharded index's figures (issue 17): build time and peak memory of a synthetic
//! collection, the files written (count, total, per kind, largest), and what each query of
//! `benches/search.rs`'s list transfers from a fresh reader: its search plus the snippets of
//! its top 20 hits, raw and gzip-compressed (`gzip -6` per file, as a static host serves them;
//! for a query fetching more than 300 files, the first 300 are compressed and the rest counted
//! at their ratio).
//!
//! ```text
//! cargo bench --bench shard                          # 100,000 articles
//! BENCH_SHARD_COUNT=10000 cargo bench --bench shard
//! BENCH_SHARD_BYTES=16384 BENCH_TEXT_BYTES=8192 cargo bench --bench shard  # shard sizes
//! ```
//!
//! Every query's results and snippets are compared with the index the files were written
//! from (they must be identical). Peak memory is the process's (`VmHWM`), which includes the generated files held in memory;
//! `/usr/bin/time -v cargo dossier shard DIR --out OUT` measures the CLI's build alone. Figures
//! are printed, not asserted.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use dossier_core::corpus::SourceFile;
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher};
use dossier_core::shard::{self, Fetch, Kind, ShardError, Sharded};
use dossier_core::text::aliases::AliasTable;

#[path = "support/queries.rs"]
mod queries;
#[path = "support/stats.rs"]
mod stats;

/// Hits whose snippets a result page shows.
const SNIPPET_HITS: usize = 20;
/// Files of a query whose gzip size is measured; the rest are estimated at their ratio.
const GZIP_SAMPLE: usize = 300;
/// Budget of the issue: bytes a query transfers.
const BUDGET_QUERY_BYTES: usize = 150 * 1024;

/// A directory, counting what is fetched.
struct Counting {
    dir: PathBuf,
    fetched: Vec<String>,
}

impl Fetch for Counting {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, ShardError> {
        self.fetched.push(name.to_owned());
        shard::Dir(self.dir.clone()).fetch(name)
    }
}

/// The gzip size of a file (`gzip -6`), cached.
fn gzip_size(path: &Path, cache: &mut HashMap<PathBuf, usize>) -> usize {
    if let Some(&n) = cache.get(path) {
        return n;
    }
    let bytes = std::fs::read(path).expect("a fetched file is readable");
    let mut child = Command::new("gzip")
        .arg("-6c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip runs");
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("gzip ends");
    writer.join().expect("the writer ends").expect("gzip reads");
    cache.insert(path.to_owned(), out.stdout.len());
    out.stdout.len()
}

fn median(v: &mut [usize]) -> usize {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn main() {
    let count: usize = std::env::var("BENCH_SHARD_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let shard_bytes: usize = std::env::var("BENCH_SHARD_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(shard::Options::default().shard_bytes);
    let text_bytes: usize = std::env::var("BENCH_TEXT_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(shard::Options::default().text_bytes);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dict = std::fs::read_to_string(root.join("data/jieba/dict.txt")).expect("dictionary");
    let curated = std::fs::read_to_string(root.join("data/aliases.tsv")).expect("aliases");
    let aliases = AliasTable::load(&curated, None).0;

    let t = Instant::now();
    let files: Vec<SourceFile> = dossier_synth::generate(&dossier::embedded::files(), count, 42)
        .into_iter()
        .map(|(path, bytes)| SourceFile::new(path, bytes))
        .collect();
    let file_bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "## {count} synthetic articles ({:.0} MB of files), generated in {:.1} s; term and gram shards aim at {shard_bytes} bytes, text shards at {text_bytes}",
        file_bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let built = dossier_core::bundle::build(&files, &dict, &aliases).expect("the build runs");
    drop(files);
    let t_build = t.elapsed();
    let peak_build = stats::status_mb("VmHWM:");
    let out = root.join(format!("target/shard-bench-{count}"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("target/ is writable");
    let t = Instant::now();
    let mut written: Vec<(String, usize)> = Vec::new();
    shard::write_to(
        &built.index,
        &built.dictionary,
        &built.failures,
        &shard::Options {
            shard_bytes,
            text_bytes,
            ..shard::Options::default()
        },
        &mut |name, bytes| {
            std::fs::write(out.join(name), &bytes)?;
            written.push((name.to_owned(), bytes.len()));
            Ok(())
        },
    )
    .expect("target/ is writable");
    let t_write = t.elapsed();
    let peak = stats::status_mb("VmHWM:");
    println!(
        "build (parse, trim dictionary, index, grams): {:.1} s; write shards: {:.1} s; peak memory {:.0} MB after the build, {:.0} MB after the write (the process's, with the generated files in memory during the build)",
        t_build.as_secs_f64(),
        t_write.as_secs_f64(),
        peak_build.unwrap_or(0.0),
        peak.unwrap_or(0.0)
    );
    let total: usize = written.iter().map(|(_, len)| len).sum();
    println!(
        "files: {} ({:.1} MB) in {}",
        written.len(),
        total as f64 / 1e6,
        out.display()
    );
    for prefix in [
        "manifest",
        "catalogue",
        "dictionary",
        "terms",
        "grams",
        "texts",
    ] {
        let sizes: Vec<usize> = written
            .iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .map(|(_, len)| *len)
            .collect();
        let mut sorted = sizes.clone();
        println!(
            "  {prefix:<10} {:>7} files, {:>8.1} MB, median {:>8} B, largest {:>9} B",
            sizes.len(),
            sizes.iter().sum::<usize>() as f64 / 1e6,
            median(&mut sorted),
            sizes.iter().max().copied().unwrap_or(0)
        );
    }
    drop(written);

    // Queries, each from a fresh reader: what it transfers after the catalogue.
    let mut gz_cache = HashMap::new();
    let mut fetch = Counting {
        dir: out.clone(),
        fetched: Vec::new(),
    };
    let t = Instant::now();
    let opened = Sharded::open(&mut fetch).expect("the files written read");
    let t_open = t.elapsed();
    let open_raw: usize = fetch
        .fetched
        .iter()
        .map(|n| std::fs::metadata(out.join(n)).map_or(0, |m| m.len() as usize))
        .sum();
    let open_gz: usize = fetch
        .fetched
        .iter()
        .map(|n| gzip_size(&out.join(n), &mut gz_cache))
        .sum();
    println!(
        "opening (manifest, catalogue, dictionary): {:.1} MB raw, {:.1} MB gzip, {:.0} ms to assemble",
        open_raw as f64 / 1e6,
        open_gz as f64 / 1e6,
        t_open.as_secs_f64() * 1e3
    );
    let shards = [Kind::Terms, Kind::Grams, Kind::Texts].map(|k| opened.count(k));
    drop(opened);
    println!(
        "shards: {} term, {} gram, {} text",
        shards[0], shards[1], shards[2]
    );
    println!(
        "\n{:<4} {:>7} {:>6} {:>6} {:>10} {:>10} {:>10} {:>9}  query",
        "#", "hits", "rounds", "files", "raw B", "gzip B", "search B", "ms"
    );
    let (mut raws, mut gzs, mut searches) = (Vec::new(), Vec::new(), Vec::new());
    // Each query's results and snippets against the index the files were written from.
    let mut identical = 0;
    for (i, q) in queries::QUERIES.iter().enumerate() {
        let mut sharded = Sharded::open(&mut fetch).expect("the files written read");
        fetch.fetched.clear();
        let t = Instant::now();
        let r = sharded
            .search(&mut fetch, &Query::parse(q), &Options::default())
            .expect("the search reads its shards");
        let search_files = fetch.fetched.clone();
        let rounds = sharded.rounds() - 1;
        let mut snippets = Vec::new();
        for h in r.hits.iter().take(SNIPPET_HITS) {
            snippets.push(
                sharded
                    .snippets(&mut fetch, h.doc, &r.needles, 3, 100)
                    .expect("the snippets read their shards"),
            );
        }
        let elapsed = t.elapsed();
        let embedded = Searcher::new(&built.index);
        let want = embedded.search(&Query::parse(q), &Options::default());
        let want_snippets: Vec<_> = want
            .hits
            .iter()
            .take(SNIPPET_HITS)
            .map(|h| embedded.snippets(h.doc, &want.needles, 3, 100))
            .collect();
        if r == want && snippets == want_snippets {
            identical += 1;
        } else {
            println!("!! {q:?}: the sharded results differ from the embedded index's");
        }
        let size = |n: &String| std::fs::metadata(out.join(n)).map_or(0, |m| m.len() as usize);
        let raw: usize = fetch.fetched.iter().map(size).sum();
        let search_raw: usize = search_files.iter().map(size).sum();
        // gzip each file; past GZIP_SAMPLE files, the rest at the ratio of those.
        let sample = &fetch.fetched[..fetch.fetched.len().min(GZIP_SAMPLE)];
        let sample_raw: usize = sample.iter().map(size).sum();
        let sample_gz: usize = sample
            .iter()
            .map(|n| gzip_size(&out.join(n), &mut gz_cache))
            .sum();
        let gz = if sample.len() == fetch.fetched.len() {
            sample_gz
        } else {
            (raw as f64 * sample_gz as f64 / sample_raw.max(1) as f64) as usize
        };
        println!(
            "{:<4} {:>7} {:>6} {:>6} {:>10} {:>10} {:>10} {:>9.1}  {}",
            i + 1,
            r.hits.len(),
            rounds,
            fetch.fetched.len(),
            raw,
            gz,
            search_raw,
            elapsed.as_secs_f64() * 1e3,
            if q.is_empty() { "(empty)" } else { q }
        );
        raws.push(raw);
        gzs.push(gz);
        searches.push(search_raw);
    }
    println!(
        "\nsharded results (hits, scores, order, facets, highlights, snippets of the top {SNIPPET_HITS}) identical to the embedded index's: {identical} of {} queries",
        queries::QUERIES.len()
    );
    let max = |v: &[usize]| v.iter().max().copied().unwrap_or(0);
    let over = gzs.iter().filter(|&&g| g > BUDGET_QUERY_BYTES).count();
    println!(
        "\nbytes per query (search + snippets of the top {SNIPPET_HITS}), over {} queries: raw median {} max {}; gzip median {} max {} (budget {BUDGET_QUERY_BYTES}: {over} over); search alone raw median {} max {}",
        raws.len(),
        median(&mut raws.clone()),
        max(&raws),
        median(&mut gzs.clone()),
        max(&gzs),
        median(&mut searches.clone()),
        max(&searches),
    );
}
