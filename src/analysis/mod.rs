//! How relationships between actors develop: an actor graph built with petgraph, and analyses
//! over it.
//!
//! Everything here is a pure function over `&[Event]` (through the [`ActorGraph`] they build), so
//! it runs without a store. The entry point is [`ActorGraph::from_events`]: pick the events with a
//! [`Filter`], optionally cut time into [`Window`]s, then run an analysis on each graph:
//!
//! - [`activity`]: who acts most and who is acted on most, by event type;
//! - [`pagerank`] and [`betweenness`]: centrality on the "acts against" graph;
//! - [`reciprocity`]: pairs that act against each other, the lag of the response, tit for tat;
//! - [`cascade`]: in what order agents acted against one target, and who followed whom;
//! - [`blocs`]: communities of agents that act against the same targets;
//! - [`shortest_path`]: how two actors are connected, with the events along the way.
//!
//! Results are deterministic: nodes are kept in actor-id order, edges in (agent, target, type,
//! date, status) order, and every tie is broken by id, never by hash order.
//!
//! ```
//! use geokg::analysis::{ActorGraph, Filter, pagerank};
//! use geokg::model::{Actor, ActorId, ActorKind, Event, EventStatus, EventType, Evidence};
//!
//! let actor = |id: &str| Actor::new(ActorId::new(id), id, ActorKind::Country);
//! let event = |agent: &str, target: &str| Event {
//!     article: "a.txt".into(),
//!     event_type: EventType::Ban,
//!     agent: actor(agent),
//!     target: actor(target),
//!     requester: None,
//!     date: "2019-05-15".parse().ok(),
//!     status: EventStatus::Actual,
//!     evidence: Evidence { start: 0, end: 0, text: String::new() },
//!     trigger: "banned".into(),
//!     rule: String::new(),
//!     date_reason: String::new(),
//! };
//! let events = [event("USA", "huawei"), event("AUS", "huawei"), event("USA", "zte")];
//! let graph = ActorGraph::from_events(&events, &Filter::default());
//! let ranks = pagerank(&graph);
//! assert_eq!(ranks[0].actor.id.as_str(), "huawei");
//! ```

mod activity;
mod blocs;
mod cascade;
mod centrality;
mod graph;
mod paths;
mod reciprocity;
mod window;

pub use activity::{ActorActivity, Degrees, activity};
pub use blocs::{Bloc, BlocMember, CoAction, LABEL_PROPAGATION_ROUNDS, blocs, co_action};
pub use cascade::{Cascade, CascadeOptions, CascadeStep, cascade};
pub use centrality::{DAMPING, ITERATIONS, Orientation, Score, betweenness, pagerank};
pub use graph::{ActorGraph, ActorNode, Edge, EventEdge, Filter};
pub use paths::{ActorPath, PathStep, shortest_path};
pub use reciprocity::{Act, Affiliations, ReciprocalPair, Turn, reciprocity};
pub use window::{Window, Windowing, anchor_day, windows};

/// What can go wrong in an analysis: only bad parameters and bad affiliation files; an empty
/// graph or an unknown actor gives an empty answer instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    /// Sliding windows need a length and a step of at least one month.
    #[error(
        "sliding windows need a length and a step of at least one month (got {months}, {step})"
    )]
    BadWindow {
        /// Window length in months.
        months: u32,
        /// Step in months.
        step: u32,
    },
    /// A line of an affiliations file that is not `member<TAB>owner`.
    #[error("affiliations line {line}: expected `member<TAB>owner`, got {text:?}")]
    BadAffiliation {
        /// 1-based line number.
        line: usize,
        /// The line as read.
        text: String,
    },
}
