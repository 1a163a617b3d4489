//! Speed of the suggestion engine: 5,000 generated articles of about 5 kB (25 MB), suggested
//! one document at a time on one thread with a registry of 200 speakers. Run with
//! `cargo bench --bench suggest`; prints the median and worst throughput of several runs.

use std::time::{Duration, Instant};
use whosaid::suggest::suggest;
use whosaid::synthetic::{self, Rng};
use whosaid::text::DocText;

const DOCS: usize = 5_000;
const DOC_BYTES: usize = 5_000;
const SPEAKERS: usize = 200;
const RUNS: usize = 5;

fn main() {
    // `cargo test` lists bench targets; stay quiet then.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mut rng = Rng::new(7);
    let docs: Vec<DocText> = (0..DOCS)
        .map(|_| DocText::new(synthetic::article(&mut rng, DOC_BYTES)))
        .collect();
    let speakers = synthetic::speakers(SPEAKERS);
    let bytes: usize = docs.iter().map(|d| d.as_str().len()).sum();
    println!(
        "corpus {DOCS} documents, {:.1} MB; registry {SPEAKERS} speakers",
        bytes as f64 / 1e6
    );

    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        found = docs
            .iter()
            .map(|d| suggest(d, &speakers).len())
            .sum::<usize>();
        times.push(t.elapsed());
    }
    times.sort();
    let rate = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "suggest (one thread)   median {:>6.1} MB/s   worst {:>6.1} MB/s   {found} suggestions",
        rate(times[RUNS / 2]),
        rate(times[RUNS - 1])
    );
}
