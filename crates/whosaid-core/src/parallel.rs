//! Work on big projects spread over every core: a slice cut into runs of about equal weight,
//! one thread per run, results in order.

use std::thread;

pub fn workers() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// Splits `items` into at most `parts` runs of roughly equal `weight`, in order.
pub fn balanced_runs<T>(items: &[T], parts: usize, weight: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let total: usize = items.iter().map(&weight).sum();
    let per_part = total / parts.max(1) + 1;
    let mut runs = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        acc += weight(item);
        if acc >= per_part {
            runs.push(&items[start..=i]);
            (start, acc) = (i + 1, 0);
        }
    }
    if start < items.len() {
        runs.push(&items[start..]);
    }
    runs
}

/// `f` applied to runs of `items` of about equal `weight`, one per core, results in order.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let runs = balanced_runs(items, workers(), weight);
    if runs.len() <= 1 {
        return runs.into_iter().map(f).collect();
    }
    let f = &f;
    thread::scope(|s| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| s.spawn(move || f(run)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` applied to each of `items` in place, on runs of about equal `weight`, one per core;
/// results in order.
pub fn map_each_mut<T: Send, R: Send>(
    items: &mut [T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&mut T) -> R + Sync,
) -> Vec<R> {
    let lens: Vec<usize> = balanced_runs(items, workers(), weight)
        .iter()
        .map(|run| run.len())
        .collect();
    if lens.len() <= 1 {
        return items.iter_mut().map(f).collect();
    }
    let mut runs = Vec::with_capacity(lens.len());
    let mut rest = items;
    for len in lens {
        let (run, after) = rest.split_at_mut(len);
        runs.push(run);
        rest = after;
    }
    let f = &f;
    thread::scope(|s| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| s.spawn(move || run.iter_mut().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_everything_in_order() {
        let items: Vec<usize> = (1..=100).collect();
        for parts in 1..6 {
            let runs = balanced_runs(&items, parts, |&n| n);
            assert!(runs.len() <= parts);
            assert_eq!(runs.concat(), items);
        }
        assert!(balanced_runs::<usize>(&[], 2, |&n| n).is_empty());
        let sums = map_runs(&items, |_| 1, |run| run.iter().sum::<usize>());
        assert_eq!(sums.iter().sum::<usize>(), 5050);
        let mut doubled = items.clone();
        let before = map_each_mut(
            &mut doubled,
            |&n| n,
            |n| {
                let was = *n;
                *n *= 2;
                was
            },
        );
        assert_eq!(before, items);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }
}
