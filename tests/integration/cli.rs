//! The CLI end to end: ingest into a temporary store, query it, export it, and bad input.

use super::{geokg, ingest, query_csv, root, shared_corpus};
use std::collections::HashMap;

fn row_key(row: &HashMap<String, String>) -> String {
    format!(
        "{} {} {} {}",
        row["agent"],
        row["target"],
        row.get("date").map_or("", String::as_str),
        row["status"]
    )
}

#[test]
fn the_seed_article_answers_who_banned_huawei() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("seed")]);
    assert_eq!(code, 0, "{stderr}");
    let bans: Vec<String> = query_csv(store.path(), "queries/bans.rq")
        .iter()
        .map(row_key)
        .collect();
    for want in [
        "USA huawei <2019-02-19 actual",
        "AUS huawei <2019-02-19 actual",
        "NZL huawei <2019-02-19 actual",
        "JPN huawei  considered",
        "DEU huawei  considered",
    ] {
        assert!(
            bans.contains(&want.to_string()),
            "missing {want:?} in {bans:#?}"
        );
    }
}

#[test]
fn the_seed_article_also_stores_the_arrest_and_the_charges() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("seed")]);
    assert_eq!(code, 0, "{stderr}");
    let rows = query_csv(store.path(), "queries/arrests-and-charges.rq");
    let found: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {} {} {}", r["type"], r["agent"], r["target"], r["date"]))
        .collect();
    assert!(
        found.contains(&"arrest CAN meng-wanzhou 2018-12".to_string()),
        "{found:#?}"
    );
    assert!(
        found.contains(&"charge USA huawei 2019-01".to_string()),
        "{found:#?}"
    );
    let arrest = rows
        .iter()
        .find(|r| r["type"] == "arrest")
        .expect("an arrest row");
    assert_eq!(arrest["requester"], "USA", "the U.S. asked for the arrest");
}

#[test]
fn the_events_export_carries_the_scorer_fields_and_evidence() {
    let store = tempfile::tempdir().expect("temp dir");
    ingest(store.path(), &[&shared_corpus().join("seed")]);
    let output = geokg()
        .args(["events", "--format", "jsonl", "--store"])
        .arg(store.path())
        .output()
        .expect("geokg runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    let seed =
        std::fs::read_to_string(shared_corpus().join("seed/caixin-2019-02-19-huawei-uk.txt"))
            .expect("seed article");
    let chars: Vec<char> = seed.chars().collect();
    let mut lines = 0;
    for line in text.lines() {
        let event: serde_json::Value =
            serde_json::from_str(line).expect("one JSON object per line");
        for field in [
            "article",
            "type",
            "agent",
            "agent_name",
            "target",
            "target_name",
            "date",
            "status",
            "evidence",
        ] {
            assert!(event.get(field).is_some(), "no {field} in {line}");
        }
        assert_eq!(event["article"], "caixin-2019-02-19-huawei-uk.txt");
        let (start, end) = (
            event["evidence_start"].as_u64().expect("start"),
            event["evidence_end"].as_u64().expect("end"),
        );
        let span: String = chars
            [usize::try_from(start).expect("fits")..usize::try_from(end).expect("fits")]
            .iter()
            .collect();
        assert_eq!(
            span,
            event["evidence"].as_str().expect("text"),
            "offsets point at the evidence"
        );
        lines += 1;
    }
    assert!(lines >= 8, "only {lines} events");
}

#[test]
fn reingesting_changes_nothing_and_a_new_version_replaces_the_old() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let article = dir.path().join("wire-2021-03-04-norway.txt");
    std::fs::write(&article, "Example Wire\n\nNorway acts\n\n4 March 2021\n\nNorway has banned Huawei equipment from its 5G networks, the government said on Thursday.\n").expect("write");
    let count = |store: &std::path::Path| {
        query_csv(
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        )[0]["n"]
            .clone()
    };
    let (code, stderr) = ingest(&store, &[&article]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 added"), "{stderr}");
    let before = count(&store);
    let (_, stderr) = ingest(&store, &[&article]);
    assert!(stderr.contains("1 unchanged"), "{stderr}");
    assert_eq!(count(&store), before, "re-ingesting added or removed quads");
    std::fs::write(&article, "Example Wire\n\nNorway acts\n\n4 March 2021\n\nDenmark has banned Huawei equipment from its 5G networks, the government said on Thursday.\n").expect("write");
    let (_, stderr) = ingest(&store, &[&article]);
    assert!(stderr.contains("1 replaced"), "{stderr}");
    let agents: Vec<String> = query_csv(&store, "queries/bans.rq")
        .iter()
        .map(|r| r["agent"].clone())
        .collect();
    assert_eq!(agents, ["DNK"], "the old version's events are gone");
}

#[test]
fn bad_files_are_named_and_the_rest_of_the_batch_is_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let good = dir.path().join("good");
    std::fs::create_dir(&good).expect("mkdir");
    std::fs::write(good.join("wire-2020-01-02-first.txt"), "Wire\n\nFirst\n\n2 January 2020\n\nSweden has banned Huawei equipment from its networks, regulators said on Thursday.\n").expect("write");
    let (code, stderr) = ingest(&store, &[&good]);
    assert_eq!(code, 0, "{stderr}");

    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).expect("mkdir");
    std::fs::write(batch.join("binary.txt"), [0x66, 0x6f, 0xff, 0xfe, 0x00]).expect("write");
    std::fs::write(batch.join("empty.txt"), "").expect("write");
    std::fs::write(batch.join("nodate.txt"), "Wire\n\nA title\n\nNorway has banned Huawei equipment from its networks, officials said.\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), batch.join("unreadable.txt"))
        .expect("symlink");
    std::fs::write(batch.join("wire-2020-02-03-second.txt"), "Wire\n\nSecond\n\n3 February 2020\n\nDenmark has banned ZTE equipment from its networks, regulators said on Monday.\n").expect("write");
    let (code, stderr) = ingest(&store, &[&batch]);
    assert_eq!(code, 2, "some files failed: {stderr}");
    for (file, reason) in [
        ("binary.txt", "not UTF-8"),
        ("empty.txt", "empty file"),
        ("nodate.txt", "no publication date"),
        ("unreadable.txt", "cannot read"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named in {stderr}"));
        assert!(line.contains(reason), "{file}: {line}");
    }
    let agents: Vec<String> = query_csv(&store, "queries/bans.rq")
        .iter()
        .map(|r| r["agent"].clone())
        .collect();
    assert_eq!(
        agents,
        ["DNK", "SWE"],
        "the good file of the batch is stored and the earlier one kept"
    );
}

#[test]
fn a_date_given_on_the_command_line_lets_a_dateless_article_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("nodate.txt");
    std::fs::write(&article, "Wire\n\nA title\n\nNorway banned Huawei equipment from its networks last month, officials said.\n").expect("write");
    let output = geokg()
        .arg("extract")
        .arg(&article)
        .args(["--format", "jsonl", "--published", "2020-03-15"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains(r#""date":"2020-02""#), "{text}");
}

#[test]
fn the_readme_command_runs_the_main_job_on_the_bundled_articles() {
    let store = tempfile::tempdir().expect("temp dir");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(
        readme.contains("scripts/demo"),
        "the README gives the demo command"
    );
    let output = geokg()
        .args(["run", "data/articles", "--store"])
        .arg(store.path())
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Who banned whom"), "{stdout}");
    // Most actual bans that the samples' gold files record are in the answer.
    let mut wanted = Vec::new();
    for entry in std::fs::read_dir(root().join("data/articles")).expect("samples") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".gold.json") {
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("gold")).expect("JSON");
            for event in gold["events"].as_array().expect("events") {
                if event["type"] == "ban" && event["status"] == "actual" {
                    wanted.push(format!("({}) ", event["agent"].as_str().expect("agent")));
                }
            }
        }
    }
    let found = wanted
        .iter()
        .filter(|agent| stdout.contains(agent.as_str()))
        .count();
    assert!(
        wanted.len() >= 5 && found * 10 >= wanted.len() * 7,
        "{found} of {} banning agents shown:\n{stdout}",
        wanted.len()
    );
}

/// What `geokg bans --format csv` prints for the store, or its exit code and stderr.
fn bans_csv(store: &std::path::Path) -> Result<String, (i32, String)> {
    let output = geokg()
        .args(["bans", "--format", "csv", "--store"])
        .arg(store)
        .output()
        .expect("geokg runs");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err((
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ))
    }
}

#[test]
fn a_command_that_reads_never_shares_the_store_with_a_writer() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("seed")]);
    assert_eq!(code, 0, "{stderr}");
    let answer = bans_csv(store.path()).expect("bans on a closed store");
    assert!(answer.contains("huawei"), "{answer}");

    // While this process writes the store, a reader cannot open it: it fails and says which
    // store, rather than reading files the writer is changing.
    {
        let writer = geokg::EventStore::open(store.path()).expect("open for writing");
        let (code, stderr) = bans_csv(store.path()).expect_err("the store is being written");
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("store"), "{stderr}");
        drop(writer);
    }

    // While this process reads the store (read-only, holding the reader's lock), a writer
    // cannot open it, and the store keeps what it had.
    {
        let reader = geokg::EventStore::open_to_read(store.path()).expect("open to read");
        let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("dev")]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("store"), "{stderr}");
        drop(reader);
    }
    assert_eq!(bans_csv(store.path()), Ok(answer));
}
