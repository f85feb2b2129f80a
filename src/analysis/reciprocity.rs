//! Reciprocity and retaliation: pairs of actors that act against each other, or against each
//! other's nationals and firms, with the lag of the response and the tit-for-tat sequence.
//!
//! The entry point is [`reciprocity`].

use super::{ActorGraph, AnalysisError};
use crate::model::{ActorId, EventDate, EventType};
use std::collections::{BTreeMap, BTreeSet};

/// Whom actors belong to: a firm's home country, a person's employer or nationality.
///
/// An act against a member counts as an act against its owner, and the owner's owner
/// (`meng-wanzhou` → `huawei` → `CHN`). Each member has one owner; chains are followed until
/// they end or loop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affiliations {
    owners: BTreeMap<ActorId, ActorId>,
}

impl Affiliations {
    /// The bundled `data/gazetteers/affiliations.tsv`.
    pub fn bundled() -> Self {
        Self::from_tsv(include_str!("../../data/gazetteers/affiliations.tsv"))
            .expect("bundled affiliations parse; see reciprocity::tests")
    }

    /// Reads `member<TAB>owner` lines; `#` lines and blank lines are skipped. A later line for the
    /// same member replaces an earlier one.
    ///
    /// # Errors
    /// [`AnalysisError::BadAffiliation`] for a line without exactly two non-empty columns.
    pub fn from_tsv(text: &str) -> Result<Self, AnalysisError> {
        let mut owners = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = trimmed.split('\t').map(str::trim).collect();
            match columns.as_slice() {
                [member, owner] if !member.is_empty() && !owner.is_empty() => {
                    owners.insert(ActorId::new(*member), ActorId::new(*owner));
                }
                _ => {
                    return Err(AnalysisError::BadAffiliation {
                        line: number + 1,
                        text: line.to_string(),
                    });
                }
            }
        }
        Ok(Self { owners })
    }

    /// Says that `member` belongs to `owner`.
    pub fn insert(&mut self, member: ActorId, owner: ActorId) {
        self.owners.insert(member, owner);
    }

    /// Adds each actor's employer as its owner, where no owner is given yet.
    pub fn with_employers(mut self, graph: &ActorGraph) -> Self {
        for actor in graph.actors() {
            if let Some(employer) = &actor.employer {
                self.owners
                    .entry(actor.id.clone())
                    .or_insert_with(|| employer.clone());
            }
        }
        self
    }

    /// The owners of `member`, nearest first (not `member` itself).
    pub fn owners(&self, member: &ActorId) -> Vec<ActorId> {
        let mut chain: Vec<ActorId> = Vec::new();
        let mut current = member;
        while let Some(owner) = self.owners.get(current) {
            if owner == member || chain.contains(owner) {
                break;
            }
            chain.push(owner.clone());
            current = owner;
        }
        chain
    }
}

/// One act of a pair: an edge of the graph, seen as acting against one side of the pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Act {
    /// Who acted.
    pub agent: ActorId,
    /// Whom the event names as target.
    pub target: ActorId,
    /// The side of the pair it counts against: the target or one of its owners.
    pub against: ActorId,
    /// Ban, arrest...
    pub event_type: EventType,
    /// When.
    pub date: Option<EventDate>,
    /// Mentions of the event.
    pub mentions: usize,
}

/// A run of consecutive acts by the same side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The side acting.
    pub agent: ActorId,
    /// Its acts in this turn, by date.
    pub acts: Vec<Act>,
}

/// Two actors that each acted against the other (or its members).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReciprocalPair {
    /// The pair, in id order.
    pub actors: (ActorId, ActorId),
    /// Every act of either against the other, dated ones by date, undated ones last.
    pub acts: Vec<Act>,
    /// The earliest act with a day, month or year date: who started.
    pub first: Option<Act>,
    /// The other side's earliest act with a day, month or year date: the response.
    pub response: Option<Act>,
    /// Days from the start of the first act's date to the start of the response's.
    pub lag_days: Option<i64>,
    /// Days from the start of the first act's date to the end of the response's: the longest
    /// the lag can be, given fuzzy dates.
    pub lag_max_days: Option<i64>,
    /// The dated acts in turns: each turn is a run of acts by one side, so a tit-for-tat
    /// exchange shows as alternating turns.
    pub turns: Vec<Turn>,
}

/// Orders precise dates first among those starting the same day (a day before its month).
fn precision_rank(date: EventDate) -> u8 {
    match date {
        EventDate::Day(_) => 0,
        EventDate::Month { .. } => 1,
        EventDate::Year(_) => 2,
        EventDate::Before(_) => 3,
    }
}

/// The earliest act by start of span, skipping "before" and undated acts (they have no start to
/// measure from).
fn earliest<'a>(acts: impl Iterator<Item = &'a Act>) -> Option<&'a Act> {
    acts.filter_map(|act| Some((act.date?.earliest()?, act)))
        .min_by_key(|(day, act)| {
            (
                *day,
                act.date.map(precision_rank),
                act.agent.clone(),
                act.target.clone(),
                act.event_type,
            )
        })
        .map(|(_, act)| act)
}

/// Pairs {A, B} where A acted against B and B against A, counting an act against one of B's
/// members (see [`Affiliations`], with employers from the graph added) as an act against B.
/// Only targets are lifted to their owners, never agents, and acts within one side are dropped:
/// against the agent itself, its owners or its members (a state acting on its own firm).
///
/// For each pair: who acted first (earliest start of a day, month or year date; "before" dates
/// have no start and are skipped for lags), the other side's first act, the lag in days (from
/// start to start, and its upper bound to the end of the response's span), and the dated acts
/// ordered by [`EventDate::sort_key`] and grouped into alternating turns. Pairs come in id order.
///
/// # Complexity
/// O(e · d + p · a log a) for e edges, owner chains of length d, p pairs and a acts per pair.
pub fn reciprocity(graph: &ActorGraph, affiliations: &Affiliations) -> Vec<ReciprocalPair> {
    let affiliations = affiliations.clone().with_employers(graph);
    // (agent, against) → acts
    let mut against: BTreeMap<(ActorId, ActorId), Vec<Act>> = BTreeMap::new();
    for edge in graph.edges() {
        let target = &edge.target.id;
        let agent_owners = affiliations.owners(&edge.agent.id);
        let sides = std::iter::once(target.clone()).chain(affiliations.owners(target));
        for side in sides.collect::<BTreeSet<_>>() {
            // Within one side (a state and its own firm, a firm and its own staff) an act is no
            // move between sides.
            if side == edge.agent.id
                || agent_owners.contains(&side)
                || affiliations.owners(&side).contains(&edge.agent.id)
            {
                continue;
            }
            against
                .entry((edge.agent.id.clone(), side.clone()))
                .or_default()
                .push(Act {
                    agent: edge.agent.id.clone(),
                    target: target.clone(),
                    against: side,
                    event_type: edge.event.event_type,
                    date: edge.event.date,
                    mentions: edge.event.mentions,
                });
        }
    }
    let mut pairs = Vec::new();
    for ((a, b), a_acts) in &against {
        if a >= b {
            continue;
        }
        let Some(b_acts) = against.get(&(b.clone(), a.clone())) else {
            continue;
        };
        pairs.push(pair(a, b, a_acts, b_acts));
    }
    pairs
}

fn pair(a: &ActorId, b: &ActorId, a_acts: &[Act], b_acts: &[Act]) -> ReciprocalPair {
    let mut acts: Vec<Act> = a_acts.iter().chain(b_acts).cloned().collect();
    acts.sort_by_key(|act| {
        (
            act.date.is_none(),
            act.date.map(EventDate::sort_key),
            act.agent.clone(),
            act.target.clone(),
            act.event_type,
        )
    });
    let first = earliest(acts.iter()).cloned();
    let response = first
        .as_ref()
        .and_then(|f| earliest(acts.iter().filter(|act| act.agent != f.agent)))
        .cloned();
    let start = |act: &Option<Act>| act.as_ref().and_then(|a| a.date?.earliest());
    let end = |act: &Option<Act>| act.as_ref().and_then(|a| a.date?.latest());
    let lag_days = start(&first)
        .zip(start(&response))
        .map(|(f, r)| (r - f).num_days());
    let lag_max_days = start(&first)
        .zip(end(&response))
        .map(|(f, r)| (r - f).num_days());
    let mut turns: Vec<Turn> = Vec::new();
    for act in acts.iter().filter(|act| act.date.is_some()) {
        match turns.last_mut() {
            Some(turn) if turn.agent == act.agent => turn.acts.push(act.clone()),
            _ => turns.push(Turn {
                agent: act.agent.clone(),
                acts: vec![act.clone()],
            }),
        }
    }
    ReciprocalPair {
        actors: (a.clone(), b.clone()),
        acts,
        first,
        response,
        lag_days,
        lag_max_days,
        turns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;
    use crate::model::Event;

    fn affiliations() -> Result<Affiliations, AnalysisError> {
        Affiliations::from_tsv(
            "# member\towner\nmeng\thuawei\nhuawei\tCHN\nkovrig\tCAN\nspavor\tCAN\n",
        )
    }

    fn events() -> Vec<Event> {
        vec![
            event(EventType::Arrest, "CAN", "meng", "2018-12-01"),
            event(EventType::Arrest, "CHN", "kovrig", "2018-12-10"),
            event(EventType::Arrest, "CHN", "spavor", "2018-12-10"),
            event(EventType::Charge, "CAN", "meng", "2019-03"),
            event(EventType::Charge, "CHN", "kovrig", "<2020-06-19"),
            event(EventType::Ban, "USA", "huawei", "2019-05-15"),
            event(EventType::Lawsuit, "huawei", "USA", "2019-03"),
            event(EventType::Ban, "AUS", "zte", "2018-08"),
            event(EventType::Investigation, "CHN", "huawei", "2019-02"),
            event(EventType::Denial, "huawei", "CHN", "2019-02"),
        ]
    }

    #[test]
    fn a_retaliation_against_nationals_makes_a_pair_with_its_lag() -> Result<(), AnalysisError> {
        let graph = ActorGraph::from_events(&events(), &Filter::default());
        let pairs = reciprocity(&graph, &affiliations()?);
        let names: Vec<String> = pairs
            .iter()
            .map(|p| format!("{}-{}", p.actors.0, p.actors.1))
            .collect();
        assert_eq!(
            names,
            ["CAN-CHN", "USA-huawei"],
            "CHN and its own huawei are one side"
        );
        let can_chn = &pairs[0];
        let first = can_chn.first.as_ref().expect("a first act");
        assert_eq!(
            (first.agent.as_str(), first.target.as_str()),
            ("CAN", "meng")
        );
        let response = can_chn.response.as_ref().expect("a response");
        assert_eq!(response.agent.as_str(), "CHN");
        assert_eq!(response.target.as_str(), "kovrig", "kovrig before spavor");
        assert_eq!(can_chn.lag_days, Some(9));
        assert_eq!(can_chn.lag_max_days, Some(9));
        let turns: Vec<(&str, usize)> = can_chn
            .turns
            .iter()
            .map(|t| (t.agent.as_str(), t.acts.len()))
            .collect();
        assert_eq!(turns, [("CAN", 1), ("CHN", 2), ("CAN", 1), ("CHN", 1)]);
        // Huawei sued first (a month), the U.S. banned later (a day).
        let usa = &pairs[1];
        assert_eq!(usa.first.as_ref().map(|a| a.agent.as_str()), Some("huawei"));
        assert_eq!(usa.lag_days, Some(31 + 30 + 14));
        assert_eq!(usa.lag_max_days, Some(31 + 30 + 14));
        Ok(())
    }

    #[test]
    fn without_affiliations_only_direct_pairs_count() {
        let graph = ActorGraph::from_events(&events(), &Filter::default());
        let pairs = reciprocity(&graph, &Affiliations::default());
        let names: Vec<&str> = pairs.iter().map(|p| p.actors.0.as_str()).collect();
        assert_eq!(names, ["CHN", "USA"]);
    }

    #[test]
    fn fuzzy_responses_bound_the_lag() {
        let events = [
            event(EventType::Arrest, "CAN", "CHN", "2018-12-01"),
            event(EventType::Arrest, "CHN", "CAN", "2018-12"),
        ];
        let graph = ActorGraph::from_events(&events, &Filter::default());
        let pairs = reciprocity(&graph, &Affiliations::default());
        assert_eq!(
            pairs[0].first.as_ref().map(|a| a.agent.as_str()),
            Some("CAN")
        );
        assert_eq!(
            (pairs[0].lag_days, pairs[0].lag_max_days),
            (Some(0), Some(30))
        );
    }

    #[test]
    fn owner_chains_stop_at_loops_and_bad_lines_are_named() {
        let mut looped = Affiliations::default();
        looped.insert(ActorId::new("a"), ActorId::new("b"));
        looped.insert(ActorId::new("b"), ActorId::new("a"));
        assert_eq!(looped.owners(&ActorId::new("a")), [ActorId::new("b")]);
        assert_eq!(
            Affiliations::from_tsv("ok\tCHN\nno owner here\n"),
            Err(AnalysisError::BadAffiliation {
                line: 2,
                text: "no owner here".into()
            })
        );
        let bundled = Affiliations::bundled();
        let meng = bundled.owners(&ActorId::new("meng-wanzhou"));
        assert_eq!(meng, [ActorId::new("huawei"), ActorId::new("CHN")]);
    }
}
