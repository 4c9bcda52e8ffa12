//! The benchmarks' figures: durations in ms, median / p95 / max of samples, the process's
//! memory (`benches/search.rs`, `benches/shard.rs`, `benches/keystroke.rs`).

#![allow(dead_code)] // Each benchmark uses some of these.

use std::time::Duration;

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median, p95 (nearest rank) and max of some figures.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub median: f64,
    pub p95: f64,
    pub max: f64,
    pub n: usize,
}

impl Stats {
    /// Of durations, in ms.
    pub fn of(samples: &[Duration]) -> Stats {
        Stats::of_ms(&samples.iter().copied().map(ms).collect::<Vec<_>>())
    }

    pub fn of_ms(samples: &[f64]) -> Stats {
        let mut v = samples.to_vec();
        v.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len().max(1));
            v.get(rank - 1).copied().unwrap_or(0.0)
        };
        Stats {
            median: if v.is_empty() {
                0.0
            } else if v.len() % 2 == 1 {
                v[v.len() / 2]
            } else {
                (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
            },
            p95: at(0.95),
            max: v.last().copied().unwrap_or(0.0),
            n: v.len(),
        }
    }
}

/// A field of `/proc/self/status` in MB (`VmHWM:` peak resident, `VmRSS:` current); `None`
/// where the system has no such file.
pub fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
