//! Which annotation fragments fall in which paragraph, and the stacking layer of each annotation
//! (nested and overlapping spans get distinct layers so each stays visible and clickable).
//! Rebuilt only when the project changes, never per frame.

use crate::project::{AnchorStatus, AnnotationId, DocEntry, Label};
use crate::text::DocText;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub id: AnnotationId,
    pub label: Label,
    /// Code points relative to the paragraph start.
    pub local: Range<usize>,
    pub layer: usize,
    pub has_speaker: bool,
}

#[derive(Default)]
pub struct SpanIndex {
    pub per_paragraph: Vec<Vec<Segment>>,
}

impl SpanIndex {
    pub fn build(entry: &DocEntry, text: &DocText) -> Self {
        let paragraphs = text.paragraphs();
        let mut per_paragraph = vec![Vec::new(); paragraphs.len()];
        // Greedy interval colouring in start order: an annotation takes the lowest layer whose last
        // occupant ended before it starts.
        let mut layer_ends: Vec<usize> = Vec::new();
        // Orphans' offsets are stale: they are listed apart, not painted.
        for a in entry
            .annotations
            .iter()
            .filter(|a| a.anchor != AnchorStatus::Orphaned)
        {
            let layer = match layer_ends.iter().position(|&end| end <= a.start()) {
                Some(l) => l,
                None => {
                    layer_ends.push(0);
                    layer_ends.len() - 1
                }
            };
            layer_ends[layer] = a.end();
            for f in &a.fragments {
                let end = f.end.min(text.char_len());
                if f.start >= end {
                    continue;
                }
                let first = text.paragraph_at(f.start);
                let last = text.paragraph_at(end - 1);
                for (p, para) in paragraphs.iter().enumerate().take(last + 1).skip(first) {
                    let s = f.start.max(para.chars.start);
                    let e = end.min(para.chars.end);
                    if s < e {
                        per_paragraph[p].push(Segment {
                            id: a.id,
                            label: a.label,
                            local: s - para.chars.start..e - para.chars.start,
                            layer,
                            has_speaker: !a.speakers.is_empty(),
                        });
                    }
                }
            }
        }
        Self { per_paragraph }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Annotation, Fragment};

    fn ann(id: u64, start: usize, end: usize) -> Annotation {
        Annotation {
            id: AnnotationId(id),
            label: Label::Claim,
            speakers: Vec::new(),
            addressee: None,
            cue: None,
            fragments: vec![Fragment::new(start, end, "")],
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            anchor: Default::default(),
            suggested: None,
        }
    }

    #[test]
    fn nested_spans_get_their_own_layer_and_cross_paragraphs() {
        let text = DocText::new("first para\nsecond para".into());
        let mut entry = DocEntry::new("d".into(), "h".into());
        entry.annotations = vec![ann(1, 0, 18), ann(2, 6, 10), ann(3, 12, 14)];
        entry.sort_annotations();
        let index = SpanIndex::build(&entry, &text);
        let p0: Vec<_> = index.per_paragraph[0]
            .iter()
            .map(|s| (s.id.0, s.local.clone(), s.layer))
            .collect();
        assert_eq!(p0, [(1, 0..10, 0), (2, 6..10, 1)]);
        let p1: Vec<_> = index.per_paragraph[1]
            .iter()
            .map(|s| (s.id.0, s.local.clone(), s.layer))
            .collect();
        assert_eq!(p1, [(1, 0..7, 0), (3, 1..3, 1)]);
    }
}
