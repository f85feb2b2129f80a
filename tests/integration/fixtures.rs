//! Small articles in tests/fixtures, each beside the events it must give (`NAME.gold.json`, in the
//! format of SCHEMA.md). Every file is checked; the failures are listed together.

use super::root;
use geokg::extract::Extractor;
use geokg::ingest::{ReadOptions, read_article};
use std::collections::BTreeSet;

fn key(event_type: &str, agent: &str, target: &str, date: &str, status: &str) -> String {
    format!("{event_type} {agent} -> {target} {date} {status}")
}

#[test]
fn fixture_articles_give_exactly_their_gold_events() {
    let extractor = Extractor::bundled().expect("bundled data parse");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut paths: Vec<_> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let gold_path = path.with_extension("gold.json");
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold file"))
                .expect("gold JSON");
        let want: BTreeSet<String> = gold["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                let text = |f: &str| e[f].as_str().unwrap_or("null").to_string();
                key(
                    &text("type"),
                    &text("agent"),
                    &text("target"),
                    &text("date"),
                    &text("status"),
                )
            })
            .collect();
        let article = read_article(&path, &ReadOptions::default()).expect("fixture reads");
        let got: BTreeSet<String> = extractor
            .extract(&article)
            .iter()
            .map(|e| {
                key(
                    e.event_type.as_str(),
                    e.agent.id.as_str(),
                    e.target.id.as_str(),
                    &e.date.map_or_else(|| "null".into(), |d| d.to_string()),
                    e.status.as_str(),
                )
            })
            .collect();
        checked += 1;
        if got != want {
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            failures.push(format!(
                "{}\n  missing {missing:?}\n  extra   {extra:?}",
                path.display()
            ));
        }
    }
    assert!(checked >= 3, "only {checked} fixtures");
    assert!(
        failures.is_empty(),
        "{} of {checked} fixtures fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
