//! `geokg timeline` end to end: every format read back by an independent parser (Python's
//! standard library, `tests/integration/read_timeline.py`), filters, order, and the HTML page in
//! headless Chromium.

use super::{geokg, ingest, root, shared_corpus};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python reader, run with `python3 -c` so the test needs nothing but the interpreter.
const READER: &str = include_str!("read_timeline.py");

/// A store holding the seed article and the bundled samples.
fn sample_store() -> tempfile::TempDir {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(
        store.path(),
        &[&shared_corpus().join("seed"), &root().join("data/articles")],
    );
    assert_eq!(code, 0, "{stderr}");
    store
}

/// Runs `geokg timeline ARGS --store STORE` and returns its standard output.
fn timeline(store: &Path, args: &[&str]) -> Vec<u8> {
    super::run_ok("timeline", store, args)
}

/// Writes `format` to a file and reads it back with the Python reader: the events as it sees them.
fn read_back(store: &Path, dir: &Path, format: &str, args: &[&str]) -> Vec<Value> {
    let path = dir.join(format!("timeline.{format}"));
    let mut all = vec!["--format", format];
    all.extend_from_slice(args);
    std::fs::write(&path, timeline(store, &all)).expect("write the export");
    let output = Command::new("python3")
        .args(["-c", READER, format])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the {format} export breaks its format: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn day(value: &Value, key: &str) -> Option<NaiveDate> {
    value[key].as_str().and_then(|d| d.parse().ok())
}

fn ids(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| text(e, "id")).collect()
}

#[test]
fn every_timeline_format_reads_back_with_independent_parsers() {
    let store = sample_store();
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = read_back(store.path(), dir.path(), "csv", &[]);
    assert!(rows.len() >= 30, "only {} events", rows.len());
    assert_eq!(
        read_back(store.path(), dir.path(), "json", &[]),
        rows,
        "JSON"
    );
    assert_eq!(
        read_back(store.path(), dir.path(), "jsonl", &[]),
        rows,
        "JSON Lines"
    );

    let dated: Vec<&Value> = rows.iter().filter(|r| !r["date"].is_null()).collect();
    let dated_ids: Vec<&str> = dated.iter().map(|r| text(r, "id")).collect();
    assert!(dated.len() < rows.len(), "the samples have undated events");
    // Where each dated event starts and ends on a calendar: "before X" on the day before X.
    let first_day = |r: &Value| day(r, "earliest").or_else(|| day(r, "latest"));
    let after_last = |r: &Value| day(r, "latest").and_then(|d| d.succ_opt());

    let slides = read_back(
        store.path(),
        dir.path(),
        "timelinejs",
        &["--group-by", "type"],
    );
    assert_eq!(
        ids(&slides),
        dated_ids,
        "TimelineJS: the dated events, in order"
    );
    for (slide, row) in slides.iter().zip(&dated) {
        let date = text(row, "date");
        match date.strip_prefix('<') {
            Some(_) => assert_eq!(day(slide, "start"), day(row, "latest"), "{slide}"),
            None => assert_eq!(text(slide, "start"), date, "{slide}"),
        }
        assert_eq!(text(slide, "group"), text(row, "type").replace('_', " "));
    }

    let items = read_back(store.path(), dir.path(), "vis", &[]);
    assert_eq!(ids(&items), dated_ids, "vis: the dated events, in order");
    for (item, row) in items.iter().zip(&dated) {
        assert_eq!(item["group"], row["agent"], "grouped by agent: {item}");
        let fuzzy = matches!(text(row, "date").len(), 4 | 7);
        assert_eq!(day(item, "start"), first_day(row), "{item}");
        assert_eq!(
            day(item, "end"),
            after_last(row).filter(|_| fuzzy),
            "{item}"
        );
    }

    let calendar = read_back(store.path(), dir.path(), "ical", &[]);
    assert_eq!(
        ids(&calendar),
        dated_ids,
        "iCalendar: the dated events, in order"
    );
    for (vevent, row) in calendar.iter().zip(&dated) {
        assert_eq!(day(vevent, "start"), first_day(row), "{vevent}");
        assert_eq!(day(vevent, "end"), after_last(row), "{vevent}");
        assert!(text(vevent, "summary").starts_with(&text(row, "type").replace('_', " ")));
    }

    let marks = read_back(store.path(), dir.path(), "html", &[]);
    // Marks come lane by lane, so compare them as sets.
    let (mut mark_ids, mut want_ids) = (ids(&marks), dated_ids.clone());
    mark_ids.sort_unstable();
    want_ids.sort_unstable();
    assert_eq!(mark_ids, want_ids, "HTML: a mark per dated event");
    assert!(
        marks.iter().all(|m| m["table_rows"] == rows.len()),
        "a table row per event"
    );

    let table = String::from_utf8(timeline(store.path(), &[])).expect("UTF-8 table");
    assert_eq!(
        table.lines().count(),
        rows.len() + 2,
        "header, rule and a line per event"
    );
    assert!(table.starts_with("date "), "{table}");
    let markdown = String::from_utf8(timeline(store.path(), &["--format", "markdown"]))
        .expect("UTF-8 Markdown");
    assert_eq!(markdown.lines().count(), rows.len() + 2);
    for line in markdown.lines() {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 8, "seven cells, pipes escaped: {line}");
    }
}

/// An independent chronological key: (undated, day, rank) with "before X" on the day before X
/// ranked first, then year, month and day precision.
fn chronological_key(row: &Value) -> (bool, Option<NaiveDate>, u8) {
    let date = text(row, "date");
    let rank = match date.len() {
        11 => 0,
        4 => 1,
        7 => 2,
        _ => 3,
    };
    let at = if rank == 0 {
        day(row, "latest")
    } else {
        day(row, "earliest")
    };
    (row["date"].is_null(), at, rank)
}

/// Which rows a filter should keep.
type Keep = Box<dyn Fn(&Value) -> bool>;

#[test]
fn filters_keep_only_matching_events_in_chronological_order() {
    let store = sample_store();
    let dir = tempfile::tempdir().expect("temp dir");
    let all = read_back(store.path(), dir.path(), "csv", &[]);
    for pair in all.windows(2) {
        assert!(
            chronological_key(&pair[0]) <= chronological_key(&pair[1]),
            "out of order: {} then {}",
            pair[0],
            pair[1]
        );
    }
    let is = |key: &'static str, want: &'static str| move |r: &Value| text(r, key) == want;
    let in_2020 = |r: &Value| {
        // "before X" sits on the day before X: no earlier day counts for --to
        let (first, last) = (
            day(r, "earliest").or_else(|| day(r, "latest")),
            day(r, "latest"),
        );
        let (from, to) = (
            NaiveDate::from_ymd_opt(2020, 1, 1),
            NaiveDate::from_ymd_opt(2020, 12, 31),
        );
        last.is_some() && last >= from && first <= to
    };
    let cases: Vec<(Vec<&str>, Keep)> = vec![
        (
            vec!["--type", "ban", "--status", "considered"],
            Box::new(move |r| is("type", "ban")(r) && is("status", "considered")(r)),
        ),
        (
            vec!["--actor", "huawei"],
            Box::new(move |r| is("agent", "huawei")(r) || is("target", "huawei")(r)),
        ),
        (vec!["--agent", "usa"], Box::new(is("agent", "USA"))),
        (
            vec!["--target", "HUAWEI", "--type", "ban,restriction"],
            Box::new(move |r| {
                is("target", "huawei")(r) && (is("type", "ban")(r) || is("type", "restriction")(r))
            }),
        ),
        (
            vec!["--from", "2020-01-01", "--to", "2020-12-31"],
            Box::new(in_2020),
        ),
        (vec!["--from", "2020", "--to", "2020"], Box::new(in_2020)),
    ];
    for (args, keep) in cases {
        let got = read_back(store.path(), dir.path(), "csv", &args);
        let want: Vec<Value> = all.iter().filter(|r| keep(r)).cloned().collect();
        assert!(!want.is_empty(), "{args:?} keeps nothing in the samples");
        assert_eq!(got, want, "{args:?}");
    }
}

#[test]
fn bad_filter_values_are_refused_with_the_flag_named() {
    let store = tempfile::tempdir().expect("temp dir");
    for (args, message) in [
        (
            vec!["--type", "ban,bann"],
            "--type: unknown event type \"bann\"",
        ),
        (
            vec!["--status", "done"],
            "--status: unknown status \"done\"",
        ),
        (
            vec!["--from", "2019-13-01"],
            "bad date \"2019-13-01\" for --from",
        ),
        (vec!["--to", "<2019-01-01"], "for --to"),
        (
            vec!["--from", "2020", "--to", "2019"],
            "--from 2020-01-01 is after --to 2019-12-31",
        ),
        (vec!["--actor", " "], "--actor: expected an actor id"),
    ] {
        let output = geokg()
            .arg("timeline")
            .args(&args)
            .arg("--store")
            .arg(store.path())
            .output()
            .expect("geokg runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} was accepted");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn the_html_page_renders_in_headless_chromium() {
    let chromium = PathBuf::from("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipped: no /usr/bin/chromium (Debian package `chromium`) to render the page");
        return;
    }
    let store = sample_store();
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("timeline.html");
    std::fs::write(&page, timeline(store.path(), &["--format", "html"])).expect("write the page");
    let output = Command::new(root().join("tests/browser/check_timeline.sh"))
        .arg(&page)
        .args(["United States (USA)", "ban → Huawei", "Meng Wanzhou"])
        .env("CHROMIUM", &chromium)
        .output()
        .expect("the check script runs");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
