//! Fusion of a bulk load into a store that holds no article yet, without reading the articles
//! back: each new article's mentions are written aside as they go to the loader, in files by
//! agent, and once the last article has gone, the files are fused one at a time and their fused
//! graph follows the articles into the same load.
//!
//! Reading 1.58M mentions back from a freshly bulk-loaded store took 8 of a GDELT day's 25
//! minutes (#6 profile): six look-ups per mention, each a seek through every file RocksDB had
//! not yet compacted. The mentions written aside are the ones [`EventStore::fuse_all`] would
//! read (the same key, article, date text and actors' core descriptions), so the fused graph is
//! the one it would write. Memory holds one file's mentions, a 64th of them.
//!
//! The entry point is [`MentionSpill`].

use super::fuse::{StoredMention, fused_quads};
use super::{StoreError, mapping};
use crate::fusion::{FusionKey, Mention};
use crate::model::{Actor, Article, Event, EventStatus, EventType};
use oxigraph::model::Quad;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Files the mentions are spread over, by agent: one file's mentions are in memory at a time.
const FILES: usize = 64;

/// File descriptors RocksDB leaves to the rest of the process: Oxigraph's default (48) and the
/// work files of a bulk load.
pub(super) const FD_RESERVE: u32 = 48 + FILES as u32;

/// A mention as written aside: one JSON line.
#[derive(Serialize, Deserialize)]
struct Record {
    event_type: EventType,
    status: EventStatus,
    /// The agent's core description (id, label, kind), as the article graph states it.
    agent: Actor,
    /// The target's core description.
    target: Actor,
    /// The event's IRI.
    id: String,
    /// The article's file name.
    source: String,
    /// The date as the article graph states it (`gek:dateText`).
    date: Option<String>,
}

/// The mentions of the articles of one bulk load, written aside by agent in a work folder that
/// is removed when the spill is dropped.
pub struct MentionSpill {
    folder: tempfile::TempDir,
    files: Vec<BufWriter<File>>,
    /// The first write that failed: the load stops with it.
    failure: Option<std::io::Error>,
}

impl MentionSpill {
    /// A spill in a new work folder inside `parent` (the store's folder, so that it is on the
    /// store's disk).
    ///
    /// # Errors
    /// [`StoreError::Spill`] when the folder or its files cannot be made.
    pub fn new(parent: &Path) -> Result<Self, StoreError> {
        let failed = |source| StoreError::Spill {
            path: parent.to_path_buf(),
            source,
        };
        let folder = tempfile::Builder::new()
            .prefix("geokg-fusion-")
            .tempdir_in(parent)
            .map_err(failed)?;
        let files = (0..FILES)
            .map(|i| File::create(file_path(folder.path(), i)).map(BufWriter::new))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| StoreError::Spill {
                path: folder.path().to_path_buf(),
                source,
            })?;
        Ok(Self {
            folder,
            files,
            failure: None,
        })
    }

    /// Writes aside the mentions of an article that goes to the loader. An event whose IRI an
    /// earlier event of the article has is the same node of the graph: only the first is kept.
    pub fn add(&mut self, article: &Article, events: &[Event]) {
        if self.failure.is_some() {
            return;
        }
        let mut ids = HashSet::new();
        for event in events {
            let id = mapping::event_iri(&mapping::event_id(article, event));
            if !ids.insert(id.as_str().to_string()) {
                continue;
            }
            let record = Record {
                event_type: event.event_type,
                status: event.status,
                agent: core(&event.agent),
                target: core(&event.target),
                id: id.into_string(),
                source: article.source.clone(),
                date: event.date.map(|d| d.to_string()),
            };
            let file = &mut self.files[file_of(record.agent.id.as_str())];
            let written = serde_json::to_writer(&mut *file, &record)
                .map_err(std::io::Error::from)
                .and_then(|()| file.write_all(b"\n"));
            if let Err(error) = written {
                self.failure = Some(error);
                return;
            }
        }
    }

    /// The fused graph of every mention written aside, one file and one agent at a time, then
    /// the statement that its `geokg bans` rows are in this geokg's format (what
    /// [`EventStore::fuse_all`] writes). An error ends the quads.
    pub fn into_fused_quads(mut self) -> impl Iterator<Item = Result<Quad, StoreError>> {
        let folder_path = self.folder.path().to_path_buf();
        let failed = move |source| StoreError::Spill {
            path: folder_path.clone(),
            source,
        };
        let flushed = match self.failure.take() {
            Some(error) => Err(error),
            None => self.files.iter_mut().try_for_each(BufWriter::flush),
        };
        let mut failure = flushed.err().map(&failed);
        self.files.clear();
        let mut described: HashSet<String> = HashSet::new();
        let mut next_file = 0;
        // The agents of the file being read, each with its mentions.
        let mut agents = BTreeMap::new().into_values();
        let mut spill = Some(self);
        std::iter::from_fn(move || {
            loop {
                if let Some(error) = failure.take() {
                    spill = None;
                    return Some(vec![Err(error)]);
                }
                if let Some(group) = agents.next() {
                    let (quads, _) = fused_quads(group, &mut described);
                    return Some(quads.into_iter().map(Ok).collect());
                }
                let path = file_path(spill.as_ref()?.folder.path(), next_file);
                if next_file == FILES {
                    // Every file is read: the folder goes, and the format statement comes last.
                    spill = None;
                    return Some(vec![Ok(mapping::ban_row_format_quad())]);
                }
                next_file += 1;
                match mentions_by_agent(&path) {
                    Ok(by_agent) => agents = by_agent.into_values(),
                    Err(source) => failure = Some(failed(source)),
                }
            }
        })
        .flatten()
    }
}

/// The mentions of one file, by agent.
fn mentions_by_agent(path: &Path) -> std::io::Result<BTreeMap<String, Vec<StoredMention>>> {
    let mut by_agent: BTreeMap<String, Vec<StoredMention>> = BTreeMap::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let record: Record = serde_json::from_str(&line?)?;
        let key = FusionKey::new(
            record.event_type,
            record.agent.id.as_str(),
            record.target.id.as_str(),
            record.status,
        );
        // As `fuse_all` reads it back: a date text that does not parse is no date.
        let date = record.date.and_then(|d| d.parse().ok());
        by_agent
            .entry(record.agent.id.as_str().to_string())
            .or_default()
            .push(StoredMention {
                key,
                mention: Mention::new(record.id, record.source, date),
                actors: (record.agent, record.target),
            });
    }
    Ok(by_agent)
}

/// The core description the store keeps of an actor in every graph: id, label and kind.
fn core(actor: &Actor) -> Actor {
    Actor::new(actor.id.clone(), actor.label.clone(), actor.kind)
}

/// The file an agent's mentions go to.
fn file_of(agent: &str) -> usize {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    agent.hash(&mut hasher);
    usize::try_from(hasher.finish() % FILES as u64).unwrap_or(0)
}

fn file_path(folder: &Path, index: usize) -> PathBuf {
    folder.join(format!("{index:02}.jsonl"))
}
