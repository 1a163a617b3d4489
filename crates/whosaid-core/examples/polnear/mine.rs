//! The miners that write the cue lists from a split: reporting words by frequency, and the
//! prepositions that follow a cue word.

use super::*;

/// Words of at least three letters with their char ranges (inner apostrophes and hyphens kept).
pub(super) fn words(chars: &[char]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric()
                || (matches!(chars[i], '\'' | '’' | '-')
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
        {
            i += 1;
        }
        let w: String = chars[start..i].iter().collect::<String>().to_lowercase();
        out.push((start..i, w.replace('’', "'")));
    }
    out
}

/// Writes, per word form, how often it is part of a gold Cue (its filler words aside), how often
/// it occurs at all, and what its attributions' content does after it: the table the cue lexicon
/// learns its extra verbs from (`cues.rs`).
pub(super) fn mine_cue_words(articles: &[Article], split: &Path, out: &Path) {
    #[derive(Default)]
    struct Row {
        cue: usize,
        total: usize,
        that: usize,
        to: usize,
        before: usize,
        after: usize,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for a in articles {
        let ws = words(&a.chars);
        let mut is_cue = vec![false; ws.len()];
        for g in &a.gold {
            let content_start = g.frags.iter().map(|r| r.start).min().unwrap_or(0);
            for (k, (r, w)) in ws.iter().enumerate() {
                let inside = g
                    .cue_frags
                    .iter()
                    .any(|c| c.start <= r.start && r.end <= c.end);
                if !inside || CUE_FILLERS.contains(&w.as_str()) || is_cue[k] {
                    continue;
                }
                is_cue[k] = true;
                let row = rows.entry(w.clone()).or_default();
                row.cue += 1;
                let next = ws.get(k + 1).map_or("", |(_, n)| n.as_str());
                if content_start < r.start {
                    row.before += 1;
                } else if next == "that" {
                    row.that += 1;
                } else if next == "to" {
                    row.to += 1;
                } else {
                    row.after += 1;
                }
            }
        }
        for (_, w) in &ws {
            if let Some(row) = rows.get_mut(w) {
                row.total += 1;
            }
        }
    }
    // Words seen as cues before their first occurrence was counted: count all occurrences again.
    for row in rows.values_mut() {
        row.total = row.total.max(row.cue);
    }
    let mut list: Vec<(&String, &Row)> = rows
        .iter()
        .filter(|(w, r)| {
            r.cue >= 3
                && w.chars().count() >= 3
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        })
        .collect();
    list.sort_by(|a, b| b.1.cue.cmp(&a.1.cue).then(a.0.cmp(b.0)));
    let mut text = format!(
        "# Cue words of PolNeAR {} (first annotator), written by\n# `cargo run --release -p whosaid-core --example polnear -- POLNEAR/{} --mine FILE`.\n# form\tas cue\toccurrences\tprecision (as cue / occurrences)\tthen \"that\"\tthen \"to\"\tcontent before\tcontent right after\n",
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
        split
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split"),
    );
    for (w, r) in list {
        text.push_str(&format!(
            "{w}\t{}\t{}\t{:.2}\t{}\t{}\t{}\t{}\n",
            r.cue,
            r.total,
            r.cue as f64 / r.total as f64,
            r.that,
            r.to,
            r.before,
            r.after
        ));
    }
    std::fs::write(out, text).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!("polnear: wrote {}", out.display());
}

/// Prepositions whose object a cue word can report on ("talking about", "support for").
pub(super) const CUE_PREPOSITIONS: &[&str] = &[
    "about", "on", "of", "for", "to", "over", "against", "at", "with", "from", "in",
];

/// Writes, per word and preposition ("criticism of"), how often the pair ends a gold Cue whose
/// Content starts right after it, and how often the pair occurs at all: the table the rule for
/// cues with a prepositional object learns its pairs from (`indirect/prep_object.rs`).
pub(super) fn mine_prep_cues(articles: &[Article], split: &Path, out: &Path) {
    let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for a in articles {
        let ws = words(&a.chars);
        let mut cue_at = vec![false; ws.len()];
        for g in &a.gold {
            let content_start = g.frags.iter().map(|r| r.start).min().unwrap_or(0);
            let Some(cue_end) = g.cue_frags.iter().map(|r| r.end).max() else {
                continue;
            };
            // The cue's last word is a preposition, the word before it is in the cue too, and
            // the content starts right after it.
            let Some(p) = ws.iter().rposition(|(r, _)| r.end <= cue_end) else {
                continue;
            };
            let inside = |k: usize| {
                g.cue_frags
                    .iter()
                    .any(|c| c.start <= ws[k].0.start && ws[k].0.end <= c.end)
            };
            let gap: String = a.chars[ws[p].0.end..content_start.max(ws[p].0.end)]
                .iter()
                .collect();
            if p == 0
                || ws[p].0.end != cue_end
                || !CUE_PREPOSITIONS.contains(&ws[p].1.as_str())
                || !inside(p - 1)
                || content_start < cue_end
                || gap.chars().filter(|c| c.is_alphanumeric()).count() > 0
                || gap.chars().count() > 3
                || cue_at[p]
            {
                continue;
            }
            cue_at[p] = true;
            rows.entry(format!("{} {}", ws[p - 1].1, ws[p].1))
                .or_default()
                .0 += 1;
        }
        for w in ws.windows(2) {
            let adjacent = a.chars[w[0].0.end..w[1].0.start].iter().all(|c| *c == ' ');
            if adjacent && let Some(row) = rows.get_mut(&format!("{} {}", w[0].1, w[1].1)) {
                row.1 += 1;
            }
        }
    }
    let mut list: Vec<(&String, &(usize, usize))> = rows.iter().filter(|(_, r)| r.0 >= 2).collect();
    list.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let name = split
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("split");
    let mut text = format!(
        "# Cue words before a preposition whose object is the Content, PolNeAR {name} (first annotator), written by\n# `cargo run --release -p whosaid-core --example polnear -- POLNEAR/{name} --mine-preps FILE`.\n# word preposition\tas cue\toccurrences\tprecision\n"
    );
    for (pair, (cue, total)) in list {
        let total = (*total).max(*cue);
        text.push_str(&format!(
            "{pair}\t{cue}\t{total}\t{:.2}\n",
            *cue as f64 / total as f64
        ));
    }
    std::fs::write(out, text).unwrap_or_else(|e| fail(format!("{}: {e}", out.display())));
    eprintln!("polnear: wrote {}", out.display());
}
