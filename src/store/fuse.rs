//! Fusion of the whole store after a bulk load, streamed so that memory does not grow with the
//! store: mentions are read agent by agent from the store's `gek:agent` index (every fusion key
//! has one agent, so each agent's mentions hold whole keys), fused, and written through the bulk
//! loader, which takes them in bounded batches.
//!
//! The entry point is [`EventStore::fuse_all`].

use super::{EventStore, StoreError, ban_row, mapping, term_text, vocab};
use crate::fusion::{self, FusionKey, Mention};
use crate::model::{Actor, ActorId, ActorKind};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term,
};
use oxigraph::store::StorageError;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Memory the bulk loader may use for the fused events' batches, in megabytes: they are a
/// fraction of the article graphs, so a small batch loads them about as fast.
const FUSE_MEMORY_MEGABYTES: usize = 128;

/// Quads removed per transaction when the fused graph is cleared before a rebuild.
const CLEAR_CHUNK_QUADS: usize = 100_000;

impl EventStore {
    /// Rebuilds every fused event from the stored mentions (after a bulk load, or to repair);
    /// returns how many fused events there are. The mentions are read one agent at a time, so
    /// memory holds one agent's mentions, not the store's. The rebuild uses the bulk loader, so
    /// it is not one transaction: run it again if it is interrupted.
    ///
    /// # Errors
    /// [`StoreError`] when reading or writing fails.
    pub fn fuse_all(&self) -> Result<usize, StoreError> {
        let graph = mapping::fused_graph_iri();
        self.clear_in_chunks(graph.as_ref())?;
        self.store.insert_named_graph(graph.as_ref())?;
        let mut groups = MentionGroups::new(self, graph);
        let mut described: HashSet<String> = HashSet::new();
        let mut count = 0;
        let quads = std::iter::from_fn(|| groups.next())
            .map(|group| {
                group.map(|group| {
                    let (quads, fused) = fused_quads(group, &mut described);
                    count += fused;
                    quads
                })
            })
            .flat_map(|result| {
                let (quads, error) = match result {
                    Ok(quads) => (quads, None),
                    Err(error) => (Vec::new(), Some(error)),
                };
                quads.into_iter().map(Ok).chain(error.map(Err))
            });
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(FUSE_MEMORY_MEGABYTES);
        loader.load_ok_quads::<StoreError, StoreError>(quads)?;
        loader.commit()?;
        // Only now is every fused measure's row stored; an interrupted rebuild leaves readers
        // on the statements (clearing the graph removed any older format's statement).
        self.store.insert(mapping::ban_row_format_quad().as_ref())?;
        Ok(count)
    }

    /// True when the fused graph holds fused events but does not state that all their
    /// `geokg bans` rows are written in this geokg's format (an older geokg wrote it, a
    /// per-article ingest by this one followed, or a rebuild was interrupted); [`Self::fuse_all`]
    /// brings it up to date. `geokg bans` gives the same answer either way, more slowly.
    ///
    /// # Errors
    /// [`StoreError`] when reading fails.
    pub fn needs_fusion_rebuild(&self) -> Result<bool, StoreError> {
        if self
            .store
            .contains(mapping::ban_row_format_quad().as_ref())?
        {
            return Ok(false);
        }
        let graph = mapping::fused_graph_iri();
        let fused_class = mapping::gek(vocab::gek::FUSED_EVENT);
        let rdf_type = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
        Ok(self
            .store
            .quads_for_pattern(
                None,
                Some(rdf_type.as_ref()),
                Some(fused_class.as_ref().into()),
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .next()
            .transpose()?
            .is_some())
    }

    /// Splits the `geokg bans` row groups of a fused graph marked format 2 (one literal per
    /// agent and target bucket, every type under `gek:banRows`) into this format's groups, in
    /// one transaction, and marks the graph format 3; returns whether it did. The rows are the
    /// same text, so this takes seconds where a rebuild of fusion takes most of an ingest (40
    /// minutes at 1.58M events). A row that does not read as one is left out, as readers skip
    /// it.
    ///
    /// # Errors
    /// [`StoreError`] when reading or writing fails; the store is then unchanged.
    pub fn upgrade_ban_rows(&self) -> Result<bool, StoreError> {
        let graph = mapping::fused_graph_iri();
        let graph_name = GraphNameRef::NamedNode(graph.as_ref());
        let old_mark = mapping::ban_row_format_quad_of(ban_row::UNTYPED_GROUP_FORMAT);
        if !self.store.contains(old_mark.as_ref())? {
            return Ok(false);
        }
        let rows_property = mapping::gek(vocab::gek::BAN_ROWS);
        let mut transaction = self.store.start_transaction()?;
        let mut stale = Vec::new();
        let mut groups: BTreeMap<ban_row::RowGroup, Vec<String>> = BTreeMap::new();
        let old_groups = transaction
            .quads_for_pattern(None, Some(rows_property.as_ref()), None, Some(graph_name))
            .collect::<Result<Vec<_>, _>>()?;
        for quad in old_groups {
            if let Term::Literal(literal) = &quad.object {
                for line in ban_row::group_lines(literal.value()) {
                    if let Some(row) = ban_row::BanRow::from_text(line) {
                        groups
                            .entry(ban_row::RowGroup::of(
                                row.agent.id.as_str(),
                                row.target.id.as_str(),
                                row.event_type,
                            ))
                            .or_default()
                            .push(line.to_string());
                    }
                }
            }
            // The group's agent and bucket go with it.
            for stated in transaction.quads_for_pattern(
                Some(quad.subject.as_ref()),
                None,
                None,
                Some(graph_name),
            ) {
                stale.push(stated?);
            }
        }
        for quad in &stale {
            transaction.remove(quad);
        }
        for (group, rows) in groups {
            let quads = mapping::ban_rows_quads(&group, &ban_row::group_text(rows));
            transaction.extend(quads.iter());
        }
        transaction.remove(old_mark.as_ref());
        transaction.insert(mapping::ban_row_format_quad().as_ref());
        transaction.commit()?;
        Ok(true)
    }

    /// Empties a graph a chunk of quads per transaction: one transaction over a large fused
    /// graph would hold every removal in memory.
    fn clear_in_chunks(&self, graph: NamedNodeRef<'_>) -> Result<(), StoreError> {
        // One snapshot read through once, so removed quads are not scanned again.
        let mut stored =
            self.store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)));
        loop {
            let quads = stored
                .by_ref()
                .take(CLEAR_CHUNK_QUADS)
                .collect::<Result<Vec<_>, _>>()?;
            if quads.is_empty() {
                return Ok(());
            }
            let mut transaction = self.store.start_transaction()?;
            for quad in &quads {
                transaction.remove(quad);
            }
            transaction.commit()?;
        }
    }
}

/// The fused-graph quads of one agent's mentions (events, `geokg bans` row groups), and how many
/// fused events they make. Actors not in `described` yet are described (and added to it).
pub(super) fn fused_quads(
    group: Vec<StoredMention>,
    described: &mut HashSet<String>,
) -> (Vec<Quad>, usize) {
    let mut actors: BTreeMap<FusionKey, (Actor, Actor)> = BTreeMap::new();
    let mut mentions = Vec::with_capacity(group.len());
    for stored in group {
        actors.insert(stored.key.clone(), stored.actors);
        mentions.push((stored.key, stored.mention));
    }
    let fused = fusion::fuse(mentions);
    let events: Vec<_> = fused
        .iter()
        .filter_map(|f| actors.get(&f.key).map(|(agent, target)| (f, agent, target)))
        .collect();
    let mut quads = mapping::fused_quads(events.iter().copied());
    // Every row of this agent is here (its mentions hold whole keys), so its groups are whole.
    for (group, rows) in ban_row::group_rows(events) {
        quads.extend(mapping::ban_rows_quads(&group, &ban_row::group_text(rows)));
    }
    let mut new_actors: BTreeMap<&str, &Actor> = BTreeMap::new();
    for (agent, target) in actors.values() {
        for actor in [agent, target] {
            if !described.contains(actor.id.as_str()) {
                new_actors.entry(actor.id.as_str()).or_insert(actor);
            }
        }
    }
    described.extend(new_actors.keys().map(|id| (*id).to_string()));
    quads.extend(mapping::fused_actor_quads(new_actors.into_values()));
    (quads, fused.len())
}

/// A mention as stored: its key, the mention, and its two actors.
pub(super) struct StoredMention {
    pub(super) key: FusionKey,
    pub(super) mention: Mention,
    pub(super) actors: (Actor, Actor),
}

/// The stored mentions, one agent's at a time, read from the `gek:agent` index (ordered by
/// agent): the same mentions as `GRAPH ?g { ?event gek:eventType ?type ; gek:status ?status ;
/// gek:agent ?a ; gek:target ?t ; prov:wasDerivedFrom ?article . ?a gek:actorId … ;
/// rdfs:label … ; gek:actorKind … . ?t … . ?article gek:sourceFile ?source }`.
struct MentionGroups<'a> {
    store: &'a EventStore,
    /// Every `?event gek:agent ?a` link, grouped by agent.
    links: Box<dyn Iterator<Item = Result<Quad, StorageError>>>,
    /// The first link of the next agent, read while closing the previous group.
    pending: Option<Quad>,
    fused_graph: GraphName,
    properties: Properties,
    /// Actor descriptions by node (the first graph's; every graph describes an actor alike).
    actors: HashMap<NamedNode, Actor>,
}

/// The predicates a mention is read with.
struct Properties {
    event_type: NamedNode,
    status: NamedNode,
    target: NamedNode,
    date_text: NamedNode,
    derived_from: NamedNode,
    source_file: NamedNode,
    actor_id: NamedNode,
    label: NamedNode,
    actor_kind: NamedNode,
}

impl<'a> MentionGroups<'a> {
    fn new(store: &'a EventStore, fused_graph: NamedNode) -> Self {
        let agent = mapping::gek(vocab::gek::AGENT);
        let links = store
            .store
            .quads_for_pattern(None, Some(agent.as_ref()), None, None);
        // The on-disk store answers from its predicate-object index, grouped by agent; the
        // in-memory one in no set order, so its links are sorted first (tests and small runs).
        let links: Box<dyn Iterator<Item = Result<Quad, StorageError>>> = if store.in_memory {
            let mut all: Vec<Result<Quad, StorageError>> = links.collect();
            all.sort_by_cached_key(|link| link.as_ref().ok().map(|q| q.object.to_string()));
            Box::new(all.into_iter())
        } else {
            Box::new(links)
        };
        Self {
            store,
            links,
            pending: None,
            fused_graph: GraphName::NamedNode(fused_graph),
            properties: Properties {
                event_type: mapping::gek(vocab::gek::EVENT_TYPE),
                status: mapping::gek(vocab::gek::STATUS),
                target: mapping::gek(vocab::gek::TARGET),
                date_text: mapping::gek(vocab::gek::DATE_TEXT),
                derived_from: NamedNode::new_unchecked(format!("{}wasDerivedFrom", vocab::PROV)),
                source_file: mapping::gek(vocab::gek::SOURCE_FILE),
                actor_id: mapping::gek(vocab::gek::ACTOR_ID),
                label: NamedNode::new_unchecked(format!("{}label", vocab::RDFS)),
                actor_kind: mapping::gek(vocab::gek::ACTOR_KIND),
            },
            actors: HashMap::new(),
        }
    }

    /// The next agent's mentions; `None` once every agent has been read.
    fn next(&mut self) -> Option<Result<Vec<StoredMention>, StoreError>> {
        let mut group = Vec::new();
        let mut agent: Option<Term> = None;
        loop {
            let link = match self.pending.take() {
                Some(link) => link,
                None => match self.links.next() {
                    None => break,
                    Some(Err(error)) => return Some(Err(error.into())),
                    Some(Ok(link)) => link,
                },
            };
            // The fused graph names agents too; it is being rebuilt.
            if link.graph_name == self.fused_graph || link.graph_name.is_default_graph() {
                continue;
            }
            match &agent {
                Some(current) if *current != link.object => {
                    self.pending = Some(link);
                    break;
                }
                Some(_) => {}
                None => agent = Some(link.object.clone()),
            }
            match self.mention(&link) {
                Ok(Some(mention)) => group.push(mention),
                Ok(None) => {}
                Err(error) => return Some(Err(error)),
            }
        }
        agent.map(|_| Ok(group))
    }

    /// The mention a `?event gek:agent ?a` link belongs to, or `None` when the event lacks
    /// what a geokg mention has.
    fn mention(&mut self, link: &Quad) -> Result<Option<StoredMention>, StoreError> {
        let graph = link.graph_name.as_ref();
        let event = link.subject.as_ref();
        let p = &self.properties;
        let text = |term: Option<Term>| term.map(|t| term_text(&t));
        let (Some(Ok(event_type)), Some(Ok(status))) = (
            text(self.object(event, p.event_type.as_ref(), graph)?).map(|t| t.parse()),
            text(self.object(event, p.status.as_ref(), graph)?).map(|t| t.parse()),
        ) else {
            return Ok(None);
        };
        let Some(Term::NamedNode(target)) = self.object(event, p.target.as_ref(), graph)? else {
            return Ok(None);
        };
        let Some(Term::NamedNode(article)) = self.object(event, p.derived_from.as_ref(), graph)?
        else {
            return Ok(None);
        };
        let Some(source) = text(self.object(
            article.as_ref().into(),
            self.properties.source_file.as_ref(),
            graph,
        )?) else {
            return Ok(None);
        };
        let date = text(self.object(event, self.properties.date_text.as_ref(), graph)?)
            .and_then(|d| d.parse().ok());
        let Term::NamedNode(agent) = &link.object else {
            return Ok(None);
        };
        let (Some(agent), Some(target)) = (self.actor(agent, graph)?, self.actor(&target, graph)?)
        else {
            return Ok(None);
        };
        let NamedOrBlankNodeRef::NamedNode(event) = event else {
            return Ok(None);
        };
        Ok(Some(StoredMention {
            key: FusionKey::new(event_type, agent.id.as_str(), target.id.as_str(), status),
            mention: Mention::new(event.as_str(), source, date),
            actors: (agent, target),
        }))
    }

    /// The object of `subject property ?o` in `graph` (the first, when there are several).
    fn object(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        property: NamedNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Option<Term>, StoreError> {
        Ok(self
            .store
            .store
            .quads_for_pattern(Some(subject), Some(property), None, Some(graph))
            .next()
            .transpose()?
            .map(|quad| quad.object))
    }

    /// An actor's id, label and kind as `graph` describes it (all three are needed).
    fn actor(
        &mut self,
        node: &NamedNode,
        graph: GraphNameRef<'_>,
    ) -> Result<Option<Actor>, StoreError> {
        if let Some(actor) = self.actors.get(node) {
            return Ok(Some(actor.clone()));
        }
        let p = &self.properties;
        let subject = NamedOrBlankNodeRef::from(node.as_ref());
        let text = |property: &NamedNode| -> Result<Option<String>, StoreError> {
            Ok(self
                .object(subject, property.as_ref(), graph)?
                .map(|t| term_text(&t)))
        };
        let actor = match (text(&p.actor_id)?, text(&p.label)?, text(&p.actor_kind)?) {
            (Some(id), Some(label), Some(kind)) => Some(Actor::new(
                ActorId::new(id),
                label,
                ActorKind::from_name(&kind).unwrap_or(ActorKind::Body),
            )),
            _ => None,
        };
        // An actor described in no graph so far may be described in the next one.
        if let Some(actor) = &actor {
            self.actors.insert(node.clone(), actor.clone());
        }
        Ok(actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fused graph as sorted N-Quads lines.
    fn fused_graph(store: &EventStore) -> Result<Vec<String>, StoreError> {
        let graph = mapping::fused_graph_iri();
        let mut lines = store
            .store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .map(|quad| quad.map(|q| q.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        lines.sort();
        Ok(lines)
    }

    #[test]
    fn a_rebuild_in_memory_gives_the_fused_graph_that_puts_built()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = EventStore::in_memory()?;
        for (article, events) in crate::synth::extracted(7, 0..40)? {
            store.put_article(&article, &events)?;
        }
        let built = fused_graph(&store)?;
        assert!(built.len() > 100);
        store.fuse_all()?;
        let rebuilt = fused_graph(&store)?;
        crate::store::assert_same_quads(&built, &rebuilt);
        Ok(())
    }
}
