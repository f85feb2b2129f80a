//! Fusion across articles and "who banned whom, when" (`geokg bans`), on invented articles in
//! tests/fixtures/fusion* and on the dev corpus against its gold events.

use super::{csv_rows, ingest, query_csv, root, run_ok, shared_corpus};
use geokg::EventStore;
use geokg::ingest::{ReadOptions, read_article};
use geokg::model::{Actor, ActorId, ActorKind, Event, EventDate, Evidence};
use geokg::query::{self, BanFilter};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const FUSED_COUNT: &str =
    "SELECT (COUNT(?f) AS ?n) WHERE { GRAPH geo:fused { ?f a gek:FusedEvent } }";

fn bans_csv(store: &Path, args: &[&str]) -> Vec<HashMap<String, String>> {
    let mut all = vec!["--format", "csv"];
    all.extend_from_slice(args);
    csv_rows(&run_ok("bans", store, &all))
}

fn dump(store: &Path) -> Vec<u8> {
    run_ok(
        "query",
        store,
        &[
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o",
            "--format",
            "csv",
        ],
    )
}

#[test]
fn three_articles_reporting_one_ban_give_one_event_with_three_mentions() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&root().join("tests/fixtures/fusion")]);
    assert_eq!(code, 0, "{stderr}");
    let rows = bans_csv(store.path(), &["--target", "zte"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let ban = &rows[0];
    assert_eq!(
        (
            ban["agent"].as_str(),
            ban["step"].as_str(),
            ban["type"].as_str()
        ),
        ("PRT", "first", "ban")
    );
    // "on Tuesday", "on March 2, 2021" and "earlier this month": the day is the most precise.
    assert_eq!(ban["date"], "2021-03-02");
    assert_eq!(
        (ban["sources"].as_str(), ban["mentions"].as_str()),
        ("3", "3")
    );
    assert_eq!(ban["date_conflict"], "false");
    let fused = query_csv(
        store.path(),
        "SELECT ?f (COUNT(?m) AS ?n) WHERE { GRAPH geo:fused { ?f gek:mention ?m } } GROUP BY ?f",
    );
    assert_eq!(fused.len(), 1);
    assert_eq!(fused[0]["n"], "3");
    // Every mention is an event stated in an article, with its own evidence.
    let mentions = query_csv(
        store.path(),
        "SELECT ?source ?stated WHERE { GRAPH geo:fused { ?f gek:mention ?m } ?m prov:wasDerivedFrom/gek:sourceFile ?source ; gek:dateText ?stated } ORDER BY ?source",
    );
    let stated: Vec<&str> = mentions.iter().map(|r| r["stated"].as_str()).collect();
    assert_eq!(stated, ["2021-03-02", "2021-03", "2021-03-02"]);

    // Re-ingesting one of the articles changes nothing, fused events included.
    let before = dump(store.path());
    let (code, stderr) = ingest(
        store.path(),
        &[&root().join("tests/fixtures/fusion/atlantic-wire-2021-03-03-zte-excluded.txt")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 unchanged"), "{stderr}");
    assert_eq!(dump(store.path()), before);
}

#[test]
fn a_later_ban_is_a_second_measure_and_a_replaced_article_refreshes_fusion() {
    let store = tempfile::tempdir().expect("temp dir");
    ingest(store.path(), &[&root().join("tests/fixtures/fusion")]);
    let (code, stderr) = ingest(store.path(), &[&root().join("tests/fixtures/fusion-later")]);
    assert_eq!(code, 0, "{stderr}");
    let rows = bans_csv(store.path(), &["--agent", "prt"]);
    let steps: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["step"].as_str(),
                r["date"].as_str(),
                r["sources"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [("first", "2021-03-02", "3"), ("later", "2022-05-09", "1")]
    );

    // A new version of one article that no longer reports the ban leaves two sources.
    let edited = tempfile::tempdir().expect("temp dir");
    let name = "euro-telecom-2021-03-22-vendors-rethink.txt";
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/fusion").join(name)).expect("fixture");
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("banned")).collect();
    std::fs::write(edited.path().join(name), kept.join("\n")).expect("write");
    let (code, stderr) = ingest(store.path(), &[&edited.path().join(name)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 replaced"), "{stderr}");
    let rows = bans_csv(store.path(), &["--agent", "PRT", "--to", "2021"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0]["sources"].as_str(), rows[0]["mentions"].as_str()),
        ("2", "2")
    );
    assert_eq!(query_csv(store.path(), FUSED_COUNT)[0]["n"], "2");
}

/// The gold events of every dev article, by article file.
fn dev_gold() -> Vec<(std::path::PathBuf, serde_json::Value)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(shared_corpus().join("dev")).expect("dev corpus") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".gold.json") {
            let gold = serde_json::from_str(&std::fs::read_to_string(&path).expect("gold"))
                .expect("gold JSON");
            out.push((path, gold));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Huawei's actual bans and restrictions in the gold events: each agent's earliest stated date.
fn gold_first_huawei_measures() -> BTreeMap<String, EventDate> {
    let mut first: BTreeMap<String, EventDate> = BTreeMap::new();
    for (_, gold) in dev_gold() {
        for event in gold["events"].as_array().expect("events") {
            let field = |k: &str| event[k].as_str().unwrap_or_default();
            if field("target") != "huawei"
                || !["ban", "restriction"].contains(&field("type"))
                || field("status") != "actual"
            {
                continue;
            }
            let Ok(date) = field("date").parse::<EventDate>() else {
                continue;
            };
            let entry = first.entry(field("agent").to_string()).or_insert(date);
            if date.sort_key() < entry.sort_key() {
                *entry = date;
            }
        }
    }
    first
}

/// True when two dates may denote the same day (their spans overlap).
fn compatible(a: EventDate, b: EventDate) -> bool {
    let start = |d: EventDate| d.earliest().unwrap_or(chrono::NaiveDate::MIN);
    let end = |d: EventDate| d.latest().unwrap_or(chrono::NaiveDate::MAX);
    start(a) <= end(b) && start(b) <= end(a)
}

#[test]
fn on_gold_events_the_answer_lists_each_country_with_its_earliest_huawei_ban() {
    // The command's logic (fusion, query, grouping) on the annotators' own events.
    let store = EventStore::in_memory().expect("store");
    for (path, gold) in dev_gold() {
        let txt = path.with_file_name(gold["article"].as_str().expect("article name"));
        let article = read_article(&txt, &ReadOptions::default()).expect("dev article reads");
        let text = std::fs::read_to_string(&txt).expect("text");
        let entities = &gold["entities"];
        let actor = |id: &str| {
            let kind = entities[id]["kind"].as_str().unwrap_or("body");
            let name = entities[id]["names"][0].as_str().unwrap_or(id);
            Actor::new(
                ActorId::new(id),
                name,
                ActorKind::from_name(kind).unwrap_or(ActorKind::Body),
            )
        };
        let events: Vec<Event> = gold["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                let field = |k: &str| e[k].as_str().unwrap_or_default();
                let evidence = field("evidence");
                let start = text.find(evidence).map_or(0, |b| text[..b].chars().count());
                Event {
                    article: article.source.clone(),
                    event_type: field("type").parse().expect("gold type"),
                    agent: actor(field("agent")),
                    target: actor(field("target")),
                    requester: None,
                    date: field("date").parse().ok(),
                    status: field("status").parse().expect("gold status"),
                    evidence: Evidence {
                        start,
                        end: start + evidence.chars().count(),
                        text: evidence.to_string(),
                    },
                    trigger: String::new(),
                    rule: "gold".into(),
                    date_reason: String::new(),
                }
            })
            .collect();
        store.put_article(&article, &events).expect("stored");
    }
    let filter = BanFilter {
        target: Some(ActorId::new("huawei")),
        ..BanFilter::default()
    };
    let answer = query::who_banned_whom(&store, &filter).expect("query");
    let listed: BTreeMap<String, EventDate> = answer
        .iter()
        .filter_map(|h| Some((h.agent.id.as_str().to_string(), h.first.as_ref()?.date?)))
        .collect();
    let gold = gold_first_huawei_measures();
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        gold.keys().collect::<Vec<_>>()
    );
    for (agent, date) in &gold {
        // The fused date may be more precise than the earliest statement ("2020-01" told more
        // precisely elsewhere as "2020-01-28"), never incompatible with it.
        assert!(
            compatible(listed[agent], *date),
            "{agent}: listed {} against gold {date}",
            listed[agent]
        );
    }
    // Every country's first measure comes before its later ones.
    for history in &answer {
        if let (Some(first), Some(next)) = (&history.first, history.later.first()) {
            assert!(first.date.map(EventDate::sort_key) <= next.date.map(EventDate::sort_key));
        }
    }
    assert!(answer.iter().all(|h| h.target.id.as_str() == "huawei"));
}

#[test]
fn on_the_dev_corpus_the_command_finds_most_countries_that_banned_huawei_with_their_dates() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("dev")]);
    assert_eq!(code, 0, "{stderr}");
    let rows = bans_csv(store.path(), &["--target", "huawei"]);
    let listed: BTreeMap<String, EventDate> = rows
        .iter()
        .filter(|r| r["step"] == "first")
        .filter_map(|r| Some((r["agent"].clone(), r["date"].parse().ok()?)))
        .collect();
    let gold = gold_first_huawei_measures();
    let found = gold.keys().filter(|a| listed.contains_key(*a)).count();
    let dated = gold
        .iter()
        .filter(|(a, d)| listed.get(*a).is_some_and(|l| compatible(*l, **d)))
        .count();
    let correct = listed.keys().filter(|a| gold.contains_key(*a)).count();
    let report = format!("gold {gold:?}\nlisted {listed:?}");
    // Extraction is not perfect: most countries, most with a compatible date, few extra.
    assert!(
        found * 100 >= gold.len() * 85,
        "found {found}/{}\n{report}",
        gold.len()
    );
    assert!(
        dated * 100 >= gold.len() * 75,
        "dated {dated}/{}\n{report}",
        gold.len()
    );
    assert!(
        correct * 100 >= listed.len() * 75,
        "correct {correct}/{}\n{report}",
        listed.len()
    );
    // The table form names the country, its first date and the source count.
    let table =
        String::from_utf8(run_ok("bans", store.path(), &["--target", "huawei"])).expect("UTF-8");
    assert!(table.contains("Australia (AUS)"), "{table}");
    assert!(table.contains("sources"), "{table}");
}

#[test]
fn an_agent_or_target_filter_gives_the_unfiltered_rows_of_that_actor() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("dev")]);
    assert_eq!(code, 0, "{stderr}");
    let types = ["--type", "ban,restriction,sanction"];
    let all = bans_csv(store.path(), &types);
    assert!(all.len() > 20, "the dev corpus has measures: {all:?}");
    for (column, flag) in [("agent", "--agent"), ("target", "--target")] {
        // The actor with the most rows, asked for in lower case.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &all {
            *counts.entry(row[column].as_str()).or_default() += 1;
        }
        let (actor, _) = counts
            .iter()
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
            .expect("some actor");
        let by_hand: Vec<_> = all
            .iter()
            .filter(|row| row[column].eq_ignore_ascii_case(actor))
            .cloned()
            .collect();
        let asked = actor.to_lowercase();
        let filtered = bans_csv(store.path(), &[types[0], types[1], flag, &asked]);
        assert!(by_hand.len() > 1, "{column} {actor}");
        assert_eq!(filtered, by_hand, "{flag} {asked}");
    }
    let none = bans_csv(store.path(), &["--agent", "no-such-actor"]);
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn fused_events_do_not_depend_on_the_order_articles_arrive_in_nor_on_a_rebuild() {
    let fused_dump = |store: &Path| {
        let csv = run_ok(
            "query",
            store,
            &[
                "SELECT ?s ?p ?o WHERE { GRAPH geo:fused { ?s ?p ?o } } ORDER BY ?s ?p ?o",
                "--format",
                "csv",
            ],
        );
        String::from_utf8(csv).expect("UTF-8")
    };
    let together = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(together.path(), &[&shared_corpus().join("dev")]);
    assert_eq!(code, 0, "{stderr}");
    let expected = fused_dump(together.path());
    assert!(expected.len() > 1000, "the dev corpus gives fused events");

    let one_by_one = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<_> = std::fs::read_dir(shared_corpus().join("dev"))
        .expect("dev corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.reverse();
    for file in &files {
        let (code, stderr) = ingest(one_by_one.path(), &[file]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert!(
        fused_dump(one_by_one.path()) == expected,
        "reverse order differs"
    );

    let store = EventStore::open(one_by_one.path()).expect("store opens");
    assert!(store.fuse_all().expect("rebuild") > 50);
    drop(store);
    let rebuilt = fused_dump(one_by_one.path());
    let only = |a: &str, b: &str| -> Vec<String> {
        let theirs: std::collections::BTreeSet<&str> = b.lines().collect();
        a.lines()
            .filter(|l| !theirs.contains(l))
            .take(5)
            .map(str::to_string)
            .collect()
    };
    assert!(
        rebuilt == expected,
        "rebuilt fusion differs: only rebuilt {:?}; only incremental {:?}",
        only(&rebuilt, &expected),
        only(&expected, &rebuilt)
    );
}

/// An endpoint that answers SPARQL only, as a remote one would: the readers then fall back to
/// SPARQL for their statement look-ups.
struct SparqlOnly<'a>(&'a EventStore);

impl geokg::SparqlEndpoint for SparqlOnly<'_> {
    fn query(&self, sparql: &str) -> Result<geokg::store::QueryAnswer, geokg::store::StoreError> {
        self.0.query(sparql)
    }
}

#[test]
fn the_index_readers_answer_what_the_canned_queries_answer() {
    use geokg::SparqlEndpoint;
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(dir.path(), &[&shared_corpus().join("dev")]);
    assert_eq!(code, 0, "{stderr}");
    let store = EventStore::open(dir.path()).expect("store opens");

    // Who banned whom: the measures against the rows of queries/who-banned-whom.rq.
    let filter = BanFilter {
        types: query::MEASURE_TYPES.to_vec(),
        ..BanFilter::default()
    };
    let mut read: Vec<String> = query::who_banned_whom(&store, &filter)
        .expect("reader")
        .iter()
        .flat_map(|h| {
            h.steps().map(|(_, m)| {
                let files: Vec<&str> = m.sources.iter().map(String::as_str).collect();
                format!(
                    "{} {} {} {} {} {:?} {} {} {}",
                    m.id,
                    h.agent.id,
                    h.target.id,
                    m.event_type,
                    m.status,
                    m.date.map(|d| d.to_string()),
                    m.date_conflict,
                    m.mentions,
                    files.join(" | ")
                )
            })
        })
        .collect();
    let mut queried: Vec<String> = store
        .query(query::WHO_BANNED_WHOM)
        .expect("query")
        .text_rows()
        .iter()
        .map(|row| {
            let mut files: Vec<&str> = row.get("files").split(" | ").collect();
            files.sort();
            format!(
                "{} {} {} {} {} {:?} {} {} {}",
                row.get("event").rsplit('/').next().unwrap_or_default(),
                row.get("agent"),
                row.get("target"),
                row.get("type"),
                row.get("status"),
                row.value("date"),
                row.get("dateConflict"),
                row.get("mentions"),
                files.join(" | ")
            )
        })
        .collect();
    read.sort();
    queried.sort();
    assert!(read.len() > 10, "the dev corpus has measures: {read:?}");
    assert_eq!(read, queried);

    // Fused events: each with its mentions, first report first, against queries/fused-events.rq.
    let fused = query::fused_events(&store).expect("reader");
    let mut expected: Vec<(String, String, Vec<String>)> = Vec::new();
    for row in store.query(query::FUSED_EVENTS).expect("query").text_rows() {
        let mention = row.get("event").to_string();
        match expected.last_mut() {
            Some((iri, _, mentions)) if iri == row.get("fused") => {
                if !mentions.contains(&mention) {
                    mentions.push(mention);
                }
            }
            _ => expected.push((
                row.get("fused").to_string(),
                format!(
                    "{} {} {}",
                    row.get("trigger"),
                    row.get("start"),
                    row.get("source")
                ),
                vec![mention],
            )),
        }
    }
    let got: Vec<(String, String, Vec<String>)> = fused
        .iter()
        .map(|f| {
            (
                f.iri.clone(),
                format!(
                    "{} {} {}",
                    f.event.trigger, f.event.evidence.start, f.event.article
                ),
                f.mentions.iter().map(|m| m.iri.clone()).collect(),
            )
        })
        .collect();
    assert!(got.len() > 20, "the dev corpus has fused events: {got:?}");
    assert_eq!(got, expected);

    // Through SPARQL alone (a remote endpoint), the readers give the same.
    let remote = SparqlOnly(&store);
    assert_eq!(query::fused_events(&remote).expect("remote reader"), fused);
    assert_eq!(
        query::who_banned_whom(&remote, &filter).expect("remote reader"),
        query::who_banned_whom(&store, &filter).expect("reader")
    );
}
