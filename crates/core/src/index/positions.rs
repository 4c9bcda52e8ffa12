//! Where character pairs start: for a pair of adjacent characters of the folded field texts
//! ([`super::grams::key`] with two characters), every (document, field) holding it and the
//! character offsets where it starts there, every occurrence (overlapping ones too: 哈哈哈
//! holds 哈哈 at 0 and 1).
//!
//! A needle of n ≥ 2 characters starts at offset p of a field exactly when its pair i starts
//! at p + i for every i of a [`cover`] (pairs 0, 2, 4, … and the last: together they are all its
//! characters). So the occurrences of a long needle, and how many the search counts (without
//! overlaps, leftmost first, as `memchr` finds them in the folded text), come from the
//! positions of about half its pairs ([`count`]), with no text read.
//!
//! No index in memory keeps positions (they would about double a native index, and the
//! page's index must not grow): the shard writer computes them from the folded texts, a batch
//! of shards at a time ([`PositionsBuilder`]), and a sharded reader loads those of the pairs its
//! queries ask about ([`crate::shard`]).
//!
//! On the wire a pair's positions are one byte string of LEB128 varints, per (document,
//! field): the entry's difference from the previous one, the number of offsets, the first
//! offset, then each offset's difference from the previous one.

use super::{N_FIELDS, Postings};

/// The positions of one pair (see the module).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    /// Per (document, field) holding the pair: `doc << FIELD_BITS | field`, ascending.
    entries: Vec<u32>,
    /// Per entry, the end of its offsets in `at` (its start is the previous entry's end).
    ends: Vec<u32>,
    /// Character offsets where the pair starts, ascending within an entry.
    at: Vec<u32>,
}

/// Appends `v` to `out` as a LEB128 varint.
fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint of at most 32 bits at `*at`.
fn get(bytes: &[u8], at: &mut usize) -> Result<u32, &'static str> {
    let mut v = 0u64;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at).ok_or("positions end inside a number")?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return u32::try_from(v).map_err(|_| "a position number overflows");
        }
    }
    Err("a position number overflows")
}

impl Positions {
    /// Decodes the wire form (see the module), checking that entries and offsets ascend.
    pub fn from_bytes(bytes: &[u8]) -> Result<Positions, &'static str> {
        let mut p = Positions::default();
        let mut i = 0;
        while i < bytes.len() {
            let delta = get(bytes, &mut i)?;
            let entry = match p.entries.last() {
                None => delta,
                Some(&last) if delta > 0 => last.checked_add(delta).ok_or("entries overflow")?,
                Some(_) => return Err("entries out of order"),
            };
            let n = get(bytes, &mut i)? as usize;
            // Every offset takes a byte at least: a count past the end is a lie.
            if n == 0 || n > bytes.len() - i {
                return Err("an entry's number of positions is wrong");
            }
            let mut at = get(bytes, &mut i)?;
            p.at.push(at);
            for _ in 1..n {
                let d = get(bytes, &mut i)?;
                if d == 0 {
                    return Err("positions out of order");
                }
                at = at.checked_add(d).ok_or("positions overflow")?;
                p.at.push(at);
            }
            p.entries.push(entry);
            p.ends.push(p.at.len() as u32);
        }
        Ok(p)
    }

    /// The wire form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut last = 0;
        for (i, &e) in self.entries.iter().enumerate() {
            put(&mut out, e - last);
            last = e;
            let at = self.offsets(i);
            put(&mut out, at.len() as u32);
            let mut prev = 0;
            for &a in at {
                put(&mut out, a - prev);
                prev = a;
            }
        }
        out
    }

    /// Number of (document, field) entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The offsets of entry `i`.
    fn offsets(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.at[start..self.ends[i] as usize]
    }

    /// The document of the last entry (the largest), for the reader's checks.
    pub(crate) fn last_doc(&self) -> Option<usize> {
        self.entries.last().map(|&e| Postings::doc_of(e))
    }

    /// Whether every entry's field is one of [`super::FIELDS`].
    pub(crate) fn fields_valid(&self) -> bool {
        self.entries
            .iter()
            .all(|&e| Postings::field_of(e) < N_FIELDS)
    }
}

/// The pairs (by their first character's offset in the needle) whose positions decide where a
/// needle of `n` ≥ 2 characters is: 0, 2, 4, … and the last, `n - 2`.
pub fn cover(n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..n.saturating_sub(1)).step_by(2).collect();
    if n >= 2 && out.last() != Some(&(n - 2)) {
        out.push(n - 2);
    }
    out
}

/// The first place at or after `from` in `sorted` whose value is not below `want`: galloping
/// from `from`, so a step of a few places (two lists of a common phrase's pairs walked
/// together) costs a few comparisons, not a binary search of the whole rest.
fn seek(sorted: &[u32], from: usize, want: u32) -> usize {
    let (mut lo, mut step) = (from, 1);
    loop {
        let probe = lo + step - 1;
        match sorted.get(probe) {
            Some(&v) if v < want => {
                lo = probe + 1;
                step *= 2;
            }
            _ => {
                let end = probe.min(sorted.len());
                return lo + sorted[lo..end].partition_point(|&v| v < want);
            }
        }
    }
}

/// The occurrences of a needle of `len` characters in every field, from `lists`, its pairs'
/// positions (`(i, positions of the pair at offset i of the needle)`, for every i of
/// [`cover`]): per document holding it, ascending, how many times each field holds it, counted
/// as the search counts in text (without overlaps, leftmost first).
pub fn count(lists: &[(usize, &Positions)], len: usize) -> Vec<(u32, [u32; N_FIELDS])> {
    if let &[a, b] = lists {
        return count_two(a, b, len);
    }
    let mut out: Vec<(u32, [u32; N_FIELDS])> = Vec::new();
    // Driven by the list of fewest entries; the others are walked along it.
    let Some(driver) = (0..lists.len()).min_by_key(|&j| lists[j].1.len()) else {
        return out;
    };
    let (shift, drive) = lists[driver];
    let mut cursors = vec![0usize; lists.len()];
    // Per entry, reused (an entry per article and field: tens of thousands).
    let mut starts: Vec<u32> = Vec::new();
    let mut slices: Vec<(usize, &[u32])> = Vec::with_capacity(lists.len());
    let mut walk: Vec<usize> = Vec::with_capacity(lists.len());
    'entries: for (k, &entry) in drive.entries.iter().enumerate() {
        // The entry's offsets in every list.
        slices.clear();
        for (j, &(i, p)) in lists.iter().enumerate() {
            if j == driver {
                continue;
            }
            let c = &mut cursors[j];
            *c = seek(&p.entries, *c, entry);
            if p.entries.get(*c) != Some(&entry) {
                continue 'entries;
            }
            slices.push((i, p.offsets(*c)));
        }
        // The starts every other pair confirms, ascending.
        starts.clear();
        walk.clear();
        walk.resize(slices.len(), 0);
        for &at in drive.offsets(k) {
            let Some(start) = at.checked_sub(shift as u32) else {
                continue;
            };
            let held = slices.iter().zip(&mut walk).all(|(&(i, s), w)| {
                // (A damaged shard's offsets may be anything: no overflow.)
                let Some(want) = start.checked_add(i as u32) else {
                    return false;
                };
                *w += s[*w..].partition_point(|&a| a < want);
                s.get(*w) == Some(&want)
            });
            if held {
                starts.push(start);
            }
        }
        // Without overlaps: an occurrence counts if it starts past the last one counted.
        let mut n = 0;
        let mut free = 0;
        for &s in &starts {
            if s >= free {
                n += 1;
                free = s.saturating_add(len as u32);
            }
        }
        if n == 0 {
            continue;
        }
        let doc = Postings::doc_of(entry) as u32;
        if out.last().is_none_or(|l| l.0 != doc) {
            out.push((doc, [0; N_FIELDS]));
        }
        if let Some(last) = out.last_mut() {
            last.1[Postings::field_of(entry)] = n;
        }
    }
    out
}

/// [`count`] for a needle of three or four characters, whose [`cover`] is two pairs: both
/// lists walked together, each entry's offsets merged, with nothing collected on the way
/// (about half the time of the general walk).
fn count_two(
    (shift_a, a): (usize, &Positions),
    (shift_b, b): (usize, &Positions),
    len: usize,
) -> Vec<(u32, [u32; N_FIELDS])> {
    let mut out: Vec<(u32, [u32; N_FIELDS])> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.entries.get(i), b.entries.get(j)) {
        if x < y {
            i = seek(&a.entries, i, y);
            continue;
        }
        if y < x {
            j = seek(&b.entries, j, x);
            continue;
        }
        // Where the needle starts: pair a at start + shift_a and pair b at start + shift_b,
        // counted without overlaps (leftmost first) as they ascend.
        let at_b = b.offsets(j);
        let (mut k, mut n, mut free) = (0, 0, 0);
        for &at in a.offsets(i) {
            // (A damaged shard's offsets may be anything: no overflow.)
            let Some(start) = at.checked_sub(shift_a as u32) else {
                continue;
            };
            let Some(want) = start.checked_add(shift_b as u32) else {
                continue;
            };
            while at_b.get(k).is_some_and(|&o| o < want) {
                k += 1;
            }
            if at_b.get(k) == Some(&want) && start >= free {
                n += 1;
                free = start.saturating_add(len as u32);
            }
        }
        if n > 0 {
            let doc = Postings::doc_of(x) as u32;
            if out.last().is_none_or(|l| l.0 != doc) {
                out.push((doc, [0; N_FIELDS]));
            }
            if let Some(last) = out.last_mut() {
                last.1[Postings::field_of(x)] = n;
            }
        }
        i += 1;
        j += 1;
    }
    out
}

/// Builds the wire form of the positions of the pairs `keep` accepts, one field of one
/// document after another (documents ascending, a document's fields in [`super::FIELDS`]
/// order).
#[cfg(not(target_arch = "wasm32"))]
pub struct PositionsBuilder<F: Fn(u64) -> bool> {
    keep: F,
    /// Per pair: its wire form so far and its last entry.
    records: rustc_hash::FxHashMap<u64, (Vec<u8>, u32)>,
    /// The (pair, offset) of the field being read, reused.
    scratch: Vec<(u64, u32)>,
}

#[cfg(not(target_arch = "wasm32"))]
impl<F: Fn(u64) -> bool> PositionsBuilder<F> {
    pub fn new(keep: F) -> Self {
        PositionsBuilder {
            keep,
            records: Default::default(),
            scratch: Vec::new(),
        }
    }

    /// Adds the pairs of `text`, the folded text of `field` of `doc`.
    pub fn add_field(&mut self, doc: usize, field: super::Field, text: &str) {
        self.scratch.clear();
        let mut prev: Option<char> = None;
        for (i, c) in text.chars().enumerate() {
            if let Some(p) = prev {
                let key = super::grams::key(p, Some(c));
                if (self.keep)(key) {
                    self.scratch.push((key, i as u32 - 1));
                }
            }
            prev = Some(c);
        }
        self.scratch.sort_unstable();
        let entry = (doc as u32) << super::FIELD_BITS | field as u32;
        for run in self.scratch.chunk_by(|a, b| a.0 == b.0) {
            let (bytes, last) = self.records.entry(run[0].0).or_default();
            put(bytes, entry - *last);
            *last = entry;
            put(bytes, run.len() as u32);
            let mut prev = 0;
            for &(_, at) in run {
                put(bytes, at - prev);
                prev = at;
            }
        }
    }

    /// Every pair kept and its wire form, by key.
    pub fn finish(self) -> Vec<(u64, Vec<u8>)> {
        let mut out: Vec<(u64, Vec<u8>)> = self
            .records
            .into_iter()
            .map(|(k, (bytes, _))| (k, bytes))
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{FIELDS, Field, grams};
    use crate::test_rng::Rng;

    fn build(fields: &[(usize, Field, &str)]) -> rustc_hash::FxHashMap<u64, Positions> {
        let mut b = PositionsBuilder::new(|_| true);
        for &(doc, field, text) in fields {
            b.add_field(doc, field, text);
        }
        b.finish()
            .into_iter()
            .map(|(k, bytes)| {
                let p = Positions::from_bytes(&bytes).unwrap();
                assert_eq!(p.to_bytes(), bytes, "the wire form round-trips");
                (k, p)
            })
            .collect()
    }

    /// The counts of `needle` from the positions (`None`: a pair of its cover is absent).
    fn counted(
        pos: &rustc_hash::FxHashMap<u64, Positions>,
        needle: &str,
    ) -> Vec<(u32, [u32; N_FIELDS])> {
        let chars: Vec<char> = needle.chars().collect();
        let mut lists = Vec::new();
        for i in cover(chars.len()) {
            match pos.get(&grams::key(chars[i], Some(chars[i + 1]))) {
                Some(p) => lists.push((i, p)),
                None => return Vec::new(),
            }
        }
        count(&lists, chars.len())
    }

    fn memchr_count(text: &str, needle: &str) -> u32 {
        memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()).count() as u32
    }

    #[test]
    fn covers_hold_every_character() {
        assert_eq!(cover(2), [0]);
        assert_eq!(cover(3), [0, 1]);
        assert_eq!(cover(4), [0, 2]);
        assert_eq!(cover(5), [0, 2, 3]);
        assert_eq!(cover(6), [0, 2, 4]);
        for n in 2..40 {
            let c = cover(n);
            for ch in 0..n {
                assert!(c.iter().any(|&i| i == ch || i + 1 == ch), "{n} {ch}");
            }
        }
    }

    #[test]
    fn offsets_are_characters_and_overlaps_are_kept() {
        let pos = build(&[
            (0, Field::Body, "哈哈哈 北约东扩北约"),
            (2, Field::Title, "北约"),
        ]);
        let p = &pos[&grams::key('哈', Some('哈'))];
        assert_eq!((p.entries.len(), p.offsets(0)), (1, &[0, 1][..]));
        let p = &pos[&grams::key('北', Some('约'))];
        assert_eq!(p.offsets(0), [4, 8]);
        assert_eq!(p.offsets(1), [0]);
        assert_eq!(p.last_doc(), Some(2));
        assert!(p.fields_valid());
        assert_eq!(counted(&pos, "哈哈哈"), [(0, [0, 1, 0, 0, 0, 0, 0])]);
        assert_eq!(counted(&pos, "约东扩北"), [(0, [0, 1, 0, 0, 0, 0, 0])]);
        assert!(counted(&pos, "北约北").is_empty());
    }

    #[test]
    fn corrupt_wire_forms_are_errors() {
        let ok = build(&[(1, Field::Body, "abab"), (3, Field::Tags, "ab")])
            [&grams::key('a', Some('b'))]
            .to_bytes();
        assert!(Positions::from_bytes(&ok).is_ok());
        assert!(Positions::from_bytes(&[]).unwrap().is_empty());
        for bad in [
            &ok[..ok.len() - 1],
            &[0, 0][..],                     // no offsets
            &[0, 2, 5, 0],                   // offsets not ascending
            &[8, 1, 0, 0, 1, 0],             // entries not ascending
            &[0, 9, 0, 1],                   // more offsets than bytes
            &[0xff, 0xff, 0xff, 0xff, 0x7f], // overflow
        ] {
            assert!(Positions::from_bytes(bad).is_err(), "{bad:?}");
        }
        // Offsets at the end of the range count without overflowing.
        let mut far = Vec::new();
        for v in [0, 2, u32::MAX - 1, 1] {
            put(&mut far, v);
        }
        let far = Positions::from_bytes(&far).unwrap();
        assert_eq!(
            count(&[(0, &far), (1, &far)], 3),
            [(0, [1, 0, 0, 0, 0, 0, 0])]
        );
        assert!(count(&[(0, &far), (2, &far)], 4).is_empty());
        let mut wrong = Positions::from_bytes(&[15, 1, 0]).unwrap();
        assert!(!wrong.fields_valid());
        wrong.entries[0] = 8;
        assert!(wrong.fields_valid());
    }

    #[test]
    fn seek_finds_what_a_binary_search_of_the_rest_finds() {
        let mut rng = Rng(0x5eed_0f5e);
        for _ in 0..2000 {
            let mut sorted: Vec<u32> = (0..rng.below(40)).map(|_| rng.below(60) as u32).collect();
            sorted.sort_unstable();
            let from = rng.below(sorted.len() + 1);
            let want = rng.below(70) as u32;
            let expected = from + sorted[from..].partition_point(|&v| v < want);
            assert_eq!(
                seek(&sorted, from, want),
                expected,
                "{sorted:?} {from} {want}"
            );
        }
    }

    /// Property, over random texts of a small alphabet (so that needles recur, overlap and
    /// repeat characters): a needle of two to seven characters is counted from the positions
    /// exactly as the search counts it in the folded text of every field.
    #[test]
    fn positions_count_as_the_text_does() {
        const ALPHABET: [char; 6] = ['哈', '北', '约', 'a', ' ', '\n'];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..300 {
            let docs: Vec<Vec<(Field, String)>> = (0..1 + rng.below(5))
                .map(|_| {
                    let mut fields = Vec::new();
                    for f in FIELDS {
                        if rng.below(3) > 0 {
                            let len = rng.below(50);
                            fields.push((f, (0..len).map(|_| *rng.pick(&ALPHABET)).collect()));
                        }
                    }
                    fields
                })
                .collect();
            let fields: Vec<(usize, Field, &str)> = docs
                .iter()
                .enumerate()
                .flat_map(|(d, fs)| fs.iter().map(move |(f, t)| (d, *f, t.as_str())))
                .collect();
            let pos = build(&fields);
            for _ in 0..30 {
                let needle: String = (0..2 + rng.below(6))
                    .map(|_| *rng.pick(&ALPHABET))
                    .collect();
                let mut want: Vec<(u32, [u32; N_FIELDS])> = Vec::new();
                for (doc, fs) in docs.iter().enumerate() {
                    let mut counts = [0; N_FIELDS];
                    for (f, text) in fs {
                        counts[*f as usize] = memchr_count(text, &needle);
                    }
                    if counts.iter().any(|&c| c > 0) {
                        want.push((doc as u32, counts));
                    }
                }
                assert_eq!(counted(&pos, &needle), want, "{needle:?} in {docs:?}");
            }
        }
    }
}
