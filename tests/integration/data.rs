//! The data files parse, the ontology declares every term the store writes, and a trigger word
//! added to a copy of data/ works with no change to the code.

use super::{geokg, root};
use geokg::extract::Extractor;
use geokg::store::vocab;

/// Copies the gazetteers and lexicons of data/ into `dir/data`, as an analyst would to edit them.
fn copy_data(dir: &std::path::Path) -> std::path::PathBuf {
    let data = dir.join("data");
    for sub in ["gazetteers", "lexicons"] {
        std::fs::create_dir_all(data.join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(root().join("data").join(sub)).expect("data folder") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, data.join(sub).join(path.file_name().expect("name")))
                .expect("copy");
        }
    }
    data
}

#[test]
fn the_bundled_data_files_parse() {
    let extractor = Extractor::bundled().expect("bundled data parse");
    assert!(
        extractor.gazetteer().len() > 400,
        "every country, plus firms, people and bodies"
    );
    assert_eq!(
        Extractor::from_dir(&root().join("data"))
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Ok(())
    );
}

#[test]
fn every_country_of_iso_3166_is_in_the_gazetteer() {
    let extractor = Extractor::bundled().expect("bundled data parse");
    for code in [
        "USA", "GBR", "CHN", "NZL", "ZWE", "TUV", "HKG", "TWN", "PSE", "VAT", "ATA",
    ] {
        let actor = extractor.gazetteer().actor(&geokg::ActorId::new(code));
        assert!(actor.is_some_and(geokg::Actor::is_country), "{code}");
    }
}

#[test]
fn the_ontology_declares_every_term_the_store_writes() {
    let ontology =
        std::fs::read_to_string(root().join("ontology/geo-event.ttl")).expect("ontology");
    let names = vocab::gek::ALL
        .iter()
        .chain(vocab::gek::TYPE_CLASSES.iter())
        .chain(vocab::gek::KIND_CLASSES.iter().map(|(_, class)| class));
    for name in names {
        assert!(
            ontology.contains(&format!("gek:{name} a ")),
            "gek:{name} is not declared in ontology/geo-event.ttl"
        );
    }
}

#[test]
fn a_new_trigger_word_works_without_code_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = copy_data(dir.path());
    let article = dir.path().join("wire-2021-05-06-ostracism.txt");
    std::fs::write(&article, "Wire\n\nA vendor shunned\n\n6 May 2021\n\nNorway has ostracized Huawei from its telecom networks, the government said on Thursday.\n").expect("write");
    let run = |data_dir: &std::path::Path| {
        let output = geokg()
            .arg("extract")
            .arg(&article)
            .args(["--format", "jsonl", "--data"])
            .arg(data_dir)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert!(
        !run(&data).contains(r#""type":"ban""#),
        "no ban before the word is added"
    );
    let triggers = data.join("lexicons/triggers.toml");
    let text = std::fs::read_to_string(&triggers).expect("lexicon");
    let text = text.replacen(r#"verbs = ["ban", "#, r#"verbs = ["ostracize", "ban", "#, 1);
    std::fs::write(&triggers, text).expect("write lexicon");
    let after = run(&data);
    assert!(
        after.contains(r#""type":"ban""#)
            && after.contains(r#""agent":"NOR""#)
            && after.contains(r#""target":"huawei""#),
        "{after}"
    );
}

#[test]
fn a_broken_data_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = copy_data(dir.path());
    let countries = data.join("gazetteers/countries.tsv");
    let mut text = std::fs::read_to_string(&countries).expect("read");
    text.push_str("Atlantis\tATL\tname\n");
    std::fs::write(&countries, &text).expect("write");
    let error = Extractor::from_dir(&data)
        .map(|_| ())
        .expect_err("unknown id refused")
        .to_string();
    let line = text.lines().count();
    assert!(
        error.contains(&format!("countries.tsv:{line}")) && error.contains("ATL"),
        "{error}"
    );
}
