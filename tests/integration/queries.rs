//! Each canned query parses and answers with its expected rows on the seed article.

use super::{ingest, query_csv, root, shared_corpus};

#[test]
fn every_canned_query_opens_with_its_purpose_and_variables() {
    for entry in std::fs::read_dir(root().join("queries")).expect("queries folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("query text");
        let comments: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            comments.len() >= 2,
            "{}: opens with a comment saying what it answers",
            path.display()
        );
        assert!(
            comments.iter().any(|l| l.contains("Returns")),
            "{}: names its output variables",
            path.display()
        );
    }
}

#[test]
fn the_canned_queries_answer_on_the_seed_article() {
    let store = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = ingest(store.path(), &[&shared_corpus().join("seed")]);
    assert_eq!(code, 0, "{stderr}");

    let by_actor = query_csv(store.path(), "queries/events-by-actor.rq");
    assert!(
        by_actor.iter().all(|r| r["actor"] == "huawei"),
        "the VALUES line picks Huawei"
    );
    let roles: Vec<String> = by_actor
        .iter()
        .map(|r| format!("{} {} {}", r["role"], r["type"], r["other"]))
        .collect();
    for want in ["target ban USA", "target charge USA", "agent denial USA"] {
        assert!(
            roles.contains(&want.to_string()),
            "missing {want:?} in {roles:#?}"
        );
    }

    let arrests = query_csv(store.path(), "queries/arrests-and-charges.rq");
    assert!(arrests.iter().any(|r| r["type"] == "arrest"
        && r["target"] == "meng-wanzhou"
        && r["targetName"] == "Meng Wanzhou"));
    assert!(
        arrests
            .iter()
            .all(|r| ["arrest", "charge", "extradition"].contains(&r["type"].as_str()))
    );

    let bans = query_csv(store.path(), "queries/bans.rq");
    assert!(
        bans.iter()
            .all(|r| r["source"] == "caixin-2019-02-19-huawei-uk.txt" && !r["evidence"].is_empty())
    );

    let events = query_csv(store.path(), "queries/events.rq");
    assert_eq!(
        events.iter().filter(|r| r["type"] == "ban").count(),
        bans.len(),
        "events.rq lists every ban once"
    );
}
