//! Blocs: agents that act against the same targets, grouped by label propagation on the
//! co-action graph.
//!
//! The entry points are [`co_action`] and [`blocs`].

use super::{ActorGraph, ActorNode};
use crate::model::ActorId;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// Label propagation stops after this many rounds even if labels still change.
pub const LABEL_PROPAGATION_ROUNDS: usize = 100;

/// The co-action graph: agents as nodes (in id order), linked when they acted against at least
/// one same target; each edge holds the shared targets (its weight is their number).
#[derive(Debug, Clone, Default)]
pub struct CoAction {
    /// The petgraph graph; node `i` is the i-th agent in id order.
    pub graph: UnGraph<ActorNode, Vec<ActorId>>,
}

/// A member of a bloc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlocMember {
    /// The agent.
    pub actor: ActorNode,
    /// Its weighted degree in the co-action graph: shared targets summed over its co-actors.
    pub shared_targets: usize,
}

/// A community of the co-action graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bloc {
    /// Named after its smallest member id.
    pub id: ActorId,
    /// Members in id order.
    pub members: Vec<BlocMember>,
}

/// Builds the co-action graph of the graph's agents (countries only when `countries_only`):
/// two agents are linked when they acted against the same target, weighted by the number of
/// distinct targets they share. Agents sharing no target are nodes without edges.
///
/// # Complexity
/// O(e + Σ_t a_t²) for e edges and a_t agents acting against target t.
pub fn co_action(graph: &ActorGraph, countries_only: bool) -> CoAction {
    let mut targets_of: BTreeMap<&ActorId, BTreeSet<&ActorId>> = BTreeMap::new();
    let mut agents: BTreeMap<&ActorId, &ActorNode> = BTreeMap::new();
    for edge in graph.edges() {
        if countries_only && !edge.agent.is_country() || edge.agent.id == edge.target.id {
            continue;
        }
        agents.insert(&edge.agent.id, edge.agent);
        targets_of
            .entry(&edge.target.id)
            .or_default()
            .insert(&edge.agent.id);
    }
    let mut co = CoAction::default();
    let index: BTreeMap<&ActorId, NodeIndex> = agents
        .iter()
        .map(|(id, node)| (*id, co.graph.add_node((*node).clone())))
        .collect();
    let mut shared: BTreeMap<(NodeIndex, NodeIndex), Vec<ActorId>> = BTreeMap::new();
    for (target, acting) in &targets_of {
        let acting: Vec<NodeIndex> = acting
            .iter()
            .filter_map(|a| index.get(a).copied())
            .collect();
        for (i, &a) in acting.iter().enumerate() {
            for &b in &acting[i + 1..] {
                shared.entry((a, b)).or_default().push((*target).clone());
            }
        }
    }
    for ((a, b), targets) in shared {
        co.graph.add_edge(a, b, targets);
    }
    co
}

/// Communities of the co-action graph by label propagation, made deterministic: every agent
/// starts with its own label; in each round agents are visited in id order and take the label
/// with the largest total edge weight among their neighbours (ties: the smallest label, i.e. the
/// label of the smallest id), updating in place; rounds stop when nothing changes or after
/// [`LABEL_PROPAGATION_ROUNDS`]. No randomness, so the same graph always gives the same blocs.
/// Agents with no co-actor stay blocs of one. Blocs come largest first, then by id.
///
/// # Complexity
/// O(k · (n + m) log n) for k rounds, n agents and m co-action edges.
pub fn blocs(co: &CoAction) -> Vec<Bloc> {
    let graph = &co.graph;
    let mut labels: Vec<usize> = graph.node_indices().map(NodeIndex::index).collect();
    for _ in 0..LABEL_PROPAGATION_ROUNDS {
        let mut changed = false;
        for node in graph.node_indices() {
            let mut weight: BTreeMap<usize, usize> = BTreeMap::new();
            for edge in graph.edges(node) {
                let other = if edge.source() == node {
                    edge.target()
                } else {
                    edge.source()
                };
                *weight.entry(labels[other.index()]).or_default() += edge.weight().len();
            }
            // Reversed so that max_by_key, which keeps the last maximum, keeps the smallest label.
            let best = weight.into_iter().rev().max_by_key(|(_, w)| *w);
            if let Some((label, _)) = best
                && label != labels[node.index()]
            {
                labels[node.index()] = label;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut groups: BTreeMap<usize, Vec<BlocMember>> = BTreeMap::new();
    for node in graph.node_indices() {
        let shared_targets = graph.edges(node).map(|e| e.weight().len()).sum();
        groups
            .entry(labels[node.index()])
            .or_default()
            .push(BlocMember {
                actor: graph[node].clone(),
                shared_targets,
            });
    }
    let mut found: Vec<Bloc> = groups
        .into_values()
        .filter_map(|members| {
            // Nodes are in id order, so the first member has the smallest id.
            let id = members.first()?.actor.id.clone();
            Some(Bloc { id, members })
        })
        .collect();
    found.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;
    use crate::model::{Event, EventType};

    fn members(found: &[Bloc]) -> Vec<String> {
        found
            .iter()
            .map(|b| {
                let ids: Vec<&str> = b.members.iter().map(|m| m.actor.id.as_str()).collect();
                format!("{}: {}", b.id, ids.join(" "))
            })
            .collect()
    }

    fn graph(pairs: &[(&str, &str)]) -> ActorGraph {
        let events: Vec<Event> = pairs
            .iter()
            .map(|(a, t)| event(EventType::Ban, a, t, "2020"))
            .collect();
        ActorGraph::from_events(&events, &Filter::default())
    }

    #[test]
    fn two_groups_with_a_weak_bridge_make_two_blocs() {
        // AUS, GBR and USA share huawei and zte; CHN and RUS share x and y; GBR and CHN share z.
        let mut pairs = Vec::new();
        for agent in ["AUS", "GBR", "USA"] {
            pairs.extend([(agent, "huawei"), (agent, "zte")]);
        }
        for agent in ["CHN", "RUS"] {
            pairs.extend([(agent, "x"), (agent, "y")]);
        }
        pairs.extend([("GBR", "z"), ("CHN", "z"), ("IND", "tiktok")]);
        let co = co_action(&graph(&pairs), true);
        assert_eq!(co.graph.node_count(), 6);
        assert_eq!(co.graph.edge_count(), 5);
        let found = blocs(&co);
        assert_eq!(
            members(&found),
            ["AUS: AUS GBR USA", "CHN: CHN RUS", "IND: IND"]
        );
        let gbr = &found[0].members[1];
        assert_eq!(gbr.shared_targets, 2 + 2 + 1);
    }

    #[test]
    fn firms_join_only_when_asked() {
        let pairs = [("USA", "huawei"), ("acme", "huawei")];
        assert_eq!(co_action(&graph(&pairs), true).graph.node_count(), 1);
        let everyone = blocs(&co_action(&graph(&pairs), false));
        assert_eq!(members(&everyone), ["USA: USA acme"]);
        assert!(blocs(&CoAction::default()).is_empty());
    }
}
