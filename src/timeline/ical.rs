//! iCalendar (RFC 5545): one all-day `VEVENT` per dated event.

use super::{TimelineError, TimelineEvent, TimelineOptions, date_label, headline};
use crate::model::{EventDate, EventStatus};
use chrono::NaiveDate;
use std::io::Write;

/// The longest a content line may be, in octets, without its CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// `DTSTAMP` when nothing better is known: fixed, so the output never depends on the clock.
const FALLBACK_STAMP: &str = "19700101T000000Z";

/// Folds a content line (RFC 5545 §3.1): pieces of at most 75 octets joined by CRLF and a space,
/// never splitting a UTF-8 character. The result has no final CRLF.
///
/// ```
/// let folded = geokg::timeline::fold_line(&format!("SUMMARY:{}", "é".repeat(40)));
/// assert!(folded.split("\r\n").all(|line| line.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("SUMMARY:{}", "é".repeat(40)));
/// ```
pub fn fold_line(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            folded.push_str("\r\n ");
            used = 1; // the leading space counts
        }
        folded.push(c);
        used += c.len_utf8();
    }
    folded
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` get a backslash, line breaks become
/// `\n`, and other control characters (which TEXT may not hold) become spaces.
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

fn basic_date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// The days an all-day event spans: its first day and the day after its last. "Before X" takes
/// the day before X, the latest it may have happened.
fn all_day_span(date: EventDate) -> Option<(NaiveDate, NaiveDate)> {
    let last = date.latest()?;
    let first = date.earliest().unwrap_or(last);
    Some((first, last.succ_opt()?))
}

fn ical_status(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Actual => "CONFIRMED",
        EventStatus::Planned | EventStatus::Considered => "TENTATIVE",
        EventStatus::Negated => "CANCELLED",
    }
}

struct Lines<'w, W: Write> {
    out: &'w mut W,
}

impl<W: Write> Lines<'_, W> {
    fn line(&mut self, line: &str) -> std::io::Result<()> {
        write!(self.out, "{}\r\n", fold_line(line))
    }
}

/// Writes an iCalendar object (RFC 5545): a `VCALENDAR` with `PRODID` and `VERSION`, and an
/// all-day `VEVENT` per dated event: `UID` `<event_id>@geokg`, `DTSTAMP` the article's
/// publication day (else the event's last day; never the clock), `DTSTART;VALUE=DATE` its first
/// day and `DTEND;VALUE=DATE` the day after its last ("before X": the day before X), `SUMMARY`,
/// `DESCRIPTION` (date, status, evidence, source), `CATEGORIES` (the type) and `STATUS`
/// (`CONFIRMED` for actual, `TENTATIVE` for planned or considered, `CANCELLED` for negated).
/// Lines end in CRLF and are folded at 75 octets; text is escaped. Undated events are left out.
///
/// # Errors
/// [`TimelineError::Write`] when the writer fails.
pub fn write_ical(
    out: &mut impl Write,
    events: &[TimelineEvent],
    options: &TimelineOptions,
) -> Result<(), TimelineError> {
    let mut lines = Lines { out };
    lines.line("BEGIN:VCALENDAR")?;
    lines.line("VERSION:2.0")?;
    lines.line("PRODID:-//geokg//geokg timeline//EN")?;
    lines.line("CALSCALE:GREGORIAN")?;
    lines.line(&format!("X-WR-CALNAME:{}", escape_text(&options.title)))?;
    for timeline_event in events {
        let event = &timeline_event.event;
        let Some((date, (first, after_last))) =
            event.date.and_then(|d| Some((d, all_day_span(d)?)))
        else {
            continue;
        };
        let stamp = timeline_event
            .published
            .or_else(|| date.latest())
            .map_or_else(
                || FALLBACK_STAMP.to_string(),
                |day| format!("{}T000000Z", basic_date(day)),
            );
        let mut summary = headline(timeline_event);
        if let EventDate::Before(_) = date {
            summary.push_str(&format!(" ({})", date_label(Some(date))));
        }
        if event.status != EventStatus::Actual {
            summary.push_str(&format!(" [{}]", event.status));
        }
        let description = format!(
            "Date: {} ({})\nStatus: {}\nEvidence: {}\nSource: {}",
            date_label(Some(date)),
            date.precision(),
            event.status,
            event.evidence.text,
            event.article
        );
        lines.line("BEGIN:VEVENT")?;
        lines.line(&format!("UID:{}@geokg", escape_text(&timeline_event.id)))?;
        lines.line(&format!("DTSTAMP:{stamp}"))?;
        lines.line(&format!("DTSTART;VALUE=DATE:{}", basic_date(first)))?;
        lines.line(&format!("DTEND;VALUE=DATE:{}", basic_date(after_last)))?;
        lines.line(&format!("SUMMARY:{}", escape_text(&summary)))?;
        lines.line(&format!("DESCRIPTION:{}", escape_text(&description)))?;
        lines.line(&format!(
            "CATEGORIES:{}",
            escape_text(event.event_type.as_str())
        ))?;
        lines.line(&format!("STATUS:{}", ical_status(event.status)))?;
        lines.line("TRANSP:TRANSPARENT")?;
        lines.line("END:VEVENT")?;
    }
    lines.line("END:VCALENDAR")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::sample::four;

    fn calendar(events: &[TimelineEvent]) -> String {
        let mut out = Vec::new();
        write_ical(&mut out, events, &TimelineOptions::default()).expect("writes to memory");
        String::from_utf8(out).expect("folding keeps UTF-8 whole")
    }

    /// Undoes folding (RFC 5545 §3.1) and splits into content lines.
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn long_utf8_lines_fold_at_75_octets_between_characters() {
        for (line, pieces) in [
            ("SUMMARY:short".to_string(), 1),
            (format!("SUMMARY:{}", "a".repeat(67)), 1),
            (format!("SUMMARY:{}", "a".repeat(68)), 2),
            (format!("DESCRIPTION:{}", "é".repeat(100)), 3),
            (format!("DESCRIPTION:{}", "中".repeat(60)), 3),
            (format!("DESCRIPTION:x{}", "😀".repeat(40)), 3),
        ] {
            let folded = fold_line(&line);
            let parts: Vec<&str> = folded.split("\r\n").collect();
            assert_eq!(parts.len(), pieces, "{line}");
            for (i, part) in parts.iter().enumerate() {
                assert!(
                    part.len() <= MAX_LINE_OCTETS,
                    "{line}: piece {i} has {} octets",
                    part.len()
                );
                assert_eq!(i > 0, part.starts_with(' '), "{line}: piece {i}");
            }
            assert_eq!(folded.replace("\r\n ", ""), line, "unfolds to the line");
        }
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newline() {
        for (text, want) in [
            ("a\\b", "a\\\\b"),
            ("a;b,c", "a\\;b\\,c"),
            ("one\ntwo\r\nthree", "one\\ntwo\\nthree"),
            ("bell\u{7}", "bell "),
            ("“quoted” é", "“quoted” é"),
        ] {
            assert_eq!(escape_text(text), want, "{text:?}");
        }
    }

    #[test]
    fn each_dated_event_is_an_all_day_vevent() {
        let mut events = four();
        events[0] = events[0]
            .clone()
            .with_published(NaiveDate::from_ymd_opt(2019, 2, 19).expect("a day"));
        events[2].event.evidence.text = "Britain, it said; sanctioned ZTE\\now.".into();
        let text = calendar(&events);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        let lines = unfold(&text);
        assert_eq!(
            lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
            3,
            "undated left out"
        );
        for want in [
            "VERSION:2.0",
            "PRODID:-//geokg//geokg timeline//EN",
            "UID:a1@geokg",
            "DTSTAMP:20190219T000000Z",
            "DTSTART;VALUE=DATE:20190101",
            "DTEND;VALUE=DATE:20190201",
            "SUMMARY:charge: United States (USA) → Huawei (huawei)",
            "DTSTAMP:20190218T000000Z",
            "DTSTART;VALUE=DATE:20190218",
            "DTEND;VALUE=DATE:20190219",
            "SUMMARY:ban: Australia (AUS) → Huawei (huawei) (before 2019-02-19)",
            "DTEND;VALUE=DATE:20190221",
            "DESCRIPTION:Date: 2019-02-20 (day)\\nStatus: actual\\nEvidence: Britain\\, it said\\; sanctioned ZTE\\\\now.\\nSource: wire-a3.txt",
            "CATEGORIES:sanction",
            "STATUS:CONFIRMED",
        ] {
            assert!(
                lines.iter().any(|l| l == want),
                "no line {want:?} in\n{text}"
            );
        }
    }

    #[test]
    fn the_calendar_is_the_same_on_every_run() {
        assert_eq!(calendar(&four()), calendar(&four()));
        let empty = calendar(&[]);
        assert!(empty.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(!empty.contains("VEVENT"));
    }
}
