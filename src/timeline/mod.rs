//! Timelines: filter events, order them chronologically and write them in the formats analysts
//! import (terminal table, CSV, JSON, JSON Lines, TimelineJS3, vis-timeline, iCalendar, Markdown,
//! and a self-contained HTML page with an SVG timeline).
//!
//! Everything here is a pure function over [`TimelineEvent`]s (an [`Event`] with its id), so it
//! runs without a store. The entry points are [`TimelineFilter::select`] and [`write_timeline`].
//!
//! # Examples
//!
//! ```
//! use geokg::model::{Actor, ActorId, ActorKind, Event, EventStatus, EventType, Evidence};
//! use geokg::timeline::{TimelineEvent, TimelineFilter, TimelineFormat, TimelineOptions, write_timeline};
//!
//! let event = Event {
//!     article: "wire-2020-10-21-bans.txt".into(),
//!     event_type: EventType::Ban,
//!     agent: Actor::new(ActorId::new("EST"), "Estonia", ActorKind::Country),
//!     target: Actor::new(ActorId::new("huawei"), "Huawei", ActorKind::Firm),
//!     requester: None,
//!     date: "2020-10-20".parse().ok(),
//!     status: EventStatus::Actual,
//!     evidence: Evidence { start: 0, end: 27, text: "Estonia banned Huawei gear.".into() },
//!     trigger: "banned".into(),
//!     rule: "svo".into(),
//!     date_reason: "stated".into(),
//! };
//! let filter = TimelineFilter { types: vec![EventType::Ban], ..TimelineFilter::default() };
//! let events = filter.select(vec![TimelineEvent::new("e1", event)]);
//! let mut csv = Vec::new();
//! write_timeline(&mut csv, TimelineFormat::Csv, &events, &TimelineOptions::default())?;
//! assert!(String::from_utf8_lossy(&csv).contains("e1,2020-10-20,day,2020-10-20,2020-10-20,ban,EST"));
//! # Ok::<(), geokg::timeline::TimelineError>(())
//! ```

mod filter;
mod html;
mod ical;
mod json;
mod svg;
mod tabular;

pub use filter::{TimelineFilter, parse_from_date, parse_statuses, parse_to_date, parse_types};
pub use html::{escape_html, write_html};
pub use ical::{fold_line, write_ical};
pub use json::{write_json, write_jsonl, write_timelinejs, write_vis};
pub use tabular::{write_csv, write_markdown, write_table};

use crate::model::{Event, EventDate};
use chrono::NaiveDate;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

/// An event on a timeline: the event, its stable id, and its article's publication day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// A stable id: the last path segment of the event's IRI in the store.
    pub id: String,
    /// The event.
    pub event: Event,
    /// The publication day of the event's article, where known (iCalendar's `DTSTAMP`).
    pub published: Option<NaiveDate>,
    /// How many articles report the event (1 for an event read from one article).
    pub sources: usize,
    /// Each article's statement of a fused event (empty for an event read from one article).
    pub mentions: Vec<TimelineMention>,
}

/// One article's statement of an event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TimelineMention {
    /// The article file.
    pub source: String,
    /// The date as that article states it.
    pub date: Option<EventDate>,
    /// The sentence that states it.
    pub evidence: String,
}

impl TimelineEvent {
    /// An event with its id and no known publication day.
    pub fn new(id: impl Into<String>, event: Event) -> Self {
        Self {
            id: id.into(),
            event,
            published: None,
            sources: 1,
            mentions: Vec::new(),
        }
    }

    /// The same event with its article's publication day.
    #[must_use]
    pub fn with_published(mut self, published: NaiveDate) -> Self {
        self.published = Some(published);
        self
    }

    /// The same event reported by `sources` articles (a fused event).
    #[must_use]
    pub fn with_sources(mut self, sources: usize) -> Self {
        self.sources = sources.max(1);
        self
    }

    /// The same event with each article's statement of it.
    #[must_use]
    pub fn with_mentions(mut self, mentions: Vec<TimelineMention>) -> Self {
        self.mentions = mentions;
        self
    }

    /// How many sources (articles) report the event.
    pub fn source_count(&self) -> usize {
        self.sources
    }
}

/// What can go wrong reading timeline options or writing a timeline.
#[derive(Debug, thiserror::Error)]
pub enum TimelineError {
    /// The writer failed.
    #[error("cannot write the timeline")]
    Write(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("cannot write the timeline as CSV")]
    Csv(#[from] csv::Error),
    /// The JSON writer failed.
    #[error("cannot write the timeline as JSON")]
    Json(#[from] serde_json::Error),
    /// A name that is not one of the accepted values (an event type, a status, a format...).
    #[error("unknown {what} {name:?}; expected one of: {expected}")]
    UnknownName {
        /// What the name should have named ("event type", "status", "format", "grouping").
        what: &'static str,
        /// The name given.
        name: String,
        /// The accepted names, comma-separated.
        expected: String,
    },
    /// A date bound that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("bad date {text:?} for {bound}: expected YYYY-MM-DD, YYYY-MM or YYYY")]
    BadDate {
        /// `--from` or `--to`.
        bound: &'static str,
        /// The text given.
        text: String,
    },
}

/// The formats a timeline is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelineFormat {
    /// An aligned text table for terminals.
    Table,
    /// CSV with ACLED-like columns plus geokg's own.
    Csv,
    /// A JSON array of event objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// TimelineJS3 JSON (`events` with `start_date`, `text`, `group`).
    TimelineJs,
    /// vis-timeline `items` and `groups`.
    Vis,
    /// iCalendar (RFC 5545) with one all-day event per dated event.
    Ical,
    /// A Markdown table.
    Markdown,
    /// A self-contained HTML page with an SVG timeline.
    Html,
}

impl TimelineFormat {
    /// All formats, in the order the help lists them.
    pub const ALL: [Self; 9] = [
        Self::Table,
        Self::Csv,
        Self::Json,
        Self::Jsonl,
        Self::TimelineJs,
        Self::Vis,
        Self::Ical,
        Self::Markdown,
        Self::Html,
    ];

    /// The name used on the command line (`"timelinejs"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::TimelineJs => "timelinejs",
            Self::Vis => "vis",
            Self::Ical => "ical",
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }
}

/// How the visual formats (HTML, TimelineJS, vis-timeline) group events into lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GroupBy {
    /// One lane per acting actor (the agent).
    #[default]
    Actor,
    /// One lane per target.
    Target,
    /// One lane per event type.
    Type,
}

impl GroupBy {
    /// All groupings.
    pub const ALL: [Self; 3] = [Self::Actor, Self::Target, Self::Type];

    /// The name used on the command line (`"actor"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Target => "target",
            Self::Type => "type",
        }
    }

    /// The lane of an event: its id and its label.
    pub fn lane(self, event: &Event) -> (String, String) {
        match self {
            Self::Actor => (event.agent.id.to_string(), actor_label(&event.agent)),
            Self::Target => (event.target.id.to_string(), actor_label(&event.target)),
            Self::Type => (
                event.event_type.as_str().to_string(),
                event.event_type.as_str().replace('_', " "),
            ),
        }
    }
}

impl fmt::Display for TimelineFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn unknown_name(what: &'static str, name: &str, expected: &[&str]) -> TimelineError {
    TimelineError::UnknownName {
        what,
        name: name.to_string(),
        expected: expected.join(", "),
    }
}

impl FromStr for TimelineFormat {
    type Err = TimelineError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| unknown_name("format", name, &Self::ALL.map(Self::as_str)))
    }
}

impl FromStr for GroupBy {
    type Err = TimelineError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| unknown_name("grouping", name, &Self::ALL.map(Self::as_str)))
    }
}

/// Options of the visual formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineOptions {
    /// Lanes (HTML) or groups (TimelineJS, vis-timeline).
    pub group_by: GroupBy,
    /// A title for the HTML page, the TimelineJS title slide and the calendar name.
    pub title: String,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        Self {
            group_by: GroupBy::default(),
            title: "geokg timeline".to_string(),
        }
    }
}

/// Writes `events`, in the order given, in `format`.
///
/// # Errors
/// [`TimelineError`] when the writer fails.
pub fn write_timeline(
    out: &mut impl Write,
    format: TimelineFormat,
    events: &[TimelineEvent],
    options: &TimelineOptions,
) -> Result<(), TimelineError> {
    match format {
        TimelineFormat::Table => write_table(out, events),
        TimelineFormat::Csv => write_csv(out, events),
        TimelineFormat::Json => write_json(out, events),
        TimelineFormat::Jsonl => write_jsonl(out, events),
        TimelineFormat::TimelineJs => write_timelinejs(out, events, options),
        TimelineFormat::Vis => write_vis(out, events, options),
        TimelineFormat::Ical => write_ical(out, events, options),
        TimelineFormat::Markdown => write_markdown(out, events),
        TimelineFormat::Html => write_html(out, events, options),
    }
}

/// Orders events chronologically: by [`EventDate::sort_key`] (a fuzzy date at the start of its
/// span, "before X" on the day before X), undated events last, ties by type, agent, target,
/// article, evidence position and id.
pub fn sort_chronologically(events: &mut [TimelineEvent]) {
    events.sort_by_cached_key(|t| {
        let e = &t.event;
        (
            e.date.is_none(),
            e.date.map(EventDate::sort_key),
            e.event_type,
            e.agent.id.clone(),
            e.target.id.clone(),
            e.article.clone(),
            e.evidence.start,
            t.id.clone(),
        )
    });
}

/// `"Huawei (huawei)"`, or the id alone when the label is empty or the same.
fn actor_label(actor: &crate::model::Actor) -> String {
    if actor.label.is_empty() || &*actor.label == actor.id.as_str() {
        actor.id.to_string()
    } else {
        format!("{} ({})", actor.label, actor.id)
    }
}

/// `"ban: United States (USA) → Huawei (huawei)"`.
fn headline(timeline_event: &TimelineEvent) -> String {
    let event = &timeline_event.event;
    format!(
        "{}: {} → {}",
        event.event_type.as_str().replace('_', " "),
        actor_label(&event.agent),
        actor_label(&event.target)
    )
}

/// A date for people: `2019-01-28`, `2019-01`, `2019`, `before 2019-02-19`, or `undated`.
fn date_label(date: Option<EventDate>) -> String {
    match date {
        Some(EventDate::Before(day)) => format!("before {}", day.format("%Y-%m-%d")),
        Some(date) => date.to_string(),
        None => "undated".to_string(),
    }
}

/// Test events shared by the format tests.
#[cfg(test)]
pub(crate) mod sample {
    use super::TimelineEvent;
    use crate::model::{Actor, ActorId, ActorKind, Event, EventStatus, EventType, Evidence};

    /// An event `id` of `event_type` from `agent` on `target`, dated `date` ("" for none).
    pub fn event(
        id: &str,
        event_type: EventType,
        agent: (&str, &str),
        target: (&str, &str),
        date: &str,
        status: EventStatus,
    ) -> TimelineEvent {
        let kind = |id: &str| {
            if id.len() == 3 && id.chars().all(|c| c.is_ascii_uppercase()) {
                ActorKind::Country
            } else {
                ActorKind::Firm
            }
        };
        let text = format!("{} acted against {}.", agent.1, target.1);
        TimelineEvent::new(
            id,
            Event {
                article: format!("wire-{id}.txt"),
                event_type,
                agent: Actor::new(ActorId::new(agent.0), agent.1, kind(agent.0)),
                target: Actor::new(ActorId::new(target.0), target.1, kind(target.0)),
                requester: None,
                date: date.parse().ok(),
                status,
                evidence: Evidence {
                    start: 0,
                    end: text.chars().count(),
                    text,
                },
                trigger: "banned".into(),
                rule: "test".into(),
                date_reason: "test".into(),
            },
        )
    }

    /// Four events: a day, a month, a "before" and an undated one, in chronological order.
    pub fn four() -> Vec<TimelineEvent> {
        use EventStatus::{Actual, Considered};
        use EventType::{Ban, Charge, Sanction};
        vec![
            event(
                "a1",
                Charge,
                ("USA", "United States"),
                ("huawei", "Huawei"),
                "2019-01",
                Actual,
            ),
            event(
                "a2",
                Ban,
                ("AUS", "Australia"),
                ("huawei", "Huawei"),
                "<2019-02-19",
                Actual,
            ),
            event(
                "a3",
                Sanction,
                ("GBR", "United Kingdom"),
                ("zte", "ZTE"),
                "2019-02-20",
                Actual,
            ),
            event(
                "a4",
                Ban,
                ("DEU", "Germany"),
                ("huawei", "Huawei"),
                "",
                Considered,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::sample::{event, four};
    use super::*;
    use crate::model::{EventStatus, EventType};

    #[test]
    fn fuzzy_dates_sort_at_their_start_before_x_on_the_eve_and_undated_last() {
        use EventStatus::Actual;
        use EventType::{Arrest, Ban};
        let mut events = vec![
            event("u", Ban, ("AUS", "A"), ("t", "T"), "", Actual),
            event("d", Ban, ("AUS", "A"), ("t", "T"), "2019-02-18", Actual),
            event("b", Ban, ("AUS", "A"), ("t", "T"), "<2019-02-19", Actual),
            event("m", Ban, ("AUS", "A"), ("t", "T"), "2019-02", Actual),
            event("y", Ban, ("AUS", "A"), ("t", "T"), "2019", Actual),
            event("m2", Arrest, ("AUS", "A"), ("t", "T"), "2019-02", Actual),
            event("m3", Ban, ("AAA", "A"), ("t", "T"), "2019-02", Actual),
        ];
        sort_chronologically(&mut events);
        let order: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, ["y", "m3", "m", "m2", "b", "d", "u"]);
    }

    #[test]
    fn formats_and_groupings_parse_from_their_names() -> Result<(), TimelineError> {
        for format in TimelineFormat::ALL {
            assert_eq!(
                format.as_str().parse::<TimelineFormat>()?,
                format,
                "{format}"
            );
        }
        for group in GroupBy::ALL {
            assert_eq!(group.as_str().parse::<GroupBy>()?, group, "{group}");
        }
        let error = "pdf".parse::<TimelineFormat>().map(|_| ()).unwrap_err();
        assert!(error.to_string().contains("table, csv"), "{error}");
        Ok(())
    }

    #[test]
    fn lanes_are_the_agent_the_target_or_the_type() {
        let events = four();
        let lanes: Vec<(String, String)> = GroupBy::ALL
            .iter()
            .map(|g| g.lane(&events[0].event))
            .collect();
        assert_eq!(
            lanes,
            [
                ("USA".into(), "United States (USA)".into()),
                ("huawei".into(), "Huawei (huawei)".into()),
                ("charge".into(), "charge".into())
            ]
        );
    }

    #[test]
    fn every_format_writes_the_sample_without_error() -> Result<(), TimelineError> {
        for format in TimelineFormat::ALL {
            let mut out = Vec::new();
            write_timeline(&mut out, format, &four(), &TimelineOptions::default())?;
            assert!(!out.is_empty(), "{format}");
            let mut empty = Vec::new();
            write_timeline(&mut empty, format, &[], &TimelineOptions::default())?;
        }
        Ok(())
    }
}
