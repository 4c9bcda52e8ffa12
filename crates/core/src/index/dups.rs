//! Re-posts and near-duplicates: articles whose bodies are the same text, or nearly (a re-post
//! under a new id, the same post in two sections, a reprint with another header or trimmed).
//!
//! Each body is cut into [`SHINGLE`]-character shingles of its folded text with everything but
//! letters and digits removed (so spacing, punctuation and full/half width never matter), each
//! shingle hashed to 64 bits. A MinHash signature of [`BANDS`] x [`ROWS`] values puts every
//! article into one bucket per band (locality-sensitive hashing): articles sharing a bucket
//! are candidates, and a candidate pair is confirmed only by the exact Jaccard similarity of
//! the two shingle sets, at least [`THRESHOLD`]. Groups are the union of confirmed pairs.
//!
//! With 8 bands of 4 rows a pair at similarity 0.8 becomes a candidate with probability 98.5 %
//! (`1 - (1 - 0.8^4)^8`), at 0.9 with 99.99 %, at 0.5 with 40 % (and is then rejected by the
//! exact check), at 0.3 with 6 %. Everything is deterministic: fixed hash constants, no
//! randomness, the same groups natively and in the wasm.

use rustc_hash::FxHashMap;

use super::DateOrder;
use crate::text::fold_char;

/// Characters per shingle.
pub const SHINGLE: usize = 5;
/// Least Jaccard similarity of two bodies' shingle sets for them to be one story.
pub const THRESHOLD: f64 = 0.8;
/// Fewest distinct shingles a body needs to be compared at all: a caption-only or one-line
/// body says too little to call it a copy of another.
pub const MIN_SHINGLES: usize = 20;
/// LSH bands, and MinHash values per band.
pub const BANDS: usize = 8;
pub const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;

/// splitmix64's finaliser: a well-mixed 64-bit value from any 64-bit value.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash functions `x -> a * x + b` (odd `a`: a permutation of the 64-bit values; `x`
/// is a mixed shingle hash already), from fixed seeds.
const PERMUTATIONS: [(u64, u64); HASHES] = {
    let mut out = [(0u64, 0u64); HASHES];
    let mut i = 0;
    while i < HASHES {
        out[i] = (mix(2 * i as u64 + 1) | 1, mix(2 * i as u64 + 2));
        i += 1;
    }
    out
};

/// The distinct shingle hashes of a text, sorted: [`SHINGLE`] consecutive letters or digits
/// of its folded form (see [`fold_char`]), whitespace and punctuation left out.
pub fn shingles(text: &str) -> Vec<u64> {
    shingles_of(text.chars().map(fold_char))
}

/// [`shingles`] of a text folded already (as the index keeps its field texts).
pub fn shingles_folded(folded: &str) -> Vec<u64> {
    shingles_of(folded.chars())
}

fn shingles_of(chars: impl Iterator<Item = char>) -> Vec<u64> {
    // Han characters and ASCII first: most of the text, without Unicode's tables.
    let kept = |c: &char| match *c {
        '\u{4E00}'..='\u{9FFF}' => true,
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        c => c.is_alphanumeric(),
    };
    // A rolling polynomial hash of the last SHINGLE characters: add the new one, take out the
    // one that left (kept in a ring), then mix.
    const BASE: u64 = 0x0010_0000_01b3;
    const OUT: u64 = BASE.wrapping_pow(SHINGLE as u32);
    let (mut ring, mut at, mut seen, mut h) = ([0u64; SHINGLE], 0usize, 0usize, 0u64);
    let mut out = Vec::new();
    for c in chars.filter(kept) {
        let c = u64::from(c);
        h = h
            .wrapping_mul(BASE)
            .wrapping_add(c)
            .wrapping_sub(ring[at].wrapping_mul(OUT));
        ring[at] = c;
        at = if at + 1 == SHINGLE { 0 } else { at + 1 };
        seen += 1;
        if seen >= SHINGLE {
            out.push(mix(h));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a shingle set: per function, the least image of any shingle.
pub fn minhash(shingles: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &x in shingles {
        for (s, &(a, b)) in sig.iter_mut().zip(&PERMUTATIONS) {
            *s = (*s).min(a.wrapping_mul(x).wrapping_add(b));
        }
    }
    sig
}

/// Jaccard similarity of two sorted, distinct sets: shared over all; 0 when both are empty.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// Similarity of two bodies as [`find`] measures it.
pub fn similarity(a: &str, b: &str) -> f64 {
    jaccard(&shingles(a), &shingles(b))
}

/// Two articles found to be one story, with the Jaccard similarity of their bodies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub similarity: f64,
}

/// Fewest of the [`BANDS`] x [`ROWS`] MinHash values two candidates must share before their
/// exact similarity is measured: a pair at 0.8 shares fewer than half with probability about
/// 1e-5 (binomial, 32 draws at 0.8), a pair at 0.3 more than half with about 0.7 %.
const MIN_AGREEING: usize = HASHES / 2;

/// Every confirmed pair among `bodies` (folded, by document id), `a < b`, sorted. Candidates
/// come from the LSH buckets; a pair whose sizes alone rule out the threshold, or whose
/// signatures agree in fewer than [`MIN_AGREEING`] places, or whose articles are already
/// joined through others, is not measured (the groups are the same either way).
pub fn find(bodies: &[&str]) -> Vec<Pair> {
    // A signature and a size per body; the shingle sets themselves are made again only for
    // the bodies a candidate pair measures (at 100,000 articles they were 800 MB at once).
    let mut sizes = vec![0usize; bodies.len()];
    let mut sigs = vec![[0u64; HASHES]; bodies.len()];
    // (band, bucket key, doc), sorted below: runs of one bucket, its documents ascending.
    let mut keyed: Vec<(u8, u64, u32)> = Vec::new();
    for (doc, body) in bodies.iter().enumerate() {
        let set = shingles_folded(body);
        sizes[doc] = set.len();
        if set.len() < MIN_SHINGLES {
            continue;
        }
        let sig = minhash(&set);
        sigs[doc] = sig;
        for (band, rows) in sig.chunks(ROWS).enumerate() {
            let key = rows.iter().fold(band as u64, |h, &r| mix(h ^ r));
            keyed.push((band as u8, key, doc as u32));
        }
    }
    keyed.sort_unstable();
    // Buckets in a fixed order, so that which pairs are measured never depends on hashing.
    let mut lists: Vec<Vec<u32>> = keyed
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .filter(|run| run.len() > 1)
        .map(|run| run.iter().map(|&(_, _, doc)| doc).collect())
        .collect();
    drop(keyed);
    lists.sort_unstable();
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; bodies.len()];
    let mut sets_of = UnionFind::new(bodies.len());
    let mut pairs = Vec::new();
    for list in lists {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                let (la, lb) = (sizes[a as usize], sizes[b as usize]);
                // |A n B| / |A u B| <= min / max.
                if (la.min(lb) as f64) < THRESHOLD * la.max(lb) as f64 {
                    continue;
                }
                let agreeing = sigs[a as usize]
                    .iter()
                    .zip(&sigs[b as usize])
                    .filter(|(x, y)| x == y)
                    .count();
                if agreeing < MIN_AGREEING || sets_of.find(a) == sets_of.find(b) {
                    continue;
                }
                for doc in [a, b] {
                    if sets[doc as usize].is_none() {
                        sets[doc as usize] = Some(shingles_folded(bodies[doc as usize]));
                    }
                }
                let set = |doc: u32| sets[doc as usize].as_deref().unwrap_or_default();
                let similarity = jaccard(set(a), set(b));
                if similarity >= THRESHOLD {
                    sets_of.union(a, b);
                    pairs.push(Pair { a, b, similarity });
                }
            }
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n as u32).collect())
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let parent = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = parent;
            x = parent;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        self.0[a.max(b) as usize] = a.min(b);
    }
}

/// The stories of a collection: groups of at least two articles that are one text, each with
/// its representative first (the earliest dated, undated last, ties by file: the order of
/// [`DateOrder::oldest`]), then the others in that order; groups by representative's id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    groups: Vec<Vec<u32>>,
    /// Per article: its group's index in `groups`, or `u32::MAX`.
    of_doc: Vec<u32>,
}

/// Why a list of groups cannot be a collection's [`Groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupError {
    /// A member is not an article of the collection.
    OutOfRange,
    /// An article is in two groups, or twice in one.
    Duplicate,
    /// A group of fewer than two articles.
    Small,
}

impl Groups {
    /// The groups of `docs` articles joined by `pairs`, ordered by `order`.
    pub fn from_pairs(docs: usize, pairs: &[Pair], order: &DateOrder) -> Groups {
        let mut uf = UnionFind::new(docs);
        for p in pairs {
            uf.union(p.a, p.b);
        }
        let mut by_root: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for p in pairs {
            for d in [p.a, p.b] {
                let members = by_root.entry(uf.find(d)).or_default();
                if !members.contains(&d) {
                    members.push(d);
                }
            }
        }
        let mut lists: Vec<Vec<u32>> = by_root
            .into_values()
            .map(|mut m| {
                m.sort_unstable_by_key(|&d| order.oldest[d as usize]);
                m
            })
            .collect();
        lists.sort_unstable_by_key(|m| m[0]);
        Groups::new(lists, docs).expect("groups from pairs are disjoint and in range")
    }

    /// Groups as listed (representative first), checked against a collection of `docs`
    /// articles: every member one of them, no article twice, at least two per group.
    pub fn new(groups: Vec<Vec<u32>>, docs: usize) -> Result<Groups, GroupError> {
        let mut of_doc = vec![u32::MAX; docs];
        for (g, members) in groups.iter().enumerate() {
            if members.len() < 2 {
                return Err(GroupError::Small);
            }
            for &d in members {
                let slot = of_doc.get_mut(d as usize).ok_or(GroupError::OutOfRange)?;
                if *slot != u32::MAX {
                    return Err(GroupError::Duplicate);
                }
                *slot = g as u32;
            }
        }
        Ok(Groups { groups, of_doc })
    }

    /// Every group, representative first.
    pub fn lists(&self) -> &[Vec<u32>] {
        &self.groups
    }

    /// The group of article `doc`, representative first, if it has one.
    pub fn of(&self, doc: usize) -> Option<&[u32]> {
        let g = *self.of_doc.get(doc)?;
        self.groups.get(g as usize).map(Vec::as_slice)
    }

    /// The index of `doc`'s group in [`Groups::lists`], if it has one.
    pub fn group_of(&self, doc: usize) -> Option<usize> {
        self.of_doc
            .get(doc)
            .filter(|&&g| g != u32::MAX)
            .map(|&g| g as usize)
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    const TEXT: &str = "美国国务卿布林肯周三表示，美方已就俄罗斯提出的安全保障要求作出书面回复，\
        重申北约的大门对所有符合条件的国家敞开。他说，美国愿意在军备控制和透明度措施等方面与俄方\
        展开对话，但不会在北约扩大问题上让步。俄罗斯外交部发言人扎哈罗娃随后回应称，莫斯科将仔细研究\
        这份文件，再决定下一步行动。";

    #[test]
    fn shingles_ignore_spacing_punctuation_width_and_script() {
        assert_eq!(shingles("北约东扩，美国"), shingles("北 約 東 擴 美國！"));
        assert_eq!(shingles("ＡＢＣＤＥ"), shingles("abcde"));
        assert_eq!(shingles("abcde").len(), 1);
        assert_eq!(shingles("abcdef").len(), 2);
        assert!(shingles("abcd").is_empty());
        assert_eq!(shingles("abcdefg"), shingles_folded("abcdefg"));
        assert_ne!(shingles("abcde"), shingles("edcba"), "in text order");
        assert_eq!(shingles("aaaaaaaa").len(), 1, "distinct shingles only");
        let s = shingles(TEXT);
        assert!(s.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3, 4], &[1, 2, 3, 4, 5]), 0.8);
    }

    #[test]
    fn minhash_agreement_estimates_jaccard() {
        let a = shingles(TEXT);
        assert_eq!(minhash(&a), minhash(&a));
        // Half the text: the signatures agree in about as many places as the sets overlap.
        let half: String = TEXT.chars().take(TEXT.chars().count() / 2).collect();
        let b = shingles(&half);
        let j = jaccard(&a, &b);
        let (sa, sb) = (minhash(&a), minhash(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / HASHES as f64;
        assert!((agree - j).abs() < 0.3, "estimate {agree}, exact {j}");
        let other = shingles(
            "俄罗斯总统普京在克里姆林宫会见到访的法国总统马克龙，双方就乌克兰局势举行了长达五个小时的会谈。",
        );
        let so = minhash(&other);
        assert!(sa.iter().zip(&so).filter(|(x, y)| x == y).count() <= 2);
    }

    #[test]
    fn find_confirms_near_copies_only() {
        let trimmed: String = TEXT.chars().take(TEXT.chars().count() * 9 / 10).collect();
        let header = format!("（本文转载自某网站）\n{TEXT}");
        let other = "美国国务卿布林肯周三与俄罗斯外长拉夫罗夫在日内瓦会面，双方就乌克兰边境局势交换意见，\
            会谈持续约九十分钟，布林肯会后表示，美方将在下周以书面形式回应俄方关切，北约扩大问题不在谈判之列。";
        let bodies = [TEXT, other, &trimmed, &header, "太短"].map(fold);
        let pairs = find(&bodies.each_ref().map(String::as_str));
        let joined: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(joined.len(), 2, "{pairs:?}");
        assert!(pairs.iter().all(|p| p.similarity >= THRESHOLD && p.a < p.b));
        assert!(!joined.iter().any(|&(a, b)| a == 1 || b == 1 || b == 4));
        let order = DateOrder {
            oldest: vec![3, 0, 1, 2, 4],
            newest: vec![1, 4, 3, 2, 0],
        };
        let groups = Groups::from_pairs(5, &pairs, &order);
        assert_eq!(groups.lists(), [vec![2, 3, 0]], "earliest first");
        assert_eq!(groups.of(0), groups.of(2));
        assert_eq!(groups.of(1), None);
        assert_eq!(groups.group_of(3), Some(0));
    }

    #[test]
    fn groups_are_checked() {
        assert_eq!(Groups::new(vec![vec![0, 1]], 2).map(|g| g.len()), Ok(1));
        assert_eq!(
            Groups::new(vec![vec![0, 2]], 2),
            Err(GroupError::OutOfRange)
        );
        assert_eq!(
            Groups::new(vec![vec![0, 1], vec![1, 2]], 3),
            Err(GroupError::Duplicate)
        );
        assert_eq!(Groups::new(vec![vec![0, 0]], 3), Err(GroupError::Duplicate));
        assert_eq!(Groups::new(vec![vec![0]], 3), Err(GroupError::Small));
    }
}
