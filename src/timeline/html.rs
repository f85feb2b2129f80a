//! A self-contained HTML page: the SVG timeline, a legend and a table of every event.
//!
//! No scripts, fonts, images or style sheets are fetched: the page views offline.

use super::svg::{mark_paint, type_color, write_chart};
use super::{TimelineError, TimelineEvent, TimelineOptions, actor_label, date_label};
use crate::model::{EventStatus, EventType};
use std::io::Write;

/// Escapes text for HTML and XML content and attribute values; drops the control characters
/// XML 1.0 does not allow (all but tab and line breaks).
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            other => escaped.push(other),
        }
    }
    escaped
}

const STYLE: &str = r#"
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1f2328; margin: 24px 32px; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.summary { color: #57606a; margin: 0 0 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 14px; font-size: 13px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
.chart { margin: 0; overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; }
svg.timeline { display: block; width: 100%; height: auto; font-family: inherit; }
svg .label { font-size: 12px; fill: #1f2328; }
svg .label.negated { fill: #8c959f; text-decoration: line-through; }
svg .lane-label { font-size: 13px; font-weight: 600; fill: #24292f; }
svg .tick-label { font-size: 11px; fill: #57606a; }
svg .empty { font-size: 13px; fill: #57606a; }
svg .event:hover .label { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #d8dee4; }
th { background: #f6f8fa; }
tr:nth-child(even) td { background: #fbfcfd; }
td.date { white-space: nowrap; }
td.evidence { max-width: 520px; }
.status-negated { color: #8c959f; text-decoration: line-through; }
footer { margin-top: 20px; color: #8c959f; font-size: 12px; }
"#;

fn write_legend(out: &mut impl Write, events: &[TimelineEvent]) -> std::io::Result<()> {
    writeln!(out, r#"<div class="legend" aria-label="legend">"#)?;
    for event_type in EventType::ALL {
        if events.iter().any(|e| e.event.event_type == event_type) {
            writeln!(
                out,
                r#"<span><i class="swatch" style="background:{}"></i>{}</span>"#,
                type_color(event_type),
                event_type.as_str().replace('_', " ")
            )?;
        }
    }
    for status in EventStatus::ALL {
        writeln!(
            out,
            r#"<span><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" stroke-width="1.5" {}/></svg>{status}</span>"#,
            mark_paint("#57606a", status, false)
        )?;
    }
    writeln!(
        out,
        "<span>▬ month or year: a bar over the period</span><span>▸│ before a day: fades in up to that day</span>"
    )?;
    writeln!(out, "</div>")
}

fn write_table(out: &mut impl Write, events: &[TimelineEvent]) -> std::io::Result<()> {
    writeln!(
        out,
        "<table>\n<thead><tr><th>date</th><th>type</th><th>agent</th><th>target</th><th>status</th><th>evidence</th><th>source</th></tr></thead>\n<tbody>"
    )?;
    for timeline_event in events {
        let e = &timeline_event.event;
        writeln!(
            out,
            r#"<tr id="row-{}"><td class="date">{}</td><td>{}</td><td>{}</td><td>{}</td><td class="status-{}">{}</td><td class="evidence">{}</td><td>{}</td></tr>"#,
            escape_html(&timeline_event.id),
            escape_html(&date_label(e.date)),
            e.event_type,
            escape_html(&actor_label(&e.agent)),
            escape_html(&actor_label(&e.target)),
            e.status,
            e.status,
            escape_html(&e.evidence.text),
            escape_html(&e.article)
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// Writes a self-contained HTML page: the title, a legend, an inline SVG timeline with a lane
/// per group ([`TimelineOptions::group_by`]; days as dots, months and years as bars over the
/// period, "before X" fading in up to X; status shown by fill and dashes, details in each mark's
/// tooltip), then a table of every event, undated ones included. All text is HTML-escaped; the
/// page loads nothing and runs no script.
///
/// # Errors
/// [`TimelineError::Write`] when the writer fails.
pub fn write_html(
    out: &mut impl Write,
    events: &[TimelineEvent],
    options: &TimelineOptions,
) -> Result<(), TimelineError> {
    let title = escape_html(&options.title);
    let dated: Vec<&TimelineEvent> = events.iter().filter(|e| e.event.date.is_some()).collect();
    let undated = events.len() - dated.len();
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )?;
    writeln!(out, "<h1>{title}</h1>")?;
    let by = match options.group_by {
        super::GroupBy::Actor => "acting actor",
        super::GroupBy::Target => "target",
        super::GroupBy::Type => "event type",
    };
    let undated_note = match undated {
        0 => String::new(),
        1 => "; 1 undated event is listed in the table only".to_string(),
        n => format!("; {n} undated events are listed in the table only"),
    };
    writeln!(
        out,
        r#"<p class="summary">{} events, one lane per {by}{undated_note}. Hover over a mark for its evidence.</p>"#,
        events.len()
    )?;
    write_legend(out, events)?;
    writeln!(out, r#"<figure class="chart">"#)?;
    write_chart(out, &dated, options.group_by, &options.title)?;
    writeln!(out, "</figure>\n<h2>Events</h2>")?;
    write_table(out, events)?;
    writeln!(
        out,
        "<footer>Made by geokg timeline. Each event is traced to the sentence that states it.</footer>\n</body>\n</html>"
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::GroupBy;
    use crate::timeline::sample::four;

    fn page(events: &[TimelineEvent], group_by: GroupBy) -> String {
        let options = TimelineOptions {
            group_by,
            title: "Huawei & friends <2019>".into(),
        };
        let mut out = Vec::new();
        write_html(&mut out, events, &options).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn text_is_escaped_for_html() {
        for (text, want) in [
            ("a & b", "a &amp; b"),
            ("<b>\"x\"</b>", "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"),
            ("it's", "it&#39;s"),
            ("plain é", "plain é"),
        ] {
            assert_eq!(escape_html(text), want, "{text}");
        }
    }

    #[test]
    fn the_page_holds_an_svg_lane_per_group_and_escapes_labels() {
        let mut events = four();
        events[1].event.agent.label = "<script>alert(1)</script>".into();
        for (group_by, lanes) in [
            (
                GroupBy::Actor,
                vec!["United Kingdom (GBR)", "United States (USA)", "(AUS)"],
            ),
            (GroupBy::Type, vec![">ban<", ">charge<", ">sanction<"]),
            (GroupBy::Target, vec![">Huawei (huawei)<", ">ZTE (zte)<"]),
        ] {
            let html = page(&events, group_by);
            assert!(html.starts_with("<!DOCTYPE html>"), "{group_by}");
            assert!(html.contains("<title>Huawei &amp; friends &lt;2019&gt;</title>"));
            assert_eq!(html.matches("<svg xmlns").count(), 1, "{group_by}");
            assert_eq!(
                html.matches(r#"<g class="lane">"#).count(),
                lanes.len(),
                "{group_by}"
            );
            for lane in lanes {
                assert!(html.contains(lane), "{group_by}: no lane {lane}");
            }
            assert!(!html.contains("<script"), "{group_by}: unescaped label");
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert_eq!(
                html.matches("<g class=\"event ").count(),
                3,
                "three dated marks"
            );
            assert_eq!(
                html.matches("<tr id=\"row-").count(),
                4,
                "every event in the table"
            );
            assert!(html.contains("1 undated event is listed in the table only"));
        }
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = page(&four(), GroupBy::Actor);
        let without_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for needle in [
            "http:", "https:", "<script", "<link", "<img", "@import", "url(http",
        ] {
            assert!(!without_namespace.contains(needle), "found {needle}");
        }
    }

    #[test]
    fn an_empty_timeline_still_makes_a_page() {
        let html = page(&[], GroupBy::Actor);
        assert!(html.contains("No dated events to draw."));
        assert!(html.ends_with("</html>\n"));
    }
}
