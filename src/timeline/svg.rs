//! The SVG timeline of the HTML page: one lane per group, a mark per dated event at its date.
//!
//! A day is a dot; a month or a year is a bar over the whole period; "before X" is a bar that
//! fades in towards X. Each lane stacks its marks in as many rows as their labels need.

use super::html::escape_html;
use super::{GroupBy, TimelineEvent, date_label, headline};
use crate::model::{EventDate, EventStatus, EventType};
use chrono::{Datelike, NaiveDate};
use std::io::{self, Write};

/// Width of the drawing, in pixels.
const WIDTH: f64 = 1320.0;
/// Where the plot area starts (lane labels to its left) and ends.
const PLOT_LEFT: f64 = 250.0;
const PLOT_RIGHT: f64 = WIDTH - 10.0;
/// Room left of the first date for "before" fades, and right of the last one.
const INSET_LEFT: f64 = 56.0;
const INSET_RIGHT: f64 = 16.0;
/// Height of the date axis at the top, of one row of marks, and padding above and below a lane.
const AXIS_HEIGHT: f64 = 34.0;
const ROW_HEIGHT: f64 = 24.0;
const LANE_PADDING: f64 = 6.0;
/// Length of the fade drawn for "before X".
const BEFORE_LENGTH: f64 = 44.0;
/// Average width of a 12 px label character, to keep labels from overlapping.
const CHAR_WIDTH: f64 = 6.6;
/// Longest lane label before it is cut with "…".
const LANE_LABEL_CHARS: usize = 28;

/// The colour of an event type's marks (distinct hues, readable on white).
pub(super) fn type_color(event_type: EventType) -> &'static str {
    match event_type {
        EventType::Ban => "#c62828",
        EventType::Restriction => "#ef6c00",
        EventType::Sanction => "#6a1b9a",
        EventType::Arrest => "#4e342e",
        EventType::Charge => "#ad1457",
        EventType::Extradition => "#00838f",
        EventType::RiskAssessment => "#9e7700",
        EventType::Investigation => "#1565c0",
        EventType::Accusation => "#2e7d32",
        EventType::Denial => "#546e7a",
        EventType::Lawsuit => "#283593",
    }
}

/// Fill and stroke attributes for a mark: solid for actual, pale and dashed for planned, hollow
/// and dotted for considered, hollow grey for negated.
pub(super) fn mark_paint(color: &str, status: EventStatus, span: bool) -> String {
    let fill_opacity = if span { "0.45" } else { "1" };
    match status {
        EventStatus::Actual => {
            format!(r#"fill="{color}" fill-opacity="{fill_opacity}" stroke="{color}""#)
        }
        EventStatus::Planned => {
            format!(r#"fill="{color}" fill-opacity="0.25" stroke="{color}" stroke-dasharray="4 2""#)
        }
        EventStatus::Considered => {
            format!(r##"fill="#ffffff" stroke="{color}" stroke-dasharray="2 2""##)
        }
        EventStatus::Negated => r##"fill="#ffffff" stroke="#9e9e9e""##.to_string(),
    }
}

fn day_number(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce())
}

/// Days to pixels over the plot area.
struct Scale {
    first: i64,
    last: i64,
}

impl Scale {
    /// A scale over every dated event, padded a little; at least a month wide.
    fn over(events: &[&TimelineEvent]) -> Option<Self> {
        let bounds = events.iter().filter_map(|e| {
            let date = e.event.date?;
            let last = day_number(date.latest()?) + 1;
            Some((date.earliest().map_or(last - 1, day_number), last))
        });
        let (first, last) = bounds.fold(None, |acc: Option<(i64, i64)>, (a, b)| {
            Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
        })?;
        let pad = ((last - first) / 40).max(15);
        Some(Self {
            first: first - pad,
            last: last + pad,
        })
    }

    fn x_of_number(&self, day: i64) -> f64 {
        let span = (self.last - self.first).max(1) as f64;
        let left = PLOT_LEFT + INSET_LEFT;
        let right = PLOT_RIGHT - INSET_RIGHT;
        left + (day - self.first) as f64 / span * (right - left)
    }

    fn x(&self, day: NaiveDate) -> f64 {
        self.x_of_number(day_number(day))
    }

    /// Axis ticks: (day, label), every 5 or 10 years, every year, every quarter or every month,
    /// whichever keeps them readable.
    fn ticks(&self) -> Vec<(NaiveDate, String)> {
        let span_years = (self.last - self.first) as f64 / 365.25;
        let (year_step, month_step) = match span_years {
            s if s > 60.0 => (10, 12),
            s if s > 12.0 => (5, 12),
            s if s > 2.5 => (1, 12),
            s if s > 0.7 => (1, 3),
            _ => (1, 1),
        };
        let Some(start) =
            NaiveDate::from_num_days_from_ce_opt(i32::try_from(self.first).unwrap_or(i32::MAX))
        else {
            return Vec::new();
        };
        let mut ticks = Vec::new();
        let (mut year, mut month) = (start.year(), start.month());
        while let Some(day) = NaiveDate::from_ymd_opt(year, month, 1) {
            if day_number(day) > self.last {
                break;
            }
            let on_step = month_step < 12 || year.rem_euclid(year_step) == 0;
            if day_number(day) >= self.first && (month - 1) % month_step == 0 && on_step {
                let label = if month == 1 {
                    format!("{year}")
                } else {
                    day.format("%b").to_string()
                };
                ticks.push((day, label));
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        ticks
    }
}

/// How a mark is drawn, in pixels.
enum Shape {
    Dot(f64),
    Bar(f64, f64),
    Fade(f64),
}

impl Shape {
    fn of(date: EventDate, scale: &Scale) -> Option<Self> {
        Some(match date {
            EventDate::Day(day) => Self::Dot(scale.x(day)),
            EventDate::Before(day) => Self::Fade(scale.x(day)),
            EventDate::Month { .. } | EventDate::Year(_) => {
                let start = scale.x(date.earliest()?);
                let end = scale.x_of_number(day_number(date.latest()?) + 1);
                Self::Bar(start, end.max(start + 6.0))
            }
        })
    }

    /// Left and right ends, in pixels.
    fn extent(&self) -> (f64, f64) {
        match *self {
            Self::Dot(x) => (x - 5.0, x + 5.0),
            Self::Bar(start, end) => (start, end),
            Self::Fade(x) => (x - BEFORE_LENGTH, x + 1.0),
        }
    }
}

/// A mark placed in its lane: the row it takes, its label and where the label goes.
struct Mark<'a> {
    event: &'a TimelineEvent,
    shape: Shape,
    row: usize,
    label: String,
    label_x: f64,
    label_before: bool,
}

struct Lane<'a> {
    key: String,
    label: String,
    marks: Vec<Mark<'a>>,
    rows: Vec<f64>,
}

impl Lane<'_> {
    fn height(&self) -> f64 {
        self.rows.len().max(1) as f64 * ROW_HEIGHT + 2.0 * LANE_PADDING
    }
}

/// The label beside a mark: what the lane does not already say.
fn mark_label(event: &TimelineEvent, group_by: GroupBy) -> String {
    let e = &event.event;
    let name = |a: &crate::model::Actor| {
        if a.label.is_empty() {
            a.id.to_string()
        } else {
            a.label.to_string()
        }
    };
    let kind = e.event_type.as_str().replace('_', " ");
    let mut label = match group_by {
        GroupBy::Actor => format!("{kind} → {}", name(&e.target)),
        GroupBy::Target => format!("{} → {kind}", name(&e.agent)),
        GroupBy::Type => format!("{} → {}", name(&e.agent), name(&e.target)),
    };
    if e.status != EventStatus::Actual {
        label.push_str(&format!(" ({})", e.status));
    }
    label
}

/// Sorts events into lanes and stacks each lane's marks in rows so labels do not overlap.
fn lay_out<'a>(events: &[&'a TimelineEvent], scale: &Scale, group_by: GroupBy) -> Vec<Lane<'a>> {
    let mut lanes: Vec<Lane<'a>> = Vec::new();
    for &event in events {
        let Some(shape) = event.event.date.and_then(|d| Shape::of(d, scale)) else {
            continue;
        };
        let (key, label) = group_by.lane(&event.event);
        let index = match lanes.iter().position(|l| l.key == key) {
            Some(index) => index,
            None => {
                lanes.push(Lane {
                    key,
                    label,
                    marks: Vec::new(),
                    rows: Vec::new(),
                });
                lanes.len() - 1
            }
        };
        let lane = &mut lanes[index];
        let text = mark_label(event, group_by);
        let width = text.chars().count() as f64 * CHAR_WIDTH;
        let (start, end) = shape.extent();
        let label_before = end + 5.0 + width > WIDTH - 4.0;
        let (label_x, left, right) = if label_before {
            (start - 5.0, start - 5.0 - width, end)
        } else {
            (end + 5.0, start, end + 5.0 + width)
        };
        let row = match lane.rows.iter().position(|&taken| taken + 8.0 <= left) {
            Some(row) => row,
            None => {
                lane.rows.push(f64::MIN);
                lane.rows.len() - 1
            }
        };
        lane.rows[row] = right;
        lane.marks.push(Mark {
            event,
            shape,
            row,
            label: text,
            label_x,
            label_before,
        });
    }
    let type_rank = |key: &str| EventType::ALL.iter().position(|t| t.as_str() == key);
    match group_by {
        GroupBy::Type => lanes.sort_by_key(|l| type_rank(&l.key)),
        GroupBy::Actor | GroupBy::Target => lanes.sort_by_key(|l| l.label.to_lowercase()),
    }
    lanes
}

fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let kept: String = text.chars().take(chars - 1).collect();
        format!("{kept}…")
    }
}

fn tooltip(event: &TimelineEvent) -> String {
    let e = &event.event;
    let precision = e.date.map_or("", EventDate::precision);
    format!(
        "{} ({precision}), {}\n{}\n“{}”\n{}",
        date_label(e.date),
        e.status,
        headline(event),
        e.evidence.text,
        e.article
    )
}

fn write_mark(out: &mut impl Write, mark: &Mark<'_>, y: f64) -> io::Result<()> {
    let e = &mark.event.event;
    let color = type_color(e.event_type);
    writeln!(
        out,
        r#"<g class="event {} {}" id="event-{}"><title>{}</title>"#,
        e.event_type,
        e.status,
        escape_html(&mark.event.id),
        escape_html(&tooltip(mark.event))
    )?;
    match mark.shape {
        Shape::Dot(x) => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" stroke-width="1.5" {}/>"#,
            mark_paint(color, e.status, false)
        )?,
        Shape::Bar(start, end) => writeln!(
            out,
            r#"<rect x="{start:.1}" y="{:.1}" width="{:.1}" height="10" rx="3" stroke-width="1.2" {}/>"#,
            y - 5.0,
            end - start,
            mark_paint(color, e.status, true)
        )?,
        Shape::Fade(x) => {
            let paint = if e.status == EventStatus::Negated {
                "#9e9e9e"
            } else {
                color
            };
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{BEFORE_LENGTH:.1}" height="8" fill="url(#fade-{})"/><line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{paint}" stroke-width="2.5"/>"#,
                x - BEFORE_LENGTH,
                y - 4.0,
                e.event_type,
                y - 7.0,
                y + 7.0
            )?;
        }
    }
    let anchor = if mark.label_before { "end" } else { "start" };
    writeln!(
        out,
        r#"<text class="label{}" x="{:.1}" y="{:.1}" text-anchor="{anchor}">{}</text></g>"#,
        if e.status == EventStatus::Negated {
            " negated"
        } else {
            ""
        },
        mark.label_x,
        y + 4.0,
        escape_html(&mark.label)
    )
}

/// Writes the `<svg>` element: axis, lanes and marks. Undated events are not drawn.
pub(super) fn write_chart(
    out: &mut impl Write,
    events: &[&TimelineEvent],
    group_by: GroupBy,
    title: &str,
) -> io::Result<()> {
    let Some(scale) = Scale::over(events) else {
        return writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 {WIDTH} 40" width="{WIDTH}" height="40"><title>{}</title><text x="12" y="24" class="empty">No dated events to draw.</text></svg>"#,
            escape_html(title)
        );
    };
    let lanes = lay_out(events, &scale, group_by);
    let height = AXIS_HEIGHT + lanes.iter().map(Lane::height).sum::<f64>() + 8.0;
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}">"#
    )?;
    writeln!(out, "<title>{}</title>", escape_html(title))?;
    writeln!(out, "<defs>")?;
    for event_type in EventType::ALL {
        let color = type_color(event_type);
        writeln!(
            out,
            r#"<linearGradient id="fade-{event_type}"><stop offset="0" stop-color="{color}" stop-opacity="0"/><stop offset="1" stop-color="{color}" stop-opacity="0.8"/></linearGradient>"#
        )?;
    }
    writeln!(out, "</defs>")?;
    let mut top = AXIS_HEIGHT;
    for (index, lane) in lanes.iter().enumerate() {
        let fill = if index % 2 == 0 { "#f6f7f9" } else { "#ffffff" };
        writeln!(
            out,
            r#"<g class="lane"><rect x="0" y="{top:.1}" width="{WIDTH}" height="{:.1}" fill="{fill}"/><text class="lane-label" x="12" y="{:.1}"><title>{}</title>{}</text></g>"#,
            lane.height(),
            top + LANE_PADDING + ROW_HEIGHT / 2.0 + 4.0,
            escape_html(&lane.label),
            escape_html(&cut(&lane.label, LANE_LABEL_CHARS))
        )?;
        top += lane.height();
    }
    writeln!(
        out,
        r##"<line x1="{PLOT_LEFT}" y1="{AXIS_HEIGHT}" x2="{PLOT_LEFT}" y2="{top:.1}" stroke="#c5c9d0"/>"##
    )?;
    for (day, label) in scale.ticks() {
        let x = scale.x(day);
        writeln!(
            out,
            r##"<line class="tick" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{top:.1}" stroke="#dde1e6"/><text class="tick-label" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            AXIS_HEIGHT - 6.0,
            AXIS_HEIGHT - 12.0,
            escape_html(&label)
        )?;
    }
    let mut top = AXIS_HEIGHT;
    for lane in &lanes {
        for mark in &lane.marks {
            let y = top + LANE_PADDING + (mark.row as f64 + 0.5) * ROW_HEIGHT;
            write_mark(out, mark, y)?;
        }
        top += lane.height();
    }
    writeln!(out, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::sample::{event, four};

    #[test]
    fn marks_sit_at_their_dates_and_fuzzy_ones_span_their_period() {
        let events = four();
        let refs: Vec<&TimelineEvent> = events.iter().collect();
        let scale = Scale::over(&refs).expect("dated events");
        let lanes = lay_out(&refs, &scale, GroupBy::Type);
        let keys: Vec<&str> = lanes.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(
            keys,
            ["ban", "sanction", "charge"],
            "schema order; undated left out"
        );
        let x = |text: &str| text.parse().map(|d| scale.x(d)).unwrap_or(f64::NAN);
        let (charge, ban, sanction) = (&lanes[2].marks[0], &lanes[0].marks[0], &lanes[1].marks[0]);
        assert!(
            matches!(charge.shape, Shape::Bar(s, e) if s == x("2019-01-01") && e == x("2019-02-01"))
        );
        assert!(matches!(ban.shape, Shape::Fade(at) if at == x("2019-02-19")));
        assert!(matches!(sanction.shape, Shape::Dot(at) if at == x("2019-02-20")));
    }

    #[test]
    fn close_marks_stack_in_rows_and_far_ones_share_a_row() {
        use crate::model::{EventStatus::Actual, EventType::Ban};
        let events = [
            event(
                "1",
                Ban,
                ("USA", "United States"),
                ("a", "A"),
                "2019-01-01",
                Actual,
            ),
            event(
                "2",
                Ban,
                ("USA", "United States"),
                ("b", "B"),
                "2019-01-02",
                Actual,
            ),
            event(
                "3",
                Ban,
                ("USA", "United States"),
                ("c", "C"),
                "2021-06-01",
                Actual,
            ),
        ];
        let refs: Vec<&TimelineEvent> = events.iter().collect();
        let scale = Scale::over(&refs).expect("dated events");
        let lanes = lay_out(&refs, &scale, GroupBy::Actor);
        let rows: Vec<usize> = lanes[0].marks.iter().map(|m| m.row).collect();
        assert_eq!(rows, [0, 1, 0]);
        assert_eq!(lanes[0].marks[0].label, "ban → A");
    }

    #[test]
    fn ticks_suit_the_span() {
        for (first, last, want) in [
            ("2019-01-01", "2019-03-31", vec!["2019", "Feb", "Mar"]),
            (
                "2018-01-01",
                "2019-06-30",
                vec!["2018", "Apr", "Jul", "Oct", "2019", "Apr"],
            ),
            (
                "2010-01-02",
                "2016-12-31",
                vec!["2011", "2012", "2013", "2014", "2015", "2016"],
            ),
            (
                "1990-01-01",
                "2020-12-31",
                vec!["1990", "1995", "2000", "2005", "2010", "2015", "2020"],
            ),
        ] {
            let day = |t: &str| t.parse().map(day_number).unwrap_or_default();
            let scale = Scale {
                first: day(first),
                last: day(last),
            };
            let labels: Vec<String> = scale.ticks().into_iter().map(|(_, l)| l).collect();
            assert_eq!(labels, want, "{first}..{last}");
        }
    }
}
