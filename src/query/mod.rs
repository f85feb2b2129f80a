//! The canned queries of `queries/`, and typed readers over their answers.
//!
//! Everything here reads through [`SparqlEndpoint`], so it runs against the embedded store or a
//! remote SPARQL endpoint alike. The entry point is [`stored_events`].

mod ban_rows;
mod bans;
mod fused;
mod outline;

pub use bans::{BanFilter, MEASURE_TYPES, Measure, PairHistory, histories, who_banned_whom};
pub use outline::FirstReport;

use crate::model::{Actor, ActorId, ActorKind, Event, EventDate, EventStatus, EventType, Evidence};
use crate::store::{SparqlEndpoint, StoreError};
use chrono::NaiveDate;

/// `queries/bans.rq`: who banned whom, when, with status and source.
pub const BANS: &str = include_str!("../../queries/bans.rq");
/// `queries/events-by-actor.rq`: every event of one actor, as agent or target.
pub const EVENTS_BY_ACTOR: &str = include_str!("../../queries/events-by-actor.rq");
/// `queries/arrests-and-charges.rq`: arrests, charges and extraditions.
pub const ARRESTS_AND_CHARGES: &str = include_str!("../../queries/arrests-and-charges.rq");
/// `queries/events.rq`: every stored event with all its fields.
pub const EVENTS: &str = include_str!("../../queries/events.rq");

/// `queries/who-banned-whom.rq`: every ban, restriction and sanction as one fused event each,
/// with its date and source count.
pub const WHO_BANNED_WHOM: &str = include_str!("../../queries/who-banned-whom.rq");
/// `queries/fused-events.rq`: every fused event with each of its mentions.
pub const FUSED_EVENTS: &str = include_str!("../../queries/fused-events.rq");

/// The canned queries by file name.
pub const CANNED: [(&str, &str); 6] = [
    ("bans.rq", BANS),
    ("events-by-actor.rq", EVENTS_BY_ACTOR),
    ("arrests-and-charges.rq", ARRESTS_AND_CHARGES),
    ("events.rq", EVENTS),
    ("who-banned-whom.rq", WHO_BANNED_WHOM),
    ("fused-events.rq", FUSED_EVENTS),
];

/// A stored event together with its store id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// The event IRI.
    pub iri: String,
    /// The event.
    pub event: Event,
}

/// Every event in the store, read with `queries/events.rq`.
///
/// # Errors
/// [`StoreError`] when the query fails.
pub fn stored_events(endpoint: &dyn SparqlEndpoint) -> Result<Vec<StoredEvent>, StoreError> {
    let answer = endpoint.query(EVENTS)?;
    let mut out = Vec::new();
    for row in answer.text_rows() {
        let get = |k: &str| row.get(k);
        let (Ok(event_type), Ok(status)) = (
            get("type").parse::<EventType>(),
            get("status").parse::<EventStatus>(),
        ) else {
            continue; // written by another tool; not ours to read
        };
        let evidence_text = get("evidence").to_string();
        out.push(StoredEvent {
            iri: get("event").to_string(),
            event: Event {
                article: get("source").to_string(),
                event_type,
                agent: row.actor("agent", "agentName", "agentKind"),
                target: row.actor("target", "targetName", "targetKind"),
                requester: row
                    .value("requester")
                    .map(|id| Actor::new(ActorId::new(id), id, ActorKind::Country)),
                date: row.value("date").and_then(|d| d.parse().ok()),
                status,
                evidence: Evidence {
                    start: get("start").parse().unwrap_or(0),
                    end: get("end").parse().unwrap_or(0),
                    text: evidence_text,
                },
                trigger: get("trigger").to_string(),
                rule: get("rule").to_string(),
                date_reason: get("dateReason").to_string(),
            },
        });
    }
    Ok(out)
}

/// One article's statement of a fused event.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    /// The mention's IRI.
    pub iri: String,
    /// The article file.
    pub source: String,
    /// The article's publication day.
    pub published: Option<NaiveDate>,
    /// The date as this article states it.
    pub date: Option<EventDate>,
    /// The span that states it.
    pub evidence: Evidence,
}

/// A fused event as stored: one real-world event with all its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFusedEvent {
    /// The fused event's IRI.
    pub iri: String,
    /// The event with the fused date, and the article, evidence, trigger and rule of its first
    /// report (earliest published, then by file name).
    pub event: Event,
    /// True when the mentions state different days.
    pub date_conflict: bool,
    /// How many articles report it.
    pub sources: usize,
    /// Every mention, first report first.
    pub mentions: Vec<MentionRecord>,
}

/// Every fused event in the store, ordered by IRI: the answer of `queries/fused-events.rq`,
/// read node by node (each fused event, then each of its mentions in its article graph) instead
/// of through that query's join.
///
/// # Errors
/// [`StoreError`] when reading fails.
pub fn fused_events(endpoint: &dyn SparqlEndpoint) -> Result<Vec<StoredFusedEvent>, StoreError> {
    fused::read_fused_events(endpoint)
}

/// Every fused event in outline, for the graph analyses: its type, agent, target, date and
/// status as [`fused_events`] reads them, and its first report's article only when
/// `first_report` is [`FirstReport::Article`]. The evidence, trigger, rule, date reason and
/// requester are left empty, and the events come in no set order. One SELECT over the fused
/// graph decodes two terms per fused event (plus each mention's source file for the article),
/// where [`fused_events`] makes about a dozen look-ups per mention.
///
/// A fused event whose key names an actor the fused graph does not describe is skipped, as
/// [`fused_events`] skips it.
///
/// # Errors
/// [`StoreError`] when a query fails.
pub fn fused_event_outlines(
    endpoint: &dyn SparqlEndpoint,
    first_report: FirstReport,
) -> Result<Vec<Event>, StoreError> {
    outline::read_outlines(endpoint, first_report)
}
