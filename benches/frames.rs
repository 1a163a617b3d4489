//! Headless UI frame benchmark: the real app drawn by an egui `Context` with no window or GPU, on a
//! generated 1 MB article with 10,000 annotations. Measures the CPU side of a frame (UI pass plus
//! tessellation): the first frame, idle frames, frames while scrolling the whole document, and
//! the frames after adding and after deleting an annotation. `cargo bench --bench frames`.

use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use std::path::Path;
use std::time::{Duration, Instant};
use whosaid::project::Label;
use whosaid::synthetic;
use whosaid::ui::{NoDialogs, Settings, UiCommand, WhosaidApp};
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

fn main() {
    if std::env::args().any(|a| a == "--list") {
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
        ws.corpus.document(&doc).unwrap().text.as_str().len() as f64 / 1e6,
        ws.corpus.document(&doc).unwrap().text.paragraphs().len(),
        ws.project.annotations().count()
    );

    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let mut time = 0.0;
    let mut frame = |app: &mut WhosaidApp, events: Vec<Event>| -> Duration {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let out = ctx.run_ui(input, |ui| app.show(ui));
        let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(primitives);
        t.elapsed()
    };

    report("first frame after opening", vec![frame(&mut app, vec![])]);
    let idle: Vec<Duration> = (0..200).map(|_| frame(&mut app, vec![])).collect();
    report("steady frames, idle", idle);

    // Scroll the whole document with the mouse wheel over the text.
    let over_text = Pos2::new(600.0, 400.0);
    let mut scrolling = Vec::new();
    let mut last_offset = None;
    // (At most 20,000 frames: far more than a 1 MB document needs.)
    for _ in 0..20_000 {
        let d = frame(
            &mut app,
            vec![
                Event::PointerMoved(over_text),
                Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(0.0, -600.0),
                    modifiers: Default::default(),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                },
            ],
        );
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
        .corpus
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

    // One annotation added, then deleted: the frames right after each.
    let text_len = app
        .workspace()
        .unwrap()
        .corpus
        .document(&doc)
        .unwrap()
        .text
        .char_len();
    let mid = text_len / 2;
    app.run_command(
        &ctx,
        UiCommand::Perform(Intent::Tag {
            doc: doc.clone(),
            range: mid..mid + 40,
            label: Label::Claim,
        }),
    );
    report(
        "frame after adding one annotation",
        vec![frame(&mut app, vec![])],
    );
    let last = app
        .workspace()
        .unwrap()
        .project
        .annotations()
        .map(|(_, a)| a.id)
        .max()
        .unwrap();
    app.run_command(&ctx, UiCommand::Perform(Intent::Delete { id: last }));
    report(
        "frame after deleting one annotation",
        vec![frame(&mut app, vec![])],
    );
}
