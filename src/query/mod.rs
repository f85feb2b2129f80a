//! The canned queries of `queries/`, and typed readers over their answers.
//!
//! Everything here reads through [`SparqlEndpoint`], so it runs against the embedded store or a
//! remote SPARQL endpoint alike. The entry point is [`stored_events`].

use crate::model::{Actor, ActorId, ActorKind, Event, EventStatus, EventType, Evidence};
use crate::store::{SparqlEndpoint, StoreError};
use std::collections::HashMap;

/// `queries/bans.rq`: who banned whom, when, with status and source.
pub const BANS: &str = include_str!("../../queries/bans.rq");
/// `queries/events-by-actor.rq`: every event of one actor, as agent or target.
pub const EVENTS_BY_ACTOR: &str = include_str!("../../queries/events-by-actor.rq");
/// `queries/arrests-and-charges.rq`: arrests, charges and extraditions.
pub const ARRESTS_AND_CHARGES: &str = include_str!("../../queries/arrests-and-charges.rq");
/// `queries/events.rq`: every stored event with all its fields.
pub const EVENTS: &str = include_str!("../../queries/events.rq");

/// The canned queries by file name.
pub const CANNED: [(&str, &str); 4] = [
    ("bans.rq", BANS),
    ("events-by-actor.rq", EVENTS_BY_ACTOR),
    ("arrests-and-charges.rq", ARRESTS_AND_CHARGES),
    ("events.rq", EVENTS),
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
    for row in answer.rows_as_text() {
        let field: HashMap<&str, &str> =
            row.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let get = |k: &str| field.get(k).copied().unwrap_or_default();
        let actor = |id: &str, name: &str, kind: &str| {
            Actor::new(
                ActorId::new(get(id)),
                get(name),
                ActorKind::from_name(get(kind)).unwrap_or(ActorKind::Body),
            )
        };
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
                agent: actor("agent", "agentName", "agentKind"),
                target: actor("target", "targetName", "targetKind"),
                requester: field
                    .get("requester")
                    .map(|id| Actor::new(ActorId::new(*id), *id, ActorKind::Country)),
                date: field.get("date").and_then(|d| d.parse().ok()),
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
