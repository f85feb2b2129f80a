//! JSON formats: a JSON array, JSON Lines, TimelineJS3 and vis-timeline.

use super::html::escape_html;
use super::{TimelineError, TimelineEvent, TimelineMention, TimelineOptions, date_label, headline};
use crate::model::EventDate;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::io::Write;

/// One event as a JSON object: the CSV columns (typed: numbers as numbers, missing as `null`) plus
/// the actors' kinds, the requester, the trigger and the evidence offsets.
#[derive(Debug, Serialize)]
struct EventRecord<'a> {
    event_id: &'a str,
    event_date: Option<String>,
    date_precision: Option<&'static str>,
    date_earliest: Option<NaiveDate>,
    date_latest: Option<NaiveDate>,
    #[serde(rename = "type")]
    event_type: &'static str,
    agent: &'a str,
    agent_name: &'a str,
    agent_kind: &'static str,
    target: &'a str,
    target_name: &'a str,
    target_kind: &'static str,
    requester: Option<&'a str>,
    status: &'static str,
    sources: usize,
    source: &'a str,
    evidence: &'a str,
    evidence_start: usize,
    evidence_end: usize,
    trigger: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mentions: &'a [TimelineMention],
}

impl<'a> EventRecord<'a> {
    fn from_event(timeline_event: &'a TimelineEvent) -> Self {
        let event = &timeline_event.event;
        Self {
            event_id: &timeline_event.id,
            event_date: event.date.map(|d| d.to_string()),
            date_precision: event.date.map(EventDate::precision),
            date_earliest: event.date.and_then(EventDate::earliest),
            date_latest: event.date.and_then(EventDate::latest),
            event_type: event.event_type.as_str(),
            agent: event.agent.id.as_str(),
            agent_name: &event.agent.label,
            agent_kind: event.agent.kind.as_str(),
            target: event.target.id.as_str(),
            target_name: &event.target.label,
            target_kind: event.target.kind.as_str(),
            requester: event.requester.as_ref().map(|r| r.id.as_str()),
            status: event.status.as_str(),
            sources: timeline_event.source_count(),
            source: &event.article,
            evidence: &event.evidence.text,
            evidence_start: event.evidence.start,
            evidence_end: event.evidence.end,
            trigger: &event.trigger,
            mentions: &timeline_event.mentions,
        }
    }
}

/// Writes a pretty-printed JSON array of event objects with the CSV columns (see
/// [`write_csv`](super::write_csv)) plus `agent_kind`, `target_kind`, `requester`,
/// `evidence_start`, `evidence_end`, `trigger` and, for fused events, `mentions` (each
/// article's `source`, stated `date` and `evidence`); unknown values are `null`.
///
/// # Errors
/// [`TimelineError`] when the writer fails.
pub fn write_json(out: &mut impl Write, events: &[TimelineEvent]) -> Result<(), TimelineError> {
    let records: Vec<EventRecord<'_>> = events.iter().map(EventRecord::from_event).collect();
    serde_json::to_writer_pretty(&mut *out, &records)?;
    writeln!(out)?;
    Ok(())
}

/// Writes JSON Lines: one compact event object (as in [`write_json`]) per line.
///
/// # Errors
/// [`TimelineError`] when the writer fails.
pub fn write_jsonl(out: &mut impl Write, events: &[TimelineEvent]) -> Result<(), TimelineError> {
    for event in events {
        serde_json::to_writer(&mut *out, &EventRecord::from_event(event))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The event's details as an HTML fragment (TimelineJS text, vis-timeline tooltips).
fn details_html(timeline_event: &TimelineEvent) -> String {
    let event = &timeline_event.event;
    format!(
        "<p>{} ({}), {}</p><blockquote>{}</blockquote><p>Source: {}</p>",
        escape_html(event.event_type.as_str()),
        escape_html(event.status.as_str()),
        escape_html(&date_label(event.date)),
        escape_html(&event.evidence.text),
        escape_html(&event.article),
    )
}

/// A TimelineJS date object: year, then month and day only as far as the date is precise. "Before
/// X" sits on the day before X and says so in `display_date`.
fn timelinejs_date(date: EventDate) -> Value {
    let mut object = Map::new();
    let put_day = |object: &mut Map<String, Value>, day: NaiveDate| {
        object.insert("year".into(), json!(day.year()));
        object.insert("month".into(), json!(day.month()));
        object.insert("day".into(), json!(day.day()));
    };
    match date {
        EventDate::Day(day) => put_day(&mut object, day),
        EventDate::Month { year, month } => {
            object.insert("year".into(), json!(year));
            object.insert("month".into(), json!(month));
        }
        EventDate::Year(year) => {
            object.insert("year".into(), json!(year));
        }
        EventDate::Before(day) => {
            put_day(&mut object, day.pred_opt().unwrap_or(day));
            object.insert("display_date".into(), json!(date_label(Some(date))));
        }
    }
    Value::Object(object)
}

/// Writes TimelineJS3 JSON: a title slide and `events`, each with `start_date` (month and day
/// left out for coarser dates), `text` (`headline` and HTML `text`, escaped), `group` (the lane
/// of [`TimelineOptions::group_by`]) and `unique_id`. Undated events are left out: TimelineJS
/// needs a start date.
///
/// # Errors
/// [`TimelineError`] when the writer fails.
pub fn write_timelinejs(
    out: &mut impl Write,
    events: &[TimelineEvent],
    options: &TimelineOptions,
) -> Result<(), TimelineError> {
    let slides: Vec<Value> = events
        .iter()
        .filter_map(|e| {
            let date = e.event.date?;
            Some(json!({
                "start_date": timelinejs_date(date),
                "text": {"headline": escape_html(&headline(e)), "text": details_html(e)},
                "group": escape_html(&options.group_by.lane(&e.event).1),
                "unique_id": e.id,
            }))
        })
        .collect();
    let timeline = json!({
        "title": {"text": {
            "headline": escape_html(&options.title),
            "text": format!("<p>{} dated events</p>", slides.len()),
        }},
        "events": slides,
    });
    serde_json::to_writer_pretty(&mut *out, &timeline)?;
    writeln!(out)?;
    Ok(())
}

/// Writes vis-timeline data: `items` (`id`, `content`, `start`, `group`, `title`; month and year
/// dates as ranges with an exclusive `end`, "before X" as a point on the day before X with class
/// `before`) and `groups` (`id`, `content`), HTML escaped. Undated events are left out.
///
/// # Errors
/// [`TimelineError`] when the writer fails.
pub fn write_vis(
    out: &mut impl Write,
    events: &[TimelineEvent],
    options: &TimelineOptions,
) -> Result<(), TimelineError> {
    let mut groups = BTreeMap::new();
    let mut items = Vec::new();
    for e in events {
        let Some(date) = e.event.date else {
            continue;
        };
        let class = format!("{} {}", e.event.event_type, e.event.status);
        let (start, end, content, class) = match date {
            EventDate::Day(day) => (day, None, headline(e), class),
            EventDate::Before(day) => (
                day.pred_opt().unwrap_or(day),
                None,
                format!("{} ({})", headline(e), date_label(Some(date))),
                format!("{class} before"),
            ),
            EventDate::Month { .. } | EventDate::Year(_) => {
                let (Some(first), Some(last)) = (date.earliest(), date.latest()) else {
                    continue;
                };
                (first, last.succ_opt(), headline(e), class)
            }
        };
        let (group, label) = options.group_by.lane(&e.event);
        let mut item = json!({
            "id": e.id,
            "content": escape_html(&content),
            "start": start.to_string(),
            "group": group,
            "title": details_html(e),
            "className": class,
        });
        if let Some(end) = end {
            item["end"] = json!(end.to_string());
            item["type"] = json!("range");
        }
        groups.insert(
            group.clone(),
            json!({"id": group, "content": escape_html(&label)}),
        );
        items.push(item);
    }
    let groups: Vec<Value> = groups.into_values().collect();
    serde_json::to_writer_pretty(&mut *out, &json!({"items": items, "groups": groups}))?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::GroupBy;
    use crate::timeline::sample::four;

    fn value(write: impl Fn(&mut Vec<u8>) -> Result<(), TimelineError>) -> Value {
        let mut out = Vec::new();
        write(&mut out).expect("writes to memory");
        serde_json::from_slice(&out).expect("valid JSON")
    }

    #[test]
    fn json_and_jsonl_carry_the_same_records() -> Result<(), TimelineError> {
        let array = value(|out| write_json(out, &four()));
        let mut lines = Vec::new();
        write_jsonl(&mut lines, &four())?;
        let lines: Vec<Value> = String::from_utf8_lossy(&lines)
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(array.as_array(), Some(&lines));
        for (i, date, earliest, latest) in [
            (
                0,
                json!("2019-01"),
                json!("2019-01-01"),
                json!("2019-01-31"),
            ),
            (1, json!("<2019-02-19"), Value::Null, json!("2019-02-18")),
            (3, Value::Null, Value::Null, Value::Null),
        ] {
            let record = &lines[i];
            assert_eq!(record["event_date"], date, "{record}");
            assert_eq!(record["date_earliest"], earliest, "{record}");
            assert_eq!(record["date_latest"], latest, "{record}");
            assert_eq!(record["sources"], 1, "{record}");
        }
        assert_eq!(lines[0]["agent_kind"], "country");
        assert_eq!(lines[0]["source"], "wire-a1.txt");
        Ok(())
    }

    #[test]
    fn timelinejs_dates_are_as_precise_as_the_event() {
        let timeline = value(|out| write_timelinejs(out, &four(), &TimelineOptions::default()));
        let events = timeline["events"].as_array().expect("events");
        assert_eq!(events.len(), 3, "the undated event is left out");
        for (i, want) in [
            json!({"year": 2019, "month": 1}),
            json!({"year": 2019, "month": 2, "day": 18, "display_date": "before 2019-02-19"}),
            json!({"year": 2019, "month": 2, "day": 20}),
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(&events[i]["start_date"], want, "event {i}");
        }
        assert_eq!(events[0]["group"], "United States (USA)");
        assert_eq!(
            events[0]["text"]["headline"],
            "charge: United States (USA) → Huawei (huawei)"
        );
        assert_eq!(events[0]["unique_id"], "a1");
        let year = timelinejs_date(EventDate::Year(2018));
        assert_eq!(year, json!({"year": 2018}));
    }

    #[test]
    fn timelinejs_and_vis_escape_html() {
        let mut events = four();
        events[0].event.evidence.text = "<script>alert('x')</script> & more".into();
        events[0].event.agent.label = "A<b>".into();
        let timeline = value(|out| write_timelinejs(out, &events, &TimelineOptions::default()));
        let text = timeline["events"][0]["text"]["text"]
            .as_str()
            .unwrap_or_default();
        assert!(
            text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"),
            "{text}"
        );
        assert!(!text.contains("<script>"), "{text}");
        let vis = value(|out| write_vis(out, &events, &TimelineOptions::default()));
        assert_eq!(
            vis["items"][0]["content"],
            "charge: A&lt;b&gt; (USA) → Huawei (huawei)"
        );
        assert!(!vis.to_string().contains("<script>"));
    }

    #[test]
    fn vis_items_are_points_or_ranges_in_their_groups() {
        let options = TimelineOptions {
            group_by: GroupBy::Type,
            ..TimelineOptions::default()
        };
        let vis = value(|out| write_vis(out, &four(), &options));
        let items = vis["items"].as_array().expect("items");
        assert_eq!(items.len(), 3);
        for (i, start, end, group) in [
            (0, "2019-01-01", json!("2019-02-01"), "charge"),
            (1, "2019-02-18", Value::Null, "ban"),
            (2, "2019-02-20", Value::Null, "sanction"),
        ] {
            assert_eq!(items[i]["start"], start, "item {i}");
            assert_eq!(items[i]["end"], end, "item {i}");
            assert_eq!(items[i]["group"], group, "item {i}");
        }
        assert_eq!(items[1]["className"], "ban actual before");
        let groups: Vec<&str> = vis["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .filter_map(|g| g["id"].as_str())
            .collect();
        assert_eq!(groups, ["ban", "charge", "sanction"]);
    }
}
