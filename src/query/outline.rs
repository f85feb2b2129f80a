//! Fused events in outline, for the graph analyses: each fused event's type, agent, target,
//! date and status (and, when asked, the article of its first report), read with one SPARQL
//! SELECT over the fused graph that projects two terms per fused event, instead of the dozen
//! look-ups per mention of [`super::fused_events`] (issue #6: the analyses at 1M events).
//!
//! The entry point is [`super::fused_event_outlines`].

use super::fused::Reader;
use crate::model::{Actor, Event, EventDate, EventStatus, EventType};
use crate::store::{Pattern, SparqlEndpoint, StoreError, mapping, term_text, vocab};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How much of each fused event's first report an outline carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstReport {
    /// No article: [`Event::article`] is empty (the analyses other than `path` never read it).
    Omitted,
    /// The file of the first report (earliest published, then by file name), as
    /// [`super::fused_events`] gives it; this reads every mention's source and every article's
    /// publication day too.
    Article,
}

/// Every fused event as an [`Event`] with its type, agent, target, date and status, and its
/// first report's article when `first_report` asks for it. The evidence, trigger, rule, date
/// reason and requester are left empty. The events come in no set order.
pub(super) fn read_outlines(
    endpoint: &dyn SparqlEndpoint,
    first_report: FirstReport,
) -> Result<Vec<Event>, StoreError> {
    let graph = mapping::fused_graph_iri().into_string();
    let gek = |local: &str| format!("<{}{local}>", vocab::GEK);
    let actors = described_actors(endpoint, &graph)?;
    // The fusion key (`type|agent id|target id|status`) holds four of the five fields in one
    // literal, so the store decodes two terms per fused event; grouping by the (unprojected)
    // event keeps fused events with the same key and date apart without decoding its IRI.
    let (sources, group) = match first_report {
        FirstReport::Omitted => ("", ""),
        FirstReport::Article => (
            " (GROUP_CONCAT(?source; separator=\"\\n\") AS ?sources)",
            " GROUP BY ?event ?key ?date",
        ),
    };
    let source_pattern = match first_report {
        FirstReport::Omitted => String::new(),
        FirstReport::Article => format!(" ?event {} ?source .", gek(vocab::gek::SOURCE)),
    };
    let select = format!(
        "SELECT ?key ?date{sources} WHERE {{ GRAPH <{graph}> {{ ?event {} ?key .{source_pattern} \
         OPTIONAL {{ ?event {} ?date }} }} }}{group}",
        gek(vocab::gek::FUSION_KEY),
        gek(vocab::gek::DATE_TEXT),
    );
    let published = match first_report {
        FirstReport::Omitted => HashMap::new(),
        FirstReport::Article => publication_days(endpoint)?,
    };
    let mut out = Vec::new();
    for row in endpoint.query(&select)?.text_rows() {
        let Some((event_type, agent, target, status)) = parse_key(row.get("key"), &actors) else {
            continue; // not a key of ours, or an actor the fused graph does not describe
        };
        let article = match first_report {
            FirstReport::Omitted => String::new(),
            FirstReport::Article => {
                // As the full reader: mentions whose article is not stored are skipped, and an
                // event without any is not read.
                let first = row
                    .get("sources")
                    .split('\n')
                    .filter_map(|source| Some((*published.get(source)?, source)))
                    .min();
                let Some((_, source)) = first else {
                    continue;
                };
                source.to_string()
            }
        };
        out.push(Event::outline(
            article,
            event_type,
            agent.clone(),
            target.clone(),
            row.value("date").and_then(|d| d.parse::<EventDate>().ok()),
            status,
        ));
    }
    Ok(out)
}

/// The actors the fused graph describes, by id, each read as [`super::fused_events`] reads it.
fn described_actors(
    endpoint: &dyn SparqlEndpoint,
    graph: &str,
) -> Result<HashMap<String, Actor>, StoreError> {
    let mut reader = Reader::new(endpoint);
    let actor_id = format!("{}{}", vocab::GEK, vocab::gek::ACTOR_ID);
    let pattern = Pattern {
        predicate: Some(&actor_id),
        graph: Some(graph),
        ..Pattern::default()
    };
    let mut nodes: Vec<String> = endpoint
        .statements(pattern)?
        .into_iter()
        .map(|s| s.subject)
        .collect();
    nodes.sort();
    nodes.dedup();
    let mut actors = HashMap::new();
    for node in nodes {
        if let Some(actor) = reader.actor(&node)? {
            actors.entry(actor.id.as_str().to_string()).or_insert(actor);
        }
    }
    Ok(actors)
}

/// Each article file's publication day (`None` when it does not parse, which sorts first as
/// in the full reader), from the article graphs.
fn publication_days(
    endpoint: &dyn SparqlEndpoint,
) -> Result<HashMap<String, Option<NaiveDate>>, StoreError> {
    let select = format!(
        "SELECT ?source ?issued WHERE {{ GRAPH ?g {{ ?article <{}{}> ?source ; <{}issued> ?issued }} }}",
        vocab::GEK,
        vocab::gek::SOURCE_FILE,
        vocab::DCTERMS,
    );
    let mut days: HashMap<String, Option<NaiveDate>> = HashMap::new();
    let crate::store::QueryAnswer::Solutions { rows, .. } = endpoint.query(&select)? else {
        return Ok(days);
    };
    for row in rows {
        let (Some(Some(source)), Some(Some(issued))) = (row.first(), row.get(1)) else {
            continue;
        };
        let day = term_text(issued).parse().ok();
        days.entry(term_text(source))
            .and_modify(|known| *known = (*known).min(day))
            .or_insert(day);
    }
    Ok(days)
}

/// A fusion key `type|agent|target|status` as its type, actors and status. Actor ids may hold
/// `|` themselves, so the middle is split where both halves are described actors.
fn parse_key<'a>(
    key: &str,
    actors: &'a HashMap<String, Actor>,
) -> Option<(EventType, &'a Actor, &'a Actor, EventStatus)> {
    let (event_type, rest) = key.split_once('|')?;
    let (pair, status) = rest.rsplit_once('|')?;
    let (event_type, status) = (event_type.parse().ok()?, status.parse().ok()?);
    let (agent, target) = pair
        .match_indices('|')
        .find_map(|(at, _)| Some((actors.get(&pair[..at])?, actors.get(&pair[at + 1..])?)))?;
    Some((event_type, agent, target, status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, ActorKind};

    #[test]
    fn keys_split_where_both_actors_are_known() {
        let actors: HashMap<String, Actor> = ["USA", "a|b", "huawei"]
            .into_iter()
            .map(|id| {
                (
                    id.to_string(),
                    Actor::new(ActorId::new(id), id, ActorKind::Body),
                )
            })
            .collect();
        let ids = |key: &str| {
            parse_key(key, &actors).map(|(t, a, b, s)| format!("{t} {} {} {s}", a.id, b.id))
        };
        assert_eq!(
            ids("ban|USA|huawei|actual").as_deref(),
            Some("ban USA huawei actual")
        );
        assert_eq!(
            ids("sanction|a|b|USA|planned").as_deref(),
            Some("sanction a|b USA planned")
        );
        assert_eq!(ids("ban|USA|zte|actual"), None, "zte is not described");
        assert_eq!(ids("bad|USA|huawei|actual"), None);
        assert_eq!(ids("ban|USA"), None);
    }
}
