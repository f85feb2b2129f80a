//! The RDF store: an Oxigraph database on disk (or in memory for tests), one named graph per
//! article, SPARQL and look-ups of statements by pattern for everything that reads.
//!
//! The entry points are [`EventStore::open`] and [`EventStore::put_article`]; readers use the
//! [`SparqlEndpoint`] trait so they can run against a remote SPARQL 1.1 endpoint as well (its
//! [`SparqlEndpoint::statements`] falls back to SPARQL there).

pub mod ban_row;
mod bulk;
mod fuse;
pub mod mapping;
mod pattern;
mod spill;
pub mod vocab;

pub use pattern::{Object, Pattern, Statement, statements_by_sparql};

use crate::fusion::{self, FusedEvent, FusionKey, Mention};
use crate::model::{Actor, ActorId, ActorKind, Article, Event};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, QuadRef, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{Store, StoreOptions};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened.
    #[error("cannot open the store at {path}")]
    Open {
        /// Its folder.
        path: PathBuf,
        /// Oxigraph's error.
        #[source]
        source: oxigraph::store::StorageError,
    },
    /// Reading or writing failed.
    #[error("store failure")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The query does not parse.
    #[error("the SPARQL query does not parse")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// The query failed while running.
    #[error("the SPARQL query failed")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// The bundled ontology does not parse (a build defect; the ontology test guards it).
    #[error("the ontology does not parse")]
    Ontology(#[from] oxigraph::store::LoaderError),
    /// Results could not be written out.
    #[error("cannot write the results")]
    Write(#[from] std::io::Error),
    /// A bulk load's work folder (its mentions written aside for fusion) could not be used.
    #[error("cannot use the work folder {path}")]
    Spill {
        /// The folder.
        path: PathBuf,
        /// What failed.
        #[source]
        source: std::io::Error,
    },
}

/// The answer to a SPARQL query, owned, whatever endpoint gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryAnswer {
    /// SELECT: variable names and rows (a `None` cell is unbound).
    Solutions {
        /// Variable names, without `?`.
        variables: Vec<String>,
        /// One row per solution.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

impl QueryAnswer {
    /// Writes the answer in a SPARQL result format (CSV, TSV, JSON, XML); a graph as Turtle.
    ///
    /// # Errors
    /// [`StoreError::Write`] when the writer fails.
    pub fn write(
        &self,
        format: QueryResultsFormat,
        writer: impl std::io::Write,
    ) -> Result<(), StoreError> {
        match self {
            Self::Solutions { variables, rows } => {
                let vars: Vec<oxigraph::sparql::Variable> = variables
                    .iter()
                    .map(oxigraph::sparql::Variable::new_unchecked)
                    .collect();
                let mut out = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(writer, vars.clone())?;
                for row in rows {
                    out.serialize(
                        vars.iter()
                            .zip(row)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                    )?;
                }
                out.finish()?;
            }
            Self::Boolean(value) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(writer, *value)?;
            }
            Self::Graph(triples) => write_turtle(triples, writer)?,
        }
        Ok(())
    }

    /// The rows of a SELECT answer as [`TextRow`]s, for readers that look values up by name.
    pub fn text_rows(&self) -> Vec<TextRow> {
        self.rows_as_text()
            .into_iter()
            .map(|row| TextRow(row.into_iter().collect()))
            .collect()
    }

    /// The rows of a SELECT answer as plain strings (IRIs and literal values), by variable.
    pub fn rows_as_text(&self) -> Vec<Vec<(String, String)>> {
        match self {
            Self::Solutions { variables, rows } => rows
                .iter()
                .map(|row| {
                    variables
                        .iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v.clone(), term_text(t))))
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One row of a SELECT answer as plain text (IRIs and literal values), by variable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextRow(std::collections::HashMap<String, String>);

impl TextRow {
    /// The value of `variable`, or `""` when it is unbound.
    pub fn get(&self, variable: &str) -> &str {
        self.value(variable).unwrap_or_default()
    }

    /// The value of `variable`, or `None` when it is unbound.
    pub fn value(&self, variable: &str) -> Option<&str> {
        self.0.get(variable).map(String::as_str)
    }

    /// The actor whose id, label and kind these variables hold (an unknown kind reads as a body).
    pub fn actor(&self, id: &str, label: &str, kind: &str) -> Actor {
        Actor::new(
            ActorId::new(self.get(id)),
            self.get(label),
            ActorKind::from_name(self.get(kind)).unwrap_or(ActorKind::Body),
        )
    }
}

/// The plain text of a term: an IRI, or a literal's value.
pub fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// A plain string literal as SPARQL writes it (quoted, escaped), for any text.
pub fn sparql_string(text: &str) -> String {
    Literal::new_simple_literal(text).to_string()
}

/// Writes triples as Turtle with the geokg prefixes.
///
/// # Errors
/// [`StoreError::Write`] when the writer fails.
pub fn write_turtle(triples: &[Triple], writer: impl std::io::Write) -> Result<(), StoreError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    }
    let mut out = serializer.for_writer(writer);
    for triple in triples {
        out.serialize_triple(triple)?;
    }
    out.finish()?;
    Ok(())
}

/// Prefixes known to every query and used in Turtle output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("gek", vocab::GEK),
    ("geo", vocab::DATA),
    ("sem", vocab::SEM),
    ("prov", vocab::PROV),
    ("oa", vocab::OA),
    ("dcterms", vocab::DCTERMS),
    ("wd", vocab::WD),
    ("xsd", vocab::XSD),
    ("rdfs", vocab::RDFS),
    ("owl", vocab::OWL),
    ("rdf", vocab::RDF),
];

/// What [`SparqlEndpoint::each_solution`] hands each solution's values to.
pub type SolutionSink<'a> = dyn FnMut(&[Option<Term>]) -> Result<(), StoreError> + 'a;

/// Anything that answers SPARQL 1.1 queries: the embedded store, or (later) a remote endpoint.
pub trait SparqlEndpoint {
    /// Runs a query; the default graph is the union of all article graphs.
    ///
    /// # Errors
    /// [`StoreError`] when the query does not parse or fails.
    fn query(&self, sparql: &str) -> Result<QueryAnswer, StoreError>;

    /// Runs a SELECT and hands each solution's values (in the order of its variables) to `each`
    /// as the solution is read, for answers too large to hold twice: the default runs
    /// [`SparqlEndpoint::query`]; the embedded store streams, without copying a term. A query
    /// that is no SELECT hands nothing.
    ///
    /// # Errors
    /// [`StoreError`] when the query fails, or what `each` returns.
    fn each_solution(&self, sparql: &str, each: &mut SolutionSink<'_>) -> Result<(), StoreError> {
        if let QueryAnswer::Solutions { rows, .. } = self.query(sparql)? {
            for row in &rows {
                each(row)?;
            }
        }
        Ok(())
    }

    /// The statements of the named graphs that match `pattern`, for readers that follow links
    /// one node at a time instead of running one large join. The default runs a SPARQL SELECT
    /// ([`statements_by_sparql`]); the embedded store reads its indexes.
    ///
    /// # Errors
    /// [`StoreError`] when reading fails.
    fn statements(&self, pattern: Pattern<'_>) -> Result<Vec<Statement>, StoreError> {
        statements_by_sparql(self, pattern)
    }
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// The article was new.
    Added,
    /// An earlier version of the same file was replaced.
    Replaced,
    /// The same text was already stored; nothing changed.
    Unchanged,
}

/// The persistent event store.
pub struct EventStore {
    store: Store,
    /// Made by [`EventStore::in_memory`]: its pattern look-ups come back in no set order.
    in_memory: bool,
    /// The store's folder (`None` in memory): a bulk load's work folder goes inside it.
    folder: Option<PathBuf>,
    /// Opened by [`EventStore::open_to_read`]: the store's `LOCK` file, on which this process
    /// holds a shared lock for as long as it reads, so that no writer opens the store meanwhile.
    /// Dropped after the store.
    _reader_lock: Option<std::fs::File>,
}

impl std::fmt::Debug for EventStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStore").finish_non_exhaustive()
    }
}

/// The default store folder: `$GEOKG_STORE`, else `$XDG_DATA_HOME/geokg/store`, else
/// `~/.local/share/geokg/store`, else `./geokg-store`.
pub fn default_store_path() -> PathBuf {
    if let Some(path) = std::env::var_os("GEOKG_STORE") {
        return PathBuf::from(path);
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(data).join("geokg").join("store");
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join(".local/share/geokg/store");
    }
    PathBuf::from("geokg-store")
}

/// `<ontology graph> gek:ontologyDigest "…"` in the ontology graph: the SHA-256 of the bundled
/// ontology text, in hex.
fn ontology_digest_quad() -> oxigraph::model::Quad {
    let digest = crate::model::sha256_hex(vocab::ONTOLOGY_TTL, 32);
    let graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
    oxigraph::model::Quad::new(
        graph.clone(),
        mapping::gek(vocab::gek::ONTOLOGY_DIGEST),
        Literal::new_simple_literal(digest),
        graph,
    )
}

/// A shared lock on a store's `LOCK` file, the file RocksDB locks (fcntl, exclusive) while it
/// writes: `None` when another process writes, or the file cannot be locked.
#[cfg(unix)]
fn reader_lock(lock: &Path) -> Option<std::fs::File> {
    use rustix::fs::{FlockOperation, fcntl_lock};
    let file = std::fs::File::open(lock).ok()?;
    fcntl_lock(&file, FlockOperation::NonBlockingLockShared).ok()?;
    Some(file)
}

/// Elsewhere no lock is taken, so stores are always opened for writing.
#[cfg(not(unix))]
fn reader_lock(_lock: &Path) -> Option<std::fs::File> {
    None
}

impl EventStore {
    /// Opens (or creates) the on-disk store in `path`, loads the ontology into its graph, and
    /// upgrades `geokg bans` rows of format 2 in place ([`EventStore::upgrade_ban_rows`]).
    ///
    /// # Errors
    /// [`StoreError::Open`] when the folder cannot be used as a store (locked by another process,
    /// not a store, no permission); another [`StoreError`] when the ontology or the upgrade
    /// cannot be written.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        // RocksDB may keep open all the files the system allows but this reserve; a bulk load
        // also holds its work files (`spill::FILES`) and the articles it reads.
        let options = StoreOptions::default().with_fd_reserve(spill::FD_RESERVE);
        let store = Store::open_with_options(path, options).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let this = Self {
            store,
            in_memory: false,
            folder: Some(path.to_path_buf()),
            _reader_lock: None,
        };
        this.load_ontology()?;
        this.upgrade_ban_rows()?;
        Ok(this)
    }

    /// Opens the on-disk store in `path` for a command that only reads it: read-only when the
    /// store exists, no other process has it open for writing, and it holds this geokg's
    /// ontology; otherwise as [`EventStore::open`] does (which creates a missing store, and
    /// fails on a store another process writes). A read-only open skips RocksDB's write-ahead
    /// log, background compactions and the ontology check's write (about 45 ms of a 100 ms
    /// command on a 1M-event store). While it reads, the process holds a shared lock on the
    /// store's `LOCK` file, so a writer that starts meanwhile fails to open the store instead of
    /// changing files under the reader. Writing through the store it returns fails.
    ///
    /// Call it once per process for a path: POSIX record locks belong to the process, so a
    /// second handle on a store this process already has open would release its lock.
    ///
    /// # Errors
    /// As [`EventStore::open`].
    pub fn open_to_read(path: &Path) -> Result<Self, StoreError> {
        match Self::open_read_only(path) {
            Some(store) => Ok(store),
            None => Self::open(path),
        }
    }

    /// The store opened read-only, or `None` when it cannot be (see
    /// [`EventStore::open_to_read`]).
    fn open_read_only(path: &Path) -> Option<Self> {
        if !path.join("CURRENT").is_file() {
            return None;
        }
        let lock = reader_lock(&path.join("LOCK"))?;
        let store = Store::open_read_only(path).ok()?;
        let this = Self {
            store,
            in_memory: false,
            folder: Some(path.to_path_buf()),
            _reader_lock: Some(lock),
        };
        this.store
            .contains(ontology_digest_quad().as_ref())
            .ok()?
            .then_some(this)
    }

    /// A store in memory, for tests and one-off runs.
    ///
    /// # Errors
    /// [`StoreError`] if the in-memory store cannot be made.
    pub fn in_memory() -> Result<Self, StoreError> {
        let this = Self {
            store: Store::new()?,
            in_memory: true,
            folder: None,
            _reader_lock: None,
        };
        this.load_ontology()?;
        Ok(this)
    }

    /// Loads the bundled ontology into its graph, replacing what the graph held, unless the
    /// graph states the bundled ontology's digest already.
    fn load_ontology(&self) -> Result<(), StoreError> {
        let digest = ontology_digest_quad();
        if self.store.contains(digest.as_ref())? {
            return Ok(());
        }
        let graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        transaction.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle)
                .with_base_iri(vocab::GEK)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?
                .without_named_graphs()
                .with_default_graph(graph.as_ref()),
            vocab::ONTOLOGY_TTL.as_bytes(),
        )?;
        transaction.insert(digest.as_ref());
        transaction.commit()?;
        Ok(())
    }

    /// Stores an article and its events in the article's own graph, and refreshes the fused
    /// events their keys touch, all in one transaction: an unchanged article is left alone, a
    /// changed one replaces its earlier version whole.
    ///
    /// # Errors
    /// [`StoreError::Storage`]; the store is then as it was before the call.
    pub fn put_article(
        &self,
        article: &Article,
        events: &[Event],
    ) -> Result<PutOutcome, StoreError> {
        let graph = mapping::graph_iri(&article.source);
        let hash_property = mapping::gek(vocab::gek::CONTENT_HASH);
        let existing = self.store.contains_named_graph(graph.as_ref())?;
        let mut keys: BTreeMap<FusionKey, (Actor, Actor)> = BTreeMap::new();
        if existing {
            let stored_hash = self
                .store
                .quads_for_pattern(
                    None,
                    Some(hash_property.as_ref()),
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                )
                .next()
                .transpose()?
                .map(|q| term_text(&q.object));
            if stored_hash.as_deref() == Some(article.id.0.as_str()) {
                return Ok(PutOutcome::Unchanged);
            }
            keys.extend(self.keys_in(&graph)?);
        }
        let mut mentions = Vec::new();
        for event in events {
            let key = FusionKey::of(event);
            let id = mapping::event_id(article, event);
            let iri = mapping::event_iri(&id).into_string();
            mentions.push((key.clone(), Mention::new(iri, &article.source, event.date)));
            keys.insert(key, (event.agent.clone(), event.target.clone()));
        }
        mentions.extend(self.other_mentions(&keys, &graph)?);
        let fused = fusion::fuse(mentions);
        let mut transaction = self.store.start_transaction()?;
        if existing {
            transaction.clear_graph(graph.as_ref())?;
        }
        transaction.insert_named_graph(graph.as_ref());
        let quads = mapping::article_quads(article, events);
        transaction.extend(quads.iter());
        Self::replace_fused(&mut transaction, &keys, &fused)?;
        transaction.commit()?;
        Ok(if existing {
            PutOutcome::Replaced
        } else {
            PutOutcome::Added
        })
    }

    /// Removes an article's graph by its file name, and refreshes the fused events it touched;
    /// true if it was there.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn remove_article(&self, source: &str) -> Result<bool, StoreError> {
        let graph = mapping::graph_iri(source);
        if !self.store.contains_named_graph(graph.as_ref())? {
            return Ok(false);
        }
        let keys = self.keys_in(&graph)?;
        let fused = fusion::fuse(self.other_mentions(&keys, &graph)?);
        let mut transaction = self.store.start_transaction()?;
        transaction.remove_named_graph(graph.as_ref())?;
        Self::replace_fused(&mut transaction, &keys, &fused)?;
        transaction.commit()?;
        Ok(true)
    }

    /// Deletes the fused events of `keys` and writes `fused` (the new events of those keys).
    fn replace_fused(
        transaction: &mut oxigraph::store::Transaction<'_>,
        keys: &BTreeMap<FusionKey, (Actor, Actor)>,
        fused: &[FusedEvent],
    ) -> Result<(), StoreError> {
        let graph = mapping::fused_graph_iri();
        let graph_name = GraphNameRef::NamedNode(graph.as_ref());
        let key_property = mapping::gek(vocab::gek::FUSION_KEY);
        // A fused graph with no fused event yet gets rows for every measure from now on; one
        // written by an older geokg keeps measures without rows, so it is not marked. A mark
        // of another format no longer holds once this put writes rows in this format alone.
        let format = mapping::ban_row_format_quad();
        let format_property = mapping::gek(vocab::gek::BAN_ROW_FORMAT);
        let other_formats = transaction
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(format_property.as_ref()),
                None,
                Some(graph_name),
            )
            .filter(|quad| !matches!(quad, Ok(quad) if *quad == format))
            .collect::<Result<Vec<_>, _>>()?;
        for quad in &other_formats {
            transaction.remove(quad);
        }
        if !transaction.contains(format.as_ref())? {
            let fused_class = mapping::gek(vocab::gek::FUSED_EVENT);
            let rdf_type = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
            let any_fused = transaction
                .quads_for_pattern(
                    None,
                    Some(rdf_type.as_ref()),
                    Some(fused_class.as_ref().into()),
                    Some(graph_name),
                )
                .next()
                .transpose()?
                .is_some();
            if !any_fused {
                transaction.insert(format.as_ref());
            }
        }
        let mut stale = Vec::new();
        for key in keys.keys() {
            let text = Literal::new_simple_literal(key.to_text());
            for quad in transaction.quads_for_pattern(
                None,
                Some(key_property.as_ref()),
                Some(text.as_ref().into()),
                Some(graph_name),
            ) {
                let subject = quad?.subject;
                for quad in transaction.quads_for_pattern(
                    Some(subject.as_ref()),
                    None,
                    None,
                    Some(graph_name),
                ) {
                    stale.push(quad?);
                }
            }
        }
        for quad in &stale {
            transaction.remove(quad);
        }
        if !fused.is_empty() {
            transaction.insert_named_graph(graph.as_ref());
        }
        // Actors are described once in the fused graph; most are there already, and the rows
        // repeat the label and kind of that description, not this article's.
        let id_property = mapping::gek(vocab::gek::ACTOR_ID);
        let mut new_actors: BTreeMap<&str, &Actor> = BTreeMap::new();
        let mut described: HashMap<&str, Actor> = HashMap::new();
        for (agent, target) in keys.values() {
            for actor in [agent, target] {
                let node = mapping::actor_iri(actor);
                let id = Literal::new_simple_literal(actor.id.as_str());
                let quad = QuadRef::new(&node, &id_property, &id, graph_name);
                if !transaction.contains(quad)? {
                    new_actors.insert(actor.id.as_str(), actor);
                } else if !described.contains_key(actor.id.as_str()) {
                    let stored = Self::described_actor(transaction, actor, &node, graph_name)?;
                    described.insert(actor.id.as_str(), stored);
                }
            }
        }
        for (id, actor) in &new_actors {
            described.insert(*id, (*actor).clone());
        }
        let as_described = |actor: &Actor| {
            described
                .get(actor.id.as_str())
                .cloned()
                .unwrap_or_else(|| actor.clone())
        };
        let actors: BTreeMap<&FusionKey, (Actor, Actor)> = keys
            .iter()
            .map(|(key, (agent, target))| (key, (as_described(agent), as_described(target))))
            .collect();
        let events: Vec<_> = fused
            .iter()
            .filter_map(|f| actors.get(&f.key).map(|(agent, target)| (f, agent, target)))
            .collect();
        let mut quads = mapping::fused_quads(events.iter().copied());
        quads.extend(mapping::fused_actor_quads(new_actors.into_values()));
        Self::replace_ban_rows(transaction, keys, events, &mut quads)?;
        transaction.extend(quads.iter());
        Ok(())
    }

    /// Rewrites the `geokg bans` row groups that `keys` fall in: their stored rows of other keys
    /// stay, the rows of `keys` become those of `events` (the new fused events of `keys`), and
    /// a group left without rows is removed. The new groups' quads go to `quads`.
    fn replace_ban_rows(
        transaction: &mut oxigraph::store::Transaction<'_>,
        keys: &BTreeMap<FusionKey, (Actor, Actor)>,
        events: Vec<(&FusedEvent, &Actor, &Actor)>,
        quads: &mut Vec<oxigraph::model::Quad>,
    ) -> Result<(), StoreError> {
        let graph = mapping::fused_graph_iri();
        let graph_name = GraphNameRef::NamedNode(graph.as_ref());
        let mut groups = ban_row::group_rows(events);
        // A key whose measures are all gone still has rows to remove from its group.
        for key in keys.keys().filter(|key| key.event_type.is_measure()) {
            groups
                .entry(ban_row::RowGroup::of(
                    &key.agent,
                    &key.target,
                    key.event_type,
                ))
                .or_default();
        }
        let mut stale = Vec::new();
        for (group, mut rows) in groups {
            let node = mapping::ban_rows_iri(&group);
            let rows_property = mapping::gek(group.types.property());
            for quad in transaction.quads_for_pattern(
                Some(node.as_ref().into()),
                None,
                None,
                Some(graph_name),
            ) {
                let quad = quad?;
                if quad.predicate == rows_property
                    && let Term::Literal(literal) = &quad.object
                {
                    rows.extend(
                        literal
                            .value()
                            .split('\n')
                            .filter(|row| {
                                ban_row::BanRow::from_text(row)
                                    .is_some_and(|row| !keys.contains_key(&row.key()))
                            })
                            .map(str::to_string),
                    );
                }
                stale.push(quad);
            }
            if !rows.is_empty() {
                quads.extend(mapping::ban_rows_quads(&group, &ban_row::group_text(rows)));
            }
        }
        for quad in &stale {
            transaction.remove(quad);
        }
        Ok(())
    }

    /// `actor` with the label and kind the fused graph's description of `node` gives (each
    /// kept from `actor` where the description lacks it).
    fn described_actor(
        transaction: &oxigraph::store::Transaction<'_>,
        actor: &Actor,
        node: &NamedNode,
        graph: GraphNameRef<'_>,
    ) -> Result<Actor, StoreError> {
        let text = |property: NamedNode| -> Result<Option<String>, StoreError> {
            Ok(transaction
                .quads_for_pattern(
                    Some(node.as_ref().into()),
                    Some(property.as_ref()),
                    None,
                    Some(graph),
                )
                .next()
                .transpose()?
                .map(|q| term_text(&q.object)))
        };
        let label = text(NamedNode::new_unchecked(format!("{}label", vocab::RDFS)))?;
        // An unknown kind reads as a body, as every reader of the description takes it.
        let kind = text(mapping::gek(vocab::gek::ACTOR_KIND))?
            .map(|kind| ActorKind::from_name(&kind).unwrap_or(ActorKind::Body));
        Ok(Actor::new(
            actor.id.clone(),
            label.map_or_else(|| actor.label.clone(), Arc::from),
            kind.unwrap_or(actor.kind),
        ))
    }

    /// The fusion keys of the mentions in one article graph, with their actors.
    fn keys_in(
        &self,
        graph: &NamedNode,
    ) -> Result<BTreeMap<FusionKey, (Actor, Actor)>, StoreError> {
        let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
        let type_property = mapping::gek(vocab::gek::EVENT_TYPE);
        let mut keys = BTreeMap::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(type_property.as_ref()), None, in_graph)
        {
            let quad = quad?;
            let event = quad.subject.as_ref();
            let object = |property: &str| -> Result<Option<Term>, StoreError> {
                let property = mapping::gek(property);
                Ok(self
                    .store
                    .quads_for_pattern(Some(event), Some(property.as_ref()), None, in_graph)
                    .next()
                    .transpose()?
                    .map(|q| q.object))
            };
            let actor = |node: Option<Term>| -> Result<Option<Actor>, StoreError> {
                let Some(Term::NamedNode(node)) = node else {
                    return Ok(None);
                };
                let text = |property: NamedNode| -> Result<String, StoreError> {
                    Ok(self
                        .store
                        .quads_for_pattern(
                            Some(node.as_ref().into()),
                            Some(property.as_ref()),
                            None,
                            in_graph,
                        )
                        .next()
                        .transpose()?
                        .map(|q| term_text(&q.object))
                        .unwrap_or_default())
                };
                let id = text(mapping::gek(vocab::gek::ACTOR_ID))?;
                let label = text(NamedNode::new_unchecked(format!("{}label", vocab::RDFS)))?;
                let kind = text(mapping::gek(vocab::gek::ACTOR_KIND))?;
                Ok(Some(Actor::new(
                    ActorId::new(id),
                    label,
                    ActorKind::from_name(&kind).unwrap_or(ActorKind::Body),
                )))
            };
            let (Ok(event_type), Some(Ok(status)), Some(agent), Some(target)) = (
                term_text(&quad.object).parse(),
                object(vocab::gek::STATUS)?.map(|t| term_text(&t).parse()),
                actor(object(vocab::gek::AGENT)?)?,
                actor(object(vocab::gek::TARGET)?)?,
            ) else {
                continue; // not written by geokg
            };
            let key = FusionKey::new(event_type, agent.id.as_str(), target.id.as_str(), status);
            keys.insert(key, (agent, target));
        }
        Ok(keys)
    }

    /// The stored mentions of `keys` outside the graph `except`, each with its key.
    fn other_mentions(
        &self,
        keys: &BTreeMap<FusionKey, (Actor, Actor)>,
        except: &NamedNode,
    ) -> Result<Vec<(FusionKey, Mention)>, StoreError> {
        let mut out = Vec::new();
        for key in keys.keys() {
            for mention in self.mentions_of(key, except)? {
                out.push((key.clone(), mention));
            }
        }
        Ok(out)
    }

    /// The stored mentions of one key outside the graph `except`: the mentions of the key's
    /// fused events, each with the date and article its own graph gives.
    fn mentions_of(&self, key: &FusionKey, except: &NamedNode) -> Result<Vec<Mention>, StoreError> {
        let fused_graph = mapping::fused_graph_iri();
        let in_fused = Some(GraphNameRef::NamedNode(fused_graph.as_ref()));
        let key_property = mapping::gek(vocab::gek::FUSION_KEY);
        let mention_property = mapping::gek(vocab::gek::MENTION);
        let date_property = mapping::gek(vocab::gek::DATE_TEXT);
        let source_property = mapping::gek(vocab::gek::SOURCE_FILE);
        let derived = NamedNode::new_unchecked(format!("{}wasDerivedFrom", vocab::PROV));
        let key_text = Literal::new_simple_literal(key.to_text());
        let mut out = Vec::new();
        for fused in self.store.quads_for_pattern(
            None,
            Some(key_property.as_ref()),
            Some(key_text.as_ref().into()),
            in_fused,
        ) {
            let fused = fused?.subject;
            for link in self.store.quads_for_pattern(
                Some(fused.as_ref()),
                Some(mention_property.as_ref()),
                None,
                in_fused,
            ) {
                let Term::NamedNode(event) = link?.object else {
                    continue;
                };
                let (mut date, mut article, mut graph) = (None, None, None);
                for quad in
                    self.store
                        .quads_for_pattern(Some(event.as_ref().into()), None, None, None)
                {
                    let quad = quad?;
                    if quad.predicate == date_property {
                        date = term_text(&quad.object).parse().ok();
                    } else if quad.predicate == derived {
                        article = Some(quad.object);
                    }
                    graph = Some(quad.graph_name);
                }
                let Some(graph) = graph else { continue };
                if graph == GraphName::NamedNode(except.clone()) {
                    continue;
                }
                let source = match &article {
                    Some(Term::NamedNode(article)) => self
                        .store
                        .quads_for_pattern(
                            Some(article.as_ref().into()),
                            Some(source_property.as_ref()),
                            None,
                            Some(graph.as_ref()),
                        )
                        .next()
                        .transpose()?
                        .map(|q| term_text(&q.object))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                out.push(Mention::new(event.into_string(), source, date));
            }
        }
        Ok(out)
    }

    /// Runs a SPARQL update on the store: for tests that make a store as an older geokg left it.
    #[cfg(test)]
    pub(crate) fn update(&self, sparql: &str) -> Result<(), Box<dyn std::error::Error>> {
        self.store.update(with_prefixes(sparql).as_str())?;
        Ok(())
    }

    /// Number of quads stored.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// True when the store holds nothing but the ontology.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.named_graphs().count() <= 1)
    }

    /// Writes buffered changes to disk.
    ///
    /// # Errors
    /// [`StoreError::Storage`].
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.store.flush()?)
    }
}

/// The query text with the geokg prefixes declared in front, where the query does not declare them.
fn with_prefixes(sparql: &str) -> String {
    let mut text = String::new();
    for (prefix, iri) in PREFIXES {
        if !sparql.contains(&format!("PREFIX {prefix}:")) {
            text.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
        }
    }
    text.push_str(sparql);
    text
}

impl EventStore {
    /// Runs a query over the union of the article graphs when it names no dataset.
    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'_>, StoreError> {
        let mut prepared = SparqlEvaluator::new().parse_query(&with_prefixes(sparql))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }
}

impl SparqlEndpoint for EventStore {
    fn statements(&self, pattern: Pattern<'_>) -> Result<Vec<Statement>, StoreError> {
        self.statements_from_indexes(pattern)
    }

    fn query(&self, sparql: &str) -> Result<QueryAnswer, StoreError> {
        Ok(match self.evaluate(sparql)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution?;
                    rows.push(
                        variables
                            .iter()
                            .map(|v| solution.get(v.as_str()).cloned())
                            .collect(),
                    );
                }
                QueryAnswer::Solutions { variables, rows }
            }
            QueryResults::Boolean(value) => QueryAnswer::Boolean(value),
            QueryResults::Graph(triples) => {
                QueryAnswer::Graph(triples.collect::<Result<Vec<_>, _>>()?)
            }
        })
    }

    fn each_solution(&self, sparql: &str, each: &mut SolutionSink<'_>) -> Result<(), StoreError> {
        if let QueryResults::Solutions(solutions) = self.evaluate(sparql)? {
            for solution in solutions {
                each(solution?.values())?;
            }
        }
        Ok(())
    }
}

/// Asserts that two stores' quads (as lines) are the same, naming how many and the first of
/// those one lacks (tests of whole stores).
#[cfg(test)]
pub(crate) fn assert_same_quads(expected: &[String], got: &[String]) {
    let lost: Vec<&String> = expected.iter().filter(|q| !got.contains(q)).collect();
    let gained: Vec<&String> = got.iter().filter(|q| !expected.contains(q)).collect();
    assert!(
        lost.is_empty() && gained.is_empty(),
        "lost {} quads, gained {}; first lost: {:?}; first gained: {:?}",
        lost.len(),
        gained.len(),
        lost.first(),
        gained.first()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writes(store: &EventStore) -> bool {
        store
            .update("INSERT DATA { GRAPH <http://t/g> { <http://t/s> <http://t/p> \"o\" } }")
            .is_ok()
    }

    #[test]
    fn a_store_is_opened_read_only_only_when_it_holds_this_geokgs_ontology()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("store");
        // A missing store is created, as a writer would.
        drop(EventStore::open_to_read(&path)?);
        assert!(path.join("CURRENT").is_file());

        let reader = EventStore::open_to_read(&path)?;
        assert!(
            !writes(&reader),
            "a reader of a current store opens it read-only"
        );
        assert!(reader.store.contains(ontology_digest_quad().as_ref())?);
        let ontology = reader.statements(Pattern::default().in_graph(vocab::ONTOLOGY_GRAPH))?;
        drop(reader);

        // What an older geokg leaves: the ontology without its digest. A reader then opens
        // the store for writing, which reloads the ontology, and the next reader reads only.
        let writer = EventStore::open(&path)?;
        assert!(writes(&writer));
        writer.store.remove(ontology_digest_quad().as_ref())?;
        drop(writer);
        let reader = EventStore::open_to_read(&path)?;
        assert!(writes(&reader), "the ontology had to be reloaded");
        drop(reader);
        let reader = EventStore::open_to_read(&path)?;
        assert!(!writes(&reader));
        assert_eq!(
            reader.statements(Pattern::default().in_graph(vocab::ONTOLOGY_GRAPH))?,
            ontology
        );
        Ok(())
    }
}
