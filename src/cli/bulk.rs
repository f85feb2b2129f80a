//! Whole-store and throughput commands: `geokg export` (N-Quads out), the hidden
//! `geokg load-nquads` (the bulk loader's ceiling for the benchmark) and `extract --stats`.

use anyhow::{Context, Result};
use geokg::model::Article;
use geokg::store::EventStore;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Writes the whole store as N-Quads on standard output.
pub fn export(store: &EventStore) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    store.write_nquads(&mut out).context("export")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Loads an N-Quads file with the bulk loader and says how long it took.
pub fn load_nquads(file: &Path, store: &EventStore) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let reader =
        std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    store
        .bulk_load_nquads(std::io::BufReader::new(reader))
        .with_context(|| format!("bulk load of {}", file.display()))?;
    store.flush()?;
    eprintln!(
        "{} quads in the store after {:.2} s",
        store.len()?,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// What `extract --stats` counts.
#[derive(Debug, Default)]
pub struct ExtractTotals {
    articles: usize,
    sentences: usize,
    bytes: usize,
    events: usize,
}

impl ExtractTotals {
    /// Counts one article.
    pub fn add(&mut self, article: &Article, sentences: usize, events: usize) {
        self.articles += 1;
        self.sentences += sentences;
        self.bytes += article.text.len();
        self.events += events;
    }

    /// One line: the counts and the rates over `elapsed`.
    pub fn summary(&self, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64().max(1e-9);
        #[allow(clippy::cast_precision_loss)]
        let rate = |n: usize| n as f64 / seconds;
        format!(
            "{} articles, {} sentences, {} bytes, {} events in {seconds:.2} s: {:.0} articles/s, {:.0} sentences/s, {:.2} MB/s",
            self.articles,
            self.sentences,
            self.bytes,
            self.events,
            rate(self.articles),
            rate(self.sentences),
            rate(self.bytes) / 1e6
        )
    }
}
