//! The actor graph: actors as nodes, events as directed edges from agent to target, and the
//! [`Filter`] that picks the events.
//!
//! The entry point is [`ActorGraph::from_events`].

use crate::model::{ActorId, ActorKind, Event, EventDate, EventStatus, EventType};
use chrono::NaiveDate;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// Which events go into a graph: types, statuses and a date range.
///
/// Fuzzy dates compare by overlap, as in the timeline ([`EventDate::may_fall_within`]): an event
/// passes `from`/`to` when the span it may denote overlaps the range, "before X" counting as the
/// day before X. Undated events pass only when neither bound is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Event types kept (default: all eleven).
    pub types: BTreeSet<EventType>,
    /// Statuses kept (default: actual only; planned or negated acts are not acts).
    pub statuses: BTreeSet<EventStatus>,
    /// Keep events that may have happened on or after this day.
    pub from: Option<NaiveDate>,
    /// Keep events that may have happened on or before this day.
    pub to: Option<NaiveDate>,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            types: EventType::ALL.into_iter().collect(),
            statuses: BTreeSet::from([EventStatus::Actual]),
            from: None,
            to: None,
        }
    }
}

impl Filter {
    /// The default filter restricted to these types.
    pub fn with_types(mut self, types: impl IntoIterator<Item = EventType>) -> Self {
        self.types = types.into_iter().collect();
        self
    }

    /// The filter with these statuses instead of "actual".
    pub fn with_statuses(mut self, statuses: impl IntoIterator<Item = EventStatus>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// True when `event` passes the type, status and date conditions.
    pub fn matches(&self, event: &Event) -> bool {
        self.types.contains(&event.event_type)
            && self.statuses.contains(&event.status)
            && self.overlaps(event.date)
    }

    fn overlaps(&self, date: Option<EventDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|date| date.may_fall_within(self.from, self.to))
    }
}

/// An actor as a node: id, the label most events give it, kind, and employer where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorNode {
    /// Stable id (`"USA"`, `"huawei"`).
    pub id: ActorId,
    /// The label given most often (ties: the alphabetically first).
    pub label: String,
    /// Country, firm, person or body (the one given with that label).
    pub kind: ActorKind,
    /// The alphabetically first employer any event gives the actor.
    pub employer: Option<ActorId>,
}

impl ActorNode {
    /// True for countries.
    pub fn is_country(&self) -> bool {
        self.kind == ActorKind::Country
    }
}

/// All events with the same agent, target, type, date and status, as one edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventEdge {
    /// Ban, sanction, arrest...
    pub event_type: EventType,
    /// When; `None` when no article dates it.
    pub date: Option<EventDate>,
    /// Actual, planned, considered or negated.
    pub status: EventStatus,
    /// How many events (mentions in articles) collapsed into this edge.
    pub mentions: usize,
    /// The articles that state it, sorted, each once.
    pub articles: Vec<String>,
}

/// One edge with its two ends, as [`ActorGraph::edges`] yields it.
#[derive(Debug, Clone, Copy)]
pub struct Edge<'a> {
    /// Who acts.
    pub agent: &'a ActorNode,
    /// Whom it acts on.
    pub target: &'a ActorNode,
    /// The collapsed events.
    pub event: &'a EventEdge,
}

/// Actors as nodes and events as directed edges (agent → target), built with petgraph.
///
/// Nodes are added in actor-id order and edges in (agent, target, type, date, status) order, so
/// node indices, iteration and everything computed from them are the same for the same events.
#[derive(Debug, Clone, Default)]
pub struct ActorGraph {
    graph: StableDiGraph<ActorNode, EventEdge>,
    ids: BTreeMap<ActorId, NodeIndex>,
}

/// Orders edges; dates by [`EventDate::sort_key`] (undated first), which tells the four forms
/// apart.
type EdgeKey = (
    ActorId,
    ActorId,
    EventType,
    Option<(NaiveDate, u8)>,
    EventStatus,
);

#[derive(Default)]
struct NodeFacts {
    /// (label, kind name) → (count, kind).
    labels: BTreeMap<(String, &'static str), (usize, Option<ActorKind>)>,
    employers: BTreeSet<ActorId>,
}

impl NodeFacts {
    fn add(&mut self, actor: &crate::model::Actor) {
        let entry = self
            .labels
            .entry((actor.label.to_string(), actor.kind.as_str()))
            .or_insert((0, Some(actor.kind)));
        entry.0 += 1;
        if let Some(employer) = &actor.employer {
            self.employers.insert(employer.clone());
        }
    }

    fn into_node(self, id: ActorId) -> ActorNode {
        // max_by_key keeps the last maximum; iterating in reverse makes it the first in order.
        let best = self
            .labels
            .into_iter()
            .rev()
            .max_by_key(|(_, (count, _))| *count);
        let (label, kind) = best.map_or_else(
            || (id.to_string(), ActorKind::Body),
            |((label, _), (_, kind))| (label, kind.unwrap_or(ActorKind::Body)),
        );
        ActorNode {
            id,
            label,
            kind,
            employer: self.employers.into_iter().next(),
        }
    }
}

impl ActorGraph {
    /// Builds the graph of the events that pass `filter`: one node per actor appearing as agent
    /// or target, one edge per distinct (agent, target, type, date, status), counting mentions.
    ///
    /// # Complexity
    /// O(e log e) for e events (sorting by key).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>, filter: &Filter) -> Self {
        let mut facts: BTreeMap<ActorId, NodeFacts> = BTreeMap::new();
        let mut edges: BTreeMap<EdgeKey, EventEdge> = BTreeMap::new();
        for event in events.into_iter().filter(|e| filter.matches(e)) {
            facts
                .entry(event.agent.id.clone())
                .or_default()
                .add(&event.agent);
            facts
                .entry(event.target.id.clone())
                .or_default()
                .add(&event.target);
            let key = (
                event.agent.id.clone(),
                event.target.id.clone(),
                event.event_type,
                event.date.map(EventDate::sort_key),
                event.status,
            );
            let edge = edges.entry(key).or_insert_with(|| EventEdge {
                event_type: event.event_type,
                date: event.date,
                status: event.status,
                mentions: 0,
                articles: Vec::new(),
            });
            edge.mentions += 1;
            edge.articles.push(event.article.clone());
        }
        let mut graph = StableDiGraph::with_capacity(facts.len(), edges.len());
        let mut ids = BTreeMap::new();
        for (id, node_facts) in facts {
            let index = graph.add_node(node_facts.into_node(id.clone()));
            ids.insert(id, index);
        }
        for ((agent, target, ..), mut edge) in edges {
            edge.articles.sort();
            edge.articles.dedup();
            // Both ends were added with the facts above.
            if let (Some(&a), Some(&t)) = (ids.get(&agent), ids.get(&target)) {
                graph.add_edge(a, t, edge);
            }
        }
        Self { graph, ids }
    }

    /// The petgraph graph itself (node indices follow actor-id order).
    pub fn graph(&self) -> &StableDiGraph<ActorNode, EventEdge> {
        &self.graph
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges (distinct collapsed events).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// True when no event passed the filter.
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    /// The actors, in id order.
    pub fn actors(&self) -> impl Iterator<Item = &ActorNode> + '_ {
        self.ids.values().map(|&i| &self.graph[i])
    }

    /// The actor with this id, if any event of the graph names it.
    pub fn actor(&self, id: &ActorId) -> Option<&ActorNode> {
        self.ids.get(id).map(|&i| &self.graph[i])
    }

    /// The node index of an actor.
    pub fn index(&self, id: &ActorId) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    /// The id of the actor whose id equals `text` ignoring ASCII case (`"can"` finds `CAN`).
    pub fn find(&self, text: &str) -> Option<&ActorId> {
        let text = text.trim();
        self.ids
            .get_key_value(&ActorId::new(text))
            .map(|(id, _)| id)
            .or_else(|| {
                self.ids
                    .keys()
                    .find(|id| id.as_str().eq_ignore_ascii_case(text))
            })
    }

    /// Every edge with its ends, in (agent, target, type, date, status) order.
    pub fn edges(&self) -> impl Iterator<Item = Edge<'_>> + '_ {
        self.graph.edge_indices().filter_map(|e| {
            let (a, t) = self.graph.edge_endpoints(e)?;
            Some(Edge {
                agent: &self.graph[a],
                target: &self.graph[t],
                event: &self.graph[e],
            })
        })
    }

    /// The edges from `agent` to `target`, in (type, date, status) order.
    pub fn edges_between(&self, agent: &ActorId, target: &ActorId) -> Vec<Edge<'_>> {
        let (Some(a), Some(t)) = (self.index(agent), self.index(target)) else {
            return Vec::new();
        };
        let mut found: Vec<_> = self.graph.edges_connecting(a, t).map(|e| e.id()).collect();
        found.sort();
        found
            .into_iter()
            .map(|e| Edge {
                agent: &self.graph[a],
                target: &self.graph[t],
                event: &self.graph[e],
            })
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Actor;

    /// A test event: `agent` acts on `target`; kinds from the id (upper case: country).
    pub fn event(kind: EventType, agent: &str, target: &str, date: &str) -> Event {
        let actor = |id: &str| {
            let kind = if id.chars().all(|c| c.is_ascii_uppercase()) {
                ActorKind::Country
            } else {
                ActorKind::Firm
            };
            Actor::new(ActorId::new(id), id.to_uppercase(), kind)
        };
        Event::outline(
            format!("{agent}-{target}-{date}.txt"),
            kind,
            actor(agent),
            actor(target),
            date.parse().ok(),
            EventStatus::Actual,
        )
    }

    #[test]
    fn same_events_collapse_into_one_edge_counting_mentions() {
        let mut again = event(EventType::Ban, "USA", "huawei", "2019-05");
        again.article = "other.txt".into();
        let events = [
            event(EventType::Ban, "USA", "huawei", "2019-05"),
            again,
            event(EventType::Ban, "USA", "huawei", "2019-05-15"),
            event(EventType::Sanction, "USA", "huawei", "2019-05"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        assert_eq!(graph.actor_count(), 2);
        let edges: Vec<(String, usize)> = graph
            .edges()
            .map(|e| {
                (
                    format!(
                        "{} {} {}",
                        e.event.event_type,
                        e.event.date.map(|d| d.to_string()).unwrap_or_default(),
                        e.event.articles.join("+")
                    ),
                    e.event.mentions,
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                (
                    "ban 2019-05 USA-huawei-2019-05.txt+other.txt".to_string(),
                    2
                ),
                ("ban 2019-05-15 USA-huawei-2019-05-15.txt".to_string(), 1),
                ("sanction 2019-05 USA-huawei-2019-05.txt".to_string(), 1),
            ]
        );
    }

    #[test]
    fn the_filter_keeps_types_statuses_and_overlapping_dates() {
        let mut planned = event(EventType::Ban, "GBR", "huawei", "2020-01");
        planned.status = EventStatus::Planned;
        let events = [
            event(EventType::Ban, "USA", "huawei", "2019-05"),
            event(EventType::Ban, "AUS", "huawei", "<2018-08-23"),
            event(EventType::Arrest, "CAN", "meng", "2018-12-01"),
            event(EventType::Ban, "JPN", "huawei", "2018"),
            event(EventType::Ban, "NZL", "huawei", "undated"),
            planned,
        ];
        let agents = |filter: &Filter| -> Vec<String> {
            let graph = ActorGraph::from_events(&events, filter);
            graph.edges().map(|e| e.agent.id.to_string()).collect()
        };
        let bans = Filter::default().with_types([EventType::Ban]);
        assert_eq!(agents(&bans), ["AUS", "JPN", "NZL", "USA"]);
        let from = NaiveDate::from_ymd_opt(2018, 12, 1);
        let since = Filter {
            from,
            ..bans.clone()
        };
        assert_eq!(agents(&since), ["JPN", "USA"], "the 2018 span overlaps");
        let until = Filter {
            to: NaiveDate::from_ymd_opt(2018, 12, 31),
            ..bans.clone()
        };
        assert_eq!(
            agents(&until),
            ["AUS", "JPN"],
            "before X sits on the day before X"
        );
        let all_statuses = bans.with_statuses(EventStatus::ALL);
        assert_eq!(agents(&all_statuses), ["AUS", "GBR", "JPN", "NZL", "USA"]);
    }

    #[test]
    fn nodes_follow_id_order_and_ids_are_found_ignoring_case() {
        let events = [
            event(EventType::Ban, "USA", "zte", "2018"),
            event(EventType::Ban, "AUS", "huawei", "2018"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        let ids: Vec<&str> = graph.actors().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["AUS", "USA", "huawei", "zte"]);
        assert_eq!(graph.find("usa").map(ActorId::as_str), Some("USA"));
        assert_eq!(graph.find("ZTE").map(ActorId::as_str), Some("zte"));
        assert_eq!(graph.find("GBR"), None);
        let usa = ActorId::new("USA");
        assert_eq!(graph.index(&usa).map(|i| i.index()), Some(1));
    }
}
