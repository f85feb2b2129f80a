//! The bulk ingest: for large loads into a new or little-used store.
//!
//! Articles are read and extracted over all cores as in [`super::ingest()`]; those whose graph is
//! not in the store yet go to Oxigraph's bulk loader in one stream (each article's graph still
//! written whole), the others through the per-article transaction, so re-ingesting changes
//! nothing. The bulk part becomes visible at the end, all at once. Into a store that holds no
//! article yet, the new articles' fused events are made as they load and come with them
//! ([`EventStore::bulk_load_fused`]); otherwise the fused graph is rebuilt at the end when
//! anything new was loaded, or when it is not in the current format.
//!
//! The entry point is [`bulk_ingest`].

use super::{IngestReport, PipelineError, parallel};
use crate::extract::Extractor;
use crate::ingest::ReadOptions;
use crate::model::{Article, Event};
use crate::store::{EventStore, PutOutcome};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// Like [`super::ingest()`], but new articles go through the bulk loader.
/// `progress` is called after each article with (articles done, files in all).
///
/// # Errors
/// [`PipelineError`] when the store fails; the bulk-loaded articles are then not stored, those
/// stored one by one before the failure stay stored.
pub fn bulk_ingest(
    paths: &[PathBuf],
    options: &ReadOptions,
    extractor: &Extractor,
    store: &EventStore,
    mut progress: impl FnMut(usize, usize) + Send,
) -> Result<IngestReport, PipelineError> {
    let (files, mut report) = super::find_files(paths);
    let file_count = files.len();
    // Into a new store the articles' fused events are made as they load, without reading the
    // articles back.
    let fuse_with_load = store.holds_no_articles()?;
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        // Extraction runs on its own threads and feeds the loader, which pulls articles as it
        // goes; the channel bound keeps the corpus out of memory.
        let (tx, rx) = sync_channel::<parallel::Extracted>(256);
        let files = &files;
        let producer = scope.spawn(move || {
            parallel::extract_in_order(files, options, extractor, |extracted| {
                // A send fails only when the loader stopped; its own result says why.
                tx.send(extracted).map_err(|_| ())
            })
        });
        let mut done = 0;
        let mut failure = None;
        // File names already bulk-loaded in this run, by hash: a second article with the same
        // name would otherwise land in the same graph.
        let mut loaded = HashSet::new();
        let report = &mut report;
        let new_articles = rx.into_iter().filter_map(|extracted| {
            done += 1;
            progress(done, file_count.max(done));
            if failure.is_some() {
                return None;
            }
            match route(extracted, store, &mut loaded, report) {
                Ok(next) => next,
                Err(error) => {
                    failure = Some(error);
                    None
                }
            }
        });
        if fuse_with_load {
            store.bulk_load_fused(new_articles)?;
        } else {
            store.bulk_load_articles(new_articles)?;
        }
        // The producer ends once the loader has drained the channel; its only error is a send
        // to a receiver gone, which the loader's own result already reports.
        if let Err(panic) = producer.join() {
            std::panic::resume_unwind(panic);
        }
        if let Some(error) = failure {
            return Err(error);
        }
        Ok(())
    })?;
    // Into a store that held articles, the bulk loader wrote article graphs only: the fused
    // events across articles are recomputed once, at the end; also when an older geokg's fused
    // graph lacks this one's `geokg bans` rows (so a bulk ingest of nothing new upgrades a
    // store).
    if !fuse_with_load && (report.added > 0 || store.needs_fusion_rebuild()?) {
        store.fuse_all()?;
    }
    store.flush()?;
    Ok(report)
}

/// Decides where an extracted article goes: to the bulk loader (returned), or stored now through
/// the transaction path (an article already in the store), or skipped.
fn route(
    extracted: parallel::Extracted,
    store: &EventStore,
    loaded: &mut HashSet<u64>,
    report: &mut IngestReport,
) -> Result<Option<(Article, Vec<Event>)>, PipelineError> {
    let (article, events) = match extracted.result {
        Ok(pair) => pair,
        Err(error) => {
            report.skipped.push((extracted.path, error.to_string()));
            return Ok(None);
        }
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    article.source.hash(&mut hasher);
    if !loaded.insert(hasher.finish()) {
        report.skipped.push((
            extracted.path,
            format!(
                "{}: an earlier article of this bulk load has the same file name",
                article.source
            ),
        ));
        return Ok(None);
    }
    let count_events = |report: &mut IngestReport| {
        for event in &events {
            *report.events_by_type.entry(event.event_type).or_default() += 1;
        }
    };
    if store.has_article(&article.source)? {
        match store.put_article(&article, &events)? {
            PutOutcome::Unchanged => report.unchanged += 1,
            PutOutcome::Replaced | PutOutcome::Added => {
                report.replaced += 1;
                count_events(report);
            }
        }
        return Ok(None);
    }
    report.added += 1;
    count_events(report);
    Ok(Some((article, events)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_ingest_stores_what_ingest_stores_and_a_second_changes_nothing()
    -> Result<(), Box<dyn std::error::Error>> {
        let paths = [PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/articles"
        ))];
        let options = ReadOptions {
            jobs: 2,
            ..ReadOptions::default()
        };
        let extractor = Extractor::bundled()?;
        let plain = EventStore::in_memory()?;
        let plain_report = super::super::ingest(&paths, &options, &extractor, &plain, |_, _| {})?;
        let bulk = EventStore::in_memory()?;
        let first = bulk_ingest(&paths, &options, &extractor, &bulk, |_, _| {})?;
        assert_eq!(first.added, plain_report.added);
        assert_eq!(first.events(), plain_report.events());
        assert_eq!(bulk.len()?, plain.len()?);
        let second = bulk_ingest(&paths, &options, &extractor, &bulk, |_, _| {})?;
        assert_eq!((second.added, second.unchanged), (0, first.added));
        assert_eq!(bulk.len()?, plain.len()?);
        Ok(())
    }
}
