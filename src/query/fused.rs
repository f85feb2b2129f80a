//! Fused events read node by node ([`SparqlEndpoint::statements`]) instead of through one large
//! SPARQL join: each fused event's statements in the fused graph, then each mention's in its
//! article graph. The answers are those of `queries/fused-events.rq` and
//! `queries/who-banned-whom.rq`, which stay for SPARQL users.
//!
//! The entry points are [`super::fused_events`] and [`super::who_banned_whom`].

use super::{MentionRecord, StoredFusedEvent};
use crate::model::{Actor, ActorId, ActorKind, Event, EventType, Evidence};
use crate::store::{Object, Pattern, SparqlEndpoint, Statement, StoreError, mapping, vocab};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The IRIs the readers compare predicates and classes with.
pub(super) struct Iris {
    pub(super) fused_graph: String,
    pub(super) rdf_type: String,
    pub(super) fused_event: String,
    pub(super) event_type: String,
    pub(super) agent: String,
    pub(super) target: String,
    pub(super) status: String,
    pub(super) date_text: String,
    pub(super) source_count: String,
    pub(super) mention_count: String,
    pub(super) date_conflict: String,
    pub(super) mention: String,
    pub(super) source: String,
    actor_id: String,
    label: String,
    actor_kind: String,
    derived_from: String,
    trigger: String,
    rule: String,
    date_reason: String,
    evidence: String,
    requester: String,
    has_selector: String,
    start: String,
    end: String,
    exact: String,
    source_file: String,
    issued: String,
}

impl Iris {
    pub(super) fn new() -> Self {
        let gek = |local: &str| format!("{}{local}", vocab::GEK);
        Self {
            fused_graph: mapping::fused_graph_iri().into_string(),
            rdf_type: format!("{}type", vocab::RDF),
            fused_event: gek(vocab::gek::FUSED_EVENT),
            event_type: gek(vocab::gek::EVENT_TYPE),
            agent: gek(vocab::gek::AGENT),
            target: gek(vocab::gek::TARGET),
            status: gek(vocab::gek::STATUS),
            date_text: gek(vocab::gek::DATE_TEXT),
            source_count: gek(vocab::gek::SOURCE_COUNT),
            mention_count: gek(vocab::gek::MENTION_COUNT),
            date_conflict: gek(vocab::gek::DATE_CONFLICT),
            mention: gek(vocab::gek::MENTION),
            source: gek(vocab::gek::SOURCE),
            actor_id: gek(vocab::gek::ACTOR_ID),
            label: format!("{}label", vocab::RDFS),
            actor_kind: gek(vocab::gek::ACTOR_KIND),
            derived_from: format!("{}wasDerivedFrom", vocab::PROV),
            trigger: gek(vocab::gek::TRIGGER),
            rule: gek(vocab::gek::RULE),
            date_reason: gek(vocab::gek::DATE_REASON),
            evidence: gek(vocab::gek::EVIDENCE_PROPERTY),
            requester: gek(vocab::gek::REQUESTER),
            has_selector: format!("{}hasSelector", vocab::OA),
            start: format!("{}start", vocab::OA),
            end: format!("{}end", vocab::OA),
            exact: format!("{}exact", vocab::OA),
            source_file: gek(vocab::gek::SOURCE_FILE),
            issued: format!("{}issued", vocab::DCTERMS),
        }
    }
}

/// One node's statements in one graph, looked up by predicate.
pub(super) struct Node(Vec<Statement>);

impl Node {
    /// The first object of `predicate`.
    pub(super) fn first(&self, predicate: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|s| s.predicate == predicate)
            .map(|s| s.object.as_str())
    }

    /// Every object of `predicate`, in store order.
    pub(super) fn all<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |s| s.predicate == predicate)
            .map(|s| s.object.as_str())
    }
}

/// A reader of the fused graph and the article graphs behind it, with the actors and articles
/// it has read so far.
pub(super) struct Reader<'a> {
    endpoint: &'a dyn SparqlEndpoint,
    pub(super) iris: Iris,
    /// The fused graph's actor descriptions, by node.
    actors: HashMap<String, Option<Actor>>,
    /// Each article's file and publication day (as text), by graph and article node.
    articles: HashMap<(String, String), Option<(String, String)>>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(endpoint: &'a dyn SparqlEndpoint) -> Self {
        Self {
            endpoint,
            iris: Iris::new(),
            actors: HashMap::new(),
            articles: HashMap::new(),
        }
    }

    /// The subjects of the fused graph with `predicate object`, sorted and without repeats.
    pub(super) fn fused_subjects(
        &self,
        predicate: &str,
        object: Object<'_>,
    ) -> Result<Vec<String>, StoreError> {
        let mut subjects: Vec<String> = self
            .endpoint
            .statements(Pattern::having(predicate, object).in_graph(&self.iris.fused_graph))?
            .into_iter()
            .map(|s| s.subject)
            .collect();
        subjects.sort();
        subjects.dedup();
        Ok(subjects)
    }

    /// The first object of `subject predicate ?o` in `graph`.
    fn value(
        &self,
        subject: &str,
        predicate: &str,
        graph: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .endpoint
            .statements(
                Pattern::about(subject)
                    .with_predicate(predicate)
                    .in_graph(graph),
            )?
            .into_iter()
            .next()
            .map(|s| s.object))
    }

    /// What `graph` says about `subject`.
    pub(super) fn node(&self, subject: &str, graph: &str) -> Result<Node, StoreError> {
        Ok(Node(
            self.endpoint
                .statements(Pattern::about(subject).in_graph(graph))?,
        ))
    }

    /// A fused event's statements.
    pub(super) fn fused_node(&self, subject: &str) -> Result<Node, StoreError> {
        self.node(subject, &self.iris.fused_graph)
    }

    /// An actor as the fused graph describes it: id, label and kind (all three are needed).
    pub(super) fn actor(&mut self, node: &str) -> Result<Option<Actor>, StoreError> {
        if let Some(actor) = self.actors.get(node) {
            return Ok(actor.clone());
        }
        let description = self.fused_node(node)?;
        let iris = &self.iris;
        let actor = match (
            description.first(&iris.actor_id),
            description.first(&iris.label),
            description.first(&iris.actor_kind),
        ) {
            (Some(id), Some(label), Some(kind)) => Some(Actor::new(
                ActorId::new(id),
                label,
                ActorKind::from_name(kind).unwrap_or(ActorKind::Body),
            )),
            _ => None,
        };
        self.actors.insert(node.to_string(), actor.clone());
        Ok(actor)
    }

    /// An article's file and publication day, as `graph` states them.
    fn article(&mut self, node: &str, graph: &str) -> Result<Option<(String, String)>, StoreError> {
        let cache_key = (graph.to_string(), node.to_string());
        if let Some(article) = self.articles.get(&cache_key) {
            return Ok(article.clone());
        }
        let description = self.node(node, graph)?;
        let article = match (
            description.first(&self.iris.source_file),
            description.first(&self.iris.issued),
        ) {
            (Some(source), Some(issued)) => Some((source.to_string(), issued.to_string())),
            _ => None,
        };
        self.articles.insert(cache_key, article.clone());
        Ok(article)
    }

    /// One mention as each article graph that holds it states it: the mention's record with its
    /// sort key (publication day, file, start), trigger, rule, date reason and requester.
    fn mention_rows(&mut self, mention: &str) -> Result<Vec<MentionRow>, StoreError> {
        // Each property is looked up on its own: reading the mention whole would decode its
        // classes, actors and date bounds too, and decoding is most of the cost.
        let links = self
            .endpoint
            .statements(Pattern::about(mention).with_predicate(&self.iris.derived_from))?;
        let mut rows = Vec::new();
        for link in links {
            let (graph, article) = (link.graph, link.object);
            let iris = &self.iris;
            let (Some(trigger), Some(rule), Some(date_reason), Some(evidence)) = (
                self.value(mention, &iris.trigger, &graph)?,
                self.value(mention, &iris.rule, &graph)?,
                self.value(mention, &iris.date_reason, &graph)?,
                self.value(mention, &iris.evidence, &graph)?,
            ) else {
                continue;
            };
            let Some((start, end, text)) = self.evidence(&evidence, &graph)? else {
                continue;
            };
            let Some((source, published)) = self.article(&article, &graph)? else {
                continue;
            };
            let requester = match self.value(mention, &self.iris.requester, &graph)? {
                Some(requester) => self.value(&requester, &self.iris.actor_id, &graph)?,
                None => None,
            };
            let stated = self.value(mention, &self.iris.date_text, &graph)?;
            let published_day: Option<NaiveDate> = published.parse().ok();
            rows.push(MentionRow {
                order: (published_day, source.clone(), start.parse().ok()),
                record: MentionRecord {
                    iri: mention.to_string(),
                    source,
                    published: published_day,
                    date: stated.and_then(|d| d.parse().ok()),
                    evidence: Evidence {
                        start: start.parse().unwrap_or(0),
                        end: end.parse().unwrap_or(0),
                        text,
                    },
                },
                trigger: trigger.to_string(),
                rule: rule.to_string(),
                date_reason: date_reason.to_string(),
                requester,
            });
        }
        Ok(rows)
    }

    /// The evidence's start, end and sentence: `?ev oa:hasSelector ?position, ?quote .
    /// ?position oa:start ?start ; oa:end ?end . ?quote oa:exact ?evidence`.
    fn evidence(
        &self,
        evidence: &str,
        graph: &str,
    ) -> Result<Option<(String, String, String)>, StoreError> {
        let (mut span, mut quote) = (None, None);
        let selectors = self.endpoint.statements(
            Pattern::about(evidence)
                .with_predicate(&self.iris.has_selector)
                .in_graph(graph),
        )?;
        for selector in selectors {
            let selector = selector.object;
            if span.is_none()
                && let Some(start) = self.value(&selector, &self.iris.start, graph)?
                && let Some(end) = self.value(&selector, &self.iris.end, graph)?
            {
                span = Some((start, end));
                continue;
            }
            if quote.is_none() {
                quote = self.value(&selector, &self.iris.exact, graph)?;
            }
        }
        Ok(span
            .zip(quote)
            .map(|((start, end), text)| (start, end, text)))
    }
}

/// A mention as one article graph states it, with what the fused event takes from its first
/// report.
struct MentionRow {
    /// `ORDER BY ?published ?source ?start`.
    order: (Option<NaiveDate>, String, Option<u64>),
    record: MentionRecord,
    trigger: String,
    rule: String,
    date_reason: String,
    requester: Option<String>,
}

/// Every fused event with its mentions, ordered by IRI; see [`super::fused_events`].
pub(super) fn read_fused_events(
    endpoint: &dyn SparqlEndpoint,
) -> Result<Vec<StoredFusedEvent>, StoreError> {
    let mut reader = Reader::new(endpoint);
    let subjects =
        reader.fused_subjects(&reader.iris.rdf_type, Object::Iri(&reader.iris.fused_event))?;
    let mut out = Vec::with_capacity(subjects.len());
    for subject in subjects {
        let node = reader.fused_node(&subject)?;
        let iris = &reader.iris;
        let (
            Some(Ok(event_type)),
            Some(Ok(status)),
            Some(agent),
            Some(target),
            Some(sources),
            Some(conflict),
        ) = (
            node.first(&iris.event_type).map(str::parse::<EventType>),
            node.first(&iris.status).map(str::parse),
            node.first(&iris.agent),
            node.first(&iris.target),
            node.first(&iris.source_count),
            node.first(&iris.date_conflict),
        )
        else {
            continue; // written by another tool; not ours to read
        };
        let date = node.first(&iris.date_text).and_then(|d| d.parse().ok());
        let sources = sources.parse().unwrap_or(1);
        let date_conflict = conflict == "true";
        let mentions: Vec<String> = node.all(&iris.mention).map(str::to_string).collect();
        let (Some(agent), Some(target)) = (reader.actor(agent)?, reader.actor(target)?) else {
            continue;
        };
        let mut rows = Vec::new();
        for mention in &mentions {
            rows.extend(reader.mention_rows(mention)?);
        }
        rows.sort_by(|a, b| a.order.cmp(&b.order));
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            continue; // no mention is stored whole
        };
        let mut records = vec![first.record.clone()];
        for row in rows {
            if !records.iter().any(|m| m.iri == row.record.iri) {
                records.push(row.record);
            }
        }
        out.push(StoredFusedEvent {
            iri: subject,
            event: Event {
                article: first.record.source.clone(),
                event_type,
                agent,
                target,
                requester: first
                    .requester
                    .map(|id| Actor::new(ActorId::new(&id), id.as_str(), ActorKind::Country)),
                date,
                status,
                evidence: first.record.evidence,
                trigger: first.trigger,
                rule: first.rule,
                date_reason: first.date_reason,
            },
            date_conflict,
            sources,
            mentions: records,
        });
    }
    Ok(out)
}
