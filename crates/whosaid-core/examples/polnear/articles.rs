//! PolNeAR articles read with their gold attributions, each classed as direct, indirect or
//! mixed by how much of its content lies inside quotation marks.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Class {
    Direct,
    Indirect,
    Mixed,
}

pub(super) struct Gold {
    pub(super) frags: Vec<Range<usize>>,
    pub(super) class: Class,
    pub(super) source: String,
    pub(super) cue: String,
    pub(super) cue_frags: Vec<Range<usize>>,
}

pub(super) struct Article {
    pub(super) name: String,
    pub(super) chars: Vec<char>,
    pub(super) gold: Vec<Gold>,
    pub(super) suggestions: Vec<Suggestion>,
    /// The claims and demands the rules read before the claim model judged them.
    pub(super) candidates: Vec<Vec<Range<usize>>>,
    pub(super) text: String,
}

/// Per code point: inside a quotation (marks included).
pub(super) fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut line_start = 0;
    while line_start < chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        let mut open: Option<(usize, char)> = None;
        let mut i = line_start;
        while i < line_end {
            let c = chars[i];
            let doubled = c == '\'' && i + 1 < line_end && chars[i + 1] == '\'';
            let mark = match c {
                '“' | '”' | '"' => Some(c),
                '\'' if doubled => Some('\''),
                _ => None,
            };
            if let Some(m) = mark {
                match open {
                    None if m != '”' => open = Some((i, m)),
                    Some((s, o)) if (o == '“' && m == '”') || (o == m && o != '“') => {
                        let end = if doubled { i + 2 } else { i + 1 };
                        mask[s..end].fill(true);
                        open = None;
                    }
                    _ => {}
                }
                if doubled {
                    i += 1;
                }
            }
            i += 1;
        }
        if let Some((s, _)) = open {
            mask[s..line_end].fill(true);
        }
        line_start = line_end + 1;
    }
    mask
}

pub(super) fn read_article(split: &Path, stem: &str, ann: &Path) -> Article {
    let text = brat::text(split, stem);
    let chars: Vec<char> = text.chars().collect();
    let mask = quoted_mask(&chars);
    let parsed = brat::read_ann(ann, chars.len());
    let text_of = |frags: &[Range<usize>]| -> String {
        let parts: Vec<String> = frags
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect();
        parts.join(" ")
    };
    let mut gold = Vec::new();
    for roles in &parsed.events {
        let Some(frags) = roles.get("Content").and_then(|c| parsed.span(c)) else {
            continue;
        };
        let (mut all, mut inside) = (0usize, 0usize);
        for r in frags {
            for k in r.clone() {
                if !chars[k].is_whitespace() {
                    all += 1;
                    inside += usize::from(mask[k]);
                }
            }
        }
        if all == 0 {
            continue;
        }
        let class = if inside * 10 >= all * 9 {
            Class::Direct
        } else if inside == 0 {
            Class::Indirect
        } else {
            Class::Mixed
        };
        let role_text = |role: &str| {
            roles
                .get(role)
                .and_then(|t| parsed.span(t))
                .map_or(String::new(), |f| text_of(f))
        };
        gold.push(Gold {
            frags: frags.clone(),
            class,
            source: role_text("Source"),
            cue: role_text("Cue"),
            cue_frags: roles
                .get("Cue")
                .and_then(|t| parsed.span(t))
                .cloned()
                .unwrap_or_default(),
        });
    }
    Article {
        name: stem.to_string(),
        chars,
        gold,
        suggestions: Vec::new(),
        candidates: Vec::new(),
        text,
    }
}
