//! Headless UI frame benchmark: the real app drawn by an egui `Context` with no window or GPU, on a
//! generated 1 MB article with 10,000 annotations. Measures the CPU side of a frame (UI pass plus
//! tessellation): the first frame, idle frames, frames while scrolling the whole document, and
//! the frames after adding and after deleting an annotation. Then the 10,000-document corpus
//! with its 100,000 annotations: opened in the background until its first document is painted,
//! frames while scrolling the document list, and frames while "Suggest in all documents" runs in
//! the background, the frame that takes what it found included. `cargo bench --bench frames`;
//! `WHOSAID_FRAMES=1m cargo bench --bench frames` opens the 1,000,000-annotation project instead
//! (80,000 articles, generated into `target/bench-data/huge` on first use).

use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use std::path::Path;
use std::time::{Duration, Instant};
use whosaid::project::Label;
use whosaid::synthetic;
use whosaid::ui::{AppMessage, NoDialogs, Settings, UiCommand, WhosaidApp};
use whosaid::workspace::Intent;

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<46} frames {:>5}   median {:>7.3} ms   worst {:>7.3} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap())
    );
}

/// The pointer at `at` and the mouse wheel turned down by 600 points.
fn wheel_down(at: Pos2) -> Vec<Event> {
    vec![
        Event::PointerMoved(at),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -600.0),
            modifiers: Default::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        },
    ]
}

/// One frame of the app at 1280x800: the UI pass and tessellation, timed.
fn run_frame(ctx: &egui::Context, time: f64, app: &mut WhosaidApp, events: Vec<Event>) -> Duration {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        time: Some(time),
        events,
        ..Default::default()
    };
    let t = Instant::now();
    let out = ctx.run_ui(input, |ui| app.show(ui));
    let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(primitives);
    t.elapsed()
}

/// Peak memory of this process so far (Linux `VmHWM`), in MB.
fn peak_mb() -> f64 {
    memory_mb("VmHWM:")
}

/// A memory figure of this process from `/proc/self/status`, in MB.
fn memory_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The 80,000-article project with 1,000,000 annotations opened as the app opens a path given on
/// the command line (in the background, the window drawing meanwhile) until its first document is
/// painted; alone in its process, so that the peak memory is the app's.
fn open_huge() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/huge");
    let generated = Instant::now();
    let project = synthetic::huge_project(&root).unwrap();
    println!(
        "1,000,000-annotation project ready in {:.1} s (generated on first use); run again for a \
         clean peak",
        generated.elapsed().as_secs_f64()
    );
    let before = peak_mb();
    let ctx = egui::Context::default();
    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    let mut time = 0.0;
    let mut frame = |app: &mut WhosaidApp| {
        time += 1.0 / 60.0;
        run_frame(&ctx, time, app, vec![])
    };
    let started = Instant::now();
    app.open_path_in_background(&ctx, &project);
    let mut waiting = Vec::new();
    let mut last_stage = String::new();
    while app.is_loading() {
        waiting.push(frame(&mut app));
        // Each stage once, when it starts (not each count).
        let stage = app
            .status()
            .split(':')
            .nth(1)
            .unwrap_or_default()
            .to_string();
        if stage != last_stage {
            println!(
                "  {:>6.2} s  {}",
                started.elapsed().as_secs_f64(),
                stage.trim()
            );
            last_stage = stage;
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    let loaded = started.elapsed();
    let mut painting = Vec::new();
    while app.screen_pos_of(0).is_none() && painting.len() < 10 {
        painting.push(frame(&mut app));
    }
    let painted = started.elapsed();
    assert!(
        app.screen_pos_of(0).is_some(),
        "the first document is painted"
    );
    let ws = app.workspace().unwrap();
    println!(
        "{} documents, {} annotations: loaded in {:.2} s, first document painted at {:.2} s; \
         peak memory {:.0} MB, {:.0} MB resident once open (before opening {:.0} MB)",
        ws.project().documents.len(),
        ws.project().annotations().count(),
        loaded.as_secs_f64(),
        painted.as_secs_f64(),
        peak_mb(),
        memory_mb("VmRSS:"),
        before
    );
    report("frames while it loads, incl. taking it over", waiting);
    if !painting.is_empty() {
        report("frames after loading until it is painted", painting);
    }
    let after: Vec<Duration> = (0..100).map(|_| frame(&mut app)).collect();
    report("frames after, idle", after);
    let over_list = Pos2::new(100.0, 400.0);
    let mut t = time;
    let listing: Vec<Duration> = (0..300)
        .map(|_| {
            t += 1.0 / 60.0;
            run_frame(&ctx, t, &mut app, wheel_down(over_list))
        })
        .collect();
    report("frames while scrolling the 80,000-document list", listing);

    // An annotation tagged in the open document, then deleted: the frame right after each, where
    // whatever is worked out once per change of the project is worked out again.
    let doc = app.current_document().unwrap().to_string();
    let mut edited = Vec::new();
    for i in 0..10 {
        app.run_action(
            &ctx,
            AppMessage::Perform(Intent::Tag {
                doc: doc.clone(),
                range: 40 + i * 50..80 + i * 50,
                label: Label::Claim,
            })
            .into(),
        );
        t += 1.0 / 60.0;
        edited.push(run_frame(&ctx, t, &mut app, vec![]));
        app.run_action(&ctx, UiCommand::Undo.into());
        t += 1.0 / 60.0;
        edited.push(run_frame(&ctx, t, &mut app, vec![]));
    }
    report("frame after tagging (or undoing) one annotation", edited);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `WHOSAID_FRAMES=1m cargo bench --bench frames`: only the 1,000,000-annotation project.
    if std::env::var("WHOSAID_FRAMES").is_ok_and(|v| v == "1m") {
        open_huge();
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/one-mb");
    let project = synthetic::annotated_project(&root, 1, 1_000_000, 50, 10_000, 3).unwrap();

    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    app.open_path(&project);
    let doc = app.current_document().unwrap().to_string();
    let ws = app.workspace().unwrap();
    println!(
        "document: {:.2} MB, {} paragraphs, {} annotations",
        ws.corpus().document(&doc).unwrap().text.as_str().len() as f64 / 1e6,
        ws.corpus().document(&doc).unwrap().text.paragraphs().len(),
        ws.project().annotations().count()
    );

    let mut ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |app: &mut WhosaidApp, ctx: &egui::Context, events| {
        time += 1.0 / 60.0;
        run_frame(ctx, time, app, events)
    };
    report(
        "first frame after opening",
        vec![frame(&mut app, &ctx, vec![])],
    );
    let idle: Vec<Duration> = (0..200).map(|_| frame(&mut app, &ctx, vec![])).collect();
    report("steady frames, idle", idle);

    // Scroll the whole document with the mouse wheel over the text.
    let over_text = Pos2::new(600.0, 400.0);
    let mut scrolling = Vec::new();
    let mut last_offset = None;
    // (At most 20,000 frames: far more than a 1 MB document needs.)
    for _ in 0..20_000 {
        let d = frame(&mut app, &ctx, wheel_down(over_text));
        scrolling.push(d);
        // Stop once the caret position of the view no longer moves (the end is reached).
        let probe = app.screen_pos_of(0).map(|p| p.y);
        if probe.is_some() && probe == last_offset {
            break;
        }
        last_offset = probe.or(last_offset);
    }
    report("frames while scrolling top to bottom", scrolling);
    let end = app
        .workspace()
        .unwrap()
        .corpus()
        .document(&doc)
        .unwrap()
        .text
        .char_len();
    let at_end = app.screen_pos_of(end.saturating_sub(1)).map(|p| p.y);
    println!(
        "  last character now at y = {:?} (on screen: {})",
        at_end,
        at_end.is_some_and(|y| y > 0.0 && y < 800.0)
    );

    // Annotations added, then deleted, where the view is (the end of the document): the frame
    // right after each, 25 times.
    let text_len = app
        .workspace()
        .unwrap()
        .corpus()
        .document(&doc)
        .unwrap()
        .text
        .char_len();
    let (mut added, mut deleted) = (Vec::new(), Vec::new());
    for i in 0..25 {
        let at = text_len - 3_000 + i * 97;
        app.run_action(
            &ctx,
            AppMessage::Perform(Intent::Tag {
                doc: doc.clone(),
                range: at..at + 40,
                label: Label::Claim,
            })
            .into(),
        );
        added.push(frame(&mut app, &ctx, vec![]));
        let last = app
            .workspace()
            .unwrap()
            .project()
            .annotations()
            .map(|(_, a)| a.id)
            .max()
            .unwrap();
        app.run_action(
            &ctx,
            AppMessage::Perform(Intent::Delete { id: last }).into(),
        );
        deleted.push(frame(&mut app, &ctx, vec![]));
    }
    report("frame after adding one annotation", added);
    report("frame after deleting one annotation", deleted);

    // The 10,000-document corpus, opened as the File menu does: in the background, the window
    // drawing meanwhile, until the first document's text is painted.
    let large_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/large");
    let large = synthetic::large_project(&large_root).unwrap();
    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    ctx = egui::Context::default(); // a new window: nothing remembered from the first part
    let started = Instant::now();
    app.open_path_in_background(&ctx, &large);
    let mut waiting = Vec::new();
    while app.is_loading() {
        waiting.push(frame(&mut app, &ctx, vec![]));
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut painting = Vec::new();
    while app.screen_pos_of(0).is_none() && painting.len() < 10 {
        painting.push(frame(&mut app, &ctx, vec![]));
    }
    let open_to_paint = started.elapsed();
    assert!(
        app.screen_pos_of(0).is_some(),
        "the first document is painted"
    );
    println!(
        "10,000 documents, {} annotations: opened and first document painted in {:.0} ms",
        app.workspace().unwrap().project().annotations().count(),
        open_to_paint.as_secs_f64() * 1e3
    );
    report("frames while it loads, incl. taking it over", waiting);
    if !painting.is_empty() {
        report("frames after loading until it is painted", painting);
    }
    let over_list = Pos2::new(100.0, 400.0);
    let listing: Vec<Duration> = (0..450)
        .map(|_| frame(&mut app, &ctx, wheel_down(over_list)))
        .collect();
    report("frames while scrolling the 10,000-document list", listing);

    // "Suggest in all documents" on the 10,000 documents: the engine on every core in the
    // background while the window draws at about 60 frames a second, then the frame that takes
    // what it found (one undoable step) into the project.
    let started = Instant::now();
    app.run_action(
        &ctx,
        UiCommand::Suggest {
            all_documents: true,
        }
        .into(),
    );
    // Starting takes the snapshot on the UI thread, within the frame of the key press.
    let start_took = started.elapsed();
    let mut running = Vec::new();
    while app.is_suggesting() {
        running.push(frame(&mut app, &ctx, vec![]));
        std::thread::sleep(Duration::from_millis(16));
    }
    let ran = started.elapsed();
    let taking = running
        .pop()
        .expect("at least the frame that took the result");
    let found: usize = app
        .workspace()
        .unwrap()
        .pending()
        .values()
        .map(Vec::len)
        .sum();
    println!(
        "suggest in all 10,000 documents: {found} suggestions in {:.0} ms ({})",
        ran.as_secs_f64() * 1e3,
        app.status()
    );
    report(
        "starting it (the snapshot, in the key's frame)",
        vec![start_took],
    );
    report("frames while suggesting in the background", running);
    report("frame that takes the suggestions", vec![taking]);
    let after: Vec<Duration> = (0..50).map(|_| frame(&mut app, &ctx, vec![])).collect();
    report("frames after, with the suggestions shown", after);

    right_to_left(&mut frame);
}

/// A long Arabic and Hebrew article (every paragraph laid out right to left, in visual order): the
/// first frame, idle frames and frames while scrolling it top to bottom.
fn right_to_left(frame: &mut impl FnMut(&mut WhosaidApp, &egui::Context, Vec<Event>) -> Duration) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/right-to-left");
    std::fs::create_dir_all(&root).unwrap();
    let paragraphs = [
        "قال وزير الخارجية الأوكراني إن بلاده لن تقبل أي اتفاق يتركها عرضة لعدوان جديد، وأضاف أن المحادثات مع حلف شمال الأطلسي ستستمر الأسبوع المقبل.",
        "ראש הממשלה אמר כי ישראל תמשיך במשא ומתן, והוסיף שהשיחות יימשכו גם בשבוע הבא.",
        "وقال الأمين العام لحلف NATO ينس ستولتنبرغ في 14 يونيو 2024 إن الحلف «مستعد للدفاع عن كل شبر» من أراضيه (بحسب رويترز).",
    ];
    let text: String = (0..1_000)
        .map(|i| paragraphs[i % 3])
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(root.join("article.txt"), &text).unwrap();
    let ctx = egui::Context::default();
    whosaid::ui::fonts::install(&ctx);
    let mut app = WhosaidApp::new(Box::new(NoDialogs), Settings::default());
    // The fonts take effect from the next frame: one empty frame first, as the window's first.
    frame(&mut app, &ctx, vec![]);
    app.open_path(&root);
    println!(
        "right-to-left document: {:.2} MB, 1,000 paragraphs",
        text.len() as f64 / 1e6
    );
    report(
        "right to left: first frame after opening",
        vec![frame(&mut app, &ctx, vec![])],
    );
    let idle: Vec<Duration> = (0..200).map(|_| frame(&mut app, &ctx, vec![])).collect();
    report("right to left: steady frames, idle", idle);
    let over_text = Pos2::new(600.0, 400.0);
    let mut scrolling = Vec::new();
    let mut last = None;
    for _ in 0..5_000 {
        scrolling.push(frame(&mut app, &ctx, wheel_down(over_text)));
        let probe = app.screen_pos_of(0).map(|p| p.y);
        if probe.is_some() && probe == last {
            break;
        }
        last = probe.or(last);
    }
    report("right to left: frames while scrolling", scrolling);
}
