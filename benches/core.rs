//! Core benchmarks at scale: a generated corpus of 10,000 articles (about 50 MB) with a project
//! of 100,000 annotations. Run with `cargo bench --bench core`; data is generated into
//! `target/bench-data` on first use. Prints the median and worst of several runs of each step.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use whosaid::corpus::{LoadOptions, load_corpus};
use whosaid::interop::{export_records, write_jsonl};
use whosaid::progress::Progress;
use whosaid::project::{parse_project, project_to_ron, save_project};
use whosaid::synthetic;
use whosaid::workspace::{Intent, Workspace};

const DOCS: usize = 10_000;
const RUNS: usize = 5;

fn measure<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{name:<44} median {:>9.1} ms   worst {:>9.1} ms",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    last.unwrap()
}

/// The corpus and project, generated once and kept under `target/`.
fn data() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/large");
    let t = Instant::now();
    synthetic::large_project(&root).unwrap();
    println!(
        "data in {} ({:.1} s)",
        root.display(),
        t.elapsed().as_secs_f64()
    );
    root
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// For editing, with the progress the window shows.
fn open_as_the_app_does(project: &Path) -> Workspace {
    Workspace::open_project_reporting(project, &LoadOptions::default(), &Progress::default())
        .unwrap()
}

/// Run as a child: open the project once, as the app does on start, and report the time and the
/// peak memory of the whole process.
fn open_once(project: &Path) {
    let t = Instant::now();
    let ws = open_as_the_app_does(project);
    let elapsed = t.elapsed();
    println!(
        "{} {} {}",
        elapsed.as_secs_f64(),
        peak_rss_mb(),
        ws.project().annotations().count()
    );
}

/// Median and worst wall time of `runs` runs of a command, and the largest peak memory reported.
fn measure_process(name: &str, runs: usize, mut cmd: impl FnMut() -> std::process::Command) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = cmd().output().unwrap();
        times.push(t.elapsed());
        assert!(
            out.status.success() || out.status.code() == Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times.sort();
    println!(
        "{name:<44} median {:>9.1} ms   worst {:>9.1} ms",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo test` runs bench targets with `--test`-like flags only when asked; stay quiet then.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if let Some(i) = std::env::args().position(|a| a == "--open-once") {
        return open_once(Path::new(&std::env::args().nth(i + 1).unwrap()));
    }
    let root = data();
    open_in_fresh_processes(&root.join("project.ron"));
    let bin = env!("CARGO_BIN_EXE_whosaid");
    let out = root.join("bench-export.jsonl");
    measure_process("process: whosaid export --format jsonl", RUNS, || {
        let mut c = std::process::Command::new(bin);
        c.args(["export", "--format", "jsonl", "-o"])
            .arg(&out)
            .arg(root.join("project.ron"));
        c
    });
    measure_process("process: whosaid check", RUNS, || {
        let mut c = std::process::Command::new(bin);
        c.arg("check").arg(root.join("project.ron"));
        c
    });
    let project_path = root.join("project.ron");
    let text = std::fs::read_to_string(&project_path).unwrap();
    let corpus_bytes: u64 = walk_size(&root.join("corpus"));
    println!(
        "corpus {} documents, {:.1} MB; project {:.1} MB",
        DOCS,
        corpus_bytes as f64 / 1e6,
        text.len() as f64 / 1e6
    );

    measure("load corpus (read, hash, index 10,000 docs)", RUNS, || {
        load_corpus(&root.join("corpus")).unwrap()
    });
    let project = measure("parse project (100,000 annotations)", RUNS, || {
        parse_project(&project_path, &text).unwrap()
    });
    println!("  annotations: {}", project.annotations().count());
    let ws = measure("open project + corpus + anchor check", RUNS, || {
        Workspace::open_project(&project_path).unwrap()
    });
    // Saves go to a copy, as the app's would to the project file: backup kept, atomic write.
    let copy = root.join("bench-save.ron");
    std::fs::copy(&project_path, &copy).unwrap();
    let mut ws_copy = open_as_the_app_does(&copy);
    let first = ws_copy.project().annotations().next().unwrap().1.id;
    let mut n = 0;
    measure("save after changing one note (app's save)", RUNS, || {
        n += 1;
        ws_copy
            .perform(Intent::SetNote {
                id: first,
                note: format!("edit {n}"),
            })
            .unwrap();
        ws_copy.save().unwrap()
    });
    let out = root.join("bench-save-full.ron");
    measure("save, every document serialized anew", RUNS, || {
        save_project(ws.project(), &out).unwrap()
    });
    measure("serialize project only", RUNS, || {
        project_to_ron(ws.project()).len()
    });
    measure("export 100,000 annotations to JSONL", RUNS, || {
        let mut bytes = Vec::with_capacity(64 << 20);
        write_jsonl(&export_records(&ws), &mut bytes).unwrap();
        bytes.len()
    });
    println!("peak RSS {:.0} MB", peak_rss_mb());
}

/// Opening as the app does it: each run a new process, so nothing is warm but the file cache.
fn open_in_fresh_processes(project: &Path) {
    let me = std::env::current_exe().unwrap();
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..RUNS {
        let out = std::process::Command::new(&me)
            .arg("--open-once")
            .arg(project)
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<f64> = line
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect();
        times.push(fields[0] * 1e3);
        peak = peak.max(fields[1]);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{:<44} median {:>9.1} ms   worst {:>9.1} ms",
        "open project + corpus, fresh process",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    println!("peak RSS with the project open: {peak:.0} MB");
}

fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk_size(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
