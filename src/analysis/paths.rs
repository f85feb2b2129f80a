//! Paths: how two actors are connected, as the shortest chain of events between them.
//!
//! The entry point is [`shortest_path`].

use super::{ActorGraph, ActorNode, EventEdge};
use crate::model::ActorId;
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;
use std::collections::{BTreeSet, VecDeque};

/// One hop of a path: the events between two consecutive actors, in either direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The actor the hop starts from.
    pub from: ActorNode,
    /// The actor it reaches.
    pub to: ActorNode,
    /// Events from `from` to `to` (`true`) or from `to` to `from` (`false`), in graph order.
    pub events: Vec<(bool, EventEdge)>,
}

/// A shortest chain of actors linked by events, ignoring who acted on whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPath {
    /// The actors along the path, both ends included (one actor when both ends are the same).
    pub actors: Vec<ActorNode>,
    /// The hops, one fewer than the actors.
    pub steps: Vec<PathStep>,
}

/// The neighbours of a node in either direction, in index (= actor id) order.
fn neighbours(graph: &ActorGraph, node: NodeIndex) -> BTreeSet<NodeIndex> {
    let g = graph.graph();
    g.neighbors_directed(node, Direction::Outgoing)
        .chain(g.neighbors_directed(node, Direction::Incoming))
        .collect()
}

/// The shortest path from `from` to `to` on the actor graph taken as undirected (an event links
/// its agent and target whichever acted), by breadth-first search over the petgraph graph with
/// neighbours visited in id order, so among equally short paths the one through the smallest
/// ids comes out. Each hop lists every event between its two actors. `None` when either actor is
/// not in the graph or no path joins them.
///
/// # Complexity
/// O((n + m) log n) for n actors and m edges.
pub fn shortest_path(graph: &ActorGraph, from: &ActorId, to: &ActorId) -> Option<ActorPath> {
    let (start, goal) = (graph.index(from)?, graph.index(to)?);
    let bound = graph.graph().node_bound();
    let mut parent: Vec<Option<NodeIndex>> = vec![None; bound];
    let mut seen = vec![false; bound];
    seen[start.index()] = true;
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            break;
        }
        for next in neighbours(graph, node) {
            if !seen[next.index()] {
                seen[next.index()] = true;
                parent[next.index()] = Some(node);
                queue.push_back(next);
            }
        }
    }
    if !seen[goal.index()] {
        return None;
    }
    let mut chain = vec![goal];
    let mut current = goal;
    while let Some(previous) = parent[current.index()] {
        chain.push(previous);
        current = previous;
    }
    chain.reverse();
    let g = graph.graph();
    let steps = chain
        .windows(2)
        .map(|hop| {
            let (a, b) = (&g[hop[0]], &g[hop[1]]);
            let forward = graph
                .edges_between(&a.id, &b.id)
                .into_iter()
                .map(|e| (true, e));
            let backward = graph
                .edges_between(&b.id, &a.id)
                .into_iter()
                .map(|e| (false, e));
            PathStep {
                from: a.clone(),
                to: b.clone(),
                events: forward
                    .chain(backward)
                    .map(|(direction, e)| (direction, e.event.clone()))
                    .collect(),
            }
        })
        .collect();
    Some(ActorPath {
        actors: chain.iter().map(|&n| g[n].clone()).collect(),
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;
    use crate::model::EventType;

    #[test]
    fn the_path_runs_both_ways_along_events_and_lists_them() {
        let events = [
            event(EventType::Arrest, "CAN", "meng", "2018-12-01"),
            event(EventType::Charge, "USA", "meng", "2019-01"),
            event(EventType::Extradition, "USA", "meng", "2019-01"),
            event(EventType::Ban, "USA", "huawei", "2019-05"),
            event(EventType::Lawsuit, "huawei", "USA", "2019-03"),
            event(EventType::Ban, "AUS", "huawei", "2018-08"),
            event(EventType::Ban, "NZL", "zte", "2018-08"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        let id = ActorId::new;
        let path = shortest_path(&graph, &id("CAN"), &id("AUS")).expect("a path");
        let actors: Vec<&str> = path.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(actors, ["CAN", "meng", "USA", "huawei", "AUS"]);
        let second: Vec<(bool, String)> = path.steps[1]
            .events
            .iter()
            .map(|(forward, e)| (*forward, e.event_type.to_string()))
            .collect();
        assert_eq!(
            second,
            [(false, "charge".into()), (false, "extradition".into())]
        );
        let third: Vec<bool> = path.steps[2].events.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            third,
            [true, false],
            "the ban one way, the lawsuit the other"
        );
        assert_eq!(shortest_path(&graph, &id("CAN"), &id("NZL")), None);
        assert_eq!(shortest_path(&graph, &id("CAN"), &id("XXX")), None);
        let same = shortest_path(&graph, &id("USA"), &id("USA")).expect("trivial path");
        assert!(same.steps.is_empty());
        assert_eq!(same.actors.len(), 1);
    }
}
