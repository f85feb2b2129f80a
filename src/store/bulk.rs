//! The store's bulk paths: many new articles through Oxigraph's bulk loader, and the whole store
//! out as, or in from, N-Quads.
//!
//! The entry point is [`EventStore::bulk_load_articles`].

use super::{EventStore, StoreError, mapping};
use crate::model::{Article, Event};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::{LoaderError, SerializerError};
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
    /// [`EventStore::has_article`]) and gives each file name once.
    ///
    /// Nothing is visible until all are loaded: on an error, none of them is stored.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn bulk_load_articles(
        &self,
        articles: impl Iterator<Item = (Article, Vec<Event>)>,
    ) -> Result<u64, StoreError> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MEGABYTES);
        let mut quads = 0u64;
        loader.load_quads(articles.flat_map(|(article, events)| {
            let article_quads = mapping::article_quads(&article, &events);
            quads += article_quads.len() as u64;
            article_quads
        }))?;
        loader.commit()?;
        Ok(quads)
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
