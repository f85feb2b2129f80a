//! The one integration test binary: CLI, queries, data files, fixture articles, timelines and
//! analyses.

mod analysis;
mod bans;
mod cli;
mod data;
mod fixtures;
mod queries;
mod timeline;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus beside the project (`../shared/corpus`).
pub fn shared_corpus() -> PathBuf {
    root().join("../shared/corpus")
}

/// The `geokg` binary, run from the project root.
pub fn geokg() -> Command {
    let mut command = Command::cargo_bin("geokg").expect("the geokg binary is built for tests");
    command.current_dir(root());
    command
}

/// Runs `geokg ingest PATHS --store STORE` and returns (exit code, stderr).
pub fn ingest(store: &Path, paths: &[&Path]) -> (i32, String) {
    let output = geokg()
        .arg("ingest")
        .args(paths)
        .arg("--store")
        .arg(store)
        .output()
        .expect("geokg runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `geokg SUBCOMMAND ARGS --store STORE`, checks that it succeeds, and returns its output.
pub fn run_ok(subcommand: &str, store: &Path, args: &[&str]) -> Vec<u8> {
    let output = geokg()
        .arg(subcommand)
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("geokg runs");
    assert!(
        output.status.success(),
        "{subcommand} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// CSV rows as maps from column to value.
pub fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().expect("a CSV header").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Runs a query file or text against a store and returns the CSV rows as maps.
pub fn query_csv(store: &Path, query: &str) -> Vec<std::collections::HashMap<String, String>> {
    csv_rows(&run_ok("query", store, &[query, "--format", "csv"]))
}
