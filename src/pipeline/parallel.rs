//! Extraction over all cores with results in input order, and without holding the corpus in
//! memory.
//!
//! One reader thread reads articles in order, `jobs` workers parse them and extract their events,
//! and the calling thread receives the results in input order, so a single writer (the store,
//! standard output) sees the same sequence as a sequential run. At most a fixed window of articles
//! is in flight, whatever the corpus size. `jobs == 1` runs everything on the calling thread,
//! exactly as a plain loop would.
//!
//! The entry points are [`extract_in_order`] and the generic [`map_in_order`].

use crate::extract::Extractor;
use crate::ingest::{self, IngestError, RawArticle, ReadOptions};
use crate::model::{Article, Event};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};

/// Articles in flight per worker: read or extracted but not yet handed to the writer.
const WINDOW_PER_JOB: usize = 64;

/// The number of threads `jobs` asks for: 0 means one per core.
pub fn effective_jobs(jobs: usize) -> usize {
    if jobs == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        jobs
    }
}

/// One article read and extracted, or the reason it could not be.
#[derive(Debug)]
pub struct Extracted {
    /// Where it was read (a file, or `FILE.jsonl:LINE`).
    pub path: PathBuf,
    /// The article and its events.
    pub result: Result<(Article, Vec<Event>), IngestError>,
}

/// Reads the articles in `files` (see [`ingest::read_articles`]), extracts their events on
/// `options.jobs` threads, and hands each result to `sink` in input order on the calling thread.
///
/// # Errors
/// The first error `sink` returns; the remaining articles are then not handed over.
pub fn extract_in_order<E>(
    files: &[PathBuf],
    options: &ReadOptions,
    extractor: &Extractor,
    sink: impl FnMut(Extracted) -> Result<(), E>,
) -> Result<(), E> {
    map_in_order(
        ingest::read_articles(files),
        options.jobs,
        |read: Result<RawArticle, IngestError>| extract_one(read, options, extractor),
        sink,
    )
}

/// Parses one article read and extracts its events.
pub fn extract_one(
    read: Result<RawArticle, IngestError>,
    options: &ReadOptions,
    extractor: &Extractor,
) -> Extracted {
    match read {
        Ok(raw) => {
            let path = raw.path.clone();
            let result = raw.parse(options).map(|article| {
                let events = extractor.extract(&article);
                (article, events)
            });
            Extracted { path, result }
        }
        Err(error) => Extracted {
            path: error_path(&error),
            result: Err(error),
        },
    }
}

fn error_path(error: &IngestError) -> PathBuf {
    match error {
        IngestError::Read { path, .. }
        | IngestError::NotUtf8 { path, .. }
        | IngestError::Empty { path }
        | IngestError::MissingDate { path }
        | IngestError::BadLine { path, .. }
        | IngestError::Walk { path, .. } => path.clone(),
    }
}

/// Applies `work` to each input on `jobs` threads (0: one per core) and hands the results to
/// `sink` in input order on the calling thread. Inputs are pulled from `inputs` on a reader
/// thread no further than a bounded window ahead of `sink`, so memory does not grow with the
/// number of inputs.
///
/// # Errors
/// The first error `sink` returns; the inputs after it are dropped unprocessed or unseen.
///
/// # Examples
/// ```
/// use geokg::pipeline::parallel::map_in_order;
/// let mut out = Vec::new();
/// map_in_order(1..=5, 2, |n: i32| n * n, |sq| { out.push(sq); Ok::<_, ()>(()) }).unwrap();
/// assert_eq!(out, [1, 4, 9, 16, 25]);
/// ```
pub fn map_in_order<T, R, E>(
    inputs: impl Iterator<Item = T> + Send,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let jobs = effective_jobs(jobs);
    if jobs == 1 {
        for input in inputs {
            sink(work(input))?;
        }
        return Ok(());
    }
    let window = jobs * WINDOW_PER_JOB;
    // How many results the sink has taken, so the reader stays within the window.
    let taken = Mutex::new(0usize);
    let room = Condvar::new();
    let stop = AtomicBool::new(false);
    let (input_tx, input_rx) = sync_channel::<(usize, T)>(jobs * 4);
    let input_rx = Mutex::new(input_rx);
    let (output_tx, output_rx) = sync_channel::<(usize, R)>(window);
    std::thread::scope(|scope| {
        let (taken, room, stop, work, input_rx) = (&taken, &room, &stop, &work, &input_rx);
        scope.spawn(move || {
            for (seq, input) in inputs.enumerate() {
                let mut done = taken
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                while seq >= *done + window && !stop.load(Ordering::Relaxed) {
                    done = room
                        .wait(done)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                drop(done);
                if stop.load(Ordering::Relaxed) || input_tx.send((seq, input)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let output_tx = output_tx.clone();
            scope.spawn(move || {
                loop {
                    let next = input_rx
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .recv();
                    let Ok((seq, input)) = next else { break };
                    if output_tx.send((seq, work(input))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(output_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        // After a sink error, keep draining so that the reader and workers wind down.
        for (seq, result) in output_rx {
            if outcome.is_err() {
                continue;
            }
            pending.insert(seq, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                if let Err(error) = sink(result) {
                    outcome = Err(error);
                    stop.store(true, Ordering::Relaxed);
                    pending.clear();
                    break;
                }
            }
            *taken
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = next;
            room.notify_all();
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_thread_count() {
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            // Uneven work so that results finish out of order.
            let result = map_in_order(
                0..2000u64,
                jobs,
                |n| {
                    if n % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    n * 2
                },
                |n| {
                    out.push(n);
                    Ok::<_, ()>(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(
                out,
                (0..2000).map(|n| n * 2).collect::<Vec<_>>(),
                "jobs {jobs}"
            );
        }
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        let mut seen = 0;
        let result = map_in_order(
            0..100_000u64,
            2,
            |n| n,
            |n| {
                seen += 1;
                if n == 10 { Err(n) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err(10));
        assert_eq!(seen, 11);
    }
}
