//! Which annotation fragments (and pending suggestions) fall in which paragraph, and the stacking
//! layer of each annotation (nested and overlapping spans get distinct layers so each stays
//! visible and clickable). Rebuilt only when the project changes, never per frame.

use crate::project::{AnnotationId, DocEntry, Label, Pending};
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
        let mut per_paragraph = vec![Vec::new(); text.paragraphs().len()];
        // Greedy interval colouring in start order: an annotation takes the lowest layer whose last
        // occupant ended before it starts.
        let mut layer_ends: Vec<usize> = Vec::new();
        // Orphans' offsets are stale: they are listed apart, not painted.
        for a in entry.annotations.iter().filter(|a| a.is_placed()) {
            let layer = match layer_ends.iter().position(|&end| end <= a.start()) {
                Some(l) => l,
                None => {
                    layer_ends.push(0);
                    layer_ends.len() - 1
                }
            };
            layer_ends[layer] = a.end();
            for f in &a.fragments {
                for_each_piece(text, f.start..f.end, |p, local| {
                    per_paragraph[p].push(Segment {
                        id: a.id,
                        label: a.label,
                        local,
                        layer,
                        has_speaker: !a.speakers.is_empty(),
                    })
                });
            }
        }
        Self { per_paragraph }
    }
}

/// A piece of a pending suggestion within one paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingSegment {
    pub id: u64,
    pub label: Label,
    /// Code points relative to the paragraph start.
    pub local: Range<usize>,
}

/// Pending suggestions of the open document by paragraph, so the view paints only the visible
/// ones' outlines.
#[derive(Default)]
pub struct PendingIndex {
    pub per_paragraph: Vec<Vec<PendingSegment>>,
}

impl PendingIndex {
    pub fn build(pending: &[Pending], text: &DocText) -> Self {
        let mut per_paragraph = vec![Vec::new(); text.paragraphs().len()];
        for s in pending {
            for f in &s.fragments {
                for_each_piece(text, f.start..f.end, |p, local| {
                    per_paragraph[p].push(PendingSegment {
                        id: s.id,
                        label: s.label,
                        local,
                    })
                });
            }
        }
        Self { per_paragraph }
    }
}

/// The parts of `range` (document code points) in each paragraph it touches, as (paragraph,
/// range relative to its start); empty parts (a paragraph break) are left out.
fn for_each_piece(text: &DocText, range: Range<usize>, mut f: impl FnMut(usize, Range<usize>)) {
    let end = range.end.min(text.char_len());
    if range.start >= end {
        return;
    }
    let paragraphs = text.paragraphs();
    let first = text.paragraph_at(range.start);
    // Nearly every span lies in one paragraph: walk on from the first instead of searching again.
    for (p, para) in paragraphs.iter().enumerate().skip(first) {
        if para.chars.start >= end {
            break;
        }
        let s = range.start.max(para.chars.start);
        let e = end.min(para.chars.end);
        if s < e {
            f(p, s - para.chars.start..e - para.chars.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Annotation, Fragment};

    fn ann(id: u64, start: usize, end: usize) -> Annotation {
        Annotation::new(
            AnnotationId(id),
            Label::Claim,
            vec![Fragment::new(start, end, "")],
            "",
        )
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

    #[test]
    fn pending_suggestions_are_split_by_paragraph_with_each_fragment() {
        let text = DocText::new("“We will not,” he said, “give up.”\nnext para".into());
        let pending = Pending {
            id: 7,
            label: Label::Quote,
            fragments: vec![Fragment::new(0, 14, ""), Fragment::new(24, 40, "")],
            speaker: None,
            cue: None,
            addressee: None,
            confidence: 90,
            edited: false,
        };
        let index = PendingIndex::build(&[pending], &text);
        let pieces = |p: usize| -> Vec<_> {
            index.per_paragraph[p]
                .iter()
                .map(|s| (s.id, s.local.clone()))
                .collect()
        };
        assert_eq!(pieces(0), [(7, 0..14), (7, 24..34)]);
        assert_eq!(pieces(1), [(7, 0..5)]);
    }
}
