//! Passages of an article around the matches of a search, with highlights that land on the
//! original (unfolded) text.

use crate::article::Article;
use crate::rank;
use crate::text;

/// A passage of an article around matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Index into the article's blocks (`None` for a caption).
    pub block: Option<usize>,
}

/// Up to `max` passages of `article` around `needles` (folded), best first (most distinct
/// needles), each about `width` characters: its blocks, then captions and related headlines.
/// Without needles, the first block.
pub fn snippets(article: &Article, needles: &[String], max: usize, width: usize) -> Vec<Snippet> {
    let mut scored: Vec<(usize, usize, Snippet)> = Vec::new();
    for (i, block) in article.blocks.iter().enumerate() {
        let Some(t) = block.text() else { continue };
        let ranges = highlight(t, needles);
        if ranges.is_empty() && !needles.is_empty() {
            continue;
        }
        let distinct = needles
            .iter()
            .filter(|n| {
                ranges
                    .iter()
                    .any(|r| text::fold(&t[r.0..r.1]).contains(n.as_str()))
            })
            .count();
        scored.push((distinct, i, window(t, &ranges, width, Some(i))));
    }
    let captions = article.images.iter().filter_map(|i| i.caption.as_deref());
    let related = article.related.iter().map(|r| r.title.as_str());
    for extra in captions.chain(related) {
        let ranges = highlight(extra, needles);
        if !ranges.is_empty() {
            scored.push((0, usize::MAX, window(extra, &ranges, width, None)));
        }
    }
    if needles.is_empty() {
        scored.truncate(1);
    }
    // Most distinct needles first, then in text order; the chosen ones back in text order.
    let mut scored = rank::sorted_by_key(scored, |s| [!(s.0 as u64), s.1 as u64]);
    scored.truncate(max);
    rank::sorted_by_key(scored, |s| [s.1 as u64, 0])
        .into_iter()
        .map(|s| s.2)
        .collect()
}

/// Byte ranges of `text` where any of the folded `needles` occurs, merged and sorted. Latin
/// needles match at word boundaries only; one with a digit also at the start of a longer
/// form, where a number meets letters (`f-16` in F-16V, `5` in 5G; see
/// [`text::numbers`]), as the search found it.
pub fn highlight(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    if needles.is_empty() {
        return Vec::new();
    }
    let folded: Vec<char> = text.chars().map(text::fold_char).collect();
    let offsets = text::char_offsets(text);
    let mut ranges = Vec::new();
    for needle in needles {
        let n: Vec<char> = needle.chars().collect();
        if n.is_empty() || n.len() > folded.len() {
            continue;
        }
        let latin = !n.iter().any(|&c| text::is_han(c));
        let word_char = |c: char| c.is_alphanumeric() && !text::is_han(c);
        // Where a number needle may stop inside a word: its last character and the next
        // are a digit and a letter.
        let numeric = n.iter().any(char::is_ascii_digit);
        let last = n.last().copied().unwrap_or(' ');
        let prefix_end = |next: char| {
            numeric
                && (last.is_ascii_digit() && next.is_ascii_alphabetic()
                    || last.is_ascii_alphabetic() && next.is_ascii_digit())
        };
        for i in 0..=folded.len() - n.len() {
            if folded[i..i + n.len()] != n[..] {
                continue;
            }
            if latin
                && (i > 0 && word_char(folded[i - 1])
                    || folded
                        .get(i + n.len())
                        .is_some_and(|&c| word_char(c) && !prefix_end(c)))
            {
                continue;
            }
            ranges.push((offsets[i], offsets[i + n.len()]));
        }
    }
    let ranges = rank::sorted_by_key(ranges, |&(a, b)| [a as u64, b as u64]);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// A window of about `width` characters of `text` around its first highlight.
fn window(text: &str, ranges: &[(usize, usize)], width: usize, block: Option<usize>) -> Snippet {
    let offsets = text::char_offsets(text);
    let chars = offsets.len() - 1;
    let first = ranges
        .first()
        .map_or(0, |r| offsets.partition_point(|&o| o < r.0));
    let start = if chars <= width {
        0
    } else {
        first.saturating_sub(width / 4).min(chars - width)
    };
    let end = (start + width).min(chars);
    let (b0, b1) = (offsets[start], offsets[end]);
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < chars { "…" } else { "" };
    let shift = prefix.len();
    let highlights = ranges
        .iter()
        .filter(|r| r.0 >= b0 && r.1 <= b1)
        .map(|r| (r.0 - b0 + shift, r.1 - b0 + shift))
        .collect();
    Snippet {
        text: format!("{prefix}{}{suffix}", &text[b0..b1]),
        highlights,
        block,
    }
}
