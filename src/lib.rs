//! geokg turns news articles into a knowledge graph of geopolitical events.
//!
//! ```text
//! article files ──ingest──▶ Article ──extract──▶ Vec<Event> ──store──▶ Oxigraph (one graph per article)
//!                                                                         │
//!                                         queries/*.rq, events export ◀──SPARQL
//! ```
//!
//! - [`ingest`] reads article files (header, byline date, body);
//! - [`extract`] finds typed events with their agent, target, date, status and evidence;
//! - [`store`] writes them as RDF into an embedded Oxigraph store and answers SPARQL;
//! - [`query`] holds the canned queries and typed readers over their answers;
//! - [`fusion`] makes one event of the mentions of one real-world event across articles;
//! - [`pipeline`] puts the stages together;
//! - [`timeline`] filters, orders and exports events (CSV, JSON, iCalendar, HTML...);
//! - [`synth`] makes seeded synthetic articles for benchmarks;
//! - [`analysis`] builds the actor graph (petgraph) and analyses how relationships change over time.

pub mod analysis;
pub mod extract;
pub mod fusion;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod store;
pub mod synth;
pub mod timeline;

pub use extract::Extractor;
pub use model::{Actor, ActorId, ActorKind, Article, Event, EventDate, EventStatus, EventType};
pub use store::{EventStore, SparqlEndpoint};
