//! `geokg analyze` end to end on the dev corpus: the Huawei cascade and PageRank per year parse,
//! make sense, and come out byte-identical run after run.

use super::{csv_rows, geokg, ingest, shared_corpus};
use chrono::NaiveDate;
use std::path::Path;

/// A store holding the dev corpus.
fn dev_store() -> tempfile::TempDir {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("dev")]);
    assert_eq!(code, 0, "{stderr}");
    store
}

/// Runs `geokg analyze ARGS --store STORE` and returns its standard output.
fn analyze(store: &Path, args: &[&str]) -> Vec<u8> {
    super::run_ok("analyze", store, args)
}

#[test]
fn the_huawei_cascade_lists_countries_in_date_order_every_time() {
    let store = dev_store();
    let args = [
        "cascade",
        "--target",
        "huawei",
        "--type",
        "ban,restriction,sanction",
        "--format",
        "csv",
    ];
    let first = analyze(store.path(), &args);
    assert_eq!(first, analyze(store.path(), &args), "not byte-identical");
    let rows = csv_rows(&first);
    assert!(rows.len() >= 3, "only {} countries: {rows:?}", rows.len());
    let anchors: Vec<NaiveDate> = rows
        .iter()
        .map(|r| {
            NaiveDate::parse_from_str(&r["anchor"], "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("anchor {:?}: {e}", r["anchor"]))
        })
        .collect();
    assert!(
        anchors.windows(2).all(|pair| pair[0] <= pair[1]),
        "dates out of order: {anchors:?}"
    );
    let mut agents: Vec<&str> = rows.iter().map(|r| r["agent"].as_str()).collect();
    assert!(
        agents
            .iter()
            .all(|a| a.len() == 3 && a.chars().all(|c| c.is_ascii_uppercase())),
        "agents are countries: {agents:?}"
    );
    for (i, row) in rows.iter().enumerate().skip(1) {
        let lag = (anchors[i] - anchors[i - 1]).num_days().to_string();
        assert_eq!(row["lag_days"], lag, "lag of {}", row["agent"]);
    }
    assert_eq!(rows[0]["lag_days"], "", "the first has no lag");
    agents.sort_unstable();
    agents.dedup();
    assert_eq!(agents.len(), rows.len(), "each country once");
}

#[test]
fn pagerank_per_year_is_a_repeatable_ranked_time_series() {
    let store = dev_store();
    let args = ["pagerank", "--window", "year", "--format", "csv"];
    let first = analyze(store.path(), &args);
    assert_eq!(first, analyze(store.path(), &args), "not byte-identical");
    let rows = csv_rows(&first);
    let mut by_year: Vec<(String, Vec<f64>)> = Vec::new();
    for row in &rows {
        let score: f64 = row["score"].parse().expect("a score");
        match by_year.last_mut() {
            Some((year, scores)) if *year == row["window"] => scores.push(score),
            _ => by_year.push((row["window"].clone(), vec![score])),
        }
        let rank: usize = row["rank"].parse().expect("a rank");
        assert_eq!(rank, by_year.last().map_or(0, |(_, s)| s.len()), "{row:?}");
    }
    let years: Vec<&str> = by_year.iter().map(|(y, _)| y.as_str()).collect();
    assert!(years.len() >= 3, "years: {years:?}");
    assert!(
        years.windows(2).all(|p| p[0] < p[1]),
        "years in order: {years:?}"
    );
    for (year, scores) in &by_year {
        assert!(
            scores.windows(2).all(|p| p[0] >= p[1]),
            "{year}: not ranked: {scores:?}"
        );
        let total: f64 = scores.iter().sum();
        assert!((total - 1.0).abs() < 1e-4, "{year}: scores sum to {total}");
    }
}

#[test]
fn bad_requests_are_named() {
    let store = tempfile::tempdir().expect("temp dir");
    for (args, want) in [
        (vec!["cascade"], "cascade needs --target"),
        (
            vec!["activity", "--type", "bann"],
            "unknown event type \"bann\"",
        ),
        (vec!["activity", "--from", "2019-13"], "--from \"2019-13\""),
        (
            vec!["path", "--from-actor", "USA"],
            "path needs --from-actor",
        ),
    ] {
        let output = geokg()
            .arg("analyze")
            .args(&args)
            .arg("--store")
            .arg(store.path().join("kg"))
            .output()
            .expect("geokg runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
    }
}

/// An endpoint that answers SPARQL only, as a remote one would.
struct SparqlOnly<'a>(&'a geokg::EventStore);

impl geokg::SparqlEndpoint for SparqlOnly<'_> {
    fn query(&self, sparql: &str) -> Result<geokg::store::QueryAnswer, geokg::store::StoreError> {
        self.0.query(sparql)
    }
}

/// What the analyses read of an event: type, both actors whole, date, status, and the article
/// when it is asked for.
fn outline(event: &geokg::model::Event, with_article: bool) -> String {
    format!(
        "{} {:?} {:?} {:?} {} {}",
        event.event_type,
        event.agent,
        event.target,
        event.date.map(|d| d.to_string()),
        event.status,
        if with_article { &event.article } else { "-" }
    )
}

#[test]
fn the_outline_reader_reads_what_the_full_reader_reads_for_the_analyses() {
    use geokg::analysis::{ActorGraph, Filter, activity};
    use geokg::query::{self, FirstReport};
    use geokg::{EventStore, SparqlEndpoint};
    let dir = dev_store();
    let store = EventStore::open(dir.path()).expect("store opens");
    let full: Vec<geokg::model::Event> = query::fused_events(&store)
        .expect("full reader")
        .into_iter()
        .map(|fused| fused.event)
        .collect();
    assert!(full.len() > 20, "the dev corpus has fused events");
    let remote = SparqlOnly(&store);
    let endpoints: [(&str, &dyn SparqlEndpoint); 2] = [("store", &store), ("SPARQL", &remote)];
    for first_report in [FirstReport::Omitted, FirstReport::Article] {
        let with_article = first_report == FirstReport::Article;
        let mut expected: Vec<String> = full.iter().map(|e| outline(e, with_article)).collect();
        expected.sort();
        for (name, endpoint) in endpoints {
            let lean = query::fused_event_outlines(endpoint, first_report).expect("outlines");
            let mut got: Vec<String> = lean.iter().map(|e| outline(e, with_article)).collect();
            got.sort();
            assert_eq!(got, expected, "{name}, {first_report:?}");
            let filter = Filter::default().with_statuses(geokg::model::EventStatus::ALL);
            assert_eq!(
                activity(&ActorGraph::from_events(&lean, &filter)),
                activity(&ActorGraph::from_events(&full, &filter)),
                "{name}, {first_report:?}"
            );
        }
    }
}
