//! Files in, events in the store: read → extract → store, one article at a time.
//!
//! The entry point is [`ingest()`]; the CLI's `ingest` and `run` and the tests all go through it.

use crate::extract::Extractor;
use crate::ingest::{self, IngestError, ReadOptions};
use crate::model::EventType;
use crate::store::{EventStore, PutOutcome, StoreError};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub mod bulk;
pub mod parallel;

/// Why a stage of the pipeline failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What one ingest run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Article files found.
    pub files: usize,
    /// Articles stored for the first time.
    pub added: usize,
    /// Articles whose earlier version was replaced.
    pub replaced: usize,
    /// Articles already stored as they are.
    pub unchanged: usize,
    /// Events in the added and replaced articles, by type.
    pub events_by_type: BTreeMap<EventType, usize>,
    /// Files not ingested, each with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

impl IngestReport {
    /// Events stored in this run.
    pub fn events(&self) -> usize {
        self.events_by_type.values().sum()
    }
}

/// The article files under `paths`, and a report that counts them and lists the paths that
/// could not be walked.
fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, IngestReport) {
    let found = ingest::find_articles(paths);
    let mut report = IngestReport {
        files: found.files.len() + found.problems.len(),
        ..IngestReport::default()
    };
    for problem in found.problems {
        if let IngestError::Walk { path, .. } = &problem {
            report.skipped.push((path.clone(), problem.to_string()));
        }
    }
    (found.files, report)
}

/// Reads every article under `paths`, extracts its events and stores them, article by article.
/// A file that cannot be read is skipped and reported; the rest of the batch goes on.
/// `progress` is called after each file with (files done, files in all).
///
/// # Errors
/// [`PipelineError`] when the store fails; articles stored before
/// the failure stay stored, each whole.
pub fn ingest(
    paths: &[PathBuf],
    options: &ReadOptions,
    extractor: &Extractor,
    store: &EventStore,
    mut progress: impl FnMut(usize, usize),
) -> Result<IngestReport, PipelineError> {
    let (files, mut report) = find_files(paths);
    let mut done = 0;
    parallel::extract_in_order(&files, options, extractor, |extracted| {
        match extracted.result {
            Ok((article, events)) => match store.put_article(&article, &events)? {
                PutOutcome::Unchanged => report.unchanged += 1,
                outcome => {
                    if outcome == PutOutcome::Added {
                        report.added += 1;
                    } else {
                        report.replaced += 1;
                    }
                    for event in &events {
                        *report.events_by_type.entry(event.event_type).or_default() += 1;
                    }
                }
            },
            Err(error) => report.skipped.push((extracted.path, error.to_string())),
        }
        done += 1;
        progress(done, files.len().max(done));
        Ok::<_, PipelineError>(())
    })?;
    store.flush()?;
    Ok(report)
}
