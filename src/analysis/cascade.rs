//! Cascades: in what order agents acted against one target, how long after each other, and
//! who followed whom.
//!
//! The entry point is [`cascade`].

use super::{ActorGraph, ActorNode, anchor_day};
use crate::model::{ActorId, EventDate, EventType};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Which agents a cascade takes, and how close "following" is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CascadeOptions {
    /// Only countries as agents (default true): firms and people suing or accusing are not the
    /// states following one another.
    pub countries_only: bool,
    /// An agent followed an earlier one when it acted at most this many days after it
    /// (default 365).
    pub max_lag_days: i64,
}

impl Default for CascadeOptions {
    fn default() -> Self {
        Self {
            countries_only: true,
            max_lag_days: 365,
        }
    }
}

/// One agent's first act against the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CascadeStep {
    /// The agent.
    pub agent: ActorNode,
    /// The type of its first act.
    pub event_type: EventType,
    /// Its date as stated.
    pub date: EventDate,
    /// The day it is placed on ([`anchor_day`]): the start of the span, or the day before X for
    /// "before X".
    pub anchor: NaiveDate,
    /// Days since the previous agent's first act; `None` for the first agent.
    pub lag_days: Option<i64>,
    /// Days since the first agent's first act.
    pub elapsed_days: i64,
    /// The earlier agents this one followed: (agent, days after it), for every earlier agent
    /// whose anchor day is strictly earlier and at most the maximum lag before, in cascade order.
    pub followed: Vec<(ActorId, i64)>,
}

/// The order in which agents first acted against a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cascade {
    /// The target.
    pub target: ActorId,
    /// The agents, by the anchor day of their first dated act (ties by id).
    pub steps: Vec<CascadeStep>,
    /// Days from the first agent's act to the last agent's.
    pub duration_days: i64,
    /// Agents whose acts against the target are all undated, in id order.
    pub undated: Vec<ActorId>,
}

/// The cascade against `target` in the graph: for each agent (countries only by default), its
/// first dated act against the target (earliest by [`EventDate::sort_key`], ties by type), then
/// the agents in the order of those acts with the lag from the one before and from the first,
/// the total duration, and the "followed" links of [`CascadeStep::followed`]. The graph's filter
/// decides which types and statuses count. An unknown target gives an empty cascade.
///
/// # Complexity
/// O(e + a²) for e edges and a agents (the followed links compare every pair of agents).
pub fn cascade(graph: &ActorGraph, target: &ActorId, options: CascadeOptions) -> Cascade {
    let mut first: BTreeMap<ActorId, Option<(EventDate, EventType, &ActorNode)>> = BTreeMap::new();
    for edge in graph.edges().filter(|e| &e.target.id == target) {
        if options.countries_only && !edge.agent.is_country() {
            continue;
        }
        let slot = first.entry(edge.agent.id.clone()).or_default();
        let Some(date) = edge.event.date else {
            continue;
        };
        let candidate = (date, edge.event.event_type, edge.agent);
        let earlier = slot.as_ref().is_none_or(|(best, best_type, _)| {
            (date.sort_key(), edge.event.event_type) < (best.sort_key(), *best_type)
        });
        if earlier {
            *slot = Some(candidate);
        }
    }
    let undated = first
        .iter()
        .filter(|(_, found)| found.is_none())
        .map(|(id, _)| id.clone())
        .collect();
    let mut dated: Vec<(EventDate, EventType, &ActorNode)> =
        first.into_values().flatten().collect();
    dated.sort_by(|a, b| {
        a.0.sort_key()
            .cmp(&b.0.sort_key())
            .then_with(|| a.2.id.cmp(&b.2.id))
    });
    let start = dated.first().map(|(date, ..)| anchor_day(*date));
    let mut steps: Vec<CascadeStep> = Vec::with_capacity(dated.len());
    for (date, event_type, agent) in dated {
        let anchor = anchor_day(date);
        let followed = steps
            .iter()
            .map(|s| (s.agent.id.clone(), (anchor - s.anchor).num_days()))
            .filter(|(_, lag)| *lag > 0 && *lag <= options.max_lag_days)
            .collect();
        steps.push(CascadeStep {
            agent: agent.clone(),
            event_type,
            date,
            anchor,
            lag_days: steps.last().map(|s| (anchor - s.anchor).num_days()),
            elapsed_days: start.map_or(0, |s| (anchor - s).num_days()),
            followed,
        });
    }
    Cascade {
        target: target.clone(),
        duration_days: steps.last().map_or(0, |s| s.elapsed_days),
        steps,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;

    #[test]
    fn countries_come_in_the_order_they_first_acted_with_lags() {
        let events = [
            event(EventType::Ban, "GBR", "huawei", "2020-07"),
            event(EventType::Ban, "USA", "huawei", "2018-08"),
            event(EventType::Sanction, "USA", "huawei", "2018-05"),
            event(EventType::Ban, "AUS", "huawei", "<2018-08-23"),
            event(EventType::Ban, "JPN", "huawei", "2018-12-10"),
            event(EventType::Ban, "NZL", "huawei", "2018-11-28"),
            event(EventType::Ban, "CAN", "huawei", "undated"),
            event(EventType::Ban, "acme", "huawei", "2017"),
            event(EventType::Ban, "FRA", "zte", "2017"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        let options = CascadeOptions {
            max_lag_days: 120,
            ..CascadeOptions::default()
        };
        let found = cascade(&graph, &ActorId::new("huawei"), options);
        let order: Vec<(&str, Option<i64>)> = found
            .steps
            .iter()
            .map(|s| (s.agent.id.as_str(), s.lag_days))
            .collect();
        assert_eq!(
            order,
            [
                ("USA", None),
                ("AUS", Some(113)),
                ("NZL", Some(98)),
                ("JPN", Some(12)),
                ("GBR", Some(569)),
            ]
        );
        assert_eq!(found.steps[0].event_type, EventType::Sanction);
        assert_eq!(found.duration_days, 792);
        assert_eq!(found.undated, [ActorId::new("CAN")]);
        let followed: Vec<String> = found
            .steps
            .iter()
            .map(|s| {
                let earlier: Vec<String> =
                    s.followed.iter().map(|(a, d)| format!("{a}+{d}")).collect();
                format!("{}:{}", s.agent.id, earlier.join(","))
            })
            .collect();
        assert_eq!(
            followed,
            [
                "USA:",
                "AUS:USA+113",
                "NZL:AUS+98",
                "JPN:AUS+110,NZL+12",
                "GBR:"
            ]
        );
    }

    #[test]
    fn firms_count_when_asked_and_unknown_targets_give_nothing() {
        let events = [
            event(EventType::Ban, "acme", "huawei", "2017"),
            event(EventType::Ban, "USA", "huawei", "2018"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        let all = CascadeOptions {
            countries_only: false,
            ..CascadeOptions::default()
        };
        let found = cascade(&graph, &ActorId::new("huawei"), all);
        let order: Vec<&str> = found.steps.iter().map(|s| s.agent.id.as_str()).collect();
        assert_eq!(order, ["acme", "USA"]);
        let none = cascade(&graph, &ActorId::new("zte"), all);
        assert!(none.steps.is_empty() && none.duration_days == 0);
    }
}
