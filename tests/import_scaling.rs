//! Imports grow linearly with the file: eight times the regions may cost about eight times the
//! time, never the square of it. Each case is timed at two sizes (best of three runs, so a busy
//! machine does not decide) and the ratio must stay far below the 64 a quadratic step gives.
//! `benches/import.rs` measures the full scale (100,000 regions per format).

use std::path::Path;
use std::time::{Duration, Instant};
use whosaid::interop::import::{ImportFormat, ImportOptions, import};
use whosaid::workspace::Workspace;

/// Highest accepted ratio of the times at eight times the size: linear gives about 8.
const MAX_RATIO: f64 = 20.0;

fn best_of_three(f: impl Fn() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..3 {
        let t = Instant::now();
        count = f();
        best = best.min(t.elapsed());
    }
    (best, count)
}

/// A corpus of one document of `n` words, and the words' code point offsets.
fn corpus(dir: &Path, n: usize) -> (Workspace, String, Vec<(usize, usize)>) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let text = format!("“{}”\n", words.join(" "));
    std::fs::write(corpus.join("a.txt"), &text).unwrap();
    let mut spans = Vec::with_capacity(n);
    let mut at = 1;
    for w in &words {
        spans.push((at, at + w.len()));
        at += w.len() + 1;
    }
    (Workspace::open_corpus(&corpus).unwrap(), text, spans)
}

fn timed_import(dir: &Path, ws: &Workspace, format: ImportFormat, file: &str) -> (Duration, usize) {
    let input = dir.join(file);
    best_of_three(|| {
        import(ws, format, &input, &ImportOptions::default())
            .unwrap()
            .annotations
    })
}

fn assert_linear(what: &str, small: Duration, large: Duration) {
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!("{what}: {small:?} -> {large:?} at eight times the size (ratio {ratio:.1})");
    assert!(
        ratio < MAX_RATIO,
        "{what} grows faster than linearly: ratio {ratio:.1}"
    );
}

/// One Label Studio task with `n` regions, pretty-printed as Label Studio writes it: every
/// region's line number is reported from where it is in the file.
fn label_studio(dir: &Path, n: usize) -> (Duration, usize) {
    let (ws, text, spans) = corpus(dir, n);
    let result: Vec<_> = spans
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| {
            serde_json::json!({
                "id": format!("r{i}"), "type": "labels", "from_name": "label", "to_name": "text",
                "value": {"start": start, "end": end, "text": format!("w{i}"), "labels": ["Quote"]}
            })
        })
        .collect();
    let task = serde_json::json!([{
        "data": {"text": text, "doc": "a.txt"},
        "annotations": [{"result": result}]
    }]);
    std::fs::write(
        dir.join("ls.json"),
        serde_json::to_string_pretty(&task).unwrap(),
    )
    .unwrap();
    timed_import(dir, &ws, ImportFormat::Labelstudio, "ls.json")
}

/// One doccano record of `n` entities joined into one span by `continues`, listed last first.
fn doccano_chain(dir: &Path, n: usize) -> (Duration, usize) {
    let (ws, text, spans) = corpus(dir, n);
    let entities: Vec<_> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            serde_json::json!({"id": i, "label": "Quote", "start_offset": s, "end_offset": e})
        })
        .collect();
    let relations: Vec<_> = (1..n)
        .rev()
        .map(|i| serde_json::json!({"from_id": i - 1, "to_id": i, "type": "continues"}))
        .collect();
    let record = serde_json::json!({
        "doc": "a.txt", "text": text, "entities": entities, "relations": relations
    });
    std::fs::write(dir.join("d.jsonl"), format!("{record}\n")).unwrap();
    timed_import(dir, &ws, ImportFormat::Doccano, "d.jsonl")
}

#[test]
fn label_studio_regions_cost_the_same_wherever_they_are_in_the_file() {
    let (small, a) = label_studio(tempfile::tempdir().unwrap().path(), 1_500);
    let (large, b) = label_studio(tempfile::tempdir().unwrap().path(), 12_000);
    assert_eq!((a, b), (1_500, 12_000), "every region imported");
    assert_linear("Label Studio", small, large);
}

#[test]
fn a_doccano_continues_chain_costs_linear_time_in_any_order() {
    let (small, a) = doccano_chain(tempfile::tempdir().unwrap().path(), 4_000);
    let (large, b) = doccano_chain(tempfile::tempdir().unwrap().path(), 32_000);
    assert_eq!((a, b), (1, 1), "one annotation of all the pieces");
    assert_linear("doccano chain", small, large);
}
