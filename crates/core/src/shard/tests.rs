//! The sharded reader against the index it was written from (the seeds), and its decoders
//! against truncated and mutated files. `tests/shard.rs` (the app package) compares the two
//! over the seed table and a synthetic collection.

use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::bundle::{Built, build};
use crate::search::Sort;
use crate::test_rng::Rng;
use crate::text::aliases::AliasTable;

/// The seeds, built as the app's build step builds them, once for all the tests.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let files = crate::corpus::read_dir(&root.join("articles")).unwrap();
        let dict = std::fs::read_to_string(root.join("data/jieba/dict.txt")).unwrap();
        let curated = std::fs::read_to_string(root.join("data/aliases.tsv")).unwrap();
        let (aliases, _) = AliasTable::load(&curated, None);
        build(&files, &dict, &aliases).unwrap()
    })
}

/// The seeds' files, cut small so that there are many shards of each kind.
fn files() -> Files {
    let b = built();
    Files::new(write(
        &b.index,
        &b.dictionary,
        &b.failures,
        &Options {
            shard_bytes: 512,
            text_bytes: 512,
            ..Options::default()
        },
    ))
}

/// A fresh reader's search for `q` over [`files`], checked against the embedded index's: the
/// reader (what it loaded, its rounds) and the results.
fn fresh_search(q: &str) -> (Sharded, Results) {
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let got = sharded
        .search(&mut fetch, &Query::parse(q), &SearchOptions::default())
        .unwrap();
    let want = Searcher::new(&built().index).search(&Query::parse(q), &SearchOptions::default());
    assert_eq!(got, want, "{q}");
    (sharded, got)
}

/// How many shards of `kind` `sharded` has loaded; for grams, those holding postings
/// (`positions` false) or pairs' positions (true).
fn loaded(sharded: &Sharded, kind: Kind, positions: bool) -> usize {
    let all = 0..sharded.count(kind) as u32;
    let first = sharded.shelf().gram_postings();
    all.filter(|&n| kind != Kind::Grams || (n >= first) == positions)
        .filter(|&shard| sharded.is_loaded(Need { kind, shard }))
        .count()
}

#[test]
fn the_files_are_the_same_whatever_the_batches_and_the_index_substrings() {
    let b = built();
    let opts = Options {
        shard_bytes: 512,
        text_bytes: 512,
        ..Options::default()
    };
    let one_batch = write(&b.index, &b.dictionary, &b.failures, &opts);
    // A pass over the texts per shard, for the grams and for the positions.
    let batched = write(
        &b.index,
        &b.dictionary,
        &b.failures,
        &Options {
            batch_bytes: 1,
            ..opts
        },
    );
    assert_eq!(batched, one_batch);
    let grams = one_batch
        .iter()
        .filter(|(name, _)| name.starts_with(Kind::Grams.prefix()))
        .count();
    assert!(grams > 20, "{grams} gram shards, so many batches");
    // `dossier shard`'s build: files parsed one at a time, an index without grams.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut collection = crate::parse::Collection::default();
    for (path, full) in crate::corpus::list_files(&root.join("articles")).unwrap() {
        collection.add(&path, &std::fs::read(full).unwrap(), None);
    }
    let dict = std::fs::read_to_string(root.join("data/jieba/dict.txt")).unwrap();
    let curated = std::fs::read_to_string(root.join("data/aliases.tsv")).unwrap();
    let (aliases, _) = AliasTable::load(&curated, None);
    let lean = crate::bundle::build_for_shards(collection.sorted(), &dict, &aliases).unwrap();
    assert!(!lean.index.has_grams() && b.index.has_grams());
    assert_eq!(
        write(&lean.index, &lean.dictionary, &lean.failures, &opts),
        one_batch
    );
}

#[test]
fn names_are_content_hashes_and_the_manifest_comes_last() {
    let b = built();
    let written = write(&b.index, &b.dictionary, &b.failures, &Options::default());
    assert_eq!(written.last().unwrap().0, MANIFEST);
    let files = files();
    assert!(files.files.contains_key(MANIFEST));
    for (name, bytes) in &files.files {
        if name != MANIFEST {
            let h = name.split('.').nth(1).unwrap();
            assert_eq!(h, format!("{:016x}", hash(bytes)), "{name}");
        }
    }
    let s = Sharded::open(&mut files.clone()).unwrap();
    assert!(s.count(Kind::Terms) > 1 && s.count(Kind::Grams) > 1 && s.count(Kind::Texts) > 1);
}

#[test]
fn a_sentence_fetches_all_its_words_in_one_round() {
    let q = "美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复";
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let found = sharded
        .search(&mut fetch, &Query::parse(q), &SearchOptions::default())
        .unwrap();
    let words = found.segmented[0].len();
    assert!(words >= 10, "{:?}", found.segmented);
    // The words' shards in the first round, then the grams of any word read as a substring,
    // then the search that reads only what is loaded: not a round for each word.
    assert!(
        sharded.rounds() <= 3,
        "{} rounds for {words} words",
        sharded.rounds()
    );
    let embedded =
        Searcher::new(&built().index).search(&Query::parse(q), &SearchOptions::default());
    assert_eq!(found.hits, embedded.hits);
}

#[test]
fn the_reader_answers_as_the_index_it_was_written_from() {
    let index = &built().index;
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let opened = fetch.fetched_bytes;
    for q in [
        "布林肯",
        "北約 -大纪元",
        "\"书面回复\"",
        "东扩",
        "的",
        "哈哈",
        "美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复",
        "tag:北约 2022-01",
        "\"nato said\"",
        "",
        "普京 OR 泽伦斯基 -拜登",
    ] {
        for (exact, sort) in [(false, Sort::Relevance), (true, Sort::Oldest)] {
            let opts = SearchOptions {
                exact,
                sort,
                ..SearchOptions::default()
            };
            let want = Searcher::new(index).search(&Query::parse(q), &opts);
            let got = sharded.search(&mut fetch, &Query::parse(q), &opts).unwrap();
            assert_eq!(got, want, "{q} exact={exact}");
            for h in want.hits.iter().take(3) {
                assert_eq!(
                    sharded
                        .snippets(&mut fetch, h.doc, &want.needles, 3, 100)
                        .unwrap(),
                    Searcher::new(index).snippets(h.doc, &want.needles, 3, 100),
                    "{q}"
                );
            }
        }
    }
    assert!(fetch.fetched_bytes > opened, "shards were fetched");
}

#[test]
fn a_fresh_reader_fetches_only_the_shards_of_a_query() {
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let before = fetch.fetched_files;
    sharded
        .search(&mut fetch, &Query::parse("东扩"), &SearchOptions::default())
        .unwrap();
    let shards = sharded.count(Kind::Terms) + sharded.count(Kind::Grams);
    assert!(
        fetch.fetched_files - before < shards / 2,
        "{} of {shards}",
        fetch.fetched_files - before
    );
    assert!(
        (0..sharded.count(Kind::Texts) as u32).all(|shard| !sharded.is_loaded(Need {
            kind: Kind::Texts,
            shard
        })),
        "a two-character word reads no text"
    );
    let key = grams::key_of("东扩").unwrap();
    let n = sharded.shelf().gram_postings();
    let (rest, whole) = (gram_shard(key, n), gram_shard(key | grams::WHOLE, n));
    assert!(sharded.index().postings("东扩").is_some());
    assert!(
        rest == whole
            || !sharded.is_loaded(Need {
                kind: Kind::Grams,
                shard: whole
            }),
        "a word reads only the part of its gram outside its own documents"
    );
}

/// Every word of three or more characters with a Han one: what the writer counted where it is
/// not a whole word is what counting it in those documents' texts gives.
#[test]
fn words_are_counted_besides_their_whole_words_as_in_the_texts() {
    let index = &built().index;
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    for shard in 0..sharded.count(Kind::Terms) as u32 {
        let need = Need {
            kind: Kind::Terms,
            shard,
        };
        let bytes = fetch.fetch(&sharded.name(need).unwrap()).unwrap();
        sharded.load(need, &bytes).unwrap();
    }
    let mut counted = 0;
    for term in index.terms() {
        let long = term.chars().count() >= 3 && term.chars().any(crate::text::is_han);
        let got = sharded.index().counted_besides_word(term);
        if !long {
            assert!(got.is_none(), "{term}");
            continue;
        }
        let whole = index.postings(term).unwrap();
        let mut want = Postings::default();
        for (doc, d) in index.docs().iter().enumerate() {
            if grams::has_doc(whole, doc) {
                continue;
            }
            for (field, text) in crate::index::FIELDS.iter().zip(d.folded().iter()) {
                let n = memchr::memmem::find_iter(text.as_bytes(), term.as_bytes()).count();
                if n > 0 {
                    want.push(doc as u32, *field, n as u32);
                }
            }
        }
        counted += want.len();
        assert_eq!(got.unwrap().cloned().unwrap_or_default(), want, "{term}");
    }
    assert!(
        counted > 0,
        "some words occur where they are not whole words"
    );
    assert_eq!(sharded.index().counted_besides_word("不是一个词"), None);
}

#[test]
fn long_phrases_and_exclusions_are_counted_from_positions_without_text() {
    for q in [
        "\"书面回复\"",
        "北約 -大纪元",
        "美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复",
        "布林肯",
        "克里姆林宫",
        "普京 -俄罗斯",
    ] {
        let (sharded, got) = fresh_search(q);
        assert!(!got.hits.is_empty() || q.contains('-'), "{q}");
        assert_eq!(loaded(&sharded, Kind::Texts, false), 0, "{q} reads no text");
        let words = ["布林肯", "克里姆林宫", "普京 -俄罗斯"].contains(&q);
        assert!(
            !words || loaded(&sharded, Kind::Grams, true) == 0,
            "the word {q} reads no positions"
        );
    }
}

#[test]
fn a_corrupt_file_is_an_error() {
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let need = Need {
        kind: Kind::Terms,
        shard: 0,
    };
    let name = sharded.name(need).unwrap();
    let mut bytes = fetch.files[&name].clone();
    bytes[0] ^= 1;
    assert!(matches!(
        sharded.load(need, &bytes),
        Err(ShardError::Corrupt { .. })
    ));
    for (name, bytes) in fetch.files.iter_mut() {
        if name.starts_with("terms-") {
            bytes[0] ^= 1;
        }
    }
    assert!(
        sharded
            .search(
                &mut fetch,
                &Query::parse("布林肯 东扩 的"),
                &SearchOptions::default()
            )
            .is_err()
    );
    let mut broken = files();
    let cat = broken
        .files
        .keys()
        .find(|n| n.starts_with("catalogue."))
        .unwrap()
        .clone();
    broken.files.get_mut(&cat).unwrap().pop();
    assert!(matches!(
        Sharded::open(&mut broken),
        Err(ShardError::Corrupt { .. })
    ));
    let mut gone = files();
    gone.files.remove(MANIFEST);
    assert!(matches!(
        Sharded::open(&mut gone),
        Err(ShardError::Fetch { .. })
    ));
}

/// Truncations and random mutations of `bytes`.
fn mutations(bytes: &[u8], rng: &mut Rng, n: usize) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = (0..bytes.len().min(64))
        .map(|i| bytes[..bytes.len() * i / 64].to_vec())
        .collect();
    for _ in 0..n {
        let mut b = bytes.to_vec();
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                0 if !b.is_empty() => {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
                1 if !b.is_empty() => {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
                2 => {
                    let i = rng.below(b.len() + 1);
                    b.insert(i, rng.next() as u8);
                }
                _ if !b.is_empty() => {
                    let i = rng.below(b.len());
                    b.remove(i);
                }
                _ => {}
            }
        }
        out.push(b);
    }
    out
}

/// Property: every shard file, truncated or mutated, loads or fails, never panics, and a
/// search over whatever loaded never panics either (the hash check is bypassed: these are
/// the decoders' own checks).
#[test]
fn mutated_shards_fail_or_load_and_never_panic() {
    let fetch = files();
    let pristine = Sharded::open(&mut fetch.clone()).unwrap();
    let mut rng = Rng(0x5eed_0017);
    let mut failed = 0;
    let mut total = 0;
    for kind in [Kind::Terms, Kind::Grams, Kind::Texts] {
        let n = pristine.count(kind) as u32;
        // The first shards, and the last gram shards (pairs' positions).
        let last = if kind == Kind::Grams {
            n.saturating_sub(4)
        } else {
            n
        };
        for shard in (0..n.min(6)).chain(last.max(6)..n) {
            let need = Need { kind, shard };
            let name = pristine.name(need).unwrap();
            let bytes = &fetch.files[&name];
            for m in mutations(bytes, &mut rng, 40) {
                let mut s = Sharded::open(&mut fetch.clone()).unwrap();
                total += 1;
                match s.load_unchecked(need, &name, &m) {
                    Err(_) => failed += 1,
                    Ok(()) => {
                        if let Some(shelf) = s.index.shelf_mut() {
                            shelf.mark(need);
                        }
                        for q in ["布林肯", "的", "\"书面回复\" -大纪元"] {
                            let r = Searcher::new(s.index())
                                .search(&Query::parse(q), &SearchOptions::default());
                            for h in r.hits.iter().take(2) {
                                Searcher::new(s.index()).snippets(h.doc, &r.needles, 2, 50);
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failed * 2 > total,
        "most mutations are caught: {failed} of {total}"
    );
}

#[test]
fn mutated_catalogues_and_manifests_fail_or_open_and_never_panic() {
    let fetch = files();
    let b = built();
    let (cat_name, catalogue) = fetch
        .files
        .iter()
        .find(|(n, _)| n.starts_with("catalogue."))
        .unwrap();
    let mut rng = Rng(17);
    let mut failed = 0;
    let all = mutations(catalogue, &mut rng, 150);
    for m in &all {
        if Sharded::from_bytes(m, &b.dictionary).is_err() {
            failed += 1;
        }
    }
    assert!(
        failed * 2 > all.len(),
        "{cat_name}: {failed} of {}",
        all.len()
    );
    for m in mutations(&fetch.files[MANIFEST], &mut rng, 100) {
        let mut f = fetch.clone();
        f.files.insert(MANIFEST.into(), m);
        let _ = Sharded::open(&mut f);
    }
}

#[test]
fn file_names_name_their_shards() {
    let files = files();
    let s = Sharded::open(&mut files.clone()).unwrap();
    for kind in [Kind::Terms, Kind::Grams, Kind::Texts] {
        for shard in 0..s.count(kind) as u32 {
            let need = Need { kind, shard };
            assert_eq!(Need::of_file(&s.name(need).unwrap()), Some(need));
        }
    }
    for other in [
        MANIFEST,
        "catalogue.0123456789abcdef.bin",
        "terms.bin",
        "texts-x.1.bin",
        "words-1.2.bin",
        "",
    ] {
        assert_eq!(Need::of_file(other), None, "{other}");
    }
}

#[test]
fn opening_names_the_catalogue_and_dictionary_and_checks_them() {
    let files = files();
    let opening = Opening::read(&files.files[MANIFEST]).unwrap();
    assert_eq!(opening.docs, built().index.len());
    let (cat, dict) = (
        &files.files[&opening.catalogue.0],
        &files.files[&opening.dictionary.0],
    );
    let s = Sharded::opened(&opening, cat, dict).unwrap();
    assert_eq!(s.index().len(), built().index.len());
    // A catalogue of another build, or a damaged dictionary, is refused by name.
    let mut bad = dict.clone();
    bad[0] ^= 1;
    assert!(matches!(
        Sharded::opened(&opening, cat, &bad),
        Err(ShardError::Corrupt { name }) if name == opening.dictionary.0
    ));
    assert!(Opening::read(b"not a manifest").is_err());
}

#[test]
fn the_catalogue_carries_the_timeline_mentions() {
    let b = built();
    let s = Sharded::open(&mut files()).unwrap();
    let all = crate::timeline::mentions_of(b.index.articles(), 0..b.index.len());
    assert!(!all.is_empty());
    assert_eq!(s.mentions(), all.as_slice());
    // Their sentences are in the texts: read through `article_text`, they need its shard.
    let m = &s.mentions()[0];
    assert_eq!(m.text_in(s.index().article_text(m.doc)), "");
    assert!(s.take_missing().iter().any(|n| n.kind == Kind::Texts));
}

#[test]
fn misses_count_reads_of_what_is_not_loaded() {
    let mut files = files();
    let mut s = Sharded::open(&mut files).unwrap();
    assert!(s.index().is_sharded() && !built().index.is_sharded());
    assert_eq!(built().index.misses(), 0);
    assert!(built().index.has_text(0));
    let before = s.index().misses();
    assert!(!s.index().has_text(0), "has_text does not load or note");
    assert_eq!(s.index().misses(), before);
    assert!(s.take_missing().is_empty());
    let q = Query::parse("普京");
    let run = |s: &Sharded| Searcher::new(s.index()).search(&q, &SearchOptions::default());
    run(&s);
    assert!(
        s.index().misses() > before,
        "an incomplete search shows in the count"
    );
    // Resolved, a search reads only what is loaded: the count stays.
    s.search(&mut files, &q, &SearchOptions::default()).unwrap();
    let settled = s.index().misses();
    run(&s);
    assert_eq!(s.index().misses(), settled);
}

#[test]
fn the_catalogue_reads_in_parts_and_refuses_them_out_of_order() {
    let files = files();
    let opening = Opening::read(&files.files[MANIFEST]).unwrap();
    let bytes = files.files[&opening.catalogue.0].clone();
    let mut reader = CatalogueReader::new("c", Some(opening.catalogue.1), bytes.clone()).unwrap();
    let mut steps = 0;
    let mut last = reader.progress();
    while reader.step().unwrap() {
        steps += 1;
        assert!(reader.progress() > last);
        last = reader.progress();
    }
    // The facet tables, months, groups, mentions and the articles: a step each at least.
    assert!(steps >= crate::index::Facet::ALL.len() + 3, "{steps} steps");
    // The rest as the page takes it: the segmenter, the checks, the index.
    let stepped = reader
        .prepare(&built().dictionary)
        .unwrap()
        .check()
        .unwrap()
        .finish();
    assert_eq!(stepped.index().len(), 5);

    // Read in steps (the page's tasks) or at once: the same index, segmenting the same.
    let whole = Sharded::from_bytes(&bytes, &built().dictionary).unwrap();
    let cut = |s: &Sharded| s.index().analyzer().cut("北约东扩的书面回复");
    assert_eq!(cut(&stepped), cut(&whole));
    assert_eq!(stepped.index().order().newest, whole.index().order().newest);

    // The same parts with the months moved before the facet tables: refused at once.
    let (head_len, mut parts) = split_parts(&bytes);
    let months = parts.remove(crate::index::Facet::ALL.len());
    parts.insert(0, months);
    let mut swapped = bytes[..head_len].to_vec();
    for part in parts {
        swapped.extend_from_slice(part);
    }
    let mut reader = CatalogueReader::new("c", None, swapped).unwrap();
    assert!(matches!(reader.step(), Err(ShardError::Decode { .. })));
}

/// The length of a catalogue's head and its parts (each with its length prefix).
fn split_parts(bytes: &[u8]) -> (usize, Vec<&[u8]>) {
    let (_, rest) = postcard::take_from_bytes::<u32>(bytes).unwrap();
    let (_, mut rest) = postcard::take_from_bytes::<Catalogue>(rest).unwrap();
    let head = bytes.len() - rest.len();
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        parts.push(&rest[..4 + len]);
        rest = &rest[4 + len..];
    }
    (head, parts)
}

#[test]
fn a_phrase_and_an_exclusion_ask_for_all_they_read_in_the_first_round() {
    // A phrase's pairs (书面 and 回复, in two shards) come together; an exclusion's gram is
    // asked for although no hit is there yet to test against it.
    for q in ["\"书面回复\"", "普京 -拜登", "\"书面回复\" -拜登"] {
        let (sharded, got) = fresh_search(q);
        assert!(!got.hits.is_empty(), "{q}");
        assert_eq!(
            sharded.rounds(),
            2,
            "{q}: a round of fetching, then the search"
        );
    }
}

#[test]
fn an_incomplete_search_makes_no_results_but_asks_for_everything() {
    let mut fetch = files();
    let mut sharded = Sharded::open(&mut fetch).unwrap();
    let q = Query::parse("普京 OR 布林肯 -拜登");
    let first = Searcher::new(sharded.index()).search(&q, &SearchOptions::default());
    // Its results would be discarded: none are made (no scoring, sorting or counting).
    assert!(first.hits.is_empty() && first.facets.is_empty());
    assert_eq!(first.segmented, vec![vec!["普京"], vec!["布林肯"]]);
    let asked = sharded.take_missing();
    assert!(!asked.is_empty());
    for need in asked {
        let name = sharded.name(need).unwrap();
        let bytes = fetch.fetch(&name).unwrap();
        sharded.load(need, &bytes).unwrap();
    }
    // The postings of both words and the exclusion's gram were all asked for at once.
    let second = Searcher::new(sharded.index()).search(&q, &SearchOptions::default());
    assert!(sharded.take_missing().is_empty(), "nothing more to fetch");
    assert_eq!(
        second,
        Searcher::new(&built().index).search(&q, &SearchOptions::default())
    );
}

#[test]
fn name_variants_the_collection_lacks_are_not_looked_for() {
    let index = &built().index;
    let mut fetch = files();
    let sharded = Sharded::open(&mut fetch).unwrap();
    // The catalogue knows, form by form, which the articles hold.
    let forms: Vec<&str> = (index.aliases().groups().iter())
        .flat_map(|g| g.forms.iter().map(String::as_str))
        .collect();
    let held =
        |form: &str| (0..index.len()).any(|d| index.folded(d).iter().any(|f| f.contains(form)));
    let lacked: Vec<&str> = forms.iter().copied().filter(|f| !held(f)).collect();
    assert!(
        !lacked.is_empty() && lacked.len() < forms.len(),
        "{lacked:?}"
    );
    for &form in &forms {
        // Latin forms are whole words: a lacked one may still be inside a longer word.
        let latin = form.chars().any(|c| c.is_ascii_alphanumeric());
        assert!(latin || sharded.index().lacks(form) != held(form), "{form}");
    }
    assert!(
        !index.lacks(lacked[0]),
        "an embedded index knows nothing of it"
    );
    // A query for a name with lacked variants: the same results as the embedded index,
    // which looks for them all.
    for q in ["普京", "泽连斯基", "北约", "NATO"] {
        let (sharded, _) = fresh_search(q);
        let read = loaded(&sharded, Kind::Grams, true);
        // 北约's 北大西洋公约组织, which the seeds lack, would be read from its pairs'
        // positions, in a round of its own.
        assert_eq!(
            (sharded.rounds(), read),
            (2, 0),
            "{q}: rounds, positions shards"
        );
    }
}
