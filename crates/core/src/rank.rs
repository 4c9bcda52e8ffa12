//! Ordering by integer keys through one shared sort.
//!
//! Every `sort_by` with its own closure is a copy of the standard library's sort in the wasm
//! (6-10 KB each, measured with twiggy). The rankings the page computes (outlets, distinctive
//! words, related reports) sort by [`sorted_by_key`] instead: whatever the items, the sorting
//! itself is one instance, over `([u64; 2], u32)`.

/// A key that orders `x` descending: larger numbers first, in the order of [`f64::total_cmp`]
/// (NaN never comes from dossier's scores; were it to, positive NaN would sort first).
pub fn descending(x: f64) -> u64 {
    !ascending(x)
}

/// A key that orders `x` ascending, in the order of [`f64::total_cmp`].
pub fn ascending(x: f64) -> u64 {
    let bits = x.to_bits();
    // Negative numbers: flip every bit (larger magnitude is smaller); positive: flip the sign.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// A key that orders `x` ascending, in the order of [`f32::total_cmp`].
pub fn ascending_f32(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// A key that orders `x` ascending.
pub fn signed(x: i64) -> u64 {
    (x as u64) ^ 1 << 63
}

/// `items` ordered by `key`, ascending; items with equal keys keep their order (as a stable
/// sort would).
pub fn sorted_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> [u64; 2]) -> Vec<T> {
    let mut keyed: Vec<([u64; 2], u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i as u32))
        .collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keyed
        .into_iter()
        .filter_map(|(_, i)| slots[i as usize].take())
        .collect()
}

/// `items` ordered by a 32-bit `key`, ascending; items with equal keys keep their order. A
/// radix sort, a pass per byte of the keys (none for a byte they all share): linear in the
/// items, for the lists a keystroke orders (tens of thousands of hits by score, twenty
/// thousand tags by count), where a comparison sort took milliseconds in the page.
pub fn radix_sorted_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> u32) -> Vec<T> {
    // Each item's key and place in one word: the passes read and write them in order,
    // without looking keys up by place.
    let mut pairs: Vec<u64> = (items.iter().enumerate())
        .map(|(i, t)| u64::from(key(t)) << 32 | i as u64)
        .collect();
    let mut spare = vec![0u64; pairs.len()];
    // Every pass's digit counts, from one read.
    let mut counts = [[0usize; 256]; 4];
    for &p in &pairs {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[(p >> (32 + 8 * byte) & 0xff) as usize] += 1;
        }
    }
    for (byte, count) in counts.iter().enumerate() {
        if count.contains(&pairs.len()) {
            continue;
        }
        // Where each digit's items start in the output, then where its next one goes.
        let mut next = [0usize; 256];
        let mut start = 0;
        for (n, c) in next.iter_mut().zip(count) {
            *n = start;
            start += c;
        }
        let shift = 32 + 8 * byte;
        for &p in &pairs {
            let at = &mut next[(p >> shift & 0xff) as usize];
            spare[*at] = p;
            *at += 1;
        }
        std::mem::swap(&mut pairs, &mut spare);
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    pairs
        .into_iter()
        .filter_map(|p| slots[p as u32 as usize].take())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order_as_total_cmp() {
        let mut xs = [
            3.5,
            -0.0,
            0.0,
            -2.0,
            f64::INFINITY,
            1e-300,
            -1e300,
            f64::NEG_INFINITY,
            2.0,
        ];
        let mut by_key = xs;
        xs.sort_by(f64::total_cmp);
        by_key.sort_by_key(|&x| ascending(x));
        assert_eq!(xs.map(f64::to_bits), by_key.map(f64::to_bits));
        by_key.sort_by_key(|&x| descending(x));
        xs.reverse();
        assert_eq!(xs.map(f64::to_bits), by_key.map(f64::to_bits));
    }

    #[test]
    fn signed_keys_order_as_integers() {
        let mut xs = [3i64, -1, i64::MIN, 0, i64::MAX, -700_000];
        let mut by_key = xs;
        xs.sort();
        by_key.sort_by_key(|&x| signed(x));
        assert_eq!(xs, by_key);
    }

    #[test]
    fn equal_keys_keep_their_order() {
        let items = vec![("b", 1), ("a", 0), ("c", 1), ("d", 0)];
        let got = sorted_by_key(items, |&(_, k)| [k, 0]);
        assert_eq!(got, [("a", 0), ("d", 0), ("b", 1), ("c", 1)]);
    }

    #[test]
    fn f32_keys_order_as_total_cmp() {
        let mut xs = [
            3.5f32,
            -0.0,
            0.0,
            -2.0,
            f32::INFINITY,
            1e-30,
            -1e30,
            f32::NEG_INFINITY,
        ];
        let mut by_key = xs;
        xs.sort_by(f32::total_cmp);
        by_key.sort_by_key(|&x| ascending_f32(x));
        assert_eq!(xs.map(f32::to_bits), by_key.map(f32::to_bits));
    }

    /// The radix sort orders as a stable sort does, whatever bytes the keys share: keys from
    /// the tests' seeded generator, narrow, around a byte's edge, and anywhere.
    #[test]
    fn radix_sorts_as_a_stable_sort() {
        let mut rng = crate::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        let mut next = move || rng.next();
        for round in 0..600 {
            let len = (next() % 300) as usize;
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    let r = next();
                    let key = match round % 3 {
                        0 => (r % 4) as u32,
                        1 => 0xff00 + (r % 0x200) as u32,
                        _ => r as u32,
                    };
                    (key, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            assert_eq!(radix_sorted_by_key(items, |&(k, _)| k), expected);
        }
    }
}
