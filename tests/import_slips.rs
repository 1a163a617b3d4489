//! Small slips of import and export a user would not notice: an id a brat file defines twice, a
//! name `--map` maps to two things, a stored confidence that is not a percentage. Each is said,
//! with the file and place, instead of one reading being taken silently.

mod common;

use common::SampleCopy;
use std::path::Path;
use std::process::{Command, Output};

fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const TEXT: &str = "Talks\n\n“We will not give up,” Zelensky said. NATO must act, Kuleba said.\n";

#[test]
fn a_brat_id_defined_twice_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus.join("a.txt"), TEXT);
    let ann = dir.path().join("brat/a.ann");
    write(
        &ann,
        "T1\tQuote 7 29\t“We will not give up,”\n\
         T2\tClaim 45 58\tNATO must act\n\
         T1\tClaim 45 58\tNATO must act\n",
    );
    let out_path = dir.path().join("p.ron");
    let out = whosaid(&[
        "import",
        "--format",
        "brat",
        ann.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let expected = format!(
        "{}:3: T1 is defined twice (first on line 1); this definition is skipped",
        ann.display()
    );
    assert!(err.contains(&expected), "{err}");
    // The first definition stands; the second is not taken as well.
    let p = whosaid::project::load_project(&out_path).unwrap();
    let texts: Vec<&str> = p
        .annotations()
        .map(|(_, a)| a.fragments[0].text())
        .collect();
    assert_eq!(texts, ["“We will not give up,”", "NATO must act"]);
}

#[test]
fn a_name_mapped_to_two_things_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus.join("a.txt"), TEXT);
    let ann = dir.path().join("a.ann");
    write(&ann, "T1\tQuote 7 29\t“We will not give up,”\n");
    let out_path = dir.path().join("p.ron");
    let out = whosaid(&[
        "import",
        "--format",
        "brat",
        ann.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--map",
        "Quote=ignore,Quote=claim",
    ]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("--map \"Quote=claim\" contradicts \"Quote=ignore\""),
        "{err}"
    );
    assert!(!out_path.exists());
}

#[test]
fn a_confidence_beyond_a_hundred_percent_is_refused_on_load_not_exported() {
    let sample = SampleCopy::new();
    let project = sample.project();
    let text = std::fs::read_to_string(&project).unwrap();
    let marker = "          id: 1,\n          label: Claim,\n";
    assert!(text.contains(marker), "the sample's first annotation");
    let edited = text.replacen(
        marker,
        &format!("{marker}          suggested: Some((confidence: 255)),\n"),
        1,
    );
    std::fs::write(&project, &edited).unwrap();
    let out_path = sample.dir.path().join("out.jsonl");
    let out = whosaid(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("annotation 1 in \"000_")
            && err.contains("has a suggestion confidence of 255 (a percentage, 0 to 100)"),
        "{err}"
    );
    assert!(err.contains(&project.display().to_string()), "{err}");
    assert!(!out_path.exists(), "nothing exported");
    // The file itself is left as it was.
    assert_eq!(std::fs::read_to_string(&project).unwrap(), edited);
}
