//! The generated inputs of the property tests (`tests/properties.rs`, `tests/dups.rs`) and the
//! mutations of the pack's and the shards' readers (dossier-core's `test_rng`).
#![allow(dead_code)] // each test crate uses its own part

/// xorshift64*: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
    pub fn char(&mut self) -> char {
        match self.below(6) {
            0 => (self.below(0x80) as u8) as char,
            1 => char::from_u32(0x4E00 + self.below(0x5000) as u32).unwrap_or('中'),
            2 => *self.pick(&[
                '\u{202E}',
                '\u{200B}',
                '\u{FEFF}',
                '\u{0}',
                '\u{1F600}',
                '\u{5D0}',
            ]),
            3 => char::from_u32(self.below(0x11_0000) as u32).unwrap_or('\u{FFFD}'),
            _ => *self.pick(&[
                '<', '>', '&', '"', '\'', '/', ':', '：', '#', '-', '|', '(', ')', '[', ']', '“',
                '”', '「', '」', '\n', ' ', '\t', '.', '=', ';',
            ]),
        }
    }
}
