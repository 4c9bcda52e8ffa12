//! Tests of the pack: round trips, every broken invariant, seeded mutations of real packs,
//! and the fuzz target's seeds.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::index::Facet;
use crate::query::Query;
use crate::search::{Options, Searcher, Sort};
use crate::test_rng::Rng;
use crate::timeline::{Mentions, Timeline, mentions_of};

/// The seed collection, read from the repository's `articles/` and indexed once for all
/// the tests (jieba's default dictionary takes a while to load in a debug build).
fn built() -> &'static (Index, Vec<Failure>) {
    static BUILT: OnceLock<(Index, Vec<Failure>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../articles");
        let files = crate::corpus::read_dir(&dir).expect("the seed articles are readable");
        let c = crate::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
        (
            Index::build(c.articles, &Dictionary::Default).unwrap(),
            c.failures,
        )
    })
}

fn same(a: &Index, b: &Index) {
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.names, b.names);
    assert_eq!(a.aliases, b.aliases);
    assert!(a.terms == b.terms, "the term ids differ");
    if a.has_grams() == b.has_grams() {
        assert!(
            a.substrings == b.substrings,
            "the grams or character sets differ"
        );
    }
    assert_eq!(a.avg_len, b.avg_len);
    assert_eq!(a.groups, b.groups);
    for (x, y) in a.docs.iter().zip(&b.docs) {
        assert_eq!((x.folded(), x.len), (y.folded(), y.len));
    }
    assert!(a.postings == b.postings, "the postings differ");
    for (x, y) in a
        .facets
        .iter()
        .chain([&a.months])
        .zip(b.facets.iter().chain([&b.months]))
    {
        assert_eq!((&x.values, &x.folded), (&y.values, &y.folded));
        assert_eq!((&x.rank, &x.starts, &x.ids), (&y.rank, &y.starts, &y.ids));
    }
    for q in [
        "布林肯",
        "北約 -大纪元",
        "\"书面回复\"",
        "东扩",
        "tag:北约",
        "的",
        "2022-01",
        // Byline and outlet: fields and facets of their own.
        "熊超然",
        "author:李言",
        "source:观察者網",
        "1997年",
    ] {
        let (q, o) = (Query::parse(q), Options::default());
        let (x, y) = (
            Searcher::new(a).search(&q, &o),
            Searcher::new(b).search(&q, &o),
        );
        let key = |r: &crate::search::Results| -> Vec<(usize, u32)> {
            r.hits.iter().map(|h| (h.doc, h.score.to_bits())).collect()
        };
        assert_eq!(key(&x), key(&y), "{q:?}");
    }
}

#[test]
fn unpacking_gives_back_the_index_that_was_packed() {
    let (index, _) = built();
    let failures = vec![Failure {
        file: "坏.bin".into(),
        reason: crate::parse::ParseError::Binary(crate::parse::BinaryKind::NulBytes),
    }];
    // The default frames, and tiny ones that split articles and long posting lists.
    for (articles, postings) in [(ARTICLES_PER_FRAME, POSTINGS_PER_FRAME), (2, 7)] {
        let bytes = pack_with(index, &failures, articles, postings);
        // Grams as the build makes them, and the character sets the page unpacks.
        let mut unpacker = Unpacker::new(&bytes).unwrap();
        if postings == 7 {
            unpacker = unpacker.with_grams();
        }
        assert_eq!(unpacker.len(), index.len());
        let (mut last, mut steps) = (unpacker.progress(), 0);
        while unpacker.step().unwrap() {
            assert!(unpacker.progress() > last && unpacker.progress() <= 1.0);
            last = unpacker.progress();
            steps += 1;
        }
        assert_eq!(last, 1.0);
        if postings == 7 {
            let n: usize = index.postings.iter().map(Postings::len).sum();
            assert!(steps > n / 7, "{steps} frames for {n} postings");
        }
        let (unpacked, got) = unpacker.finish(&Dictionary::Default).unwrap();
        assert_eq!(got, failures);
        assert_eq!(unpacked.has_grams(), postings == 7);
        same(index, &unpacked);
    }
}

#[test]
fn a_damaged_pack_is_an_error_not_a_panic() {
    let bytes = pack(&built().0, &[]);
    for cut in [0, 3, 4, 10, bytes.len() / 2, bytes.len() - 1] {
        let r = Unpacker::new(&bytes[..cut]).and_then(|u| u.finish(&Dictionary::Default));
        assert!(r.is_err(), "cut at {cut}");
    }
    let mut flipped = bytes.clone();
    flipped[4] ^= 0xFF;
    assert!(
        Unpacker::new(&flipped)
            .and_then(|u| u.finish(&Dictionary::Default))
            .is_err()
    );
}

/// The frames of a pack (length prefix and body), as [`pack`] wrote them.
fn frame_ranges(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut frames = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        frames.push(at..at + 4 + len);
        at += 4 + len;
    }
    frames
}

/// A pack made of `bodies`, each framed.
fn framed<'a>(bodies: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for body in bodies {
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
    }
    out
}

/// The pack of the seed collection, its frames decoded, for breaking one thing at a time.
struct Parts {
    head: Head,
    articles: Vec<ArticleFrame>,
    terms: Vec<TermFrame>,
}

impl Parts {
    fn new() -> Parts {
        let bytes = pack(&built().0, &[]);
        let frames = frame_ranges(&bytes);
        let body = |r: &Range<usize>| &bytes[r.start + 4..r.end];
        let head: Head = postcard::from_bytes(body(&frames[0])).unwrap();
        let n = (head.docs as usize).div_ceil(ARTICLES_PER_FRAME);
        Parts {
            articles: frames[1..=n]
                .iter()
                .map(|r| postcard::from_bytes(body(r)).unwrap())
                .collect(),
            terms: frames[n + 1..]
                .iter()
                .map(|r| postcard::from_bytes(body(r)).unwrap())
                .collect(),
            head,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        push_frame(&mut out, &self.head);
        for f in &self.articles {
            push_frame(&mut out, f);
        }
        for f in &self.terms {
            push_frame(&mut out, f);
        }
        out
    }

    /// What unpacking gives, with a dictionary the errors come before.
    fn unpack(&self) -> Result<(Index, Vec<Failure>), PackError> {
        Unpacker::new(&self.bytes()).and_then(|u| u.finish(&Dictionary::Words("北约 3 nt\n")))
    }
}

/// Every invariant the rest of dossier indexes with, broken on its own in a pack that is
/// otherwise the seed collection's: an error, each of the kind that says what is wrong.
#[test]
fn each_broken_invariant_is_the_error_that_names_it() {
    type Break = fn(&mut Parts);
    type Expected = fn(&PackError) -> bool;
    let cases: Vec<(&str, Break, Expected)> = vec![
        (
            "another version",
            |p| p.head.version = VERSION + 1,
            |e| matches!(e, PackError::Version { found, .. } if *found == VERSION + 1),
        ),
        (
            "a group's article out of range",
            |p| p.head.groups = vec![vec![0, p.head.docs]],
            |e| matches!(e, PackError::OutOfRange { what } if what.contains("group")),
        ),
        (
            "an article in two groups",
            |p| p.head.groups = vec![vec![0, 1], vec![2, 1]],
            |e| matches!(e, PackError::Duplicate { what } if what.contains("group")),
        ),
        (
            "an article twice in one group",
            |p| p.head.groups = vec![vec![3, 3]],
            |e| matches!(e, PackError::Duplicate { what } if what.contains("group")),
        ),
        (
            "a group of one article",
            |p| p.head.groups = vec![vec![0, 1], vec![2]],
            |e| matches!(e, PackError::Invalid { what } if what.contains("group")),
        ),
        (
            "an alias form in two entities",
            |p| {
                p.head.aliases = vec![
                    (0, vec!["普京".into(), "普丁".into()]),
                    (0, vec!["普丁".into(), "蒲亭".into()]),
                ]
            },
            |e| matches!(e, PackError::Aliases(AliasError::Duplicate { line: 2, .. })),
        ),
        (
            "an alias entity of an unknown kind",
            |p| p.head.aliases = vec![(7, vec!["普京".into(), "普丁".into()])],
            |e| matches!(e, PackError::Aliases(AliasError::Kind { .. })),
        ),
        (
            "an alias form not folded",
            |p| p.head.aliases = vec![(2, vec!["北約".into(), "NATO".into()])],
            |e| matches!(e, PackError::Aliases(AliasError::BadForm { .. })),
        ),
        (
            "an alias entity of one form",
            |p| p.head.aliases = vec![(1, vec!["乌克兰".into()])],
            |e| matches!(e, PackError::Aliases(AliasError::TooFew { .. })),
        ),
        (
            "NaN average length",
            |p| p.head.avg_len[1] = f32::NAN,
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "zero average length",
            |p| p.head.avg_len[0] = 0.0,
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "a facet table missing",
            |p| {
                p.head.facets.pop();
            },
            |e| matches!(e, PackError::Count { found: 6, .. }),
        ),
        (
            "facet starts for one article fewer",
            |p| {
                p.head.months.starts.pop();
            },
            |e| matches!(e, PackError::Count { .. }),
        ),
        (
            "facet starts not ascending",
            |p| p.head.facets[Facet::Tag as usize].starts[1] = u32::MAX,
            |e| matches!(e, PackError::Unordered { .. }),
        ),
        (
            "facet starts ending before the ids",
            |p| {
                p.head.facets[Facet::Tag as usize].ids.push(0);
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "a facet value id past the values",
            |p| {
                let t = &mut p.head.facets[Facet::Person as usize];
                t.ids[0] = t.values.len() as u32;
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "a facet value twice in one article",
            |p| {
                let t = &mut p.head.facets[Facet::Keyword as usize];
                t.ids[1] = t.ids[0];
            },
            |e| matches!(e, PackError::Duplicate { .. }),
        ),
        (
            "two facet values that fold alike",
            |p| {
                let t = &mut p.head.facets[Facet::Author as usize];
                t.values[0] = "NATO".into();
                t.values[1] = "nato".into();
            },
            |e| matches!(e, PackError::Duplicate { what } if what.contains("folded")),
        ),
        (
            "an author facet value id past the values",
            |p| {
                let t = &mut p.head.facets[Facet::Author as usize];
                t.ids[0] = t.values.len() as u32;
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "facet ranks fewer than values",
            |p| {
                p.head.facets[Facet::Tag as usize].rank.pop();
            },
            |e| matches!(e, PackError::Count { .. }),
        ),
        (
            "a facet rank twice",
            |p| {
                let t = &mut p.head.facets[Facet::Person as usize];
                t.rank[1] = t.rank[0];
            },
            |e| matches!(e, PackError::Duplicate { .. }),
        ),
        (
            "a facet rank past the values",
            |p| {
                let t = &mut p.head.facets[Facet::Person as usize];
                t.rank[0] = t.values.len() as u32;
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "facet ranks not the values' order",
            |p| p.head.facets[Facet::Person as usize].rank.swap(0, 1),
            |e| matches!(e, PackError::Unordered { .. }),
        ),
        (
            "one article more announced than packed",
            |p| {
                p.head.docs += 1;
                p.terms.clear();
                for t in p.head.facets.iter_mut().chain([&mut p.head.months]) {
                    t.starts.push(*t.starts.last().unwrap());
                }
            },
            |e| {
                matches!(
                    e,
                    PackError::Count {
                        what: "articles",
                        ..
                    }
                )
            },
        ),
        (
            "one article fewer announced than packed",
            |p| {
                p.head.docs -= 1;
                for t in p.head.facets.iter_mut().chain([&mut p.head.months]) {
                    t.starts.pop();
                    t.ids.truncate(*t.starts.last().unwrap() as usize);
                }
            },
            |e| {
                matches!(
                    e,
                    PackError::Count {
                        what: "articles",
                        ..
                    }
                )
            },
        ),
        (
            "one term more announced than packed",
            |p| p.head.terms += 1,
            |e| matches!(e, PackError::Count { what: "terms", .. }),
        ),
        (
            "one term fewer announced than packed",
            |p| p.head.terms -= 1,
            |e| matches!(e, PackError::Count { what: "terms", .. }),
        ),
        (
            "an index entry missing",
            |p| {
                p.articles[0].docs.pop();
            },
            |e| matches!(e, PackError::Count { .. }),
        ),
        (
            "an article's event spans missing",
            |p| {
                p.articles[0].spans.pop();
            },
            |e| matches!(e, PackError::Count { .. }),
        ),
        (
            "an event span missing",
            |p| {
                let (a, spans) = with_events(p);
                spans[a].pop();
            },
            |e| matches!(e, PackError::Count { .. }),
        ),
        (
            "an event in a block past the article's",
            |p| {
                let (a, _) = with_events(p);
                let article = &mut p.articles[0].articles[a];
                article.events[0].block = article.blocks.len();
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "an event in a figure",
            |p| {
                let (a, _) = with_events(p);
                let article = &mut p.articles[0].articles[a];
                article.images.push(Default::default());
                article.blocks.push(Block::Figure(article.images.len() - 1));
                article.events[0].block = article.blocks.len() - 1;
            },
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "a figure of an image past the article's",
            |p| {
                let article = &mut p.articles[0].articles[0];
                article.blocks.push(Block::Figure(article.images.len()));
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "an event sentence past its block",
            |p| {
                let (a, spans) = with_events(p);
                let (i, span) = located(&spans[a]);
                spans[a][i] = Some((span.0, u32::MAX));
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "an event sentence inside a character",
            |p| {
                let frame = &mut p.articles[0];
                // A sentence beginning with a character of several bytes.
                let (a, i, span) = (0..frame.articles.len())
                    .flat_map(|a| (0..frame.spans[a].len()).map(move |i| (a, i)))
                    .find_map(|(a, i)| {
                        let span = frame.spans[a][i]?;
                        let article = &frame.articles[a];
                        let text = article.blocks[article.events[i].block].text()?;
                        let first = text[span.0 as usize..].chars().next()?;
                        (first.len_utf8() > 1).then_some((a, i, span))
                    })
                    .unwrap();
                frame.spans[a][i] = Some((span.0 + 1, span.1));
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "an event sentence ending before it begins",
            |p| {
                let (a, spans) = with_events(p);
                let (i, span) = located(&spans[a]);
                spans[a][i] = Some((span.1, span.0));
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "a sentence both packed and located",
            |p| {
                let (a, spans) = with_events(p);
                let (i, _) = located(&spans[a]);
                p.articles[0].articles[a].events[i].text = "某".into();
            },
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "the 30th of February",
            |p| {
                let article = &mut p.articles[0].articles[0];
                article.date.as_mut().unwrap().day = Day {
                    year: 2022,
                    month: 2,
                    day: 30,
                };
            },
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "an event in month 13",
            |p| {
                let (a, _) = with_events(p);
                p.articles[0].articles[a].events[0].date.start.month = 13;
            },
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "two articles of one file",
            |p| {
                let articles = &mut p.articles[0].articles;
                articles[1].file = articles[0].file.clone();
            },
            |e| matches!(e, PackError::Duplicate { .. }),
        ),
        (
            "a posting of an article past the last",
            |p| {
                let docs = p.head.docs;
                *longest(p).entries.last_mut().unwrap() = docs << crate::index::FIELD_BITS;
            },
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "a posting of a field past the last",
            |p| *longest(p).entries.last_mut().unwrap() |= 7,
            |e| matches!(e, PackError::OutOfRange { .. }),
        ),
        (
            "a posting without occurrences",
            |p| longest(p).tf[0] = 0,
            |e| matches!(e, PackError::Invalid { .. }),
        ),
        (
            "a term twice",
            |p| {
                let parts = &mut p.terms[0].parts;
                parts[2].0 = parts[0].0.clone();
            },
            |e| matches!(e, PackError::Duplicate { what: "term" }),
        ),
        (
            "a list continued with earlier postings",
            |p| {
                let parts = &mut p.terms[0].parts;
                let (first, rest) = parts.split_at_mut(1);
                rest[0].0 = first[0].0.clone();
                rest[0].1 = first[0].1.clone();
            },
            |e| matches!(e, PackError::Unordered { .. }),
        ),
    ];
    assert!(
        Parts::new().unpack().is_ok(),
        "the seed pack, decoded and packed again, unpacks"
    );
    for (what, change, expected) in cases {
        let mut parts = Parts::new();
        change(&mut parts);
        match parts.unpack() {
            Ok(_) => panic!("{what}: unpacked"),
            Err(e) => assert!(expected(&e), "{what}: {e:?}"),
        }
    }
}

/// The first article of the first frame with an event whose sentence is located, and the
/// frame's spans.
fn with_events(p: &mut Parts) -> (usize, &mut [Vec<Span>]) {
    let frame = &mut p.articles[0];
    let a = frame
        .spans
        .iter()
        .position(|s| s.iter().any(Option::is_some))
        .expect("a seed article has events");
    (a, &mut frame.spans)
}

/// The first located sentence of `spans`.
fn located(spans: &[Span]) -> (usize, (u32, u32)) {
    spans
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.map(|s| (i, s)))
        .unwrap()
}

/// The longest posting list of the first term frame.
fn longest(p: &mut Parts) -> &mut Postings {
    p.terms[0]
        .parts
        .iter_mut()
        .map(|(_, postings)| postings)
        .max_by_key(|postings| postings.len())
        .unwrap()
}

#[test]
fn framing_errors_say_where() {
    let bytes = pack(&built().0, &[]);
    assert!(matches!(Unpacker::new(&[]), Err(PackError::Empty)));
    assert!(matches!(
        Unpacker::new(&bytes[..3]),
        Err(PackError::Truncated { at: 0 })
    ));
    let frames = frame_ranges(&bytes);
    let second = frames[1].start;
    let r = Unpacker::new(&bytes[..second + 10]).and_then(|mut u| u.step());
    assert!(matches!(r, Err(PackError::Truncated { at }) if at == second));
    // A byte more in the head's frame.
    let head = &bytes[4..frames[0].end];
    let longer = framed([&[head, &[0][..]].concat()[..]]);
    assert!(matches!(
        Unpacker::new(&longer),
        Err(PackError::Trailing { at: 0, extra: 1 })
    ));
    // Postings must ascend, and their differences must not overflow.
    let p = |entries: Vec<u32>| {
        let tf = vec![1u32; entries.len()];
        postcard::from_bytes::<Postings>(&postcard::to_allocvec(&(entries, tf)).unwrap())
    };
    assert!(p(vec![0, 8, 1]).is_ok());
    assert!(p(vec![8, 0]).is_err());
    assert!(p(vec![u32::MAX, 1]).is_err());
    let e = Unpacker::new(&framed([&[7u8, 1, 2][..]])).err().unwrap();
    assert_eq!(
        e.to_string(),
        format!("the index data has layout version 7, expected {VERSION}")
    );
}

/// A pack with its head, its article frames and its term frames as byte ranges: changes
/// go to each part as often (the term frames are most of the bytes, and a change there is
/// most often an error).
struct Base {
    bytes: Vec<u8>,
    parts: [Range<usize>; 3],
}

impl Base {
    fn new(index: &Index, failures: &[Failure], articles: usize, postings: usize) -> Base {
        let bytes = pack_with(index, failures, articles, postings);
        let frames = frame_ranges(&bytes);
        let n = index.len().div_ceil(articles);
        Base {
            parts: [
                frames[0].clone(),
                frames[1].start..frames[n].end,
                frames[n + 1].start..bytes.len(),
            ],
            bytes,
        }
    }
}

/// One random change to `bytes` (`base`'s bytes, maybe changed already), and what it was;
/// `other` is another pack, for frames from elsewhere.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, base: &Base, other: &[u8]) -> String {
    // The frames as their length prefixes say, as far as they say it.
    let mut frames = Vec::new();
    let mut at = 0;
    while let Some(len) = bytes.get(at..at + 4) {
        let end = at + 4 + u32::from_le_bytes(len.try_into().unwrap()) as usize;
        if end > bytes.len() {
            break;
        }
        frames.push(at..end);
        at = end;
    }
    let pick = |rng: &mut Rng| frames.get(rng.below(frames.len())).cloned();
    let n = bytes.len();
    // A byte of the head, the articles or the terms, as far as `bytes` still has it.
    let place = |rng: &mut Rng| {
        let part = &base.parts[rng.below(3)];
        (part.start + rng.below(part.len())).min(n.saturating_sub(1))
    };
    let pos = place(rng);
    match rng.below(13) {
        0 => {
            let flips = 1 + rng.below(3);
            for _ in 0..flips {
                let p = place(rng);
                if let Some(b) = bytes.get_mut(p) {
                    *b ^= 1 << rng.below(8);
                }
            }
            format!("{flips} bits flipped")
        }
        k @ 1..=3 => {
            let run = (1 + rng.below(16)).min(n - pos);
            for b in &mut bytes[pos..pos + run] {
                *b = match k {
                    1 => 0,
                    2 => 0xFF,
                    _ => rng.next() as u8,
                };
            }
            format!(
                "{run} bytes at {pos} set to {}",
                ["0", "FF", "random"][k - 1]
            )
        }
        4 => {
            bytes.truncate(pos);
            format!("cut at {pos}")
        }
        5 => {
            let (Some(f), Some(g)) = (pick(rng), pick(rng)) else {
                return "nothing".into();
            };
            let copy = bytes[f.clone()].to_vec();
            bytes.splice(g.start..g.start, copy);
            format!("frame {f:?} copied before {g:?}")
        }
        6 => {
            let Some(f) = pick(rng) else {
                return "nothing".into();
            };
            bytes.drain(f.clone());
            format!("frame {f:?} removed")
        }
        7 => {
            let (Some(f), Some(g)) = (pick(rng), pick(rng)) else {
                return "nothing".into();
            };
            let (f, g) = if f.start <= g.start { (f, g) } else { (g, f) };
            if f == g {
                return "nothing".into();
            }
            let swapped = [&bytes[g.clone()], &bytes[f.end..g.start], &bytes[f.clone()]].concat();
            bytes.splice(f.start..g.end, swapped);
            format!("frames {f:?} and {g:?} swapped")
        }
        8 => {
            let Some(f) = pick(rng) else {
                return "nothing".into();
            };
            let len = (f.len() - 4) as u32;
            let new = match rng.below(5) {
                0 => 0,
                1 => u32::MAX,
                2 => rng.next() as u32,
                3 => len.wrapping_add(1 + rng.below(4) as u32),
                _ => len.wrapping_sub(1 + rng.below(4) as u32),
            };
            bytes[f.start..f.start + 4].copy_from_slice(&new.to_le_bytes());
            format!("length of frame {f:?} set to {new}")
        }
        k @ 9..=10 => {
            // Bytes in or out of a frame's value, its length kept right.
            let Some(f) = pick(rng) else {
                return "nothing".into();
            };
            let body = f.start + 4..f.end;
            let p = body.start + rng.below(body.len() + 1);
            let len = if k == 9 {
                let more: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                let len = body.len() + more.len();
                bytes.splice(p..p, more);
                len
            } else {
                let cut = (1 + rng.below(16)).min(body.end - p);
                bytes.drain(p..p + cut);
                body.len() - cut
            };
            bytes[f.start..f.start + 4].copy_from_slice(&(len as u32).to_le_bytes());
            format!(
                "frame {f:?} {} at {p}, length {len}",
                ["grown", "shrunk"][k - 9]
            )
        }
        11 => {
            // A frame of the other pack in place of one of these.
            let theirs = frame_ranges(other);
            let (Some(f), Some(g)) = (pick(rng), theirs.get(rng.below(theirs.len()))) else {
                return "nothing".into();
            };
            bytes.splice(f.clone(), other[g.clone()].iter().copied());
            format!("frame {f:?} replaced by the other pack's {g:?}")
        }
        _ => {
            // A varint nudged: counts, ids and lengths off by one.
            if let Some(b) = bytes.get_mut(pos) {
                *b = if rng.below(2) == 0 {
                    b.wrapping_add(1)
                } else {
                    b.wrapping_sub(1)
                };
            }
            format!("byte {pos} nudged")
        }
    }
}

/// Queries over every part of the index: words, phrases, exclusions, alternatives, each
/// facet's filter, dates.
const QUERIES: [&str; 14] = [
    "北约",
    "北約 -大纪元",
    "\"书面回复\"",
    "东扩 OR 美国",
    "tag:北约",
    "的",
    "2022-01",
    "date:2021..2022-02",
    "nato",
    "person:布林肯 place:乌克兰",
    "org:北约 keyword:东扩 source:大纪元",
    "-的",
    "",
    "布",
];

/// Uses an unpacked index the ways the app does: searches with facets, highlights and
/// snippets; every article's facet values and first passage; the timeline.
/// Of [`QUERIES`], those `i` selects: every fourth from the `i`th, or all for `None`.
fn exercise(index: &Index, queries: Option<usize>) {
    let searcher = Searcher::new(index);
    let sorts = [Sort::Relevance, Sort::Newest, Sort::Oldest];
    let chosen = |i: &usize| queries.is_none_or(|k| i % 4 == k % 4);
    for (i, q) in QUERIES.iter().enumerate().filter(|(i, _)| chosen(i)) {
        let opts = Options {
            sort: sorts[i % 3],
            exact: i % 4 == 3,
            ..Options::default()
        };
        let r = searcher.search(&Query::parse(q), &opts);
        for hit in r.hits.iter().take(5) {
            for s in searcher.snippets(hit.doc, &r.needles, 3, 100) {
                assert!(
                    s.highlights
                        .iter()
                        .all(|&(a, b)| a <= b && b <= s.text.len())
                );
            }
        }
    }
    // Some of the collection's own words, whose postings the search reads.
    for k in 0..queries.map_or(8, |_| 2) {
        let n = index.terms.len().max(1);
        let i = queries
            .unwrap_or(0)
            .wrapping_mul(7919)
            .wrapping_add(k * 104_729)
            % n;
        if let Some(word) = index.terms.keys().nth(i) {
            searcher.search(&Query::parse(word), &Options::default());
        }
    }
    // What the search reads of every posting: its article's lengths, by field.
    for postings in &index.postings {
        for (doc, field, _) in postings.counts() {
            std::hint::black_box(index.docs[doc].len[field as usize]);
        }
    }
    for doc in 0..index.len() {
        for kind in Facet::ALL {
            index.facet_values(doc, kind).for_each(drop);
        }
        searcher.snippets(doc, &[], 1, 40);
    }
    let all: Vec<usize> = (0..index.len()).collect();
    let mentions = mentions_of(&index.articles, all.iter().copied());
    for m in &mentions {
        m.text(&index.articles);
    }
    // Buckets span the dates, a bucket a year at most: one date far from the others would
    // make millions (the timeline's limit, whatever the pack; see the report).
    let years = index
        .articles
        .iter()
        .filter_map(|a| a.date.map(|d| d.day.year))
        .chain(mentions.iter().map(|m| m.date.start.year));
    let (min, max) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if i64::from(max) - i64::from(min) <= 10_000 {
        let n = mentions.len();
        let t = Mentions::new(&index.articles, mentions).timeline(&all);
        assert!(t.max_count() <= index.len() + n);
        t.mentions_between(None, None).for_each(drop);
        Timeline::build(&index.articles, &all[..all.len() / 2]);
    }
}

/// Thousands of seeded random changes to real packs (bits, bytes, cuts, frames copied,
/// dropped, swapped and spliced in from another pack, wrong lengths, values grown and
/// shrunk, several at once): each an index or an error, never a panic, and every index
/// usable without panicking.
#[test]
fn mutated_packs_are_an_index_or_an_error_never_a_panic() {
    let (index, failures) = built();
    let packs = [
        Base::new(index, failures, ARTICLES_PER_FRAME, POSTINGS_PER_FRAME),
        Base::new(index, failures, 2, 7),
    ];
    // A tiny dictionary: quick to load for every index unpacked, and queries still find
    // the collection's words (runs of characters are joined into the index's terms).
    let dict = Dictionary::Words("北约 3 nt\n东扩 3 v\n");
    let t0 = std::time::Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut unpacked, mut errors) = (0, 0);
    const MUTANTS: usize = 2500;
    for i in 0..MUTANTS {
        let (base, other) = (&packs[i % 2], &packs[1 - i % 2]);
        let mut bytes = base.bytes.clone();
        // Mostly one change, sometimes a few.
        let rounds = if rng.below(4) == 0 {
            2 + rng.below(3)
        } else {
            1
        };
        let changes: Vec<String> = (0..rounds)
            .map(|_| mutate(&mut rng, &mut bytes, base, &other.bytes))
            .collect();
        let run = catch_unwind(AssertUnwindSafe(|| {
            match Unpacker::new(&bytes).and_then(|u| u.finish(&dict)) {
                Ok((index, _)) => {
                    exercise(&index, Some(i));
                    true
                }
                Err(_) => false,
            }
        }));
        match run {
            Ok(true) => unpacked += 1,
            Ok(false) => errors += 1,
            Err(_) => panic!("mutant {i} of pack {}: {changes:?}", i % 2),
        }
    }
    eprintln!(
        "{MUTANTS} mutants: {unpacked} unpacked and used, {errors} errors, in {:?}",
        t0.elapsed()
    );
    // Both outcomes are common: the test reaches past the framing.
    assert!(unpacked > MUTANTS / 20 && errors > MUTANTS / 2);
}

/// Writes seed packs into the fuzz target's corpus (`fuzz/corpus/pack/`): the seed
/// collection's in frames of the default size, of a few postings and of one, and small
/// packs (one short article and a failed file; no article) that mutate faster. Run with
/// `cargo test -p dossier-core --lib write_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes files for the fuzz target"]
fn write_fuzz_seeds() {
    let (index, failures) = built();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/pack");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(dir.join(name), bytes).unwrap();
    for (name, articles, postings) in [
        ("seed.pack", ARTICLES_PER_FRAME, POSTINGS_PER_FRAME),
        ("seed-small-frames.pack", 2, 7),
        ("seed-tiny-frames.pack", 1, 1),
    ] {
        write(name, pack_with(index, failures, articles, postings));
    }
    let files = [(
        "short.md",
        "---\ntitle: 北约东扩\ndate: 2022-01-27\ntags: [北约]\nsource: 大纪元\n---\n\n美国国务卿布林肯1月26日表示，北约不会东扩。\n\n![北约总部](https://example.com/nato.jpg)\n\n2021年12月，俄罗斯提出要求。\n",
    )];
    let c = crate::parse::parse_all(files.iter().map(|(p, t)| (*p, t.as_bytes())));
    assert_eq!(c.articles.len(), 1, "{:?}", c.failures);
    let a = &c.articles[0];
    assert!(
        a.date.is_some() && !a.events.is_empty() && !a.images.is_empty(),
        "{a:?}"
    );
    let one = Index::build(c.articles, &Dictionary::Default).unwrap();
    let failed = [Failure {
        file: "坏.bin".into(),
        reason: crate::parse::ParseError::Binary(crate::parse::BinaryKind::NulBytes),
    }];
    write("seed-one-article.pack", pack_with(&one, &failed, 1, 4));
    let none = Index::build(Vec::new(), &Dictionary::Default).unwrap();
    write("seed-empty.pack", pack(&none, &[]));
}

/// The seeds have no re-posts: groups put into their pack come back as they went in.
#[test]
fn groups_survive_packing() {
    let mut p = Parts::new();
    p.head.groups = vec![vec![2, 0], vec![1, 4]];
    let (index, _) = p.unpack().unwrap();
    assert_eq!(index.groups().lists(), [vec![2, 0], vec![1, 4]]);
    assert_eq!(index.groups().of(4), Some(&[1u32, 4][..]));
    assert_eq!(index.groups().of(3), None);
}
