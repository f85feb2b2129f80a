//! Writing analysis results: tables, CSV, JSON, Graphviz DOT and GraphML, byte for byte the same
//! for the same results (fixed float precision, rows and attributes in a fixed order).

use anyhow::Result;
use geokg::timeline::escape_html;
use std::fmt::Write as _;
use std::io::Write;

/// Decimals printed for scores.
const DECIMALS: usize = 6;

/// One value of a result row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count or a number of days.
    Int(i64),
    /// A score, printed with [`DECIMALS`] decimals.
    Float(f64),
    /// No value.
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Self::Text(value.into())
    }

    pub fn count(value: usize) -> Self {
        Self::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }

    pub fn days(value: Option<i64>) -> Self {
        value.map_or(Self::Empty, Self::Int)
    }

    fn as_text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Int(value) => value.to_string(),
            Self::Float(value) => format!("{value:.DECIMALS$}"),
            Self::Empty => String::new(),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Self::Text(text) => serde_json::Value::String(text.clone()),
            Self::Int(value) => (*value).into(),
            // Through the printed text, so JSON carries exactly the digits the table shows.
            Self::Float(_) => self
                .as_text()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Self::Empty => serde_json::Value::Null,
        }
    }

    fn graphml_type(&self) -> &'static str {
        match self {
            Self::Int(_) => "long",
            Self::Float(_) => "double",
            Self::Text(_) | Self::Empty => "string",
        }
    }
}

/// A node to draw.
#[derive(Debug, Clone)]
pub struct ViewNode {
    pub id: String,
    pub label: String,
    /// Nodes with the same group are drawn together (a DOT cluster).
    pub group: Option<String>,
    pub attributes: Vec<(&'static str, Cell)>,
}

/// An edge to draw.
#[derive(Debug, Clone)]
pub struct ViewEdge {
    pub source: String,
    pub target: String,
    pub label: String,
    pub attributes: Vec<(&'static str, Cell)>,
}

/// The graph an analysis draws for `--format dot|graphml`.
#[derive(Debug, Clone, Default)]
pub struct GraphView {
    pub directed: bool,
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<ViewEdge>,
}

/// The result for one window (or for all events when there are no windows).
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub window: Option<String>,
    pub rows: Vec<Vec<Cell>>,
    pub graph: GraphView,
    /// Remarks for people (undated agents, total duration), written to stderr.
    pub notes: Vec<String>,
}

/// A whole result: the analysis name, its columns and one section per window.
#[derive(Debug, Clone)]
pub struct Report {
    /// The analysis and its subject (`cascade against huawei`): the title of drawn graphs.
    pub title: String,
    pub columns: Vec<&'static str>,
    pub windowed: bool,
    pub sections: Vec<Section>,
}

impl Report {
    fn header(&self) -> Vec<&'static str> {
        let mut header = Vec::with_capacity(self.columns.len() + 1);
        if self.windowed {
            header.push("window");
        }
        header.extend(&self.columns);
        header
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for section in &self.sections {
            for row in &section.rows {
                let mut cells = Vec::with_capacity(row.len() + 1);
                if self.windowed {
                    cells.push(section.window.clone().unwrap_or_default());
                }
                cells.extend(row.iter().map(Cell::as_text));
                rows.push(cells);
            }
        }
        rows
    }
}

pub fn write_table(out: &mut impl Write, report: &Report) -> Result<()> {
    super::super::table::write_table(out, &report.header(), &report.text_rows())?;
    Ok(())
}

pub fn write_csv(out: &mut impl Write, report: &Report) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(report.header())?;
    for row in report.text_rows() {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

/// An array of row objects, keyed by column (with `window` when there are windows).
pub fn write_json(out: &mut impl Write, report: &Report) -> Result<()> {
    let mut rows = Vec::new();
    for section in &report.sections {
        for row in &section.rows {
            let mut object = serde_json::Map::new();
            if let Some(window) = section.window.as_ref().filter(|_| report.windowed) {
                object.insert("window".into(), window.clone().into());
            }
            for (column, cell) in report.columns.iter().zip(row) {
                object.insert((*column).into(), cell.to_json());
            }
            rows.push(serde_json::Value::Object(object));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)?;
    Ok(())
}

/// A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`.
fn dot_quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => {}
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

/// One graph per section, one after the other (Graphviz draws each).
pub fn write_dot(out: &mut impl Write, report: &Report) -> Result<()> {
    for section in &report.sections {
        let title = match &section.window {
            Some(window) => format!("{} {window}", report.title),
            None => report.title.clone(),
        };
        let graph = &section.graph;
        let (keyword, arrow) = if graph.directed {
            ("digraph", "->")
        } else {
            ("graph", "--")
        };
        let mut text = String::new();
        writeln!(text, "{keyword} {} {{", dot_quote(&title))?;
        writeln!(
            text,
            "  graph [label={}, labelloc=t, rankdir=LR];",
            dot_quote(&title)
        )?;
        writeln!(text, "  node [shape=box, style=rounded, fontsize=10];")?;
        writeln!(text, "  edge [fontsize=9];")?;
        let mut groups: Vec<&str> = graph
            .nodes
            .iter()
            .filter_map(|n| n.group.as_deref())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for group in &groups {
            writeln!(
                text,
                "  subgraph {} {{",
                dot_quote(&format!("cluster_{group}"))
            )?;
            writeln!(text, "    label={};", dot_quote(group))?;
            for node in graph
                .nodes
                .iter()
                .filter(|n| n.group.as_deref() == Some(group))
            {
                writeln!(text, "    {};", dot_quote(&node.id))?;
            }
            writeln!(text, "  }}")?;
        }
        for node in &graph.nodes {
            writeln!(
                text,
                "  {} [label={}];",
                dot_quote(&node.id),
                dot_quote(&node.label)
            )?;
        }
        for edge in &graph.edges {
            writeln!(
                text,
                "  {} {arrow} {} [label={}];",
                dot_quote(&edge.source),
                dot_quote(&edge.target),
                dot_quote(&edge.label)
            )?;
        }
        writeln!(text, "}}")?;
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// GraphML keys: (for, name, type) in order of first appearance.
fn graphml_keys(report: &Report) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut keys: Vec<(&'static str, &'static str, &'static str)> = vec![
        ("node", "label", "string"),
        ("node", "group", "string"),
        ("edge", "label", "string"),
    ];
    let mut add = |kind: &'static str, name: &'static str, cell: &Cell| {
        if !keys.iter().any(|(k, n, _)| *k == kind && *n == name) {
            keys.push((kind, name, cell.graphml_type()));
        }
    };
    for section in &report.sections {
        for node in &section.graph.nodes {
            for (name, cell) in &node.attributes {
                add("node", name, cell);
            }
        }
        for edge in &section.graph.edges {
            for (name, cell) in &edge.attributes {
                add("edge", name, cell);
            }
        }
    }
    keys
}

/// One `<graph>` per section; node ids carry the window (`2019/USA`) since GraphML wants them
/// unique in the whole document.
pub fn write_graphml(out: &mut impl Write, report: &Report) -> Result<()> {
    let keys = graphml_keys(report);
    let key_id = |kind: &str, name: &str| {
        keys.iter()
            .position(|(k, n, _)| *k == kind && *n == name)
            .map_or_else(String::new, |i| format!("k{i}"))
    };
    let mut text = String::new();
    writeln!(text, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        text,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (i, (kind, name, kind_type)) in keys.iter().enumerate() {
        writeln!(
            text,
            r#"  <key id="k{i}" for="{kind}" attr.name="{name}" attr.type="{kind_type}"/>"#
        )?;
    }
    let data = |text: &mut String, indent: &str, key: String, value: &str| {
        writeln!(
            text,
            r#"{indent}<data key="{key}">{}</data>"#,
            escape_html(value)
        )
    };
    for (index, section) in report.sections.iter().enumerate() {
        let prefix = match (&section.window, report.windowed) {
            (Some(window), true) => format!("{window}/"),
            _ => String::new(),
        };
        let graph = &section.graph;
        let direction = if graph.directed {
            "directed"
        } else {
            "undirected"
        };
        let id = section.window.as_deref().unwrap_or(&report.title);
        writeln!(
            text,
            r#"  <graph id="{}" edgedefault="{direction}">"#,
            escape_html(&format!("g{index}:{id}"))
        )?;
        for node in &graph.nodes {
            let node_id = escape_html(&format!("{prefix}{}", node.id));
            writeln!(text, r#"    <node id="{node_id}">"#)?;
            data(&mut text, "      ", key_id("node", "label"), &node.label)?;
            if let Some(group) = &node.group {
                data(&mut text, "      ", key_id("node", "group"), group)?;
            }
            for (name, cell) in &node.attributes {
                data(&mut text, "      ", key_id("node", name), &cell.as_text())?;
            }
            writeln!(text, "    </node>")?;
        }
        for edge in &graph.edges {
            writeln!(
                text,
                r#"    <edge source="{}" target="{}">"#,
                escape_html(&format!("{prefix}{}", edge.source)),
                escape_html(&format!("{prefix}{}", edge.target))
            )?;
            data(&mut text, "      ", key_id("edge", "label"), &edge.label)?;
            for (name, cell) in &edge.attributes {
                data(&mut text, "      ", key_id("edge", name), &cell.as_text())?;
            }
            writeln!(text, "    </edge>")?;
        }
        writeln!(text, "  </graph>")?;
    }
    writeln!(text, "</graphml>")?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let node = |id: &str, label: &str| ViewNode {
            id: id.into(),
            label: label.into(),
            group: None,
            attributes: vec![("score", Cell::Float(0.5))],
        };
        Report {
            title: "pagerank".into(),
            columns: vec!["actor", "score"],
            windowed: true,
            sections: vec![Section {
                window: Some("2019".into()),
                rows: vec![vec![Cell::text("A\"&<b>"), Cell::Float(1.0 / 3.0)]],
                graph: GraphView {
                    directed: true,
                    nodes: vec![node("A\"&<b>", "line\nbreak \\ \"quoted\""), node("B", "B")],
                    edges: vec![ViewEdge {
                        source: "A\"&<b>".into(),
                        target: "B".into(),
                        label: "ban".into(),
                        attributes: vec![("mentions", Cell::Int(2))],
                    }],
                },
                notes: Vec::new(),
            }],
        }
    }

    fn written(write: impl Fn(&mut Vec<u8>, &Report) -> Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out, &report()).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn floats_have_fixed_decimals_everywhere() {
        assert!(written(write_csv).contains(",0.333333\n"));
        assert!(written(write_json).contains("\"score\": 0.333333"));
    }

    #[test]
    fn dot_and_graphml_escape_names() {
        let dot = written(write_dot);
        assert!(dot.starts_with("digraph \"pagerank 2019\" {"), "{dot}");
        assert!(dot.contains(r#""A\"&<b>" -> "B" [label="ban"];"#), "{dot}");
        assert!(
            dot.contains(r#"[label="line\nbreak \\ \"quoted\""];"#),
            "{dot}"
        );
        let graphml = written(write_graphml);
        assert!(
            graphml.contains(r#"<node id="2019/A&quot;&amp;&lt;b&gt;">"#),
            "{graphml}"
        );
        assert!(
            graphml.contains(r#"attr.name="mentions" attr.type="long""#),
            "{graphml}"
        );
        assert_eq!(
            graphml.matches("<node ").count(),
            graphml.matches("</node>").count()
        );
    }
}
