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
}
