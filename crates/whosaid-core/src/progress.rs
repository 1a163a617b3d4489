//! How far a long operation (opening a big project, suggesting in every document) has come, and
//! whether the analyst has called it off, shared between the thread doing it and the window.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Set by the window; the worker looks at it between steps and stops.
    cancelled: AtomicBool,
}

impl Progress {
    /// Starts a stage of `total` steps (0 when unknown).
    pub fn stage(&self, name: &'static str, total: usize) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = name;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Steps done so far in this stage, and how many it has (0 when unknown).
    pub fn counts(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }

    /// Asks the worker to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// "Loading the corpus: 4,210 of 10,000", or just the stage when it has no count.
    pub fn describe(&self) -> String {
        let stage = match *self.stage.lock().unwrap_or_else(|e| e.into_inner()) {
            "" => "Starting",
            stage => stage,
        };
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        if total == 0 {
            stage.to_string()
        } else {
            format!(
                "{stage}: {} of {}",
                thousands(done.min(total)),
                thousands(total)
            )
        }
    }
}

/// 10000 as "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_stage_and_count() {
        let p = Progress::default();
        p.stage("Reading the project", 0);
        assert_eq!(p.describe(), "Reading the project");
        p.stage("Loading the corpus", 10_000);
        for _ in 0..4_210 {
            p.advance();
        }
        assert_eq!(p.describe(), "Loading the corpus: 4,210 of 10,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
