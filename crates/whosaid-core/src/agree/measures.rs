//! The agreement measures themselves, on plain spans: Krippendorff's nominal alpha at the level
//! of code points, strict and overlap F1, and Cohen's kappa; each with its definition.

use std::collections::HashMap;

/// One coder's annotation as the measures see it: document index, label index, sorted
/// fragments as `(start, end)` code point ranges, and the main speaker's name key ("" when
/// unattributed).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub doc: usize,
    pub label: usize,
    pub fragments: Vec<(usize, usize)>,
    pub speaker: String,
}

impl Span {
    /// Code points this span and `other` both cover (fragments are sorted and disjoint).
    fn shared(&self, other: &Span) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        let (a, b) = (&self.fragments, &other.fragments);
        while i < a.len() && j < b.len() {
            let (s, e) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
            if s < e {
                n += e - s;
            }
            if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
        }
        n
    }
}

/// Krippendorff's alpha, nominal, for binary values over code points: each of `coders` coders
/// rates every code point of documents of lengths `doc_lens`; the value is 1 where one of the
/// coder's `spans` (of the label in question) covers it, else 0. With no missing values every
/// unit has m = coders values, n = units * m, and alpha = 1 - (n - 1) * sum_u a_u * b_u /
/// ((m - 1) * n1 * n0), a_u and b_u the ones and zeros of unit u, n1 and n0 their totals.
/// `None` when it is undefined: fewer than two coders, no code points, or no variation at all
/// (nobody used the label, or everybody covered everything).
pub fn alpha_codepoints(doc_lens: &[usize], coders: &[Vec<&Span>]) -> Option<f64> {
    let m = coders.len();
    let units: usize = doc_lens.iter().sum();
    if m < 2 || units == 0 {
        return None;
    }
    // How many code points have exactly k coders covering them, by a sweep over boundaries.
    let mut with_k = vec![0usize; m + 1];
    for (doc, &len) in doc_lens.iter().enumerate() {
        let mut events: Vec<(usize, i64)> = Vec::new();
        for spans in coders {
            for (s, e) in covered(spans.iter().filter(|s| s.doc == doc).copied(), len) {
                events.push((s, 1));
                events.push((e, -1));
            }
        }
        events.sort_unstable();
        let (mut at, mut depth) = (0usize, 0i64);
        for (pos, delta) in events {
            with_k[depth as usize] += pos - at;
            at = pos;
            depth += delta;
        }
        with_k[0] += len - at;
    }
    let n = (units * m) as f64;
    let n1: f64 = with_k.iter().enumerate().map(|(k, c)| (k * c) as f64).sum();
    let n0 = n - n1;
    if n1 == 0.0 || n0 == 0.0 {
        return None;
    }
    let disagreeing: f64 = with_k
        .iter()
        .enumerate()
        .map(|(k, c)| (k * (m - k) * c) as f64)
        .sum();
    Some(1.0 - (n - 1.0) * disagreeing / ((m - 1) as f64 * n1 * n0))
}

/// The code points one coder's spans cover in a document, as sorted disjoint ranges within
/// `0..len` (overlapping spans of one coder count once).
fn covered<'a>(spans: impl Iterator<Item = &'a Span>, len: usize) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = spans
        .flat_map(|s| s.fragments.iter().copied())
        .map(|(s, e)| (s.min(len), e.min(len)))
        .filter(|(s, e)| s < e)
        .collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// 2|A∩B| / (|A| + |B|), an annotation being its document, label and fragments (speakers
/// aside). `None` when both are empty.
pub fn strict_f1(a: &[&Span], b: &[&Span]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let key = |s: &Span| (s.doc, s.label, s.fragments.clone());
    let mut left: HashMap<_, usize> = HashMap::new();
    for s in a {
        *left.entry(key(s)).or_default() += 1;
    }
    let mut both = 0;
    for s in b {
        if let Some(n) = left.get_mut(&key(s))
            && *n > 0
        {
            *n -= 1;
            both += 1;
        }
    }
    Some(2.0 * both as f64 / (a.len() + b.len()) as f64)
}

/// A one-to-one matching of same-document, same-label spans of `a` and `b` that share at least
/// one code point, the pairs sharing most first (ties in input order): indices into `a` and `b`.
pub fn overlap_matches(a: &[&Span], b: &[&Span]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            if x.doc == y.doc && x.label == y.label {
                let shared = x.shared(y);
                if shared > 0 {
                    candidates.push((shared, i, j));
                }
            }
        }
    }
    candidates.sort_by(|p, q| q.0.cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// 2 * matches / (|A| + |B|) with the matching of [`overlap_matches`]. `None` when both are empty.
pub fn overlap_f1(a: &[&Span], b: &[&Span]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    Some(2.0 * overlap_matches(a, b).len() as f64 / (a.len() + b.len()) as f64)
}

/// Speaker agreement on matched spans: the share with the same main speaker (by name key,
/// unattributed being a value of its own), and Cohen's kappa, (p_o - p_e) / (1 - p_e) with p_e
/// from each coder's own distribution of speakers. `None`s when nothing is matched; kappa `None`
/// when p_e is 1 (both coders always gave the one same speaker).
pub fn speaker_agreement(pairs: &[(&str, &str)]) -> (Option<f64>, Option<f64>) {
    if pairs.is_empty() {
        return (None, None);
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut left: HashMap<&str, f64> = HashMap::new();
    let mut right: HashMap<&str, f64> = HashMap::new();
    for (a, b) in pairs {
        *left.entry(a).or_default() += 1.0;
        *right.entry(b).or_default() += 1.0;
    }
    let expected: f64 = left
        .iter()
        .map(|(k, c)| c / n * right.get(k).copied().unwrap_or(0.0) / n)
        .sum();
    let kappa = (expected < 1.0 - 1e-12).then(|| (observed - expected) / (1.0 - expected));
    (Some(observed), kappa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(doc: usize, label: usize, fragments: &[(usize, usize)]) -> Span {
        Span {
            doc,
            label,
            fragments: fragments.to_vec(),
            speaker: String::new(),
        }
    }

    /// Nominal alpha straight from Krippendorff's definition: the coincidence matrix o_ck =
    /// sum over units of (pairs of values c, k within the unit) / (m_u - 1), then
    /// alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k.
    fn alpha_by_definition(units: &[Vec<u8>]) -> Option<f64> {
        let mut o = [[0f64; 2]; 2];
        for values in units {
            let m = values.len() as f64;
            for (i, &c) in values.iter().enumerate() {
                for (j, &k) in values.iter().enumerate() {
                    if i != j {
                        o[c as usize][k as usize] += 1.0 / (m - 1.0);
                    }
                }
            }
        }
        let n_c = [o[0][0] + o[0][1], o[1][0] + o[1][1]];
        let n = n_c[0] + n_c[1];
        let expected = 2.0 * n_c[0] * n_c[1];
        (expected > 0.0).then(|| 1.0 - (n - 1.0) * (o[0][1] + o[1][0]) / expected)
    }

    fn units_of(doc_lens: &[usize], coders: &[Vec<&Span>]) -> Vec<Vec<u8>> {
        let mut units = Vec::new();
        for (doc, &len) in doc_lens.iter().enumerate() {
            for at in 0..len {
                units.push(
                    coders
                        .iter()
                        .map(|spans| {
                            u8::from(spans.iter().any(|s| {
                                s.doc == doc && s.fragments.iter().any(|&(b, e)| b <= at && at < e)
                            }))
                        })
                        .collect(),
                );
            }
        }
        units
    }

    #[test]
    fn alpha_by_hand_two_coders_half_overlapping() {
        // Ten code points; A covers 0..4, B 2..6. Units 0,1,4,5 disagree (a=b=1), 2,3 are both 1,
        // 6..9 both 0: n = 20, n1 = 8, n0 = 12, alpha = 1 - 19 * 4 / (1 * 8 * 12) = 5/24.
        let (a, b) = (span(0, 0, &[(0, 4)]), span(0, 0, &[(2, 6)]));
        let alpha = alpha_codepoints(&[10], &[vec![&a], vec![&b]]).unwrap();
        assert!((alpha - 5.0 / 24.0).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn alpha_is_one_for_identical_coders_and_undefined_for_empty_ones() {
        let a = span(0, 0, &[(3, 7), (9, 12)]);
        let same = alpha_codepoints(&[20], &[vec![&a], vec![&a], vec![&a]]);
        assert_eq!(same, Some(1.0));
        assert_eq!(
            alpha_codepoints(&[20], &[vec![], vec![]]),
            None,
            "nobody used the label"
        );
        assert_eq!(alpha_codepoints(&[20], &[vec![&a]]), None, "one coder");
        let all = span(0, 0, &[(0, 20)]);
        assert_eq!(alpha_codepoints(&[20], &[vec![&all], vec![&all]]), None);
    }

    #[test]
    fn alpha_matches_the_definition_on_three_coders_two_documents() {
        let a = [span(0, 0, &[(0, 5)]), span(1, 0, &[(2, 4), (6, 8)])];
        let b = [
            span(0, 0, &[(1, 5)]),
            span(0, 0, &[(3, 9)]),
            span(1, 0, &[(2, 8)]),
        ];
        let c = [span(1, 0, &[(0, 3)])];
        let coders: Vec<Vec<&Span>> =
            vec![a.iter().collect(), b.iter().collect(), c.iter().collect()];
        let lens = [12, 9];
        let fast = alpha_codepoints(&lens, &coders).unwrap();
        let slow = alpha_by_definition(&units_of(&lens, &coders)).unwrap();
        assert!((fast - slow).abs() < 1e-12, "{fast} vs {slow}");
    }

    #[test]
    fn strict_f1_by_hand() {
        let (x, y, z) = (
            span(0, 0, &[(0, 4)]),
            span(0, 1, &[(5, 9)]),
            span(0, 0, &[(0, 5)]),
        );
        // A = {x, y}, B = {x, z}: one in common, 2 * 1 / 4.
        assert_eq!(strict_f1(&[&x, &y], &[&x, &z]), Some(0.5));
        assert_eq!(strict_f1(&[&x, &y], &[&x, &y]), Some(1.0));
        assert_eq!(strict_f1(&[&x], &[]), Some(0.0));
        assert_eq!(strict_f1(&[], &[]), None);
        // Same fragments, another label: no match.
        let x_other = span(0, 1, &[(0, 4)]);
        assert_eq!(strict_f1(&[&x], &[&x_other]), Some(0.0));
    }

    #[test]
    fn overlap_f1_matches_one_to_one_largest_shared_first() {
        // a0 overlaps b0 by 2 and b1 by 4; a1 overlaps b1 by 1 only. Largest first: a0-b1 (4),
        // then a1 has nothing left: one match, 2 * 1 / 4.
        let a0 = span(0, 0, &[(0, 10)]);
        let a1 = span(0, 0, &[(9, 20)]);
        let b0 = span(0, 0, &[(0, 2)]);
        let b1 = span(0, 0, &[(6, 10)]);
        assert_eq!(overlap_matches(&[&a0, &a1], &[&b0, &b1]), [(0, 1)]);
        assert_eq!(overlap_f1(&[&a0, &a1], &[&b0, &b1]), Some(0.5));
        assert_eq!(overlap_f1(&[&a0], &[&a0]), Some(1.0));
        assert_eq!(overlap_f1(&[], &[]), None);
        let other_doc = span(1, 0, &[(0, 10)]);
        assert_eq!(overlap_f1(&[&a0], &[&other_doc]), Some(0.0));
    }

    #[test]
    fn speaker_agreement_and_kappa_by_hand() {
        // 4 matched pairs: (x,x) (x,x) (y,y) (x,y): p_o = 3/4; A gives x 3/4, y 1/4; B x 1/2,
        // y 1/2: p_e = 3/8 + 1/8 = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2.
        let pairs = [("x", "x"), ("x", "x"), ("y", "y"), ("x", "y")];
        assert_eq!(speaker_agreement(&pairs), (Some(0.75), Some(0.5)));
        assert_eq!(speaker_agreement(&[]), (None, None));
        // Always the same one speaker: agreement 1, kappa undefined.
        assert_eq!(
            speaker_agreement(&[("x", "x"), ("x", "x")]),
            (Some(1.0), None)
        );
    }
}
