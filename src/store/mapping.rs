//! Articles and events ⇄ RDF quads in the article's own named graph.

use super::ban_row::{BAN_ROW_FORMAT, RowGroup};
use super::vocab::{self, gek};
use crate::fusion::FusedEvent;
use crate::model::{Actor, Article, Event, EventDate, EventType};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

fn iri(text: String) -> NamedNode {
    NamedNode::new_unchecked(text)
}

/// `gek:` term by local name.
pub fn gek(local: &str) -> NamedNode {
    iri(format!("{}{local}", vocab::GEK))
}

fn ns(base: &str, local: &str) -> NamedNode {
    iri(format!("{base}{local}"))
}

fn rdf_type() -> NamedNode {
    ns(vocab::RDF, "type")
}

/// Percent-encodes everything but unreserved characters, for ids inside IRIs.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The named graph that holds everything one source file said.
pub fn graph_iri(source: &str) -> NamedNode {
    iri(format!("{}graph/{}", vocab::DATA, encode(source)))
}

/// The IRI of an article version.
pub fn article_iri(article: &Article) -> NamedNode {
    iri(format!("{}article/{}", vocab::DATA, article.id))
}

/// The IRI of an actor.
pub fn actor_iri(actor: &Actor) -> NamedNode {
    iri(format!(
        "{}actor/{}",
        vocab::DATA,
        encode(actor.id.as_str())
    ))
}

/// The IRI of an event mention, by its id.
pub fn event_iri(id: &str) -> NamedNode {
    iri(format!("{}event/{id}", vocab::DATA))
}

/// The named graph that holds the fused events (one per real-world event).
pub fn fused_graph_iri() -> NamedNode {
    iri(format!("{}fused", vocab::DATA))
}

/// The IRI of a fused event, by its id.
pub fn fused_iri(id: &str) -> NamedNode {
    iri(format!("{}fused/{id}", vocab::DATA))
}

/// A deterministic event id: hash of article, type, agent, target, status and evidence span.
pub fn event_id(article: &Article, event: &Event) -> String {
    let key = format!(
        "{}|{}|{}|{}|{}|{}",
        article.id,
        event.event_type,
        event.agent.id,
        event.target.id,
        event.status,
        event.evidence.start
    );
    crate::model::sha256_hex(&key, 8)
}

fn string(text: &str) -> Term {
    Literal::new_simple_literal(text).into()
}

fn typed(text: String, datatype: &str) -> Term {
    Literal::new_typed_literal(text, ns(vocab::XSD, datatype)).into()
}

fn type_class(event_type: EventType) -> &'static str {
    let index = EventType::ALL
        .iter()
        .position(|t| *t == event_type)
        .expect("EventType::ALL lists every type");
    gek::TYPE_CLASSES[index]
}

struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNode, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::from(subject.clone()),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    /// An actor's core description: classes, label, id, kind and ISO code. Fused events carry
    /// only this, so their graph is the same however the events were fused.
    fn actor_core(&mut self, actor: &Actor) -> NamedNode {
        let node = actor_iri(actor);
        self.add(&node, rdf_type(), gek(gek::ACTOR));
        self.add(&node, rdf_type(), ns(vocab::SEM, "Actor"));
        if let Some((_, class)) = gek::KIND_CLASSES
            .iter()
            .find(|(k, _)| *k == actor.kind.as_str())
        {
            self.add(&node, rdf_type(), gek(class));
        }
        self.add(&node, ns(vocab::RDFS, "label"), string(&actor.label));
        self.add(&node, gek(gek::ACTOR_ID), string(actor.id.as_str()));
        self.add(&node, gek(gek::ACTOR_KIND), string(actor.kind.as_str()));
        if actor.is_country() {
            self.add(&node, gek(gek::ISO_CODE), string(actor.id.as_str()));
        }
        node
    }

    /// An actor's full description: the core, Wikidata link, role and employer.
    fn actor(&mut self, actor: &Actor) -> NamedNode {
        let node = self.actor_core(actor);
        if let Some(q) = &actor.wikidata {
            self.add(&node, ns(vocab::OWL, "sameAs"), ns(vocab::WD, q));
        }
        if let Some(role) = &actor.role {
            self.add(&node, gek(gek::ROLE), string(role));
        }
        if let Some(employer) = &actor.employer {
            let employer_node = iri(format!(
                "{}actor/{}",
                vocab::DATA,
                encode(employer.as_str())
            ));
            self.add(&node, gek(gek::EMPLOYER), employer_node);
        }
        node
    }

    /// The date properties: the text form, the typed value, precision and span.
    fn date(&mut self, ev: &NamedNode, date: EventDate) {
        self.add(ev, gek(gek::DATE_TEXT), string(&date.to_string()));
        self.add(ev, gek(gek::DATE_PRECISION), string(date.precision()));
        match date {
            EventDate::Day(d) => self.add(ev, gek(gek::DATE), typed(d.to_string(), "date")),
            EventDate::Month { year, month } => {
                self.add(
                    ev,
                    gek(gek::DATE),
                    typed(format!("{year:04}-{month:02}"), "gYearMonth"),
                );
            }
            EventDate::Year(year) => {
                self.add(ev, gek(gek::DATE), typed(format!("{year:04}"), "gYear"))
            }
            EventDate::Before(d) => self.add(ev, gek(gek::BEFORE), typed(d.to_string(), "date")),
        }
        if let Some(earliest) = date.earliest() {
            self.add(ev, gek(gek::EARLIEST), typed(earliest.to_string(), "date"));
        }
        if let Some(latest) = date.latest() {
            self.add(ev, gek(gek::LATEST), typed(latest.to_string(), "date"));
        }
    }
}

/// All quads for an article and its events, in the article's named graph.
pub fn article_quads(article: &Article, events: &[Event]) -> Vec<Quad> {
    let mut w = Writer {
        graph: GraphName::NamedNode(graph_iri(&article.source)),
        quads: Vec::new(),
    };
    let node = article_iri(article);
    w.add(&node, rdf_type(), gek(gek::ARTICLE));
    w.add(&node, rdf_type(), ns(vocab::PROV, "Entity"));
    w.add(&node, gek(gek::SOURCE_FILE), string(&article.source));
    w.add(&node, gek(gek::CONTENT_HASH), string(&article.id.0));
    w.add(
        &node,
        ns(vocab::DCTERMS, "issued"),
        typed(article.published.to_string(), "date"),
    );
    if let Some(title) = &article.title {
        w.add(&node, ns(vocab::DCTERMS, "title"), string(title));
    }
    if let Some(publisher) = &article.publisher {
        w.add(&node, ns(vocab::DCTERMS, "publisher"), string(publisher));
    }
    if let Some(author) = &article.author {
        w.add(&node, ns(vocab::DCTERMS, "creator"), string(author));
    }
    for event in events {
        let id = event_id(article, event);
        let ev = event_iri(&id);
        w.add(&ev, rdf_type(), gek(gek::EVENT));
        w.add(&ev, rdf_type(), gek(type_class(event.event_type)));
        w.add(&ev, rdf_type(), ns(vocab::SEM, "Event"));
        w.add(&ev, gek(gek::EVENT_TYPE), string(event.event_type.as_str()));
        let agent = w.actor(&event.agent);
        let target = w.actor(&event.target);
        w.add(&ev, gek(gek::AGENT), agent);
        w.add(&ev, gek(gek::TARGET), target);
        if let Some(requester) = &event.requester {
            let node = w.actor(requester);
            w.add(&ev, gek(gek::REQUESTER), node);
        }
        w.add(&ev, gek(gek::STATUS), string(event.status.as_str()));
        if let Some(date) = event.date {
            w.date(&ev, date);
        }
        w.add(&ev, gek(gek::TRIGGER), string(&event.trigger));
        w.add(&ev, gek(gek::RULE), string(&event.rule));
        w.add(&ev, gek(gek::DATE_REASON), string(&event.date_reason));
        w.add(&ev, ns(vocab::PROV, "wasDerivedFrom"), node.clone());
        let evidence = iri(format!("{}evidence/{id}", vocab::DATA));
        let position = iri(format!("{}evidence/{id}/position", vocab::DATA));
        let quote = iri(format!("{}evidence/{id}/quote", vocab::DATA));
        w.add(&ev, gek(gek::EVIDENCE_PROPERTY), evidence.clone());
        w.add(&evidence, rdf_type(), gek(gek::EVIDENCE));
        w.add(&evidence, rdf_type(), ns(vocab::OA, "SpecificResource"));
        w.add(&evidence, ns(vocab::OA, "hasSource"), node.clone());
        w.add(&evidence, ns(vocab::OA, "hasSelector"), position.clone());
        w.add(&evidence, ns(vocab::OA, "hasSelector"), quote.clone());
        w.add(&position, rdf_type(), ns(vocab::OA, "TextPositionSelector"));
        w.add(
            &position,
            ns(vocab::OA, "start"),
            typed(event.evidence.start.to_string(), "nonNegativeInteger"),
        );
        w.add(
            &position,
            ns(vocab::OA, "end"),
            typed(event.evidence.end.to_string(), "nonNegativeInteger"),
        );
        w.add(&quote, rdf_type(), ns(vocab::OA, "TextQuoteSelector"));
        w.add(&quote, ns(vocab::OA, "exact"), string(&event.evidence.text));
    }
    w.quads
}

/// All quads for fused events, in the fused graph: each event with its key, date, counts and
/// mentions. Its actors are described apart ([`fused_actor_quads`]), once per store; the rows of
/// its measures are written by group ([`ban_rows_quads`]).
pub fn fused_quads<'a>(
    events: impl IntoIterator<Item = (&'a FusedEvent, &'a Actor, &'a Actor)>,
) -> Vec<Quad> {
    let mut w = Writer {
        graph: GraphName::NamedNode(fused_graph_iri()),
        quads: Vec::new(),
    };
    for (fused, agent, target) in events {
        let node = fused_iri(&fused.id);
        w.add(&node, rdf_type(), gek(gek::FUSED_EVENT));
        w.add(&node, rdf_type(), ns(vocab::SEM, "Event"));
        w.add(
            &node,
            gek(gek::EVENT_TYPE),
            string(fused.key.event_type.as_str()),
        );
        w.add(&node, gek(gek::AGENT), actor_iri(agent));
        w.add(&node, gek(gek::TARGET), actor_iri(target));
        w.add(&node, gek(gek::STATUS), string(fused.key.status.as_str()));
        w.add(&node, gek(gek::FUSION_KEY), string(&fused.key.to_text()));
        if let Some(date) = fused.date {
            w.date(&node, date);
        }
        w.add(
            &node,
            gek(gek::DATE_CONFLICT),
            typed(fused.date_conflict.to_string(), "boolean"),
        );
        w.add(
            &node,
            gek(gek::MENTION_COUNT),
            typed(fused.mentions.len().to_string(), "integer"),
        );
        w.add(
            &node,
            gek(gek::SOURCE_COUNT),
            typed(fused.sources().to_string(), "integer"),
        );
        for mention in &fused.mentions {
            w.add(&node, gek(gek::MENTION), iri(mention.id.clone()));
            w.add(&node, gek(gek::SOURCE), string(&mention.source));
        }
    }
    w.quads
}

/// The IRI of a group of `geokg bans` rows: `ban-rows/AGENT/BUCKET/TYPES`.
pub fn ban_rows_iri(group: &RowGroup) -> NamedNode {
    iri(format!(
        "{}ban-rows/{}/{}/{}",
        vocab::DATA,
        encode(&group.agent),
        group.bucket,
        group.types.as_str()
    ))
}

/// A group of `geokg bans` rows in the fused graph: its literal (under its type group's
/// property, `text` as [`super::ban_row::group_text`] makes it), the lower-cased agent id and
/// the target bucket.
pub fn ban_rows_quads(group: &RowGroup, text: &str) -> Vec<Quad> {
    let mut w = Writer {
        graph: GraphName::NamedNode(fused_graph_iri()),
        quads: Vec::new(),
    };
    let node = ban_rows_iri(group);
    w.add(&node, gek(group.types.property()), string(text));
    w.add(
        &node,
        gek(gek::BAN_ROWS_AGENT),
        string(&group.agent.to_ascii_lowercase()),
    );
    w.add(
        &node,
        gek(gek::BAN_ROWS_BUCKET),
        Literal::from(i64::from(group.bucket)),
    );
    w.quads
}

/// The statement that every fused measure in the fused graph has its row in its group:
/// `geo:fused gek:banRowFormat 3` in the fused graph.
pub fn ban_row_format_quad() -> Quad {
    ban_row_format_quad_of(BAN_ROW_FORMAT)
}

/// `geo:fused gek:banRowFormat FORMAT` in the fused graph, for any format (an older geokg's
/// too).
pub fn ban_row_format_quad_of(format: u32) -> Quad {
    let graph = fused_graph_iri();
    Quad::new(
        graph.clone(),
        gek(gek::BAN_ROW_FORMAT),
        Literal::from(i64::from(format)),
        GraphName::NamedNode(graph),
    )
}

/// The core description (classes, label, id, kind, ISO code) of actors, in the fused graph, so
/// that readers of fused events need no other graph.
pub fn fused_actor_quads<'a>(actors: impl IntoIterator<Item = &'a Actor>) -> Vec<Quad> {
    let mut w = Writer {
        graph: GraphName::NamedNode(fused_graph_iri()),
        quads: Vec::new(),
    };
    for actor in actors {
        w.actor_core(actor);
    }
    w.quads
}
