//! The store's bulk paths: many new articles through Oxigraph's bulk loader, and the whole store
//! out as, or in from, N-Quads.
//!
//! The entry point is [`EventStore::bulk_load_articles`].

use super::spill::MentionSpill;
use super::{EventStore, StoreError, mapping, vocab};
use crate::model::{Article, Event};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNodeRef};
use oxigraph::store::{LoaderError, SerializerError};
use std::cell::{Cell, RefCell};
use std::io::{Read, Write};

/// Memory the bulk loader may use for its batches, in megabytes. Oxigraph's default (2 GB per
/// thread) would dominate peak memory; a quarter of that loads about as fast here.
const BULK_MEMORY_MEGABYTES: usize = 512;

impl EventStore {
    /// True when the store holds a graph for the article file `source`.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn has_article(&self, source: &str) -> Result<bool, StoreError> {
        Ok(self
            .store
            .contains_named_graph(mapping::graph_iri(source).as_ref())?)
    }

    /// Loads articles that are not in the store yet through Oxigraph's bulk loader, each in its
    /// own graph as [`EventStore::put_article`] writes it, and returns the number of quads loaded.
    /// The caller keeps articles whose graph exists out of `articles` (see
    /// [`EventStore::has_article`]), gives each file name once, and then brings the fused events
    /// up to date ([`EventStore::fuse_all`]); into a store that holds no article,
    /// [`EventStore::bulk_load_fused`] does both at once and faster.
    ///
    /// Nothing is visible until all are loaded: on an error, none of them is stored.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn bulk_load_articles(
        &self,
        articles: impl Iterator<Item = (Article, Vec<Event>)>,
    ) -> Result<u64, StoreError> {
        self.bulk_load(articles, None)
    }

    /// True when the store holds no article, no mention and no fused event (a new store), so
    /// that [`EventStore::bulk_load_fused`] may load into it.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn holds_no_articles(&self) -> Result<bool, StoreError> {
        let source_file = mapping::gek(vocab::gek::SOURCE_FILE);
        let agent = mapping::gek(vocab::gek::AGENT);
        let fused = mapping::fused_graph_iri();
        let none = |property: Option<NamedNodeRef<'_>>, graph: Option<GraphNameRef<'_>>| {
            self.store
                .quads_for_pattern(None, property, None, graph)
                .next()
                .transpose()
                .map(|first| first.is_none())
        };
        Ok(none(Some(source_file.as_ref()), None)?
            && none(Some(agent.as_ref()), None)?
            && none(None, Some(GraphNameRef::NamedNode(fused.as_ref())))?)
    }

    /// Like [`EventStore::bulk_load_articles`] followed by [`EventStore::fuse_all`], for a store
    /// that holds no article ([`EventStore::holds_no_articles`]): the articles' mentions are
    /// written aside as they go by (in a work folder inside the store's folder, removed at the
    /// end), fused without reading the articles back, and the fused graph is loaded with the
    /// articles. Nothing is visible until all are loaded; on an error, none of them is stored.
    ///
    /// # Errors
    /// [`StoreError::Spill`] when the work folder fails, else [`StoreError::Storage`].
    pub fn bulk_load_fused(
        &self,
        articles: impl Iterator<Item = (Article, Vec<Event>)>,
    ) -> Result<u64, StoreError> {
        let folder = match &self.folder {
            Some(folder) => folder.clone(),
            None => std::env::temp_dir(),
        };
        self.bulk_load(articles, Some(MentionSpill::new(&folder)?))
    }

    /// The bulk load: the articles' quads, then, with a spill, the fused graph of their mentions.
    fn bulk_load(
        &self,
        articles: impl Iterator<Item = (Article, Vec<Event>)>,
        spill: Option<MentionSpill>,
    ) -> Result<u64, StoreError> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MEGABYTES);
        let quads = Cell::new(0u64);
        let spill = RefCell::new(spill);
        let article_quads = articles.flat_map(|(article, events)| {
            if let Some(spill) = spill.borrow_mut().as_mut() {
                spill.add(&article, &events);
            }
            mapping::article_quads(&article, &events)
                .into_iter()
                .map(Ok)
        });
        // Fused only once the last article has gone by.
        let fused_quads = std::iter::once(()).flat_map(|()| {
            spill
                .borrow_mut()
                .take()
                .into_iter()
                .flat_map(MentionSpill::into_fused_quads)
        });
        loader.load_ok_quads::<StoreError, StoreError>(
            article_quads
                .chain(fused_quads)
                .inspect(|_| quads.set(quads.get() + 1)),
        )?;
        loader.commit()?;
        Ok(quads.get())
    }

    /// Writes every quad of the store (ontology, articles, events) as N-Quads.
    ///
    /// # Errors
    /// [`StoreError::Write`] or [`StoreError::Storage`].
    pub fn write_nquads(&self, writer: impl Write) -> Result<(), StoreError> {
        self.store
            .dump_to_writer(RdfFormat::NQuads, writer)
            .map_err(|error| match error {
                SerializerError::Storage(e) => StoreError::Storage(e),
                other => StoreError::Write(other.into()),
            })?;
        Ok(())
    }

    /// Loads N-Quads through Oxigraph's bulk loader: the store's own loading ceiling, which the
    /// benchmark compares ingest with.
    ///
    /// # Errors
    /// [`StoreError::Storage`], or [`StoreError::Write`] (kind `InvalidData`) when the input
    /// does not parse.
    pub fn bulk_load_nquads(&self, reader: impl Read) -> Result<(), StoreError> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MEGABYTES);
        loader
            .load_from_reader(RdfParser::from_format(RdfFormat::NQuads), reader)
            .map_err(|error| match error {
                LoaderError::Storage(e) => StoreError::Storage(e),
                other => {
                    StoreError::Write(std::io::Error::new(std::io::ErrorKind::InvalidData, other))
                }
            })?;
        loader.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::ingest::{ReadOptions, parse_article};
    use crate::store::SparqlEndpoint;

    fn article() -> Result<(Article, Vec<Event>), Box<dyn std::error::Error>> {
        let text = "Example News\n\nNorway bars a vendor\n\n4 March 2021\n\nNorway has banned Huawei equipment from its 5G networks.\n";
        let article = parse_article(
            "example-2021-03-04-norway.txt",
            text.into(),
            &ReadOptions::default(),
        )
        .map_err(|e| format!("{e:?}"))?;
        let events = Extractor::bundled()?.extract(&article);
        Ok((article, events))
    }

    #[test]
    fn a_bulk_load_stores_what_put_article_stores() -> Result<(), Box<dyn std::error::Error>> {
        let (article, events) = article()?;
        let one_by_one = EventStore::in_memory()?;
        one_by_one.put_article(&article, &events)?;
        let bulk = EventStore::in_memory()?;
        assert!(!bulk.has_article(&article.source)?);
        bulk.bulk_load_articles(std::iter::once((article.clone(), events)))?;
        // The bulk loader writes the article graph only; put_article also fuses.
        bulk.fuse_all()?;
        assert!(bulk.has_article(&article.source)?);
        assert_eq!(bulk.len()?, one_by_one.len()?);
        let bans = "SELECT ?e WHERE { ?e a gek:Ban }";
        assert_eq!(bulk.query(bans)?, one_by_one.query(bans)?);
        Ok(())
    }

    /// Every quad of a store as sorted N-Quads lines.
    fn sorted_nquads(store: &EventStore) -> Result<Vec<String>, StoreError> {
        let mut nquads = Vec::new();
        store.write_nquads(&mut nquads)?;
        let mut lines: Vec<String> = String::from_utf8_lossy(&nquads)
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        Ok(lines)
    }

    #[test]
    fn a_load_fused_as_it_goes_stores_what_a_load_and_a_rebuild_store()
    -> Result<(), Box<dyn std::error::Error>> {
        // Sixty generated articles: actors shared between articles, events fused across them.
        let articles = crate::synth::extracted(7, 0..60)?;
        let rebuilt = EventStore::in_memory()?;
        rebuilt.bulk_load_articles(articles.clone().into_iter())?;
        rebuilt.fuse_all()?;
        let folder = tempfile::tempdir()?;
        let fused = EventStore::open(&folder.path().join("store"))?;
        assert!(fused.holds_no_articles()?);
        fused.bulk_load_fused(articles.into_iter())?;
        assert!(!fused.holds_no_articles()?);
        assert!(!fused.needs_fusion_rebuild()?);
        let (expected, got) = (sorted_nquads(&rebuilt)?, sorted_nquads(&fused)?);
        let fused_events = expected.iter().filter(|q| q.contains("FusedEvent")).count();
        assert!(fused_events > 50, "{fused_events} fused events");
        crate::store::assert_same_quads(&expected, &got);
        // The work folder is gone.
        let left: Vec<_> = std::fs::read_dir(folder.path().join("store"))?
            .filter_map(Result::ok)
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with("geokg-fusion-")
            })
            .collect();
        assert!(left.is_empty(), "{left:?}");
        Ok(())
    }

    #[test]
    fn a_work_folder_that_cannot_be_made_is_named() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let missing = folder.path().join("no such folder");
        let Err(error) = MentionSpill::new(&missing) else {
            return Err("a spill in a missing folder".into());
        };
        assert!(
            matches!(&error, StoreError::Spill { path, .. } if *path == missing),
            "{error:?}"
        );
        assert!(error.to_string().contains("no such folder"), "{error}");
        Ok(())
    }

    #[test]
    fn nquads_out_and_back_in_give_the_same_store() -> Result<(), Box<dyn std::error::Error>> {
        let (article, events) = article()?;
        let store = EventStore::in_memory()?;
        store.put_article(&article, &events)?;
        let mut nquads = Vec::new();
        store.write_nquads(&mut nquads)?;
        let copy = EventStore::in_memory()?;
        copy.bulk_load_nquads(nquads.as_slice())?;
        assert_eq!(copy.len()?, store.len()?);
        Ok(())
    }
}
