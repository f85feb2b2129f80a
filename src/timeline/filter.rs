//! Which events a timeline shows: actors, types, statuses and a date range.

use super::{TimelineError, TimelineEvent, sort_chronologically, unknown_name};
use crate::model::{ActorId, Event, EventDate, EventStatus, EventType};
use chrono::NaiveDate;
use std::str::FromStr;

/// Which events a timeline shows; an empty field lets every event through.
///
/// Fuzzy dates compare by overlap: an event passes `from`/`to` when any day it may denote
/// ([`EventDate::earliest`] to [`EventDate::latest`]) lies in the range. "Before X" counts as
/// ending the day before X and, having no start, sits on that day, where it is also sorted and
/// drawn: otherwise every "before" event would pass every `to`. Undated events pass only when
/// neither bound is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Events with this actor as agent or target (ids compare ignoring ASCII case).
    pub actor: Option<ActorId>,
    /// Events with this agent.
    pub agent: Option<ActorId>,
    /// Events with this target.
    pub target: Option<ActorId>,
    /// Events of these types.
    pub types: Vec<EventType>,
    /// Events with these statuses.
    pub statuses: Vec<EventStatus>,
    /// Events that may have happened on or after this day.
    pub from: Option<NaiveDate>,
    /// Events that may have happened on or before this day.
    pub to: Option<NaiveDate>,
}

impl TimelineFilter {
    /// True when `event` passes every condition.
    pub fn matches(&self, event: &Event) -> bool {
        let same = |want: &Option<ActorId>, id: &ActorId| {
            want.as_ref()
                .is_none_or(|w| w.as_str().eq_ignore_ascii_case(id.as_str()))
        };
        let actor_ok = self.actor.as_ref().is_none_or(|w| {
            w.as_str().eq_ignore_ascii_case(event.agent.id.as_str())
                || w.as_str().eq_ignore_ascii_case(event.target.id.as_str())
        });
        actor_ok
            && same(&self.agent, &event.agent.id)
            && same(&self.target, &event.target.id)
            && (self.types.is_empty() || self.types.contains(&event.event_type))
            && (self.statuses.is_empty() || self.statuses.contains(&event.status))
            && self.overlaps(event.date)
    }

    fn overlaps(&self, date: Option<EventDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|date| date.may_fall_within(self.from, self.to))
    }

    /// The events that pass, in chronological order (see [`sort_chronologically`]).
    pub fn select(&self, events: impl IntoIterator<Item = TimelineEvent>) -> Vec<TimelineEvent> {
        let mut kept: Vec<TimelineEvent> = events
            .into_iter()
            .filter(|e| self.matches(&e.event))
            .collect();
        sort_chronologically(&mut kept);
        kept
    }

    /// The conditions in words (`"actor huawei; type ban, sanction; from 2019-01-01"`), or
    /// `"all events"`.
    pub fn describe(&self) -> String {
        let join = |items: Vec<&str>| items.join(", ");
        let mut parts = Vec::new();
        for (name, id) in [
            ("actor", &self.actor),
            ("agent", &self.agent),
            ("target", &self.target),
        ] {
            if let Some(id) = id {
                parts.push(format!("{name} {id}"));
            }
        }
        if !self.types.is_empty() {
            parts.push(format!(
                "type {}",
                join(self.types.iter().map(|t| t.as_str()).collect())
            ));
        }
        if !self.statuses.is_empty() {
            parts.push(format!(
                "status {}",
                join(self.statuses.iter().map(|s| s.as_str()).collect())
            ));
        }
        if let Some(from) = self.from {
            parts.push(format!("from {from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to {to}"));
        }
        if parts.is_empty() {
            "all events".to_string()
        } else {
            parts.join("; ")
        }
    }
}

fn parse_list<T: FromStr>(
    list: &str,
    what: &'static str,
    names: &[&str],
) -> Result<Vec<T>, TimelineError> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        out.push(T::from_str(name).map_err(|_| unknown_name(what, name, names))?);
    }
    if out.is_empty() {
        return Err(unknown_name(what, list, names));
    }
    Ok(out)
}

/// Reads a comma-separated list of event types (`"ban,sanction"`).
///
/// # Errors
/// [`TimelineError::UnknownName`] naming the first unknown type, and for an empty list.
pub fn parse_types(list: &str) -> Result<Vec<EventType>, TimelineError> {
    parse_list(list, "event type", &EventType::ALL.map(EventType::as_str))
}

/// Reads a comma-separated list of statuses (`"actual,planned"`).
///
/// # Errors
/// [`TimelineError::UnknownName`] naming the first unknown status, and for an empty list.
pub fn parse_statuses(list: &str) -> Result<Vec<EventStatus>, TimelineError> {
    parse_list(list, "status", &EventStatus::ALL.map(EventStatus::as_str))
}

/// Reads a `--from` bound: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` meaning their first day.
///
/// # Errors
/// [`TimelineError::BadDate`] for any other text.
pub fn parse_from_date(text: &str) -> Result<NaiveDate, TimelineError> {
    EventDate::bound_day(text, false).ok_or_else(|| TimelineError::BadDate {
        bound: "--from",
        text: text.to_string(),
    })
}

/// Reads a `--to` bound: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` meaning their last day.
///
/// # Errors
/// [`TimelineError::BadDate`] for any other text.
pub fn parse_to_date(text: &str) -> Result<NaiveDate, TimelineError> {
    EventDate::bound_day(text, true).ok_or_else(|| TimelineError::BadDate {
        bound: "--to",
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::sample::four;

    fn ids(filter: &TimelineFilter) -> Vec<String> {
        filter.select(four()).into_iter().map(|e| e.id).collect()
    }

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn each_condition_keeps_only_matching_events() {
        let actor = |id: &str| Some(ActorId::new(id));
        let cases: Vec<(TimelineFilter, Vec<&str>)> = vec![
            (TimelineFilter::default(), vec!["a1", "a2", "a3", "a4"]),
            (
                TimelineFilter {
                    actor: actor("HUAWEI"),
                    ..TimelineFilter::default()
                },
                vec!["a1", "a2", "a4"],
            ),
            (
                TimelineFilter {
                    actor: actor("USA"),
                    ..TimelineFilter::default()
                },
                vec!["a1"],
            ),
            (
                TimelineFilter {
                    agent: actor("huawei"),
                    ..TimelineFilter::default()
                },
                vec![],
            ),
            (
                TimelineFilter {
                    target: actor("zte"),
                    ..TimelineFilter::default()
                },
                vec!["a3"],
            ),
            (
                TimelineFilter {
                    types: vec![EventType::Ban],
                    statuses: vec![EventStatus::Considered],
                    ..TimelineFilter::default()
                },
                vec!["a4"],
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(ids(&filter), want, "{}", filter.describe());
        }
    }

    #[test]
    fn fuzzy_dates_pass_a_range_they_overlap() {
        // a1 2019-01, a2 <2019-02-19, a3 2019-02-20, a4 undated
        for (from, to, want) in [
            ("2019-01-31", "", vec!["a1", "a2", "a3"]),
            ("2019-02-01", "", vec!["a2", "a3"]),
            ("2019-02-18", "", vec!["a2", "a3"]),
            ("2019-02-19", "", vec!["a3"]),
            ("", "2018-06-30", vec![]),
            ("", "2019-01-01", vec!["a1"]),
            ("", "2019-02-18", vec!["a1", "a2"]),
            ("2019-01-15", "2019-01-15", vec!["a1"]),
            ("2019-02-18", "2019-02-18", vec!["a2"]),
            ("2019-02-20", "2019-02-20", vec!["a3"]),
        ] {
            let filter = TimelineFilter {
                from: day(from),
                to: day(to),
                ..TimelineFilter::default()
            };
            assert_eq!(ids(&filter), want, "{from}..{to}");
        }
    }

    #[test]
    fn lists_and_bounds_parse_and_bad_values_say_what_is_expected() {
        assert!(matches!(
            parse_types("ban, sanction").as_deref(),
            Ok([EventType::Ban, EventType::Sanction])
        ));
        assert!(matches!(
            parse_statuses("considered").as_deref(),
            Ok([EventStatus::Considered])
        ));
        for (bad, message) in [
            (
                parse_types("ban,bann").map(|_| ()),
                "unknown event type \"bann\"; expected one of: ban, restriction",
            ),
            (parse_types(",").map(|_| ()), "unknown event type \",\""),
            (
                parse_statuses("done").map(|_| ()),
                "expected one of: actual, planned, considered, negated",
            ),
            (
                parse_from_date("2019-02-30").map(|_| ()),
                "bad date \"2019-02-30\" for --from",
            ),
            (parse_to_date("<2019-02-01").map(|_| ()), "for --to"),
        ] {
            let error = bad.map_or_else(|e| e.to_string(), |()| String::new());
            assert!(error.contains(message), "{error:?} lacks {message:?}");
        }
        for (text, from, to) in [
            ("2019", "2019-01-01", "2019-12-31"),
            ("2020-02", "2020-02-01", "2020-02-29"),
            ("2020-02-10", "2020-02-10", "2020-02-10"),
        ] {
            assert_eq!(parse_from_date(text).ok(), day(from), "{text}");
            assert_eq!(parse_to_date(text).ok(), day(to), "{text}");
        }
    }

    #[test]
    fn the_description_names_each_condition() {
        let filter = TimelineFilter {
            actor: Some(ActorId::new("huawei")),
            types: vec![EventType::Ban, EventType::Sanction],
            from: day("2019-01-01"),
            ..TimelineFilter::default()
        };
        assert_eq!(
            filter.describe(),
            "actor huawei; type ban, sanction; from 2019-01-01"
        );
        assert_eq!(TimelineFilter::default().describe(), "all events");
    }
}
