//! What one keystroke computes in the page, natively, over a sharded build's files (issue 17's
//! warm-keystroke and long-task budgets): for each query of the fixed list, once everything
//! it reads is loaded, the view's search (with facet counts over every hit), the result list's
//! stories (re-posts folded) and the timeline over the unnarrowed hits, with the facet tables
//! prepared as the page prepares them once it is ready. The empty query is also what the
//! hydrating first render computes.
//!
//! ```text
//! BENCH_SHARDS=target/bench/sharded-100000-dist/shards cargo bench --bench keystroke
//! ```
//!
//! Prints each query's figures and median and p95 per stage over the queries; figures are
//! printed, not asserted. `BENCH_QUERY=…` measures that one query (`BENCH_QUERY=` the empty
//! one: the first render's).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier_core::search::stories::stories;
use dossier_core::shard::{self, Sharded};
use dossier_core::state::ViewState;
use dossier_core::timeline::Mentions;

#[path = "support/queries.rs"]
mod queries;
#[path = "support/stats.rs"]
mod stats;

use stats::{Stats, ms};

fn main() {
    let dir = PathBuf::from(
        std::env::var("BENCH_SHARDS")
            .unwrap_or_else(|_| "target/bench/sharded-100000-dist/shards".into()),
    );
    let mut fetch = shard::Dir(dir.clone());
    let t = Instant::now();
    let mut sharded = Sharded::open(&mut fetch)
        .unwrap_or_else(|e| panic!("no sharded build in {}: {e}", dir.display()));
    let taken = sharded.take_mentions();
    let mentions = Mentions::new(sharded.index().articles(), taken);
    println!(
        "opened {} ({} articles, {} mentions) in {:.0} ms",
        dir.display(),
        sharded.index().len(),
        mentions.len(),
        ms(t.elapsed())
    );
    // What counting the facets reads per article: each table's value ids.
    let index = sharded.index();
    let per_article: Vec<String> = dossier_core::index::Facet::ALL
        .into_iter()
        .map(|kind| {
            let table = index.facet(kind);
            let ids: usize = (0..index.len()).map(|doc| table.of(doc).len()).sum();
            format!(
                "{} {:.1} ({} values)",
                kind.key(),
                ids as f64 / index.len().max(1) as f64,
                table.values.len()
            )
        })
        .collect();
    println!("facet ids per article: {}", per_article.join(", "));
    // As the page does once it is ready: the tables large result sets are counted with.
    let t = Instant::now();
    index.tables().for_each(|table| table.prepare());
    println!(
        "facet tables prepared for large sets in {:.1} ms",
        ms(t.elapsed())
    );
    // Per query: search, stories, timeline (median of runs).
    let mut rows = Vec::new();
    let only = std::env::var("BENCH_QUERY").ok();
    for q in queries::QUERIES
        .into_iter()
        .filter(|q| only.as_deref().is_none_or(|o| o == *q))
    {
        let view = ViewState {
            query: q.to_owned(),
            ..ViewState::default()
        };
        let keystroke = |index: &dossier_core::index::Index| {
            let t = Instant::now();
            let (all, narrowed) = view.search(index);
            let searched = t.elapsed();
            let results = narrowed.as_ref().unwrap_or(&all);
            let t = Instant::now();
            let entries = stories(index, &results.hits).len();
            let storied = t.elapsed();
            let t = Instant::now();
            let docs: Vec<usize> = all.hits.iter().map(|h| h.doc).collect();
            let timeline = mentions.timeline(&docs);
            let charted = t.elapsed();
            black_box((entries, timeline.buckets.len()));
            (all.hits.len(), [searched, storied, charted])
        };
        sharded
            .resolve(&mut fetch, |index| keystroke(index))
            .expect("the files read");
        let mut runs: Vec<[f64; 4]> = Vec::new();
        let mut hits = 0;
        let start = Instant::now();
        while runs.len() < 21 && (runs.len() < 5 || start.elapsed() < Duration::from_millis(500)) {
            let (h, d) = keystroke(sharded.index());
            hits = h;
            let [a, b, c] = d.map(ms);
            runs.push([a, b, c, a + b + c]);
        }
        let median = |i: usize| {
            let mut v: Vec<f64> = runs.iter().map(|r| r[i]).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        rows.push((q, hits, [0, 1, 2, 3].map(median)));
    }
    println!(
        "\n{:>7} {:>9} {:>9} {:>9} {:>9}  query",
        "hits", "search", "stories", "timeline", "total"
    );
    for (q, hits, m) in &rows {
        println!(
            "{hits:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2}  {}",
            m[0],
            m[1],
            m[2],
            m[3],
            if q.is_empty() { "(empty)" } else { q }
        );
    }
    let names = [
        "search (facets included)",
        "stories",
        "timeline",
        "keystroke total",
    ];
    println!();
    for (i, name) in names.iter().enumerate() {
        let s = Stats::of_ms(&rows.iter().map(|r| r.2[i]).collect::<Vec<_>>());
        println!(
            "{name:<26} median {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms",
            s.median, s.p95, s.max
        );
    }
}
