//! A run of the suggestion engine whose findings go straight out (`whosaid suggest`): documents
//! are handed to every core one at a time, and each one's result is passed on in path order.
//!
//! Nothing is kept: no pending suggestions, no context strings. A worker takes the next document
//! as soon as it is free, so one long article does not leave the other core idle as fixed
//! halves of the corpus would; the calling thread meanwhile writes what is done.

use super::proposal::Proposal;
use super::suggest_run::{Settled, SuggestRun};
use crate::suggest::{KnownSpeakers, suggest_located_among};
use crate::text::DocText;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// Finished documents that may wait for an earlier, longer one, per worker, before workers wait
/// for the writer: enough to keep both cores busy, little memory.
const AHEAD_PER_WORKER: usize = 64;

impl SuggestRun {
    /// Runs the engine over its documents on every core. `make` turns a document's kept
    /// proposals (path, text, proposals in text order; left out as [`SuggestRun::run`] leaves
    /// them out) into something, on the worker; `take` gets each document's, on the calling
    /// thread, ordered by path as [`super::Workspace::pending`] is. Documents outside the
    /// project or not loaded are skipped. Stops at the first error of `take`.
    pub fn stream<R: Send, E>(
        &self,
        make: impl Fn(&str, &DocText, &[Proposal]) -> R + Sync,
        mut take: impl FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        order.sort_by(|&a, &b| self.docs[a].0.cmp(&self.docs[b].0));
        let (corpus, speakers) = (&*self.corpus, self.speakers.as_slice());
        let known = KnownSpeakers::new(speakers);
        let one = |path: &str, had| {
            let d = corpus.document(path)?;
            let settled = Settled::from_had(had, &self.spans);
            let found = suggest_located_among(&d.text, &known);
            let kept: Vec<Proposal> = (found.iter())
                .filter_map(|(s, b)| Proposal::new(&d.text, speakers, s, b))
                .filter(|p| settled.keeps_proposal(p))
                .collect();
            Some(make(path, &d.text, &kept))
        };
        let workers = crate::parallel::workers().min(order.len());
        let next = AtomicUsize::new(0);
        // The k-th document of `order`, or None once all are taken.
        let take_next = || {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let &i = order.get(k)?;
            let (path, had) = &self.docs[i];
            Some((k, had.as_ref().and_then(|had| one(path, had))))
        };
        thread::scope(|s| {
            // One thread fewer than cores: the calling thread suggests too, and writes between
            // documents, so no core is shared by two busy threads and no thread is woken to
            // write each document.
            let (send, receive) = mpsc::sync_channel(workers.max(1) * AHEAD_PER_WORKER);
            for _ in 1..workers {
                let send = send.clone();
                let take_next = &take_next;
                s.spawn(move || {
                    while let Some(done) = take_next() {
                        // The writer has stopped (an error): nothing more is wanted.
                        if send.send(done).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(send);
            // Results arrive as documents are finished; each is passed on once all before it were.
            let mut waiting = BTreeMap::new();
            let mut due = 0;
            let mut pass_on = |waiting: &mut BTreeMap<usize, Option<R>>| {
                while let Some(r) = waiting.remove(&due) {
                    due += 1;
                    if let Some(r) = r {
                        take(r)?;
                    }
                }
                Ok(())
            };
            loop {
                waiting.extend(receive.try_iter());
                pass_on(&mut waiting)?;
                match take_next() {
                    Some((k, r)) => {
                        waiting.insert(k, r);
                    }
                    None => break,
                }
            }
            // Every document is taken: what the other threads still make is waited for.
            for (k, r) in receive {
                waiting.insert(k, r);
                pass_on(&mut waiting)?;
            }
            pass_on(&mut waiting)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::workspace::{Intent, Workspace};

    /// Many small documents of very different lengths, so that workers finish out of order.
    #[test]
    fn documents_come_out_in_path_order_with_what_suggest_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for i in 0..60 {
            let said = "“We will not give up,” said Jane Doe on Sunday. ".repeat(1 + (i * 37) % 50);
            std::fs::write(corpus.join(format!("{i:03}.txt")), said).unwrap();
        }
        std::fs::write(corpus.join("quiet.txt"), "Nothing said here.").unwrap();
        let mut ws = Workspace::open_corpus(&corpus).unwrap();
        let mut streamed = Vec::new();
        ws.suggest_run(vec![])
            .stream(
                |path, _, found| {
                    let starts: Vec<usize> = found.iter().map(|p| p.start()).collect();
                    (path.to_string(), starts)
                },
                |r| {
                    streamed.push(r);
                    Ok::<_, ()>(())
                },
            )
            .unwrap();
        ws.perform(Intent::Suggest { docs: vec![] }).unwrap();
        let pending: Vec<(String, Vec<usize>)> = (ws.pending().iter())
            .map(|(doc, list)| (doc.clone(), list.iter().map(|p| p.start()).collect()))
            .collect();
        assert_eq!(streamed.len(), 61, "every document, the quiet one too");
        assert_eq!(streamed.last().unwrap(), &("quiet.txt".to_string(), vec![]));
        streamed.retain(|(_, starts)| !starts.is_empty());
        assert_eq!(streamed, pending);
        assert_eq!(pending[5].1.len(), 1 + (5 * 37) % 50);
    }

    #[test]
    fn an_error_of_the_writer_stops_the_run() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            std::fs::write(
                dir.path().join(format!("{i:03}.txt")),
                "Smith said it works.",
            )
            .unwrap();
        }
        let ws = Workspace::open_corpus(dir.path()).unwrap();
        let mut taken = 0;
        let result = ws.suggest_run(vec![]).stream(
            |path, _, _| path.to_string(),
            |path| {
                taken += 1;
                if path == "002.txt" { Err(path) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err("002.txt".to_string()));
        assert_eq!(taken, 3);
    }
}
