//! The identities of annotations and speakers: numbers unique in a project, kept across edits,
//! that every other part of the project refers to, and never the same on two copies of a project.

use serde::{Deserialize, Serialize};
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpeakerId(pub u64);

/// How many ids one editing session numbers in a row: a session's ids are `prefix * SESSION_SPAN`
/// plus a counter, so they read as a random prefix and a short count (`4821937051000003`), and
/// the ids one analyst made sit together in a diff.
pub const SESSION_SPAN: u64 = 1_000_000;

/// Prefixes are drawn from `MIN_PREFIX..MAX_PREFIX`: ids then start at 10^9, above what the
/// `max + 1` numbering of older files reaches, and end below 9 * 10^15, under the 2^53 that
/// JSON readers using doubles keep exact. Two sessions share a prefix with a chance of 1 in 9 * 10^9.
const MIN_PREFIX: u64 = 1_000;
const MAX_PREFIX: u64 = 9_000_000_000;

/// This process's editing session: its prefix and the next id it gives. Replaced when its range
/// is used up.
struct Session {
    prefix: u64,
    next: u64,
}

impl Session {
    fn new() -> Self {
        let prefix = random_prefix();
        Self {
            prefix,
            next: prefix * SESSION_SPAN + 1,
        }
    }
}

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

/// A random prefix. The standard library's `RandomState` is seeded from the operating system's
/// random source, which is all that is needed here (no cryptographic strength).
fn random_prefix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    MIN_PREFIX + h.finish() % (MAX_PREFIX - MIN_PREFIX)
}

/// A new id of this editing session, past the ids the project already has in the session's range
/// and past every id the session gave before (so two copies of a project edited in one process
/// get different ids too).
pub(crate) fn next_session_id(existing: impl Iterator<Item = u64>) -> u64 {
    let mut guard = SESSION.lock().unwrap_or_else(|e| e.into_inner());
    let session = guard.get_or_insert_with(Session::new);
    let (after_existing, full) = next_in_range(session.prefix, existing);
    let mut id = session.next.max(after_existing);
    if full || id >= (session.prefix + 1) * SESSION_SPAN {
        *session = Session::new();
        id = session.next;
    }
    session.next = id + 1;
    id
}

/// Another new id of the session, for the second and later items of a batch whose first came
/// from [`next_session_id`]: no need to look at the project again.
pub(crate) fn fresh_session_id() -> u64 {
    next_session_id(std::iter::empty())
}

/// The id after the largest existing one in `prefix`'s range (its first id when none), and
/// whether the range is used up.
fn next_in_range(prefix: u64, existing: impl Iterator<Item = u64>) -> (u64, bool) {
    let low = prefix * SESSION_SPAN;
    let high = low + SESSION_SPAN;
    let last = existing.filter(|id| (low..high).contains(id)).max();
    match last {
        None => (low + 1, false),
        Some(id) => (id + 1, id + 1 >= high),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sessions_number_in_disjoint_ranges_whatever_the_project_holds() {
        // Two copies of a project whose highest id is 76: the old scheme gave both 77.
        let base: Vec<u64> = (1..=76).collect();
        let (a, _) = next_in_range(4_821_937_051, base.iter().copied());
        let (b, _) = next_in_range(1_234_567_890, base.iter().copied());
        assert_eq!(a, 4_821_937_051_000_001);
        assert_eq!(b, 1_234_567_890_000_001);
        // Each numbers on within its range, past ids it made before.
        let ours: Vec<u64> = base.iter().copied().chain([a, a + 1]).collect();
        assert_eq!(next_in_range(4_821_937_051, ours.iter().copied()).0, a + 2);
        assert_eq!(next_in_range(1_234_567_890, ours.iter().copied()).0, b);
    }

    #[test]
    fn ids_stay_within_what_json_keeps_exact() {
        let last = (MAX_PREFIX - 1) * SESSION_SPAN + SESSION_SPAN - 1;
        assert!(last < (1 << 53) - 1);
        const { assert!(MIN_PREFIX * SESSION_SPAN >= 1_000_000_000) };
        for _ in 0..100 {
            let p = random_prefix();
            assert!((MIN_PREFIX..MAX_PREFIX).contains(&p));
        }
    }

    #[test]
    fn a_used_up_range_moves_to_a_fresh_prefix() {
        let prefix = 5_000;
        let full = prefix * SESSION_SPAN + SESSION_SPAN - 1;
        assert_eq!(next_in_range(prefix, [full - 1].into_iter()), (full, false));
        assert!(next_in_range(prefix, [full].into_iter()).1);
    }

    #[test]
    fn the_session_gives_increasing_free_ids() {
        let first = next_session_id(std::iter::empty());
        assert!(first > 1_000_000_000);
        // Other tests draw ids from the same session meanwhile: only the order is certain.
        let second = next_session_id([1, 2, first].into_iter());
        assert!(second > first);
        // A copy of the project that does not hold `second` still gets another id.
        let third = next_session_id([1, 2, first].into_iter());
        assert!(third > second);
        assert!(fresh_session_id() > third);
    }
}
