//! Row formats: the terminal table, CSV and Markdown.

use super::{TimelineError, TimelineEvent, actor_label, date_label};
use crate::model::EventDate;
use serde::Serialize;
use std::io::Write;

/// Widest a terminal table column may be before its cells are cut with "…".
const MAX_WIDTH: usize = 48;

/// One CSV row: ACLED-like columns, then geokg's own. Field order is column order.
#[derive(Debug, Serialize)]
struct CsvRow<'a> {
    event_id: &'a str,
    event_date: String,
    date_precision: &'static str,
    date_earliest: String,
    date_latest: String,
    #[serde(rename = "type")]
    event_type: &'static str,
    agent: &'a str,
    agent_name: &'a str,
    target: &'a str,
    target_name: &'a str,
    status: &'static str,
    sources: usize,
    evidence: &'a str,
    source: &'a str,
}

impl<'a> CsvRow<'a> {
    fn from_event(timeline_event: &'a TimelineEvent) -> Self {
        let event = &timeline_event.event;
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            event_id: &timeline_event.id,
            event_date: event.date.map(|d| d.to_string()).unwrap_or_default(),
            date_precision: event.date.map_or("", EventDate::precision),
            date_earliest: day(event.date.and_then(EventDate::earliest)),
            date_latest: day(event.date.and_then(EventDate::latest)),
            event_type: event.event_type.as_str(),
            agent: event.agent.id.as_str(),
            agent_name: &event.agent.label,
            target: event.target.id.as_str(),
            target_name: &event.target.label,
            status: event.status.as_str(),
            sources: timeline_event.source_count(),
            evidence: &event.evidence.text,
            source: &event.article,
        }
    }
}

/// Writes CSV (RFC 4180, with a header row): `event_id, event_date, date_precision,
/// date_earliest, date_latest, type, agent, agent_name, target, target_name, status, sources,
/// evidence, source`.
///
/// `event_date` is the date as stated (`2019-01`, `<2019-02-19`); `date_earliest` and
/// `date_latest` bound it (no earliest for "before"); undated events leave the four date columns
/// empty. `sources` counts the articles that report the event; `source` is the article file.
///
/// # Errors
/// [`TimelineError::Csv`] when the writer fails.
pub fn write_csv(out: &mut impl Write, events: &[TimelineEvent]) -> Result<(), TimelineError> {
    let mut writer = csv::Writer::from_writer(out);
    if events.is_empty() {
        // serde writes the header with the first row; an empty timeline still gets its header.
        writer.write_record([
            "event_id",
            "event_date",
            "date_precision",
            "date_earliest",
            "date_latest",
            "type",
            "agent",
            "agent_name",
            "target",
            "target_name",
            "status",
            "sources",
            "evidence",
            "source",
        ])?;
    }
    for event in events {
        writer.serialize(CsvRow::from_event(event))?;
    }
    writer.flush()?;
    Ok(())
}

/// The columns of the terminal table and the Markdown table.
const COLUMNS: [&str; 7] = [
    "date", "type", "agent", "target", "status", "evidence", "source",
];

fn row(timeline_event: &TimelineEvent) -> [String; 7] {
    let event = &timeline_event.event;
    [
        date_label(event.date),
        event.event_type.to_string(),
        actor_label(&event.agent),
        actor_label(&event.target),
        event.status.to_string(),
        event.evidence.text.clone(),
        event.article.clone(),
    ]
}

fn cut(cell: &str, width: usize) -> String {
    if cell.chars().count() <= width {
        cell.to_string()
    } else {
        let kept: String = cell.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// Writes an aligned text table for terminals: date, type, agent, target, status, evidence and
/// source, cells longer than 48 characters cut with "…".
///
/// # Errors
/// [`TimelineError::Write`] when the writer fails.
pub fn write_table(out: &mut impl Write, events: &[TimelineEvent]) -> Result<(), TimelineError> {
    let rows: Vec<[String; 7]> = events
        .iter()
        .map(|e| row(e).map(|cell| cell.replace(['\n', '\r', '\t'], " ")))
        .collect();
    let mut widths = COLUMNS.map(|c| c.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count()).min(MAX_WIDTH);
        }
    }
    let mut line = |cells: &[String]| -> std::io::Result<()> {
        let text: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{:<width$}", cut(cell, width)))
            .collect();
        writeln!(out, "{}", text.join("  ").trim_end())
    };
    line(&COLUMNS.map(str::to_string))?;
    line(&widths.map(|w| "-".repeat(w)))?;
    for row in &rows {
        line(row)?;
    }
    Ok(())
}

/// A Markdown table cell: `\` and `|` escaped, `<` as `&lt;` so text stays text, line breaks as
/// spaces.
fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => cell.push_str("\\\\"),
            '|' => cell.push_str("\\|"),
            '<' => cell.push_str("&lt;"),
            '\n' | '\r' | '\t' => cell.push(' '),
            other => cell.push(other),
        }
    }
    cell.trim().to_string()
}

/// Writes a GitHub-flavoured Markdown table with the terminal table's columns, cells escaped.
///
/// # Errors
/// [`TimelineError::Write`] when the writer fails.
pub fn write_markdown(out: &mut impl Write, events: &[TimelineEvent]) -> Result<(), TimelineError> {
    writeln!(out, "| {} |", COLUMNS.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(COLUMNS.len()))?;
    for event in events {
        let cells = row(event).map(|cell| markdown_cell(&cell));
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::sample::four;

    fn text(write: impl Fn(&mut Vec<u8>) -> Result<(), TimelineError>) -> String {
        let mut out = Vec::new();
        write(&mut out).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn csv_rows_carry_the_date_bounds_and_source() -> Result<(), csv::Error> {
        let mut events = four();
        events[2].event.evidence.text = "He said \"no\", then left.\nNext line".into();
        let csv_text = text(|out| write_csv(out, &events));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
        assert_eq!(
            header.join(","),
            "event_id,event_date,date_precision,date_earliest,date_latest,type,agent,agent_name,\
             target,target_name,status,sources,evidence,source"
        );
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        for (i, want) in [
            "a1|2019-01|month|2019-01-01|2019-01-31|charge|USA|United States|huawei|Huawei|actual|1",
            "a2|<2019-02-19|before||2019-02-18|ban|AUS|Australia|huawei|Huawei|actual|1",
            "a3|2019-02-20|day|2019-02-20|2019-02-20|sanction|GBR|United Kingdom|zte|ZTE|actual|1",
            "a4|||||ban|DEU|Germany|huawei|Huawei|considered|1",
        ]
        .iter()
        .enumerate()
        {
            let got: Vec<&str> = rows[i].iter().take(12).collect();
            assert_eq!(got.join("|"), *want, "row {i}");
            assert_eq!(&rows[i][13], format!("wire-a{}.txt", i + 1), "row {i} source");
        }
        assert_eq!(&rows[2][12], "He said \"no\", then left.\nNext line");
        Ok(())
    }

    #[test]
    fn an_empty_csv_still_has_its_header() {
        let csv_text = text(|out| write_csv(out, &[]));
        assert!(csv_text.starts_with("event_id,event_date,"), "{csv_text}");
        assert_eq!(csv_text.lines().count(), 1);
    }

    #[test]
    fn the_table_aligns_columns_and_shows_before_and_undated() {
        let table = text(|out| write_table(out, &four()));
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[0].starts_with("date               type"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("-----------------  ----"),
            "{}",
            lines[1]
        );
        for (line, want) in [
            (2, "2019-01            charge"),
            (3, "before 2019-02-19  ban       Australia (AUS)"),
            (5, "undated            ban"),
        ] {
            assert!(
                lines[line].starts_with(want),
                "{:?} vs {want:?}",
                lines[line]
            );
        }
    }

    #[test]
    fn markdown_cells_escape_pipes_and_markup() {
        for (cell, want) in [
            ("a | b", "a \\| b"),
            ("<script>", "&lt;script>"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines", "two lines"),
            ("plain", "plain"),
        ] {
            assert_eq!(markdown_cell(cell), want, "{cell}");
        }
        let mut events = four();
        events[0].event.evidence.text = "A | B".into();
        let markdown = text(|out| write_markdown(out, &events));
        let lines: Vec<&str> = markdown.lines().collect();
        assert_eq!(
            lines[0],
            "| date | type | agent | target | status | evidence | source |"
        );
        assert_eq!(lines[1], "|---|---|---|---|---|---|---|");
        assert_eq!(
            lines[2],
            "| 2019-01 | charge | United States (USA) | Huawei (huawei) | actual | A \\| B | wire-a1.txt |"
        );
        assert_eq!(lines.len(), 6);
    }
}
