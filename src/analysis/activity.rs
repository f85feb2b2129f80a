//! Activity: who acts most and who is acted on most, by event type.
//!
//! The entry point is [`activity`].

use super::{ActorGraph, ActorNode};
use crate::model::EventType;
use std::collections::BTreeMap;

/// In- and out-degrees, unweighted (distinct edges) and weighted (mentions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Degrees {
    /// Edges (distinct events) with the actor as agent.
    pub out_edges: usize,
    /// Edges with the actor as target.
    pub in_edges: usize,
    /// Mentions of those events with the actor as agent.
    pub out_mentions: usize,
    /// Mentions of those events with the actor as target.
    pub in_mentions: usize,
}

impl Degrees {
    fn add_out(&mut self, mentions: usize) {
        self.out_edges += 1;
        self.out_mentions += mentions;
    }

    fn add_in(&mut self, mentions: usize) {
        self.in_edges += 1;
        self.in_mentions += mentions;
    }
}

/// One actor's activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorActivity {
    /// The actor.
    pub actor: ActorNode,
    /// Degrees per event type (only types with at least one edge).
    pub by_type: BTreeMap<EventType, Degrees>,
    /// Degrees over all types.
    pub total: Degrees,
}

/// Per actor: out-degree (acting) and in-degree (acted on), by event type and in total, counting
/// distinct events (unweighted) and their mentions (weighted). An event with the same agent and
/// target counts on both sides. Actors come in id order.
///
/// # Complexity
/// O(n + e) for n actors and e edges (plus O(log t) per edge for t types).
pub fn activity(graph: &ActorGraph) -> Vec<ActorActivity> {
    let mut found: BTreeMap<_, ActorActivity> = graph
        .actors()
        .map(|actor| {
            (
                actor.id.clone(),
                ActorActivity {
                    actor: actor.clone(),
                    by_type: BTreeMap::new(),
                    total: Degrees::default(),
                },
            )
        })
        .collect();
    for edge in graph.edges() {
        let (kind, mentions) = (edge.event.event_type, edge.event.mentions);
        if let Some(agent) = found.get_mut(&edge.agent.id) {
            agent.by_type.entry(kind).or_default().add_out(mentions);
            agent.total.add_out(mentions);
        }
        if let Some(target) = found.get_mut(&edge.target.id) {
            target.by_type.entry(kind).or_default().add_in(mentions);
            target.total.add_in(mentions);
        }
    }
    found.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;

    #[test]
    fn degrees_count_distinct_events_and_their_mentions_by_type() {
        let mut repeated = event(EventType::Ban, "USA", "huawei", "2019-05");
        repeated.article = "again.txt".into();
        let events = [
            event(EventType::Ban, "USA", "huawei", "2019-05"),
            repeated,
            event(EventType::Sanction, "USA", "huawei", "2019-05-15"),
            event(EventType::Ban, "USA", "zte", "2018-04"),
            event(EventType::Ban, "AUS", "huawei", "2018-08"),
        ];
        let found = activity(&ActorGraph::from_events(&events, &Filter::default()));
        let ids: Vec<&str> = found.iter().map(|a| a.actor.id.as_str()).collect();
        assert_eq!(ids, ["AUS", "USA", "huawei", "zte"]);
        let usa = &found[1];
        assert_eq!(
            usa.by_type[&EventType::Ban],
            Degrees {
                out_edges: 2,
                in_edges: 0,
                out_mentions: 3,
                in_mentions: 0
            }
        );
        assert_eq!(usa.total.out_edges, 3);
        assert_eq!(usa.total.out_mentions, 4);
        let huawei = &found[2];
        assert_eq!(huawei.total.in_edges, 3);
        assert_eq!(huawei.total.in_mentions, 4);
        assert_eq!(huawei.by_type[&EventType::Sanction].in_edges, 1);
        assert_eq!(huawei.total.out_edges, 0);
    }
}
