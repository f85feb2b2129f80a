//! "Which countries banned whom, and when": the fused measures (the rows of
//! `queries/who-banned-whom.rq`, read node by node), grouped by agent and target into a history.
//!
//! The entry point is [`who_banned_whom`]; [`histories`] does the grouping without a store.

use super::fused::Reader;
use crate::model::{Actor, ActorId, EventDate, EventStatus, EventType};
use crate::store::{Object, SparqlEndpoint, StoreError};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// The measure types the answer may hold.
pub const MEASURE_TYPES: [EventType; 3] = EventType::MEASURES;

/// Which measures count; an empty field lets every measure through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BanFilter {
    /// This agent only (ids compare ignoring ASCII case).
    pub agent: Option<ActorId>,
    /// This target only.
    pub target: Option<ActorId>,
    /// These types (of [`MEASURE_TYPES`]); empty means ban and restriction.
    pub types: Vec<EventType>,
    /// Measures that may have happened on or after this day.
    pub from: Option<NaiveDate>,
    /// Measures that may have happened on or before this day.
    pub to: Option<NaiveDate>,
}

impl BanFilter {
    /// The types that count: the chosen ones, or ban and restriction.
    pub fn types(&self) -> Vec<EventType> {
        if self.types.is_empty() {
            vec![EventType::Ban, EventType::Restriction]
        } else {
            self.types.clone()
        }
    }

    /// Whether measures of this type count (see [`BanFilter::types`]).
    pub fn counts(&self, event_type: EventType) -> bool {
        if self.types.is_empty() {
            matches!(event_type, EventType::Ban | EventType::Restriction)
        } else {
            self.types.contains(&event_type)
        }
    }

    pub(super) fn matches(&self, agent: &Actor, target: &Actor, measure: &Measure) -> bool {
        let same = |want: &Option<ActorId>, id: &ActorId| {
            want.as_ref()
                .is_none_or(|w| w.as_str().eq_ignore_ascii_case(id.as_str()))
        };
        let in_range = (self.from.is_none() && self.to.is_none())
            || measure
                .date
                .is_some_and(|d| d.may_fall_within(self.from, self.to));
        same(&self.agent, &agent.id)
            && same(&self.target, &target.id)
            && self.counts(measure.event_type)
            && in_range
    }
}

/// One measure: a fused event, however many articles report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The fused event's id.
    pub id: String,
    /// Ban, restriction or sanction.
    pub event_type: EventType,
    /// Actual, planned, considered or negated.
    pub status: EventStatus,
    /// The most precise date its reports support.
    pub date: Option<EventDate>,
    /// True when reports state different days.
    pub date_conflict: bool,
    /// How many statements of it the articles make.
    pub mentions: usize,
    /// The article files that report it, sorted and distinct.
    pub sources: Vec<String>,
}

/// A measure with its agent and target, as the readers give it before grouping.
pub(super) type PairMeasure = (Actor, Actor, Measure);

/// What one agent did to one target, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairHistory {
    /// Who acts.
    pub agent: Actor,
    /// Whom it acts on.
    pub target: Actor,
    /// The earliest actual measure, if any was taken.
    pub first: Option<Measure>,
    /// The actual measures after the first, in order.
    pub later: Vec<Measure>,
    /// Measures planned or considered, not (yet) taken, in order.
    pub proposed: Vec<Measure>,
    /// Measures the text says were not taken ("has not banned", "ruled out").
    pub negated: Vec<Measure>,
}

impl PairHistory {
    /// Every measure with its step: `first`, `later`, the status of a proposed one, `negated`.
    pub fn steps(&self) -> impl Iterator<Item = (&'static str, &Measure)> {
        self.first
            .iter()
            .map(|m| ("first", m))
            .chain(self.later.iter().map(|m| ("later", m)))
            .chain(self.proposed.iter().map(|m| (m.status.as_str(), m)))
            .chain(self.negated.iter().map(|m| ("negated", m)))
    }

    /// How many distinct articles report any of the pair's measures.
    pub fn sources(&self) -> usize {
        self.steps()
            .flat_map(|(_, m)| m.sources.iter())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Groups measures by agent and target. Pairs with an actual measure come first, by the date of
/// their first one (then agent and target); pairs with proposed or negated measures only follow.
pub fn histories(
    measures: impl IntoIterator<Item = (Actor, Actor, Measure)>,
    filter: &BanFilter,
) -> Vec<PairHistory> {
    let mut grouping = Grouping::new(filter);
    for (agent, target, measure) in measures {
        grouping.add(agent, target, measure);
    }
    grouping.finish()
}

/// [`histories`] as the measures arrive, so that a reader need not hold them all first.
pub(super) struct Grouping<'f> {
    filter: &'f BanFilter,
    /// Pairs by agent, then target, as indexes into `out`: a pair already seen is found
    /// without copying its ids (a new pair shares them).
    agents: FxHashMap<ActorId, usize>,
    targets: Vec<FxHashMap<ActorId, usize>>,
    out: Vec<PairHistory>,
}

impl<'f> Grouping<'f> {
    /// No measures yet; those `filter` does not match will be left out.
    pub(super) fn new(filter: &'f BanFilter) -> Self {
        Self {
            filter,
            agents: FxHashMap::default(),
            targets: Vec::new(),
            out: Vec::new(),
        }
    }

    /// Adds a measure to its pair's history, if the filter matches it.
    pub(super) fn add(&mut self, agent: Actor, target: Actor, measure: Measure) {
        if !self.filter.matches(&agent, &target, &measure) {
            return;
        }
        let by_agent = match self.agents.get(&agent.id) {
            Some(&index) => index,
            None => {
                self.agents.insert(agent.id.clone(), self.targets.len());
                self.targets.push(FxHashMap::default());
                self.targets.len() - 1
            }
        };
        let pairs = &mut self.targets[by_agent];
        let pair = match pairs.get(&target.id) {
            Some(&index) => index,
            None => {
                pairs.insert(target.id.clone(), self.out.len());
                self.out.push(PairHistory {
                    agent,
                    target,
                    first: None,
                    later: Vec::new(),
                    proposed: Vec::new(),
                    negated: Vec::new(),
                });
                self.out.len() - 1
            }
        };
        let history = &mut self.out[pair];
        match measure.status {
            EventStatus::Actual => history.later.push(measure),
            EventStatus::Planned | EventStatus::Considered => history.proposed.push(measure),
            EventStatus::Negated => history.negated.push(measure),
        }
    }

    /// The histories in order (see [`histories`]).
    pub(super) fn finish(self) -> Vec<PairHistory> {
        let mut out = self.out;
        let chronological = |m: &Measure| (m.date.is_none(), m.date.map(EventDate::sort_key));
        let in_order = |a: &Measure, b: &Measure| {
            (chronological(a), a.event_type, &a.id).cmp(&(chronological(b), b.event_type, &b.id))
        };
        let sort_measures = |histories: &mut [PairHistory]| {
            for history in histories {
                for list in [
                    &mut history.later,
                    &mut history.proposed,
                    &mut history.negated,
                ] {
                    list.sort_by(in_order);
                }
                if !history.later.is_empty() {
                    history.first = Some(history.later.remove(0));
                }
            }
        };
        // A large answer's pairs are sorted on two threads (a third of this function's time
        // at 1M events).
        if out.len() >= PAIRS_FOR_TWO_THREADS {
            let half = out.len() / 2;
            let (front, back) = out.split_at_mut(half);
            std::thread::scope(|scope| {
                scope.spawn(|| sort_measures(front));
                sort_measures(back);
            });
        } else {
            sort_measures(&mut out);
        }
        // Agent and target ids make the order total, whatever order the measures came in. Each
        // pair's sort key is made once: its first date, then the rank of its agent's and its
        // target's id among all the ids, so that the sort compares no strings and moves no
        // histories.
        let mut ids: Vec<&str> = out
            .iter()
            .flat_map(|h| [h.agent.id.as_str(), h.target.id.as_str()])
            .collect::<rustc_hash::FxHashSet<&str>>()
            .into_iter()
            .collect();
        ids.sort_unstable();
        let rank: FxHashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut order: Vec<_> = out
            .iter()
            .enumerate()
            .map(|(index, h)| {
                let date = (h.first.is_none(), h.first.as_ref().map(chronological));
                let ids = (rank[h.agent.id.as_str()], rank[h.target.id.as_str()]);
                (date, ids, index)
            })
            .collect();
        order.sort_unstable();
        let mut sources: Vec<usize> = order.into_iter().map(|(_, _, index)| index).collect();
        permute(&mut out, &mut sources);
        out
    }
}

/// From how many pairs [`Grouping::finish`] sorts their measures on two threads.
const PAIRS_FOR_TWO_THREADS: usize = 4096;

/// Reorders `items` in place so that position `p` holds what position `sources[p]` held
/// (`sources` a permutation of the positions), by following its cycles with swaps: no second
/// vector of items. `sources` is left as the identity.
fn permute<T>(items: &mut [T], sources: &mut [usize]) {
    for start in 0..sources.len() {
        let mut current = start;
        while sources[current] != start {
            let next = sources[current];
            items.swap(current, next);
            sources[current] = current;
            current = next;
        }
        sources[current] = current;
    }
}

/// Reads the fused measures (the rows `queries/who-banned-whom.rq` gives) and groups them (see
/// [`histories`]). A store whose fused graph states `gek:banRowFormat` is read from the rows
/// fusion wrote: format 3, one literal per agent, target bucket and type group (`gek:banRows`
/// for bans and restrictions, `gek:sanctionRows`), only those of the asked types and, with an
/// agent or target filter, only the groups that may hold it; format 2 (an older geokg), the same
/// groups with every type under `gek:banRows`; format 1, one literal per measure
/// (`gek:banRow`). A store without rows is read node by node from the fused
/// graph (about sixteen statements per measure), with the same answer.
///
/// # Errors
/// [`StoreError`] when reading fails.
pub fn who_banned_whom(
    endpoint: &dyn SparqlEndpoint,
    filter: &BanFilter,
) -> Result<Vec<PairHistory>, StoreError> {
    let mut grouping = Grouping::new(filter);
    let mut add = |(agent, target, measure): PairMeasure| grouping.add(agent, target, measure);
    if !super::ban_rows::read_rows(endpoint, filter, &mut add)? {
        read_nodes(endpoint, filter)?.into_iter().for_each(add);
    }
    Ok(grouping.finish())
}

/// The fused measures of the filter's types read node by node from the fused graph, so the
/// time grows with the number of measures asked for, not with a join: what stores without
/// `gek:banRow` are read with.
pub(super) fn read_nodes(
    endpoint: &dyn SparqlEndpoint,
    filter: &BanFilter,
) -> Result<Vec<PairMeasure>, StoreError> {
    let mut reader = Reader::new(endpoint);
    let mut measures = Vec::new();
    // The types the canned query covers, of those the filter asks for.
    for event_type in filter
        .types()
        .into_iter()
        .filter(|t| MEASURE_TYPES.contains(t))
    {
        let subjects = reader.fused_subjects(
            &reader.iris.event_type,
            Object::Literal(event_type.as_str()),
        )?;
        for subject in subjects {
            if let Some(measure) = read_measure(&mut reader, &subject, event_type, filter)? {
                measures.push(measure);
            }
        }
    }
    Ok(measures)
}

/// One fused measure with its agent and target: what a row of `queries/who-banned-whom.rq`
/// holds. `None` when the event is not a whole geokg fused event, or its agent or target is
/// not the one the filter asks for.
fn read_measure(
    reader: &mut Reader<'_>,
    subject: &str,
    event_type: EventType,
    filter: &BanFilter,
) -> Result<Option<(Actor, Actor, Measure)>, StoreError> {
    let node = reader.fused_node(subject)?;
    let iris = &reader.iris;
    let is_fused = node
        .all(&iris.rdf_type)
        .any(|class| class == iris.fused_event);
    let (Some(agent), Some(target), Some(Ok(status)), Some(_), Some(mentions), Some(conflict)) = (
        node.first(&iris.agent),
        node.first(&iris.target),
        node.first(&iris.status).map(str::parse::<EventStatus>),
        node.first(&iris.source_count),
        node.first(&iris.mention_count),
        node.first(&iris.date_conflict),
    ) else {
        return Ok(None); // not written by geokg
    };
    let sources: BTreeSet<String> = node.all(&iris.source).map(str::to_string).collect();
    if !is_fused || sources.is_empty() {
        return Ok(None);
    }
    let measure = Measure {
        id: subject.rsplit('/').next().unwrap_or_default().to_string(),
        event_type,
        status,
        date: node.first(&iris.date_text).and_then(|d| d.parse().ok()),
        date_conflict: conflict == "true",
        mentions: mentions.parse().unwrap_or(0),
        sources: sources.into_iter().collect(),
    };
    let (Some(agent), Some(target)) = (reader.actor(agent)?, reader.actor(target)?) else {
        return Ok(None);
    };
    if !filter.matches(&agent, &target, &measure) {
        return Ok(None);
    }
    Ok(Some((agent, target, measure)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    fn actor(id: &str) -> Actor {
        let kind = if id.len() == 3 && id == id.to_uppercase() {
            ActorKind::Country
        } else {
            ActorKind::Firm
        };
        Actor::new(ActorId::new(id), id, kind)
    }

    fn measure(
        id: &str,
        event_type: EventType,
        status: EventStatus,
        date: &str,
        files: &[&str],
    ) -> Measure {
        Measure {
            id: id.into(),
            event_type,
            status,
            date: date.parse().ok(),
            date_conflict: false,
            mentions: files.len(),
            sources: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn sample() -> Vec<(Actor, Actor, Measure)> {
        use EventStatus::*;
        use EventType::*;
        vec![
            (
                actor("GBR"),
                actor("huawei"),
                measure("g2", Ban, Actual, "2020-07-14", &["a", "b"]),
            ),
            (
                actor("GBR"),
                actor("huawei"),
                measure("g1", Restriction, Actual, "2020-01", &["a"]),
            ),
            (
                actor("GBR"),
                actor("huawei"),
                measure("g0", Ban, Considered, "2019", &["c"]),
            ),
            (
                actor("AUS"),
                actor("huawei"),
                measure("a1", Ban, Actual, "2018-08-23", &["d"]),
            ),
            (
                actor("DEU"),
                actor("huawei"),
                measure("d1", Ban, Negated, "", &["e"]),
            ),
            (
                actor("USA"),
                actor("huawei"),
                measure("u1", Sanction, Actual, "2019-05-15", &["f"]),
            ),
            (
                actor("AUS"),
                actor("zte"),
                measure("z1", Ban, Actual, "2018-08-23", &["d"]),
            ),
        ]
    }

    #[test]
    fn each_pair_starts_with_its_earliest_actual_measure_and_pairs_go_by_that_date() {
        let out = histories(sample(), &BanFilter::default());
        let order: Vec<(&str, &str, Option<String>)> = out
            .iter()
            .map(|h| {
                (
                    h.agent.id.as_str(),
                    h.target.id.as_str(),
                    h.first.as_ref().and_then(|m| m.date).map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("AUS", "huawei", Some("2018-08-23".into())),
                ("AUS", "zte", Some("2018-08-23".into())),
                ("GBR", "huawei", Some("2020-01".into())),
                ("DEU", "huawei", None),
            ]
        );
        let gbr = &out[2];
        assert_eq!(gbr.later.len(), 1);
        assert_eq!(gbr.proposed.len(), 1);
        assert_eq!(gbr.sources(), 3);
        let steps: Vec<&str> = gbr.steps().map(|(s, _)| s).collect();
        assert_eq!(steps, ["first", "later", "considered"]);
        assert_eq!(out[3].negated.len(), 1);
    }

    #[test]
    fn a_permutation_is_applied_in_place_whatever_its_cycles() {
        let mut state = 7u64;
        for length in 0..40 {
            // A shuffled permutation (xorshift, fixed seed).
            let mut sources: Vec<usize> = (0..length).collect();
            for i in (1..length).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                sources.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let items: Vec<String> = (0..length).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = sources.iter().map(|&p| items[p].clone()).collect();
            let mut permuted = items.clone();
            permute(&mut permuted, &mut sources.clone());
            assert_eq!(permuted, expected, "{sources:?}");
        }
    }

    #[test]
    fn many_pairs_come_in_the_same_order_as_few() {
        // Enough pairs for two threads: each pair's own order, and the pairs' order, are the
        // ones the sample gives, whatever the pairs around them.
        let mut measures = Vec::new();
        for copy in 0..PAIRS_FOR_TWO_THREADS {
            for (agent, target, measure) in sample() {
                let target = actor(&format!("{}-{copy:05}", target.id.as_str()));
                measures.push((agent, target, measure));
            }
        }
        measures.reverse();
        let out = histories(measures, &BanFilter::default());
        let few = histories(sample(), &BanFilter::default());
        assert_eq!(out.len(), few.len() * PAIRS_FOR_TWO_THREADS);
        for history in &out {
            let base = history.target.id.as_str().rsplit_once('-').map(|(b, _)| b);
            let like = few
                .iter()
                .find(|h| h.agent.id == history.agent.id && Some(h.target.id.as_str()) == base)
                .map(|h| (&h.first, &h.later, &h.proposed, &h.negated));
            assert_eq!(
                like,
                Some((
                    &history.first,
                    &history.later,
                    &history.proposed,
                    &history.negated
                ))
            );
        }
        let keys: Vec<_> = out
            .iter()
            .map(|h| {
                let date = h
                    .first
                    .as_ref()
                    .and_then(|m| m.date)
                    .map(EventDate::sort_key);
                (
                    h.first.is_none(),
                    date,
                    h.agent.id.as_str(),
                    h.target.id.as_str(),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "pairs in order");
    }

    #[test]
    fn filters_keep_target_types_and_dates() {
        let filter = BanFilter {
            target: Some(ActorId::new("HUAWEI")),
            types: vec![EventType::Ban, EventType::Sanction],
            from: NaiveDate::from_ymd_opt(2019, 1, 1),
            ..BanFilter::default()
        };
        let out = histories(sample(), &filter);
        let agents: Vec<&str> = out.iter().map(|h| h.agent.id.as_str()).collect();
        // USA's sanction counts now; GBR's restriction does not, so its ban is its first; AUS's
        // 2018 ban and DEU's undated refusal fall outside the range.
        assert_eq!(agents, ["USA", "GBR"]);
        assert_eq!(
            out[1].first.as_ref().map(|m| m.id.as_str()),
            Some("g2"),
            "{out:?}"
        );
    }
}
