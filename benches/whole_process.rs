//! Every CLI command measured from outside, as an analyst runs it: a new process each run, output
//! to a real file (`-o FILE`, and standard output redirected to a file), median and worst wall
//! time, peak memory and CPU time (`/usr/bin/time -v`), and the ratio to a lower bound measured
//! in the same run: a process that only reads the same files and writes them out (`cat`),
//! parsing the records as JSON where the command reads JSON.
//!
//! `cargo bench --bench whole_process` runs the 100k size (10,000 articles, 100,000 annotations);
//! `WHOSAID_BENCH_SIZES=100k,1m` adds the 1,000,000 size (80,000 articles). `WHOSAID_BENCH_RUNS`
//! sets the runs per command (5 by default, 3 at 1m), `WHOSAID_BENCH_ONLY=import,check` keeps the
//! commands whose name contains one of the words. Data is generated into `target/bench-data/` on
//! first use (never committed); the table is printed and written to
//! `target/bench-data/whole-process-SIZE.md`. `WHOSAID_BENCH_BIN=PATH` measures that build of
//! the command instead of the one cargo built for the bench.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use whosaid::synthetic;

const TIME: &str = "/usr/bin/time";

/// One size of data: where it lives and how it is made.
struct Size {
    name: &'static str,
    dir: &'static str,
    make: fn(&Path) -> Result<PathBuf, String>,
    runs: usize,
}

const SIZES: [Size; 2] = [
    Size {
        name: "100k",
        dir: "large",
        make: synthetic::large_project,
        runs: 5,
    },
    Size {
        name: "1m",
        dir: "huge",
        make: synthetic::huge_project,
        runs: 3,
    },
];

/// What one command's runs gave.
struct Runs {
    median: Duration,
    worst: Duration,
    peak_mb: f64,
    /// The median of user + system time: what the process asked of the cores, which other
    /// work on the machine changes far less than the wall time.
    cpu: f64,
}

/// Where the standard output of a measured process goes.
enum Out<'a> {
    /// Into this file, as `cmd > FILE` does.
    File(&'a Path),
    /// The command writes its own file (`-o`); standard output is discarded.
    Own,
}

/// Runs `args` `runs` times under `/usr/bin/time -v`, each a new process; fails loudly when a run
/// fails (exit status 1 is a report, e.g. `check` finding orphans, and counts as success).
fn measure(runs: usize, args: &[&std::ffi::OsStr], out: Out) -> Runs {
    let stats = std::env::temp_dir().join(format!("whosaid-bench-time-{}", std::process::id()));
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut peak_kb: u64 = 0;
    for _ in 0..runs {
        let mut cmd = Command::new(TIME);
        cmd.arg("-v").arg("-o").arg(&stats).args(args);
        cmd.stdout(match out {
            Out::File(path) => Stdio::from(std::fs::File::create(path).expect("output file")),
            Out::Own => Stdio::null(),
        });
        cmd.stderr(Stdio::piped());
        let t = Instant::now();
        let result = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {TIME}: {e}"));
        times.push(t.elapsed());
        let ok = matches!(result.status.code(), Some(0) | Some(1));
        assert!(
            ok,
            "{:?} failed: {}",
            args,
            String::from_utf8_lossy(&result.stderr)
        );
        let report = std::fs::read_to_string(&stats).expect("/usr/bin/time wrote its report");
        let kb = report
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse::<u64>().ok())
            .expect("a peak memory line in /usr/bin/time -v's report");
        peak_kb = peak_kb.max(kb);
        let seconds = |field: &str| {
            report
                .lines()
                .find_map(|l| l.trim().strip_prefix(field))
                .and_then(|v| v.trim().parse::<f64>().ok())
                .unwrap_or_else(|| panic!("a {field:?} line in /usr/bin/time -v's report"))
        };
        cpu.push(seconds("User time (seconds): ") + seconds("System time (seconds): "));
    }
    cpu.sort_by(f64::total_cmp);
    let _ = std::fs::remove_file(&stats);
    times.sort();
    Runs {
        median: times[times.len() / 2],
        worst: *times.last().unwrap(),
        peak_mb: peak_kb as f64 / 1024.0,
        cpu: cpu[cpu.len() / 2],
    }
}

/// The lower bound, run as its own process (`--floor OUT PATH...`): reads every file under the
/// paths and writes the bytes to OUT, as `cat` would; a `.json` or `.jsonl` file is also parsed
/// (a JSONL file line by line) into JSON values, as any reader of those records must.
fn floor(out: &Path, inputs: &[PathBuf]) {
    let mut files = Vec::new();
    for input in inputs {
        walk(input, &mut files);
    }
    let mut sink = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(out).unwrap());
    let mut values = 0usize;
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        match file.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => {
                for line in bytes.as_slice().lines() {
                    let line = line.unwrap();
                    if !line.trim().is_empty() {
                        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
                        values += usize::from(!v.is_null());
                    }
                }
            }
            Some("json") => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                values += usize::from(!v.is_null());
            }
            _ => {}
        }
        sink.write_all(&bytes).unwrap();
    }
    sink.flush().unwrap();
    eprintln!("{values} JSON records parsed");
}

fn walk(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            walk(&e, files);
        }
    } else {
        files.push(path.to_owned());
    }
}

/// One line of the table: a command and its lower bound.
struct Row {
    what: String,
    runs: Runs,
    floor: Runs,
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn wanted(name: &str) -> bool {
    match std::env::var("WHOSAID_BENCH_ONLY") {
        Ok(only) if !only.trim().is_empty() => only.split(',').any(|w| name.contains(w.trim())),
        _ => true,
    }
}

fn run_size(size: &Size) -> String {
    let bench_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let root = bench_data.join(size.dir);
    let t = Instant::now();
    let project = (size.make)(&root).unwrap();
    println!(
        "{}: data in {} ({:.1} s)",
        size.name,
        root.display(),
        t.elapsed().as_secs_f64()
    );
    let runs = std::env::var("WHOSAID_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(size.runs);
    let corpus = root.join("corpus");
    let out_dir = root.join("whole-process");
    std::fs::create_dir_all(&out_dir).unwrap();
    // `WHOSAID_BENCH_BIN` measures another build of the command, e.g. the headless one
    // (`cargo build --release --no-default-features`: the same commands without the app linked).
    let bin_path = std::env::var_os("WHOSAID_BENCH_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_whosaid").into());
    let bin = bin_path.as_os_str();
    assert!(
        Path::new(bin).is_file(),
        "WHOSAID_BENCH_BIN: no program at {}",
        Path::new(bin).display()
    );
    let me = std::env::current_exe().unwrap();
    let floor_of = |inputs: &[&Path], out: &Path| -> Runs {
        let mut args: Vec<&std::ffi::OsStr> =
            vec![me.as_os_str(), "--floor".as_ref(), out.as_os_str()];
        args.extend(inputs.iter().map(|p| p.as_os_str()));
        let runs = measure(runs, &args, Out::Own);
        // A copy of all the data (1 GB at 1m) is of no further use.
        let _ = std::fs::remove_file(out);
        runs
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut push = |what: String, r: Runs, f: Runs| {
        println!(
            "  {what:<46} median {:>7.2} s  worst {:>7.2} s  peak {:>6.0} MB  cpu {:>6.2} s   lower bound {:>6.2} s ({:.0} MB, cpu {:.2} s)  ratio {:>5.1}",
            secs(r.median),
            secs(r.worst),
            r.peak_mb,
            r.cpu,
            secs(f.median),
            f.peak_mb,
            f.cpu,
            secs(r.median) / secs(f.median)
        );
        rows.push(Row {
            what,
            runs: r,
            floor: f,
        });
    };
    // The JSONL export is the input of the JSONL import; made once, outside the timings.
    let jsonl = out_dir.join("export.jsonl");
    if !jsonl.exists() {
        let status = Command::new(bin)
            .args(["export", "--format", "jsonl", "-o"])
            .arg(&jsonl)
            .arg(&project)
            .status()
            .unwrap();
        assert!(status.success(), "the JSONL export for the import");
    }
    let reads_project: [&Path; 2] = [&project, &corpus];
    // Exports: each format with -o FILE and to standard output redirected to a file.
    for (format, ext) in [
        ("jsonl", "jsonl"),
        ("csv", "csv"),
        ("w3c", "json"),
        ("labelstudio", "json"),
        ("doccano", "jsonl"),
        ("html", "html"),
        ("brat", ""),
    ] {
        let name = format!("export {format}");
        if !wanted(&name) {
            continue;
        }
        let file = if ext.is_empty() {
            out_dir.join(format!("export-{format}"))
        } else {
            out_dir.join(format!("export-{format}.{ext}"))
        };
        let floor_out = out_dir.join("floor.out");
        let f = floor_of(&reads_project, &floor_out);
        let r = measure(
            runs,
            &[
                bin,
                "export".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                "-o".as_ref(),
                file.as_os_str(),
                project.as_os_str(),
            ],
            Out::Own,
        );
        push(format!("{name} -o FILE"), r, f);
        if !ext.is_empty() {
            let f = floor_of(&reads_project, &floor_out);
            let r = measure(
                runs,
                &[
                    bin,
                    "export".as_ref(),
                    "--format".as_ref(),
                    format.as_ref(),
                    project.as_os_str(),
                ],
                Out::File(&file),
            );
            push(format!("{name} > FILE"), r, f);
        }
    }
    if wanted("check") {
        let f = floor_of(&reads_project, &out_dir.join("floor.out"));
        let r = measure(
            runs,
            &[bin, "check".as_ref(), project.as_os_str()],
            Out::File(&out_dir.join("check.txt")),
        );
        push("check > FILE".into(), r, f);
    }
    if wanted("speakers") {
        let f = floor_of(&reads_project, &out_dir.join("floor.out"));
        let r = measure(
            runs,
            &[bin, "speakers".as_ref(), project.as_os_str()],
            Out::File(&out_dir.join("speakers.txt")),
        );
        push("speakers > FILE".into(), r, f);
    }
    if wanted("import jsonl") {
        // Reads the corpus and parses the records; writes a project.
        let f = floor_of(&[&jsonl, &corpus], &out_dir.join("floor.out"));
        let imported = out_dir.join("imported.ron");
        let r = measure(
            runs,
            &[
                bin,
                "import".as_ref(),
                jsonl.as_os_str(),
                "--format".as_ref(),
                "jsonl".as_ref(),
                "--corpus".as_ref(),
                corpus.as_os_str(),
                "--force".as_ref(),
                "-o".as_ref(),
                imported.as_os_str(),
            ],
            Out::Own,
        );
        push("import jsonl -o FILE".into(), r, f);
    }
    // Other importers read whosaid's own exports of the same annotations, where made above.
    {
        let imported = out_dir.join("imported.ron");
        for (format, file) in [
            ("doccano", "export-doccano.jsonl"),
            ("labelstudio", "export-labelstudio.json"),
            ("brat", "export-brat"),
        ] {
            let input = out_dir.join(file);
            if !wanted(&format!("import {format}")) || !input.exists() {
                continue;
            }
            let f = floor_of(&[&input, &corpus], &out_dir.join("floor.out"));
            let r = measure(
                runs,
                &[
                    bin,
                    "import".as_ref(),
                    input.as_os_str(),
                    "--format".as_ref(),
                    format.as_ref(),
                    "--corpus".as_ref(),
                    corpus.as_os_str(),
                    "--force".as_ref(),
                    "-o".as_ref(),
                    imported.as_os_str(),
                ],
                Out::Own,
            );
            push(format!("import {format} -o FILE"), r, f);
        }
    }
    if wanted("suggest") {
        let file = out_dir.join("suggest.jsonl");
        // Over the corpus folder alone (the "suggestions over the corpus"), and over the
        // project, which also reads the project and leaves out what it already annotates.
        let corpus_only: [&Path; 1] = [&corpus];
        for (what, input, reads) in [
            ("suggest CORPUS", corpus.as_path(), &corpus_only[..]),
            ("suggest PROJECT", project.as_path(), &reads_project[..]),
        ] {
            let f = floor_of(reads, &out_dir.join("floor.out"));
            let r = measure(
                runs,
                &[
                    bin,
                    "suggest".as_ref(),
                    input.as_os_str(),
                    "-o".as_ref(),
                    file.as_os_str(),
                ],
                Out::Own,
            );
            push(format!("{what} -o FILE"), r, f);
            let f = floor_of(reads, &out_dir.join("floor.out"));
            let r = measure(
                runs,
                &[bin, "suggest".as_ref(), input.as_os_str()],
                Out::File(&file),
            );
            push(format!("{what} > FILE"), r, f);
        }
    }
    let mut table = format!(
        "{} ({} runs each; lower bound: read the same files and write them out, parsing JSON input)\n\n\
         | command | median | worst | peak | CPU (user + sys) | lower bound | ratio |\n|---|---|---|---|---|---|---|\n",
        size.name, runs
    );
    for row in &rows {
        let _ = writeln!(
            table,
            "| `{}` | {:.2} s | {:.2} s | {:.0} MB | {:.2} s | {:.2} s, {:.0} MB, CPU {:.2} s | {:.1}x |",
            row.what,
            secs(row.runs.median),
            secs(row.runs.worst),
            row.runs.peak_mb,
            row.runs.cpu,
            secs(row.floor.median),
            row.floor.peak_mb,
            row.floor.cpu,
            secs(row.runs.median) / secs(row.floor.median)
        );
    }
    std::fs::write(
        bench_data.join(format!("whole-process-{}.md", size.name)),
        &table,
    )
    .unwrap();
    table
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--floor") {
        let paths: Vec<PathBuf> = args[i + 2..].iter().map(PathBuf::from).collect();
        return floor(Path::new(&args[i + 1]), &paths);
    }
    assert!(
        Path::new(TIME).exists(),
        "{TIME} is needed for peak memory (Debian/Ubuntu: apt-get install time)"
    );
    let sizes = std::env::var("WHOSAID_BENCH_SIZES").unwrap_or_else(|_| "100k".into());
    let mut tables = Vec::new();
    for name in sizes.split(',').map(str::trim) {
        let size = SIZES
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("WHOSAID_BENCH_SIZES: unknown size {name:?} (100k, 1m)"));
        tables.push(run_size(size));
    }
    for t in tables {
        println!("\n{t}");
    }
}
