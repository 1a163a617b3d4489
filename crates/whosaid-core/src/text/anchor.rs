//! Re-anchoring: when an article's text was edited, places each annotation fragment again on the
//! new text from its stored offsets, exact text and context, or reports that it is lost.

use super::DocText;
use std::cmp::Reverse;
use std::collections::VecDeque;
use std::ops::Range;

/// Spans shorter than this never match approximately: one edit in three letters is another word.
const MIN_FUZZY_CHARS: usize = 4;
/// How many context code points (the end of the prefix, the start of the suffix) are looked up
/// verbatim to find where the span may have gone: long enough to be rare in an article, short
/// enough to survive an edit a little further away.
const CONTEXT_KEY_CHARS: usize = 16;
/// Shorter keys (a span near the start or end of the document) would match almost anywhere.
const MIN_CONTEXT_KEY_CHARS: usize = 4;
/// Context hits followed per side: bounds the work on documents that repeat their boilerplate.
const MAX_CONTEXT_HITS: usize = 32;
/// A fuzzy candidate with this much context intact on both sides (or all of it, if the stored
/// context is shorter) is "anchored": it beats any candidate that is not, whatever the distances.
const ANCHOR_CHARS: usize = 8;
/// The window searched around the old position: covers small insertions and deletions above.
const NEAR_RADIUS: usize = 1024;
/// Match ends kept from one approximate scan (the nearest to the old position): a document full
/// of near-repeats must not turn into thousands of candidates.
const MAX_ENDS: usize = 64;

/// Code points of stored context that must agree with the text on at least one side of a place
/// for it to be trusted: a few words, which a copy of the same short phrase elsewhere in an
/// article (or in another article pasted over it) rarely shares, while an edit on one side of
/// a passage leaves the other side intact.
const AGREE_CHARS: usize = 12;
/// Exact text at least this long is distinctive: found only where its context does not agree
/// (a paragraph moved with its neighbours rewritten), it is placed for review. Shorter text in
/// such a place is most likely another copy of the same words, and the fragment is an orphan.
const DISTINCTIVE_CHARS: usize = 24;

/// What is known about a fragment: where it was, what it read and what surrounded it (see
/// [`crate::project::Fragment`]). All offsets are code points.
#[derive(Clone, Copy, Debug)]
pub struct AnchorQuery<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchored {
    /// The stored text is still at the stored offsets, with its context.
    Exact,
    /// The exact text was found elsewhere with agreeing context (the best, then the nearest).
    Moved { start: usize, end: usize },
    /// Only an approximate match (small edits inside the span, e.g. a fixed typo): must be reviewed.
    Fuzzy { start: usize, end: usize },
    /// The exact text, but only where its context does not agree on either side: the same
    /// passage in new surroundings, or another copy of the same words. Must be reviewed.
    Unconfirmed { start: usize, end: usize },
    /// Could not be placed.
    Orphan,
}

impl Anchored {
    /// Where the fragment now is (`old` when exact); `None` for an orphan.
    pub fn range(&self, old: Range<usize>) -> Option<Range<usize>> {
        match *self {
            Anchored::Exact => Some(old),
            Anchored::Moved { start, end }
            | Anchored::Fuzzy { start, end }
            | Anchored::Unconfirmed { start, end } => Some(start..end),
            Anchored::Orphan => None,
        }
    }

    /// Placed on its own text with its context: nothing for the analyst to check.
    pub fn is_confirmed(&self) -> bool {
        matches!(self, Anchored::Exact | Anchored::Moved { .. })
    }
}

/// Places a fragment on the (possibly edited) document: exact at the old offsets, else the exact
/// text elsewhere (best context, then nearest), else an approximate match, else an orphan. A
/// place is trusted only where the stored context agrees on at least one side (see
/// [`AGREE_CHARS`]); otherwise it is [`Anchored::Unconfirmed`] or approximate (both reviewed),
/// or, for short text, an orphan.
pub fn reanchor(doc: &DocText, q: &AnchorQuery) -> Anchored {
    reanchor_within(doc, q, 0..doc.char_len())
}

/// As [`reanchor`], placing the fragment only inside `bounds` (code points): the rest of the
/// text belongs to the other fragments of the same annotation.
pub fn reanchor_within(doc: &DocText, q: &AnchorQuery, bounds: Range<usize>) -> Anchored {
    let inside = |r: &Range<usize>| bounds.start <= r.start && r.end <= bounds.end;
    if inside(&(q.start..q.end))
        && doc.slice(q.start..q.end) == Some(q.text)
        && agrees(doc, q.start..q.end, q)
    {
        return Anchored::Exact;
    }
    if q.text.is_empty() {
        // An empty text is "found" everywhere: there is nothing to go by.
        return Anchored::Orphan;
    }
    let len = q.text.chars().count();
    let exact = best_exact(doc, q, &bounds);
    if let Some((start, true)) = exact {
        return Anchored::Moved {
            start,
            end: start + len,
        };
    }
    let approximate = fuzzy(doc, q, &bounds);
    if let Some((r, true)) = approximate {
        return Anchored::Fuzzy {
            start: r.start,
            end: r.end,
        };
    }
    if len < DISTINCTIVE_CHARS {
        return Anchored::Orphan;
    }
    match (exact, approximate) {
        (Some((start, _)), _) => Anchored::Unconfirmed {
            start,
            end: start + len,
        },
        (None, Some((r, _))) => Anchored::Fuzzy {
            start: r.start,
            end: r.end,
        },
        (None, None) => Anchored::Orphan,
    }
}

/// Whether the text around `range` agrees with the stored context on at least one side: for
/// [`AGREE_CHARS`] code points, or all of a shorter stored side if the place is as near that end
/// of the document as the stored one was. A fragment stored without any context (an import)
/// cannot be checked and agrees anywhere.
fn agrees(doc: &DocText, range: Range<usize>, q: &AnchorQuery) -> bool {
    let (Some(b0), Some(b1)) = (doc.byte_of(range.start), doc.byte_of(range.end)) else {
        return false;
    };
    let matched = context_match(doc.as_str(), b0..b1, q.prefix, q.suffix);
    agrees_by(matched, doc, range, q)
}

/// [`agrees`], given how many code points of the prefix and suffix match there.
fn agrees_by(matched: (usize, usize), doc: &DocText, range: Range<usize>, q: &AnchorQuery) -> bool {
    if q.prefix.is_empty() && q.suffix.is_empty() {
        return true;
    }
    side_agrees(matched.0, q.prefix.chars().count(), range.start)
        || side_agrees(
            matched.1,
            q.suffix.chars().count(),
            doc.char_len().saturating_sub(range.end),
        )
}

/// One side of [`agrees`]: `matched` code points of a stored context of `stored` agree, and the
/// document has `available` code points on that side of the place.
fn side_agrees(matched: usize, stored: usize, available: usize) -> bool {
    if stored >= AGREE_CHARS {
        matched >= AGREE_CHARS
    } else {
        matched == stored && available == stored
    }
}

/// Every occurrence of `needle` in `hay`, overlapping ones included (a span "aa" in "aaa" may be
/// either), as (byte, code point) start offsets in increasing order. Lazy: a needle found a
/// million times in a repetitive document is never held in memory all at once.
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let step = needle.chars().next().map_or(0, char::len_utf8);
    let (mut from, mut counted_bytes, mut counted_chars) = (0, 0, 0);
    std::iter::from_fn(move || {
        if step == 0 || from > hay.len() {
            return None;
        }
        let b = from + hay[from..].find(needle)?;
        // Code points are counted incrementally, so all occurrences cost one pass over `hay`.
        counted_chars += hay[counted_bytes..b].chars().count();
        counted_bytes = b;
        from = b + step;
        Some((b, counted_chars))
    })
}

/// Keeps the `cap` offsets nearest `near` of a stream arriving in increasing order: the farthest
/// is then always at one end of the queue.
fn push_nearest(kept: &mut VecDeque<usize>, offset: usize, near: usize, cap: usize) {
    kept.push_back(offset);
    if kept.len() > cap {
        let front = kept.front().map_or(0, |o| o.abs_diff(near));
        let back = kept.back().map_or(0, |o| o.abs_diff(near));
        if front >= back {
            kept.pop_front();
        } else {
            kept.pop_back();
        }
    }
}

/// How many code points of `prefix` (from its end) and of `suffix` (from its start) agree with
/// the text just before and just after the byte range.
fn context_match(hay: &str, bytes: Range<usize>, prefix: &str, suffix: &str) -> (usize, usize) {
    let before = hay[..bytes.start]
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = hay[bytes.end..]
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    (before, after)
}

/// Rule 2: the occurrence of the exact text inside `bounds` whose surroundings agree best with
/// the stored context (first whether they agree at all, then how much); ties go to the one
/// nearest the old start, then to the earlier one. Returns its start and whether it agrees.
fn best_exact(doc: &DocText, q: &AnchorQuery, bounds: &Range<usize>) -> Option<(usize, bool)> {
    let hay = doc.as_str();
    let len = q.text.chars().count();
    occurrences(hay, q.text)
        .filter(|&(_, c)| bounds.start <= c && c + len <= bounds.end)
        .map(|(b, c)| {
            let (pre, suf) = context_match(hay, b..b + q.text.len(), q.prefix, q.suffix);
            let agree = agrees_by((pre, suf), doc, c..c + len, q);
            (Reverse(agree), Reverse(pre + suf), c.abs_diff(q.start), c)
        })
        .min()
        .map(|(Reverse(agree), _, _, c)| (c, agree))
}

/// The span's text prepared for bit-parallel approximate search: for each distinct character a
/// bit mask of the positions where it occurs (`peq`, `blocks` 64-bit words per character class).
struct Pattern {
    chars: Vec<char>,
    reversed: Vec<char>,
    blocks: usize,
    /// The bit of the last word that stands for the pattern's last character: the score is read
    /// there, so the unused high bits of that word never matter (carries only run upwards).
    last_bit: u64,
    /// Character class + 1 of each ASCII character (0: not in the pattern).
    ascii: [u32; 128],
    /// The same for other characters, sorted by character.
    others: Vec<(char, u32)>,
    peq: Vec<u64>,
}

impl Pattern {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let blocks = chars.len().div_ceil(64).max(1);
        let mut ascii = [0u32; 128];
        let mut others: Vec<(char, u32)> = Vec::new();
        let mut classes = 1u32;
        let mut class_of = Vec::with_capacity(chars.len());
        for &c in &chars {
            let class = if c.is_ascii() {
                let slot = &mut ascii[c as usize];
                if *slot == 0 {
                    *slot = classes;
                    classes += 1;
                }
                *slot
            } else if let Some(&(_, class)) = others.iter().find(|(o, _)| *o == c) {
                class
            } else {
                others.push((c, classes));
                classes += 1;
                classes - 1
            };
            class_of.push(class as usize);
        }
        others.sort_unstable();
        let mut peq = vec![0u64; classes as usize * blocks];
        for (i, class) in class_of.into_iter().enumerate() {
            peq[class * blocks + i / 64] |= 1 << (i % 64);
        }
        let reversed = chars.iter().rev().copied().collect();
        let last_bit = 1u64 << ((chars.len().max(1) - 1) % 64);
        Self {
            chars,
            reversed,
            blocks,
            last_bit,
            ascii,
            others,
            peq,
        }
    }

    fn class(&self, c: char) -> usize {
        if c.is_ascii() {
            self.ascii[c as usize] as usize
        } else {
            self.others
                .binary_search_by_key(&c, |&(o, _)| o)
                .map_or(0, |i| self.others[i].1 as usize)
        }
    }
}

/// One column step of one 64-row block of Myers' algorithm, in the multi-block form of Hyyrö
/// (as in edlib): updates the block's vertical deltas `pv`/`mv` for a text character whose
/// match mask is `eq`, given the horizontal delta `hin` entering at the block's top; returns the
/// horizontal delta leaving at `out_bit` (the block's last row).
#[inline(always)]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, out_bit: u64) -> i32 {
    let (p, m) = (*pv, *mv);
    let neg = u64::from(hin < 0);
    let xv = eq | m;
    let eq = eq | neg;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let ph = m | !(xh | p);
    let mh = p & xh;
    let hout = i32::from(ph & out_bit != 0) - i32::from(mh & out_bit != 0);
    let ph = (ph << 1) | u64::from(hin > 0);
    let mh = (mh << 1) | neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Approximate search of the pattern in `text` (Myers' bit-parallel algorithm with Hyyrö's
/// multi-word blocks and Ukkonen's cut-off: only the blocks that can still hold a value ≤ k are
/// computed, so a long span costs about ⌈k/64⌉ + 1 words per character, not ⌈m/64⌉). Returns the
/// lowest edit distance ≤ `k` between the pattern and any substring of `text`, and the
/// (exclusive, code point, `base`-relative) ends of such substrings, the [`MAX_ENDS`] nearest
/// `near`.
fn search(
    pat: &Pattern,
    text: &str,
    base: usize,
    k: usize,
    near: usize,
) -> Option<(usize, Vec<usize>)> {
    const HIGH: u64 = 1 << 63;
    let m = pat.chars.len();
    let nb = pat.blocks;
    let rows = |b: usize| (m - 64 * b).min(64);
    let out_bit = |b: usize| if b + 1 == nb { pat.last_bit } else { HIGH };
    // Column 0 of the edit matrix is 0, 1, 2, …, m: every vertical delta is +1, and the score at
    // the bottom of block b is its last row number.
    let mut pv = vec![u64::MAX; nb];
    let mut mv = vec![0u64; nb];
    let mut bottom: Vec<usize> = (0..nb).map(|b| 64 * b + rows(b)).collect();
    // The last block computed. Every cell of the blocks below it is > k: those blocks cannot
    // lead to a match, so their values need not be known exactly.
    let mut last = (k + 1).div_ceil(64).min(nb) - 1;
    let mut best = k + 1;
    let mut ends: VecDeque<usize> = VecDeque::new();
    for (i, c) in text.chars().enumerate() {
        let eq_row = &pat.peq[pat.class(c) * nb..][..nb];
        // Row 0 is all zeros (a match may start anywhere): no horizontal delta enters block 0.
        let mut h = 0i32;
        for b in 0..=last {
            h = advance(&mut pv[b], &mut mv[b], eq_row[b], h, out_bit(b));
            bottom[b] = bottom[b].wrapping_add_signed(h as isize);
        }
        let before = bottom[last].wrapping_add_signed(-(h as isize));
        if last + 1 < nb && before <= k && (eq_row[last + 1] & 1 != 0 || h < 0) {
            // The next block's top cell can now be ≤ k (by a match on the diagonal, or from
            // above). Its previous column is taken as +1 per row from the block above: an upper
            // bound of values that were all > k anyway, so every value ≤ k comes out exact.
            last += 1;
            pv[last] = u64::MAX;
            mv[last] = 0;
            let h_new = advance(&mut pv[last], &mut mv[last], eq_row[last], h, out_bit(last));
            bottom[last] = (before + rows(last)).wrapping_add_signed(h_new as isize);
        } else {
            // Block 0 always stays: its first row is at most 1.
            while last > 0 && bottom[last] >= k + rows(last) {
                last -= 1;
            }
        }
        if last + 1 < nb {
            continue; // the pattern's last row is > k
        }
        let score = bottom[nb - 1];
        if score > k {
            continue;
        }
        if score < best {
            best = score;
            ends.clear();
        }
        if score == best {
            push_nearest(&mut ends, base + i + 1, near, MAX_ENDS);
        }
    }
    (best <= k).then(|| (best, ends.into()))
}

/// Edit distances (Levenshtein, on code points) from all of `a` to each prefix `b[..j]`, for
/// `j` in `0..=b.len()`, capped at `k + 1`. Only the diagonal band |i − j| ≤ k can hold a value
/// ≤ k, so the work is O(|a| × k).
fn edit_row(a: &[char], b: &[char], k: usize) -> Vec<usize> {
    let inf = k + 1;
    let n = b.len();
    let mut prev: Vec<usize> = (0..=n).map(|j| j.min(inf)).collect();
    let mut cur = vec![inf; n + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k);
        let hi = (i + k).min(n);
        if lo > hi {
            return vec![inf; n + 1];
        }
        for j in lo..=hi {
            // Cells outside the previous row's band (or left of this one's) hold stale values:
            // they are only read when they are inside their band.
            let mut v = if j < i + k { prev[j] + 1 } else { inf };
            if j == 0 {
                v = v.min(i);
            } else {
                v = v.min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
                if j > lo {
                    v = v.min(cur[j - 1] + 1);
                }
            }
            cur[j] = v.min(inf);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let band = a.len().saturating_sub(k)..=(a.len() + k).min(n);
    (0..=n)
        .map(|j| if band.contains(&j) { prev[j] } else { inf })
        .collect()
}

/// Where the best match ending at `end` starts (not before `floor`), and its distance: the
/// reversed pattern aligned backwards from `end`. Among equally good starts, the length nearest
/// the pattern's wins.
fn start_for_end(
    doc: &DocText,
    pat: &Pattern,
    floor: usize,
    end: usize,
    k: usize,
) -> Option<(usize, usize)> {
    let m = pat.chars.len();
    let lo = end.saturating_sub(m + k).max(floor);
    let before: Vec<char> = doc.slice(lo..end)?.chars().rev().collect();
    let row = edit_row(&pat.reversed, &before, k);
    let j = (0..row.len()).min_by_key(|&j| (row[j], j.abs_diff(m), j))?;
    (row[j] <= k).then_some((end - j, row[j]))
}

/// An approximate placement, trimmed, with what ranks it.
struct Candidate {
    range: Range<usize>,
    dist: usize,
    /// The stored context agrees on at least one side (see [`agrees`]).
    agrees: bool,
    anchored: bool,
    context: usize,
}

impl Candidate {
    /// Agreeing context first, then anchored, fewest edits, most context, nearest the old start;
    /// the offsets last make the choice deterministic.
    fn key(&self, old_start: usize) -> (bool, bool, usize, Reverse<usize>, usize, usize, usize) {
        (
            !self.agrees,
            !self.anchored,
            self.dist,
            Reverse(self.context),
            self.range.start.abs_diff(old_start),
            self.range.start,
            self.range.end,
        )
    }
}

/// The state of one approximate search: the query and what has been found so far.
struct Fuzzy<'a> {
    doc: &'a DocText,
    q: &'a AnchorQuery<'a>,
    pat: Pattern,
    k: usize,
    /// Context code points needed on each side to count as anchored.
    need: (usize, usize),
    /// Where a candidate may lie.
    bounds: Range<usize>,
    found: Vec<Candidate>,
}

impl Fuzzy<'_> {
    fn add(&mut self, range: Range<usize>, dist: usize) {
        let range = self.doc.trim(range);
        if range.is_empty() || range.start < self.bounds.start || range.end > self.bounds.end {
            return;
        }
        let (Some(b0), Some(b1)) = (self.doc.byte_of(range.start), self.doc.byte_of(range.end))
        else {
            return;
        };
        let (pre, suf) = context_match(self.doc.as_str(), b0..b1, self.q.prefix, self.q.suffix);
        self.found.push(Candidate {
            agrees: agrees_by((pre, suf), self.doc, range.clone(), self.q),
            range,
            dist,
            anchored: pre >= self.need.0 && suf >= self.need.1,
            context: pre + suf,
        });
    }

    /// Approximate search inside a window of the document; every best end becomes a candidate.
    fn search_window(&mut self, w: Range<usize>) {
        let Some(text) = self.doc.slice(w.clone()) else {
            return;
        };
        let Some((_, ends)) = search(&self.pat, text, w.start, self.k, self.q.end) else {
            return;
        };
        for end in ends {
            if let Some((start, dist)) = start_for_end(self.doc, &self.pat, w.start, end, self.k) {
                self.add(start..end, dist);
            }
        }
    }

    /// The gap between an intact end of the prefix and an intact start of the suffix: when its
    /// length is plausible and it is close to the stored text, it is the likeliest place of all.
    fn try_gap(&mut self, gap: Range<usize>) {
        let m = self.pat.chars.len();
        let len = gap.end - gap.start;
        if len + self.k < m || len > m + self.k {
            return;
        }
        let Some(text) = self.doc.slice(gap.clone()) else {
            return;
        };
        let chars: Vec<char> = text.chars().collect();
        let dist = edit_row(&self.pat.chars, &chars, self.k)[chars.len()];
        if dist <= self.k {
            self.add(gap, dist);
        }
    }
}

/// The last (or first) [`CONTEXT_KEY_CHARS`] code points of a context string.
fn context_key(s: &str, from_end: bool) -> &str {
    let count = s.chars().count();
    if count <= CONTEXT_KEY_CHARS {
        return s;
    }
    if from_end {
        let skip = count - CONTEXT_KEY_CHARS;
        s.char_indices().nth(skip).map_or("", |(b, _)| &s[b..])
    } else {
        s.char_indices()
            .nth(CONTEXT_KEY_CHARS)
            .map_or(s, |(b, _)| &s[..b])
    }
}

/// Code point offsets where `key` occurs in the document (where it ends if `at_end`, else where
/// it starts), the [`MAX_CONTEXT_HITS`] nearest `near`.
fn context_hits(doc: &DocText, key: &str, near: usize, at_end: bool) -> Vec<usize> {
    let len = key.chars().count();
    if len < MIN_CONTEXT_KEY_CHARS {
        return Vec::new();
    }
    let mut hits = VecDeque::new();
    for (_, c) in occurrences(doc.as_str(), key) {
        push_nearest(
            &mut hits,
            if at_end { c + len } else { c },
            near,
            MAX_CONTEXT_HITS,
        );
    }
    hits.into()
}

/// Rule 3: the best approximate placement inside `bounds` within ~20% edits, and whether its
/// context agrees, or `None`. Windows first (around the old position and around intact pieces of
/// context); all of `bounds` only when they give nothing anchored.
fn fuzzy(doc: &DocText, q: &AnchorQuery, bounds: &Range<usize>) -> Option<(Range<usize>, bool)> {
    let pat = Pattern::new(q.text);
    let m = pat.chars.len();
    if m < MIN_FUZZY_CHARS {
        return None;
    }
    let k = (m / 5).max(1);
    let hi = bounds.end.min(doc.char_len());
    let lo = bounds.start.min(hi);
    let need = (
        q.prefix.chars().count().min(ANCHOR_CHARS),
        q.suffix.chars().count().min(ANCHOR_CHARS),
    );
    let mut f = Fuzzy {
        doc,
        q,
        pat,
        k,
        need,
        bounds: lo..hi,
        found: Vec::new(),
    };
    let clamp = |a: usize, b: usize| {
        let a = a.clamp(lo, hi);
        a..b.clamp(a, hi)
    };

    let radius = (4 * m).max(NEAR_RADIUS);
    let near = clamp(q.start.saturating_sub(radius), q.end.saturating_add(radius));
    let mut windows = vec![near.clone()];
    let after_prefix = context_hits(doc, context_key(q.prefix, true), q.start, true);
    let before_suffix = context_hits(doc, context_key(q.suffix, false), q.end, false);
    for &p in &after_prefix {
        windows.push(clamp(p.saturating_sub(k), p + m + k));
        for &s in &before_suffix {
            if s >= p {
                f.try_gap(p..s);
            }
        }
    }
    for &s in &before_suffix {
        windows.push(clamp(s.saturating_sub(m + k), s + k));
    }
    for w in windows {
        f.search_window(w);
    }
    if near != (lo..hi) && !f.found.iter().any(|c| c.anchored) {
        f.search_window(lo..hi);
    }
    f.found
        .into_iter()
        .min_by_key(|c| c.key(q.start))
        .map(|c| (c.range, c.agrees))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Fragment;
    use proptest::prelude::*;
    use proptest::sample::Index;

    const ARTICLE: &str = "Zelenskyy urges NATO to act – “now, not later”\r\n\
        \r\n\
        KYIV, 12 March — Ukraine’s president Volodymyr Zelenskyy said on Tuesday that “Russia must \
        withdraw all of its troops” before any talks could begin. 🇺🇦\r\n\
        \r\n\
        “We will not give up,” he said, “and we will not trade our land for a ceasefire.”\r\n\
        \r\n\
        NATO’s secretary general said the alliance would “stand with Ukraine for as long as it \
        takes”. Russia must withdraw, he added, but talks were possible.\r\n";

    fn char_index(s: &str, byte: usize) -> usize {
        s[..byte].chars().count()
    }

    /// A fragment on the `nth` occurrence of `needle`, with its real context, as the app makes it.
    fn fragment(doc: &DocText, needle: &str, nth: usize) -> Fragment {
        let (b, _) = doc
            .as_str()
            .match_indices(needle)
            .nth(nth)
            .expect("needle in document");
        let start = char_index(doc.as_str(), b);
        Fragment::on(doc, start..start + needle.chars().count())
    }

    fn query(f: &Fragment) -> AnchorQuery<'_> {
        AnchorQuery {
            start: f.start,
            end: f.end,
            text: f.text(),
            prefix: f.prefix(),
            suffix: f.suffix(),
        }
    }

    fn doc(s: &str) -> DocText {
        DocText::new(s.to_string())
    }

    fn slice_of(doc: &DocText, a: &Anchored) -> Option<String> {
        match *a {
            Anchored::Moved { start, end }
            | Anchored::Fuzzy { start, end }
            | Anchored::Unconfirmed { start, end } => doc.slice(start..end).map(str::to_string),
            _ => None,
        }
    }

    #[test]
    fn unchanged_text_is_exact() {
        let d = doc(ARTICLE);
        for needle in [
            "“Russia must withdraw all of its troops”",
            "🇺🇦",
            "“We will not give up,”",
            "KYIV, 12 March — Ukraine’s president",
            "begin. 🇺🇦\r\n\r\n“We",
        ] {
            let f = fragment(&d, needle, 0);
            assert_eq!(reanchor(&d, &query(&f)), Anchored::Exact, "{needle}");
        }
    }

    #[test]
    fn paragraph_inserted_above_moves_the_span() {
        let old = doc(ARTICLE);
        let f = fragment(&old, "“We will not give up,”", 0);
        let inserted = "Update, 14:05 — the statement was confirmed by his office. 🇺🇦\r\n\r\n";
        let new = doc(&ARTICLE.replacen("KYIV,", &format!("{inserted}KYIV,"), 1));
        let shift = inserted.chars().count();
        let got = reanchor(&new, &query(&f));
        assert_eq!(
            got,
            Anchored::Moved {
                start: f.start + shift,
                end: f.end + shift
            }
        );
        assert_eq!(slice_of(&new, &got).as_deref(), Some(f.text()));
    }

    #[test]
    fn boilerplate_removed_above_moves_the_span_back() {
        let old = doc(ARTICLE);
        let f = fragment(&old, "“and we will not trade our land for a ceasefire.”", 0);
        let new = doc(&ARTICLE.replacen(
            "Zelenskyy urges NATO to act – “now, not later”\r\n\r\n",
            "",
            1,
        ));
        let got = reanchor(&new, &query(&f));
        assert_eq!(slice_of(&new, &got).as_deref(), Some(f.text()));
        assert!(matches!(got, Anchored::Moved { start, .. } if start == f.start - 50));
    }

    #[test]
    fn repeated_text_is_disambiguated_by_context() {
        let old = doc(ARTICLE);
        // The second "Russia must withdraw" (NATO paragraph), then a long paragraph inserted
        // between the two occurrences: the first is now nearer the old offsets, but only the
        // second has the right context.
        let f = fragment(&old, "Russia must withdraw", 1);
        let filler =
            "Officials in Brussels – speaking on condition of anonymity – said the talks’ \
            outcome remained uncertain. "
                .repeat(6);
        let new_text = ARTICLE.replacen(
            "NATO’s secretary",
            &format!("{filler}\r\n\r\nNATO’s secretary"),
            1,
        );
        let new = doc(&new_text);
        let (first, second) = {
            let mut it = new_text.match_indices("Russia must withdraw");
            let a = char_index(&new_text, it.next().unwrap().0);
            let b = char_index(&new_text, it.next().unwrap().0);
            (a, b)
        };
        assert!(
            f.start.abs_diff(first) < f.start.abs_diff(second),
            "the test needs the decoy nearer"
        );
        let got = reanchor(&new, &query(&f));
        assert_eq!(
            got,
            Anchored::Moved {
                start: second,
                end: second + f.text().chars().count()
            }
        );

        // And the first occurrence, moved by an edit above, still finds itself and not the other.
        let g = fragment(&old, "Russia must withdraw", 0);
        let new = doc(&ARTICLE.replacen("KYIV, 12 March", "KYIV, Tuesday 12 March 2024", 1));
        let got = reanchor(&new, &query(&g));
        assert_eq!(
            got,
            Anchored::Moved {
                start: g.start + 13,
                end: g.end + 13
            }
        );
    }

    #[test]
    fn without_context_the_nearest_occurrence_wins() {
        let d = doc("NATO said “no”. Then NATO said “yes”. Finally NATO said “maybe”.");
        let mut f = Fragment::new(18, 22, "NATO");
        assert_eq!(
            reanchor(&d, &query(&f)),
            Anchored::Moved { start: 21, end: 25 }
        );
        // Equally near on both sides: the earlier one, every time.
        let d = doc("xNATOxxNATO");
        f.start = 4;
        f.end = 8;
        assert_eq!(
            reanchor(&d, &query(&f)),
            Anchored::Moved { start: 1, end: 5 }
        );
    }

    #[test]
    fn typo_fixed_inside_the_span_is_fuzzy_on_the_corrected_words() {
        let typo = ARTICLE.replacen("withdraw all", "withdrw all", 1);
        let old = doc(&typo);
        let f = fragment(&old, "“Russia must withdrw all of its troops”", 0);
        let new = doc(ARTICLE);
        let got = reanchor(&new, &query(&f));
        assert!(matches!(got, Anchored::Fuzzy { .. }), "{got:?}");
        assert_eq!(
            slice_of(&new, &got).as_deref(),
            Some("“Russia must withdraw all of its troops”")
        );

        // A name respelt, with a paragraph inserted above as well.
        let old = doc(&ARTICLE.replacen("Volodymyr Zelenskyy said", "Volodymyr Zelenskiy sayd", 1));
        let f = fragment(&old, "president Volodymyr Zelenskiy sayd on Tuesday", 0);
        let new = doc(&ARTICLE.replacen("KYIV,", "Live — 🇺🇦 updates\r\n\r\nKYIV,", 1));
        let got = reanchor(&new, &query(&f));
        assert!(matches!(got, Anchored::Fuzzy { .. }), "{got:?}");
        assert_eq!(
            slice_of(&new, &got).as_deref(),
            Some("president Volodymyr Zelenskyy said on Tuesday")
        );
    }

    #[test]
    fn fuzzy_range_is_trimmed() {
        // The span's first word was deleted: the match must not start with the space left behind.
        let old = doc(ARTICLE);
        let f = fragment(&old, "secretary general said the alliance would", 0);
        let new = doc(&ARTICLE.replacen("NATO’s secretary general", "NATO’s general", 1));
        let got = reanchor(&new, &query(&f));
        let text = slice_of(&new, &got).expect("placed");
        assert!(matches!(got, Anchored::Fuzzy { .. }), "{got:?}");
        assert_eq!(text, text.trim());
        assert!(
            text.ends_with("general said the alliance would"),
            "{text:?}"
        );
    }

    #[test]
    fn deleted_sentence_is_an_orphan() {
        let old = doc(ARTICLE);
        let f = fragment(
            &old,
            "“We will not give up,” he said, “and we will not trade our land for a ceasefire.”",
            0,
        );
        let new = doc(&ARTICLE.replacen(
            "“We will not give up,” he said, “and we will not trade our land for a ceasefire.”\r\n\r\n",
            "",
            1,
        ));
        assert_eq!(reanchor(&new, &query(&f)), Anchored::Orphan);
    }

    #[test]
    fn deleted_short_span_does_not_match_something_random() {
        let text = "“No,” he said. No. Now, not later. 🇺🇦 Ukraine’s flag 🇺🇸.";
        let old = doc(text);
        for needle in ["No,", "🇺🇦", "flag"] {
            let f = fragment(&old, needle, 0);
            let new = doc(&text.replacen(needle, "", 1));
            assert_eq!(reanchor(&new, &query(&f)), Anchored::Orphan, "{needle}");
        }
    }

    #[test]
    fn a_deleted_passage_does_not_jump_to_another_copy_of_its_words() {
        // The NATO paragraph's "Russia must withdraw" is deleted with its sentence; the same
        // words are still in the first paragraph, in other surroundings.
        let old = doc(ARTICLE);
        let f = fragment(&old, "Russia must withdraw", 1);
        let new = doc(&ARTICLE.replacen(
            " Russia must withdraw, he added, but talks were possible.",
            "",
            1,
        ));
        assert!(new.as_str().contains("Russia must withdraw"));
        assert_eq!(reanchor(&new, &query(&f)), Anchored::Orphan);

        // A longer passage found only where its context changed on both sides is placed, to be
        // reviewed: it may be the same paragraph in new surroundings.
        let g = fragment(
            &old,
            "“We will not give up,” he said, “and we will not trade",
            0,
        );
        let new = doc(&ARTICLE.replacen(
            "\r\n\r\n“We will not give up,” he said, “and we will not trade our land for a ceasefire.”",
            "\r\nIn short: “We will not give up,” he said, “and we will not trade land for peace.”",
            1,
        ));
        let got = reanchor(&new, &query(&g));
        assert!(matches!(got, Anchored::Unconfirmed { .. }), "{got:?}");
        assert_eq!(slice_of(&new, &got).as_deref(), Some(g.text()));
    }

    #[test]
    fn a_fragment_is_placed_only_inside_its_bounds() {
        let d = doc("NATO said no. Later NATO said yes.");
        let f = Fragment::new(20, 24, "NATO");
        assert_eq!(
            reanchor_within(&d, &query(&f), 0..14),
            Anchored::Moved { start: 0, end: 4 }
        );
        assert_eq!(reanchor_within(&d, &query(&f), 5..14), Anchored::Orphan);
    }

    #[test]
    fn stale_offsets_past_the_end_do_not_panic() {
        let old = doc(ARTICLE);
        let f = fragment(&old, "but talks were possible.", 0);
        let new = doc("Russia must withdraw, he added, but talks were possible.");
        assert_eq!(
            reanchor(&new, &query(&f)),
            Anchored::Moved { start: 32, end: 56 }
        );
        let new = doc("Russia must withdraw, he added, but talk were possible.");
        assert_eq!(
            reanchor(&new, &query(&f)),
            Anchored::Fuzzy { start: 32, end: 55 }
        );
        let empty = AnchorQuery {
            start: 3,
            end: 3,
            text: "",
            prefix: "",
            suffix: "",
        };
        assert_eq!(reanchor(&doc("ab"), &empty), Anchored::Orphan);
        assert_eq!(reanchor(&doc(""), &query(&f)), Anchored::Orphan);
    }

    /// The textbook edit matrix: the lowest distance of `pat` to any substring of `text`.
    fn naive_search(pat: &[char], text: &[char]) -> usize {
        let mut col: Vec<usize> = (0..=pat.len()).collect();
        // Matches end after at least one character of `text`, as in `search`.
        let mut best = usize::MAX;
        for &c in text {
            let mut next = vec![0; pat.len() + 1];
            for i in 1..=pat.len() {
                next[i] = (col[i - 1] + usize::from(pat[i - 1] != c))
                    .min(col[i] + 1)
                    .min(next[i - 1] + 1);
            }
            col = next;
            best = best.min(col[pat.len()]);
        }
        best
    }

    fn levenshtein(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(prev[j] + 1)
                    .min(cur[j - 1] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    const WORDS: &[&str] = &[
        "Zelenskyy",
        "Kyiv",
        "NATO",
        "Russia",
        "must",
        "withdraw",
        "said",
        "the",
        "“",
        "”",
        "’s",
        "–",
        "—",
        "🇺🇦",
        "\r\n",
        "\n",
        ",",
        ".",
        "a",
        "ceasefire",
        "Ukraine",
        "talks",
        "élan",
        "alliance",
        "troops",
        "“We",
        "not",
        "give",
        "up,”",
        "aa",
        "ab",
        "ba",
    ];
    const SEPARATORS: &[&str] = &[" ", " ", " ", "", "\r\n", ", ", " – "];

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(WORDS),
                prop::sample::select(SEPARATORS),
            ),
            5..120,
        )
        .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect())
    }

    fn words() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(WORDS),
                prop::sample::select(SEPARATORS),
            ),
            0..4,
        )
        .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect())
    }

    /// An edit: (kind: insert / delete / replace, position, deleted length, inserted text, aimed
    /// inside the span).
    fn edit() -> impl Strategy<Value = (u8, Index, usize, String, bool)> {
        (
            0u8..3,
            any::<Index>(),
            1usize..12,
            words(),
            prop::bool::weighted(0.2),
        )
    }

    fn chars_of(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    proptest! {
        // No regression files: a failure prints its minimal input, which belongs in a unit test.
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            max_global_rejects: 10_000,
            ..ProptestConfig::with_cases(256)
        })]

        #[test]
        fn bit_parallel_search_agrees_with_the_edit_matrix(
            pat in prop::collection::vec(prop::sample::select(vec!['a', 'b', 'é', '🇺', '\r']), 1..300),
            text in prop::collection::vec(prop::sample::select(vec!['a', 'b', 'é', '🇺', '\r', 'x']), 0..400),
            k in 0usize..160,
        ) {
            let p = Pattern::new(&pat.iter().collect::<String>());
            let t: String = text.iter().collect();
            let expected = naive_search(&pat, &text);
            let got = search(&p, &t, 0, k, 0).map(|(d, _)| d);
            prop_assert_eq!(got, (expected <= k).then_some(expected));
        }

        #[test]
        fn banded_edit_row_agrees_with_levenshtein(
            a in prop::collection::vec(prop::sample::select(vec!['a', 'b', '–', 'c']), 0..30),
            b in prop::collection::vec(prop::sample::select(vec!['a', 'b', '–', 'd']), 0..30),
            k in 0usize..12,
        ) {
            let row = edit_row(&a, &b, k);
            for j in 0..=b.len() {
                prop_assert_eq!(row[j], levenshtein(&a, &b[..j]).min(k + 1));
            }
        }

        #[test]
        fn reanchoring_is_sound_after_random_edits(
            text in document(),
            at in any::<Index>(),
            len in 1usize..60,
            edits in prop::collection::vec(edit(), 0..4),
        ) {
            let old = DocText::new(text);
            let n = old.char_len();
            prop_assume!(n > 0);
            let start = at.index(n);
            let range = old.trim(start..(start + len).min(n));
            prop_assume!(!range.is_empty());
            let stored = old.slice(range.clone()).unwrap().to_string();
            let (prefix, suffix) = old.context(range.clone());
            let q = AnchorQuery { start: range.start, end: range.end, text: &stored, prefix: &prefix, suffix: &suffix };

            // Apply the edits, following where the span's text goes while no edit touches it.
            let mut chars = chars_of(old.as_str());
            let (mut s, mut e, mut touched) = (range.start, range.end, false);
            for (kind, pos, del, ins, inside) in edits {
                let p = if inside { s + pos.index(e - s + 1) } else { pos.index(chars.len() + 1) };
                let p = p.min(chars.len());
                let del = if kind == 0 { 0 } else { del.min(chars.len() - p) };
                let ins: Vec<char> = if kind == 1 { Vec::new() } else { chars_of(&ins) };
                if p + del <= s {
                    s = s + ins.len() - del;
                    e = e + ins.len() - del;
                } else if p < e {
                    touched = true;
                }
                chars.splice(p..p + del, ins);
            }
            let new = DocText::new(chars.into_iter().collect());
            let got = reanchor(&new, &q);

            let len = stored.chars().count();
            match got {
                Anchored::Exact => {
                    prop_assert_eq!(new.slice(q.start..q.end), Some(stored.as_str()));
                    prop_assert!(agrees(&new, q.start..q.end, &q));
                }
                Anchored::Moved { start, end } => {
                    prop_assert_eq!(new.slice(start..end), Some(stored.as_str()));
                    prop_assert_ne!(start, q.start);
                    // A move is only taken where the context agrees.
                    prop_assert!(agrees(&new, start..end, &q));
                }
                Anchored::Unconfirmed { start, end } => {
                    prop_assert_eq!(new.slice(start..end), Some(stored.as_str()));
                    prop_assert!(!agrees(&new, start..end, &q));
                    prop_assert!(len >= DISTINCTIVE_CHARS);
                }
                Anchored::Fuzzy { start, end } => {
                    let t = new.slice(start..end);
                    prop_assert!(t.is_some_and(|t| !t.is_empty() && t.trim() == t), "{:?}", t);
                    prop_assert!(len >= MIN_FUZZY_CHARS);
                    prop_assert!(len >= DISTINCTIVE_CHARS || agrees(&new, start..end, &q));
                    // Had the stored text been there with its context, rule 2 would have found it.
                    prop_assert!(t != Some(stored.as_str()) || !agrees(&new, start..end, &q));
                }
                Anchored::Orphan => {}
            }
            if !touched && agrees(&new, s..e, &q) {
                // The text is still somewhere with its context, so it must be placed exactly.
                prop_assert!(matches!(got, Anchored::Exact | Anchored::Moved { .. }), "{:?}", got);
                let placed = match got { Anchored::Moved { start, end } => start..end, _ => q.start..q.end };
                if occurrences(new.as_str(), &stored).count() == 1 {
                    prop_assert_eq!(placed.clone(), s..e);
                }
                // With its context intact too, a move goes to a place with the full context. (An
                // Exact result wins by rule 1 even where the context disagrees: another copy of
                // a short text may have slid under the old offsets.)
                let (pre, suf) = new.context(s..e);
                if pre == prefix && suf == suffix && matches!(got, Anchored::Moved { .. }) {
                    let (p2, s2) = new.context(placed);
                    prop_assert!(p2.ends_with(&prefix) && s2.starts_with(&suffix), "{:?} {:?}", p2, s2);
                }
            }
        }

        #[test]
        fn a_typo_inside_a_long_span_is_found_in_place(
            text in document(),
            at in any::<Index>(),
            len in 16usize..80,
            typo_at in any::<Index>(),
            typo in prop::sample::select(vec!['x', 'é', '’', '🇺']),
        ) {
            let old = DocText::new(text);
            let n = old.char_len();
            prop_assume!(n > len);
            let start = at.index(n - len);
            let range = old.trim(start..start + len);
            prop_assume!(range.len() >= 12);
            let stored = old.slice(range.clone()).unwrap().to_string();
            let (prefix, suffix) = old.context(range.clone());
            let q = AnchorQuery { start: range.start, end: range.end, text: &stored, prefix: &prefix, suffix: &suffix };
            // One character inside (not at the ends, which trimming may shift) replaced.
            let mut chars = chars_of(old.as_str());
            let i = range.start + 1 + typo_at.index(range.len() - 2);
            prop_assume!(chars[i] != typo);
            chars[i] = typo;
            let new = DocText::new(chars.into_iter().collect());
            let got = reanchor(&new, &q);
            match got {
                Anchored::Fuzzy { start, end } => {
                    prop_assert!(start < range.end && range.start < end, "{:?} for {:?}", got, range);
                }
                // Only if the text is repeated elsewhere.
                Anchored::Moved { start, end } => {
                    prop_assert_eq!(new.slice(start..end), Some(stored.as_str()));
                }
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }

    /// A megabyte of varied news-like text with CRLF paragraphs.
    fn big_article() -> String {
        let vocab = [
            "Kyiv",
            "NATO",
            "officials",
            "said",
            "the",
            "talks",
            "would",
            "resume",
            "“soon”",
            "–",
            "Russia’s",
            "army",
            "shelled",
            "Kharkiv",
            "overnight",
            "🇺🇦",
            "grain",
            "exports",
            "rose",
            "percent",
            "Brussels",
            "ministers",
            "agreed",
            "sanctions",
            "package",
            "on",
            "Friday",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut out = String::new();
        let mut para = 0;
        while out.len() < 1_000_000 {
            para += 1;
            out.push_str(&format!("{para}. "));
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                out.push_str(vocab[(seed % vocab.len() as u64) as usize]);
                out.push(' ');
            }
            out.push_str("\r\n\r\n");
        }
        out
    }

    #[test]
    #[ignore = "timing: cargo test --lib anchor -- --ignored --nocapture"]
    fn time_reanchor_on_a_megabyte() {
        use std::time::Instant;
        let text = big_article();
        let old = doc(&text);
        let mid = old.char_len() / 2;
        let range = old.trim(mid..mid + 200);
        let f = Fragment::on(&old, range.clone());
        let b = old.byte_of(range.start).unwrap();
        let e = old.byte_of(range.end).unwrap();
        let inside = old.byte_of(range.start + 100).unwrap();
        let above = "Breaking: ministers met in Brussels – “a long night”.\r\n\r\n";
        let cases = [
            ("unchanged", text.clone()),
            ("paragraph inserted above", format!("{above}{text}")),
            (
                "typo fixed inside, moved",
                format!("{above}{}#{}", &text[..inside], &text[inside..]),
            ),
            (
                "context and span edited",
                format!(
                    "{}X{}Y{}Z{}",
                    &text[..b - 3],
                    &text[b - 3..inside],
                    &text[inside..e + 3],
                    &text[e + 3..]
                ),
            ),
            ("span deleted", format!("{}{}", &text[..b], &text[e..])),
        ];
        println!(
            "document: {} bytes, {} code points; span {} code points",
            text.len(),
            old.char_len(),
            f.text().chars().count()
        );
        for (name, new_text) in cases {
            let new = doc(&new_text);
            let t = Instant::now();
            let got = reanchor(&new, &query(&f));
            println!(
                "{name:>28}: {:>8.2} ms  {got:?}",
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
