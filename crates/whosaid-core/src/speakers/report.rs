//! The registry at a glance: every speaker with its span counts, and the merges worth making.
//! Shared by `whosaid speakers` and the registry panel.

use super::variants::{Confidence, propose_merges};
use crate::project::Project;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerRow {
    pub id: u64,
    pub name: String,
    pub kind: &'static str,
    pub role: String,
    pub aliases: Vec<String>,
    /// Spans attributed to the speaker, corpus-wide.
    pub spans: usize,
    /// Demands that call on the speaker to act.
    pub addressed: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProposalRow {
    pub keep: u64,
    pub keep_name: String,
    pub merge: u64,
    pub merge_name: String,
    pub sure: bool,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RegistryReport {
    pub speakers: Vec<SpeakerRow>,
    pub proposals: Vec<ProposalRow>,
}

impl RegistryReport {
    pub fn of(project: &Project) -> Self {
        let mut spans: HashMap<u64, usize> = HashMap::new();
        let mut addressed: HashMap<u64, usize> = HashMap::new();
        for (_, a) in project.annotations() {
            for s in &a.speakers {
                *spans.entry(s.0).or_default() += 1;
            }
            if let Some(s) = a.addressee {
                *addressed.entry(s.0).or_default() += 1;
            }
        }
        let name = |id: u64| {
            project
                .speaker(crate::project::SpeakerId(id))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        Self {
            speakers: project
                .speakers
                .iter()
                .map(|s| SpeakerRow {
                    id: s.id.0,
                    name: s.name.clone(),
                    kind: s.kind.key(),
                    role: s.role.clone(),
                    aliases: s.aliases.clone(),
                    spans: spans.get(&s.id.0).copied().unwrap_or(0),
                    addressed: addressed.get(&s.id.0).copied().unwrap_or(0),
                })
                .collect(),
            proposals: propose_merges(&project.speakers)
                .into_iter()
                .map(|p| ProposalRow {
                    keep: p.keep.0,
                    keep_name: name(p.keep.0),
                    merge: p.merge.0,
                    merge_name: name(p.merge.0),
                    sure: p.confidence == Confidence::Sure,
                    reason: p.reason,
                })
                .collect(),
        }
    }

    /// A plain-text table for the terminal.
    pub fn render_table(&self) -> String {
        let width = self
            .speakers
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        // Ids made in the app are long (a session prefix and a counter): the column fits them.
        let idw = self
            .speakers
            .iter()
            .map(|s| s.id.to_string().len())
            .max()
            .unwrap_or(2)
            .max(4);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:>idw$}  {:<width$}  {:<12}  {:>5}  {:>9}  aliases",
            "id", "name", "kind", "spans", "addressed"
        );
        for s in &self.speakers {
            let _ = writeln!(
                out,
                "{:>idw$}  {:<width$}  {:<12}  {:>5}  {:>9}  {}",
                s.id,
                s.name,
                s.kind,
                s.spans,
                s.addressed,
                s.aliases.join(", ")
            );
        }
        if self.proposals.is_empty() {
            let _ = writeln!(out, "\nNo merges proposed.");
        } else {
            let _ = writeln!(out, "\nProposed merges:");
            for p in &self.proposals {
                let _ = writeln!(
                    out,
                    "  {:<6}  merge {} “{}” into {} “{}”: {}",
                    if p.sure { "sure" } else { "unsure" },
                    p.merge,
                    p.merge_name,
                    p.keep,
                    p.keep_name,
                    p.reason
                );
            }
        }
        out
    }
}

/// The annotations of `speaker` whose nearby text (the context stored around each fragment, and
/// the cue) uses `alias`: the ones that go with the alias when it is split out.
pub fn spans_using_alias(
    project: &Project,
    speaker: crate::project::SpeakerId,
    alias: &str,
) -> Vec<crate::project::AnnotationId> {
    let wanted = super::fold(alias);
    project
        .annotations()
        .filter(|(_, a)| a.mentions(speaker))
        .filter(|(_, a)| {
            let around = a
                .fragments
                .iter()
                .chain(a.cue.as_deref())
                .map(|f| format!("{} {} {}", f.prefix(), f.text(), f.suffix()))
                .collect::<Vec<_>>()
                .join(" ");
            super::fold(&around).contains(&wanted)
        })
        .map(|(_, a)| a.id)
        .collect()
}
