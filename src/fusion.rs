//! Fusion: one event per real-world event, however many articles report it.
//!
//! A *mention* is one event as stated in one article. Mentions with the same [`FusionKey`] (type,
//! agent, target and status) are one real-world event when their dates are compatible. Per key,
//! the rules run in this order, so the result depends only on the set of mentions, never on the
//! order articles arrived in:
//!
//! 1. **Days.** Day-precise mentions, sorted, form runs: a run starts at its earliest day and
//!    takes every mention up to [`DAY_TOLERANCE`] days later (reports of one act differ by a day
//!    or two: time zones, announcement against entry into force). The event's date is the day
//!    most mentions state (ties: the earliest); more than one stated day flags a date conflict.
//! 2. **Months.** A month mention joins the earliest day event in that month, else the event of
//!    that month (made on first use).
//! 3. **Years.** A year mention joins the earliest day or month event in that year, else the
//!    event of that year.
//! 4. **Before X.** A "before X" mention joins the earliest dated event that starts before X;
//!    else all such mentions share one event, dated before the earliest X.
//! 5. **Undated.** An undated mention joins the key's event when there is exactly one; else the
//!    undated ones share one event.
//!
//! So repeated measures stay distinct: an agent's 2019 ban and its 2020 tightening of the same
//! target have incompatible dates and are two events, while "in May" in one article and "on 15
//! May" in another are one. A "considered" ban and the "actual" ban that follows it differ in
//! status and are two events: the consideration is a step of its own.
//!
//! The entry point is [`fuse`].
//!
//! # Examples
//!
//! ```
//! use geokg::fusion::{fuse, FusionKey, Mention};
//! use geokg::model::{EventStatus, EventType};
//!
//! let key = FusionKey::new(EventType::Ban, "AUS", "huawei", EventStatus::Actual);
//! let mention = |id: &str, source: &str, date: &str| {
//!     (key.clone(), Mention::new(id, source, date.parse().ok()))
//! };
//! let fused = fuse(vec![
//!     mention("e1", "a.txt", "2018-08-23"),
//!     mention("e2", "b.txt", "2018-08"),
//!     mention("e3", "c.txt", "<2019-01-10"),
//!     mention("e4", "c.txt", "2020-02-01"), // a later, separate ban
//! ]);
//! assert_eq!(fused.len(), 2);
//! assert_eq!(fused[0].date.map(|d| d.to_string()).as_deref(), Some("2018-08-23"));
//! assert_eq!((fused[0].mentions.len(), fused[0].sources()), (3, 3));
//! ```

use crate::model::{Event, EventDate, EventStatus, EventType};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// How many days apart two day-precise mentions of one act may be.
pub const DAY_TOLERANCE: i64 = 3;

/// What must be equal for two mentions to be one event: type, agent, target and status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FusionKey {
    /// Ban, sanction...
    pub event_type: EventType,
    /// The agent's actor id.
    pub agent: String,
    /// The target's actor id.
    pub target: String,
    /// Actual, planned, considered or negated.
    pub status: EventStatus,
}

impl FusionKey {
    /// The key of the given parts.
    pub fn new(
        event_type: EventType,
        agent: impl Into<String>,
        target: impl Into<String>,
        status: EventStatus,
    ) -> Self {
        Self {
            event_type,
            agent: agent.into(),
            target: target.into(),
            status,
        }
    }

    /// The key of an event.
    pub fn of(event: &Event) -> Self {
        Self::new(
            event.event_type,
            event.agent.id.as_str(),
            event.target.id.as_str(),
            event.status,
        )
    }

    /// The key as one string, `type|agent|target|status` (stored, so a key's events are found
    /// by one look-up).
    pub fn to_text(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.event_type, self.agent, self.target, self.status
        )
    }
}

/// One event as stated in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The article's file name.
    pub source: String,
    /// The mention's own id (the event IRI in the store).
    pub id: String,
    /// The date as this article states it.
    pub date: Option<EventDate>,
}

impl Mention {
    /// A mention with its id, article file and stated date.
    pub fn new(id: impl Into<String>, source: impl Into<String>, date: Option<EventDate>) -> Self {
        Self {
            source: source.into(),
            id: id.into(),
            date,
        }
    }
}

/// One real-world event: its key, its date and every mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FusedEvent {
    /// Deterministic: a hash of the key and the date.
    pub id: String,
    /// Type, agent, target and status.
    pub key: FusionKey,
    /// The most precise date the mentions support.
    pub date: Option<EventDate>,
    /// True when mentions state different days for it (each keeps its own).
    pub date_conflict: bool,
    /// Its mentions, ordered by article file and id.
    pub mentions: Vec<Mention>,
}

impl FusedEvent {
    /// How many articles report it.
    pub fn sources(&self) -> usize {
        self.mentions
            .iter()
            .map(|m| m.source.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Mentions gathered into one event while fusing.
struct Group {
    date: Option<EventDate>,
    mentions: Vec<Mention>,
}

impl Group {
    fn new(date: Option<EventDate>, mention: Mention) -> Self {
        Self {
            date,
            mentions: vec![mention],
        }
    }

    fn earliest(&self) -> Option<NaiveDate> {
        self.date.and_then(EventDate::earliest)
    }

    fn is_dated(&self) -> bool {
        !matches!(self.date, None | Some(EventDate::Before(_)))
    }
}

/// Fuses mentions into events, key by key (see the module documentation for the rules).
/// Events come ordered by key, then chronologically (undated last).
pub fn fuse(mentions: impl IntoIterator<Item = (FusionKey, Mention)>) -> Vec<FusedEvent> {
    let mut by_key: BTreeMap<FusionKey, Vec<Mention>> = BTreeMap::new();
    for (key, mention) in mentions {
        by_key.entry(key).or_default().push(mention);
    }
    by_key
        .into_iter()
        .flat_map(|(key, mentions)| fuse_key(&key, mentions))
        .collect()
}

fn fuse_key(key: &FusionKey, mut mentions: Vec<Mention>) -> Vec<FusedEvent> {
    mentions.sort_by_key(|m| {
        (
            m.date.map(EventDate::sort_key),
            m.source.clone(),
            m.id.clone(),
        )
    });
    mentions.dedup();
    let mut groups: Vec<Group> = Vec::new();
    let (mut months, mut years, mut befores, mut undated) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // 1. Days: runs of at most DAY_TOLERANCE days.
    let mut run_start: Option<NaiveDate> = None;
    for mention in mentions {
        match mention.date {
            Some(EventDate::Day(day)) => {
                let joins =
                    run_start.is_some_and(|start| (day - start).num_days() <= DAY_TOLERANCE);
                match groups.last_mut() {
                    Some(group) if joins => group.mentions.push(mention),
                    _ => {
                        run_start = Some(day);
                        groups.push(Group::new(None, mention));
                    }
                }
            }
            Some(EventDate::Month { .. }) => months.push(mention),
            Some(EventDate::Year(_)) => years.push(mention),
            Some(EventDate::Before(_)) => befores.push(mention),
            None => undated.push(mention),
        }
    }
    for group in &mut groups {
        group.date = majority_day(&group.mentions).map(EventDate::Day);
    }
    // 2 and 3. Months, then years: the earliest dated event within the span, else their own.
    for mention in months.into_iter().chain(years) {
        let Some(span) = mention.date else { continue };
        let within = |group: &Group| {
            group.is_dated()
                && group
                    .date
                    .is_some_and(|d| d.earliest() >= span.earliest() && d.latest() <= span.latest())
        };
        match earliest_where(&groups, within) {
            Some(index) => groups[index].mentions.push(mention),
            None => groups.push(Group::new(Some(span), mention)),
        }
    }
    // 4. "Before X": the earliest dated event starting before X, else one shared event.
    let mut shared_before: Option<Group> = None;
    for mention in befores {
        let Some(EventDate::Before(bound)) = mention.date else {
            continue;
        };
        let starts_before =
            |group: &Group| group.is_dated() && group.earliest().is_some_and(|d| d < bound);
        match earliest_where(&groups, starts_before) {
            Some(index) => groups[index].mentions.push(mention),
            None => match &mut shared_before {
                Some(group) => {
                    if let Some(EventDate::Before(current)) = group.date {
                        group.date = Some(EventDate::Before(current.min(bound)));
                    }
                    group.mentions.push(mention);
                }
                None => shared_before = Some(Group::new(mention.date, mention)),
            },
        }
    }
    groups.extend(shared_before);
    // 5. Undated: the key's only event, else their own.
    if !undated.is_empty() {
        match groups.as_mut_slice() {
            [only] => only.mentions.extend(undated),
            _ => {
                let mut group = Group::new(None, undated.remove(0));
                group.mentions.extend(undated);
                groups.push(group);
            }
        }
    }
    groups.sort_by_key(|g| (g.date.is_none(), g.date.map(EventDate::sort_key)));
    groups
        .into_iter()
        .map(|mut group| {
            group
                .mentions
                .sort_by(|a, b| (&a.source, &a.id).cmp(&(&b.source, &b.id)));
            let days: BTreeSet<NaiveDate> = group
                .mentions
                .iter()
                .filter_map(|m| match m.date {
                    Some(EventDate::Day(day)) => Some(day),
                    _ => None,
                })
                .collect();
            FusedEvent {
                id: fused_id(key, group.date),
                key: key.clone(),
                date: group.date,
                date_conflict: days.len() > 1,
                mentions: group.mentions,
            }
        })
        .collect()
}

/// The index of the earliest group that passes `test`.
fn earliest_where(groups: &[Group], test: impl Fn(&Group) -> bool) -> Option<usize> {
    groups
        .iter()
        .enumerate()
        .filter(|(_, g)| test(g))
        .min_by_key(|(_, g)| g.date.map(EventDate::sort_key))
        .map(|(i, _)| i)
}

/// The day most mentions state; ties go to the earliest.
fn majority_day(mentions: &[Mention]) -> Option<NaiveDate> {
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for mention in mentions {
        if let Some(EventDate::Day(day)) = mention.date {
            *counts.entry(day).or_default() += 1;
        }
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(d, _)| d)
}

/// The fused event's id: the first 16 hex digits of SHA-256 over the key and the date. Within a
/// key, events have distinct dates, so ids are distinct.
fn fused_id(key: &FusionKey, date: Option<EventDate>) -> String {
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    let text = format!("{}|{date}", key.to_text());
    crate::model::sha256_hex(&text, 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> FusionKey {
        FusionKey::new(EventType::Ban, "USA", "huawei", EventStatus::Actual)
    }

    fn mentions(items: &[(&str, &str, &str)]) -> Vec<(FusionKey, Mention)> {
        items
            .iter()
            .map(|(id, source, date)| (key(), Mention::new(*id, *source, date.parse().ok())))
            .collect()
    }

    fn dates(events: &[FusedEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()))
            .collect()
    }

    #[test]
    fn one_event_reported_by_three_articles_is_one_event_with_three_mentions() {
        let fused = fuse(mentions(&[
            ("a1", "a.txt", "2019-05-15"),
            ("b1", "b.txt", "2019-05"),
            ("c1", "c.txt", "<2019-06-01"),
        ]));
        assert_eq!(dates(&fused), ["2019-05-15"]);
        assert_eq!(fused[0].mentions.len(), 3);
        assert_eq!(fused[0].sources(), 3);
        assert!(!fused[0].date_conflict);
    }

    #[test]
    fn repeated_measures_with_incompatible_dates_stay_distinct() {
        let fused = fuse(mentions(&[
            ("a1", "a.txt", "2019-05-15"),
            ("b1", "b.txt", "2020-08-17"),
            ("c1", "c.txt", "2020-08"),
            ("d1", "d.txt", "2021"),
        ]));
        assert_eq!(dates(&fused), ["2019-05-15", "2020-08-17", "2021"]);
        assert_eq!(fused[1].mentions.len(), 2);
    }

    #[test]
    fn near_days_are_one_event_flagged_as_conflicting_with_the_majority_day() {
        let fused = fuse(mentions(&[
            ("a1", "a.txt", "2019-05-16"),
            ("b1", "b.txt", "2019-05-15"),
            ("c1", "c.txt", "2019-05-16"),
            ("d1", "d.txt", "2019-05-30"),
        ]));
        assert_eq!(dates(&fused), ["2019-05-16", "2019-05-30"]);
        assert!(fused[0].date_conflict);
        assert!(!fused[1].date_conflict);
    }

    #[test]
    fn vague_mentions_join_the_earliest_compatible_event() {
        let fused = fuse(mentions(&[
            ("a1", "a.txt", "2019-05-15"),
            ("b1", "b.txt", "2019-09-02"),
            ("c1", "c.txt", "2019"),
            ("d1", "d.txt", "<2020-01-01"),
        ]));
        assert_eq!(dates(&fused), ["2019-05-15", "2019-09-02"]);
        assert_eq!(fused[0].mentions.len(), 3);
    }

    #[test]
    fn before_mentions_with_nothing_earlier_share_one_event_at_the_tightest_bound() {
        let fused = fuse(mentions(&[
            ("a1", "a.txt", "<2019-03-01"),
            ("b1", "b.txt", "<2019-02-19"),
            ("c1", "c.txt", "2020-01"),
        ]));
        assert_eq!(dates(&fused), ["<2019-02-19", "2020-01"]);
    }

    #[test]
    fn undated_mentions_join_the_only_event_or_share_their_own() {
        let one = fuse(mentions(&[("a1", "a.txt", "2019-05"), ("b1", "b.txt", "")]));
        assert_eq!(dates(&one), ["2019-05"]);
        let two = fuse(mentions(&[
            ("a1", "a.txt", "2019-05"),
            ("b1", "b.txt", "2020-05"),
            ("c1", "c.txt", ""),
        ]));
        assert_eq!(dates(&two), ["2019-05", "2020-05", "-"]);
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_of_mentions() {
        let items = [
            ("a1", "a.txt", "2019-05-15"),
            ("b1", "b.txt", "2019-05"),
            ("c1", "c.txt", "<2019-06-01"),
            ("d1", "d.txt", "2019-05-17"),
            ("e1", "e.txt", "2020"),
            ("f1", "f.txt", ""),
        ];
        let forward = fuse(mentions(&items));
        let mut reversed = items;
        reversed.reverse();
        assert_eq!(fuse(mentions(&reversed)), forward);
    }

    #[test]
    fn keys_differing_in_status_or_target_are_never_fused() {
        let mut items = mentions(&[("a1", "a.txt", "2019-05-15")]);
        items.push((
            FusionKey::new(EventType::Ban, "USA", "huawei", EventStatus::Considered),
            Mention::new("b1", "b.txt", "2019-05-15".parse().ok()),
        ));
        items.push((
            FusionKey::new(EventType::Ban, "USA", "zte", EventStatus::Actual),
            Mention::new("c1", "c.txt", "2019-05-15".parse().ok()),
        ));
        let fused = fuse(items);
        assert_eq!(fused.len(), 3);
        let ids: BTreeSet<&str> = fused.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "ids are distinct");
    }
}
