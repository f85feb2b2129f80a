//! `geokg analyze`: graph analyses of the stored events (activity, centrality, reciprocity,
//! cascades, blocs, paths), for all events, per time window, or at a date.

mod render;
mod sections;

use super::args::StoreArgs;
use anyhow::{Context, Result, anyhow, bail};
use clap::ValueEnum;
use geokg::analysis::{
    self, ActorGraph, Affiliations, CascadeOptions, Filter, Orientation, Window, Windowing,
};
use geokg::model::{ActorId, Event, EventDate, EventStatus, EventType};
use geokg::query;
use render::{Report, Section};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

/// The analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Analysis {
    /// Per actor: events as agent (out) and as target (in), by type, distinct and mentions.
    Activity,
    /// PageRank on the "acts against" graph: who is acted against, by whom it matters.
    Pagerank,
    /// Betweenness on the "acts against" graph: who relays chains of measures.
    Betweenness,
    /// Pairs acting against each other or each other's nationals and firms, with the lag.
    Reciprocity,
    /// The order in which countries acted against --target, with lags (needs --target).
    Cascade,
    /// Groups of agents acting against the same targets (label propagation).
    Blocs,
    /// The shortest chain of events between --from-actor and --to-actor.
    Path,
}

/// How to cut time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WindowArg {
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
    /// --months long, starting every --step months.
    Sliding,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// An aligned table for terminals.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of row objects.
    Json,
    /// Graphviz DOT, one graph per window.
    Dot,
    /// GraphML, one graph per window.
    Graphml,
}

/// Arguments of `geokg analyze`.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalyzeArgs {
    /// The analysis.
    #[arg(value_enum)]
    pub analysis: Analysis,
    /// Event types, comma-separated (ban,sanction,...), or `all` (default).
    #[arg(
        long = "type",
        value_name = "TYPES",
        value_delimiter = ',',
        default_value = "all"
    )]
    pub types: Vec<String>,
    /// Statuses, comma-separated (actual,planned,considered,negated), or `all`.
    #[arg(
        long = "status",
        value_name = "STATUSES",
        value_delimiter = ',',
        default_value = "actual"
    )]
    pub statuses: Vec<String>,
    /// Events that may have happened on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events that may have happened on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Run the analysis per window and print it as a time series (a `window` column).
    #[arg(long, value_enum)]
    pub window: Option<WindowArg>,
    /// Length of sliding windows, in months.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub months: u32,
    /// Months between the starts of sliding windows.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub step: u32,
    /// A snapshot: only events placed on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE", conflicts_with = "window")]
    pub at: Option<String>,
    /// The target of a cascade (an actor id: huawei, CAN).
    #[arg(long, value_name = "ID")]
    pub target: Option<String>,
    /// One end of a path.
    #[arg(long = "from-actor", value_name = "ID")]
    pub from_actor: Option<String>,
    /// The other end of a path.
    #[arg(long = "to-actor", value_name = "ID")]
    pub to_actor: Option<String>,
    /// Cascade: at most this many days after an earlier country still counts as following it.
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    pub max_lag: i64,
    /// Cascade and blocs: firms, people and bodies count as agents too, not only countries.
    #[arg(long)]
    pub all_agents: bool,
    /// Betweenness: ignore who acted on whom.
    #[arg(long)]
    pub undirected: bool,
    /// Keep the first N rows per window (activity, pagerank, betweenness).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Reciprocity: a `member<TAB>owner` file instead of the bundled
    /// data/gazetteers/affiliations.tsv.
    #[arg(long, value_name = "FILE")]
    pub affiliations: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
    pub format: AnalyzeFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// The typed options an analysis runs with (actor ids resolved against the events).
struct Options {
    analysis: Analysis,
    filter: Filter,
    windows: Option<Windowing>,
    at: Option<chrono::NaiveDate>,
    target: Option<ActorId>,
    ends: Option<(ActorId, ActorId)>,
    cascade: CascadeOptions,
    orientation: Orientation,
    top: Option<usize>,
    affiliations: Affiliations,
}

/// Runs `geokg analyze`.
pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    let store = super::open_store_to_read(&args.store)?;
    // One event per real-world event, however many articles report it; only `path` prints
    // the articles, so only `path` reads them.
    let first_report = if args.analysis == Analysis::Path {
        query::FirstReport::Article
    } else {
        query::FirstReport::Omitted
    };
    let events: Vec<Event> =
        query::fused_event_outlines(&store, first_report).context("reading the fused events")?;
    let options = options(args, &events)?;
    let report = analyze(&events, &options)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        AnalyzeFormat::Table => render::write_table(&mut out, &report)?,
        AnalyzeFormat::Csv => render::write_csv(&mut out, &report)?,
        AnalyzeFormat::Json => render::write_json(&mut out, &report)?,
        AnalyzeFormat::Dot => render::write_dot(&mut out, &report)?,
        AnalyzeFormat::Graphml => render::write_graphml(&mut out, &report)?,
    }
    out.flush()?;
    // Remarks go to stderr, after the results, so stdout stays pure data.
    for section in &report.sections {
        for note in &section.notes {
            match &section.window {
                Some(window) => eprintln!("{window}: {note}"),
                None => eprintln!("{note}"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Names separated by commas, `all` for every value.
fn parse_names<T: FromStr + Copy>(names: &[String], all: &[T], what: &str) -> Result<Vec<T>> {
    if names.iter().any(|n| n.trim() == "all") {
        return Ok(all.to_vec());
    }
    names
        .iter()
        .map(|name| T::from_str(name.trim()).map_err(|_| anyhow!("unknown {what} {name:?}")))
        .collect()
}

/// A day from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the first day of the span, or the last with
/// `last`.
fn parse_day(text: &str, flag: &str, last: bool) -> Result<chrono::NaiveDate> {
    EventDate::bound_day(text, last)
        .ok_or_else(|| anyhow!("{flag} {text:?}: expected YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// Finds an actor among the filtered events, ignoring ASCII case.
fn resolve(graph: &ActorGraph, text: &str, flag: &str) -> Result<ActorId> {
    graph.find(text).cloned().ok_or_else(|| {
        anyhow!(
            "{flag} {text:?}: no such actor among the selected events \
             (see `geokg analyze activity` for the ids)"
        )
    })
}

fn options(args: &AnalyzeArgs, events: &[Event]) -> Result<Options> {
    let type_names = EventType::ALL.map(EventType::as_str).join(", ");
    let types = parse_names(&args.types, &EventType::ALL, "event type")
        .with_context(|| format!("--type: one or more of {type_names}, or all"))?;
    let statuses = parse_names(&args.statuses, &EventStatus::ALL, "status")
        .context("--status: one or more of actual, planned, considered, negated, or all")?;
    let filter = Filter {
        from: args
            .from
            .as_deref()
            .map(|t| parse_day(t, "--from", false))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|t| parse_day(t, "--to", true))
            .transpose()?,
        ..Filter::default().with_types(types).with_statuses(statuses)
    };
    let windows = args.window.map(|window| match window {
        WindowArg::Month => Windowing::Month,
        WindowArg::Quarter => Windowing::Quarter,
        WindowArg::Year => Windowing::Year,
        WindowArg::Sliding => Windowing::Sliding {
            months: args.months,
            step: args.step,
        },
    });
    let at = args
        .at
        .as_deref()
        .map(|t| parse_day(t, "--at", true))
        .transpose()?;
    let whole = ActorGraph::from_events(events, &filter);
    let target = match (args.analysis, &args.target) {
        (Analysis::Cascade, None) => bail!("cascade needs --target ID (for example huawei)"),
        (_, Some(text)) => Some(resolve(&whole, text, "--target")?),
        (_, None) => None,
    };
    let ends = match (args.analysis, &args.from_actor, &args.to_actor) {
        (Analysis::Path, Some(from), Some(to)) => Some((
            resolve(&whole, from, "--from-actor")?,
            resolve(&whole, to, "--to-actor")?,
        )),
        (Analysis::Path, ..) => bail!("path needs --from-actor ID and --to-actor ID"),
        _ => None,
    };
    let affiliations = match &args.affiliations {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Affiliations::from_tsv(&text).with_context(|| path.display().to_string())?
        }
        None => Affiliations::bundled(),
    };
    Ok(Options {
        analysis: args.analysis,
        filter,
        windows,
        at,
        target,
        ends,
        cascade: CascadeOptions {
            countries_only: !args.all_agents,
            max_lag_days: args.max_lag,
        },
        orientation: if args.undirected {
            Orientation::Undirected
        } else {
            Orientation::Directed
        },
        top: args.top,
        affiliations,
    })
}

/// Runs the analysis on all events, or once per window.
fn analyze(events: &[Event], options: &Options) -> Result<Report> {
    let windows: Option<Vec<Window>> = match (options.windows, options.at) {
        (Some(windowing), _) => Some(analysis::windows(events, &options.filter, windowing)?),
        (None, Some(day)) => Some(vec![Window::up_to(day)]),
        (None, None) => None,
    };
    let columns = columns(options.analysis);
    let sections = match &windows {
        None => vec![section(
            &ActorGraph::from_events(events, &options.filter),
            options,
        )],
        Some(windows) => windows
            .iter()
            .map(|window| {
                let inside = events.iter().filter(|e| window.contains(e));
                let mut section =
                    section(&ActorGraph::from_events(inside, &options.filter), options);
                section.window = Some(window.label.clone());
                section
            })
            .collect(),
    };
    Ok(Report {
        title: title(options),
        columns,
        windowed: windows.is_some(),
        sections,
    })
}

fn title(options: &Options) -> String {
    let name = match options.analysis {
        Analysis::Activity => "activity",
        Analysis::Pagerank => "pagerank",
        Analysis::Betweenness => "betweenness",
        Analysis::Reciprocity => "reciprocity",
        Analysis::Cascade => "cascade",
        Analysis::Blocs => "blocs",
        Analysis::Path => "path",
    };
    match (&options.target, &options.ends) {
        (Some(target), _) if options.analysis == Analysis::Cascade => {
            format!("{name} against {target}")
        }
        (_, Some((from, to))) if options.analysis == Analysis::Path => {
            format!("{name} from {from} to {to}")
        }
        _ => name.to_string(),
    }
}

fn columns(analysis: Analysis) -> Vec<&'static str> {
    match analysis {
        Analysis::Activity => vec![
            "actor",
            "label",
            "kind",
            "type",
            "out",
            "in",
            "out_mentions",
            "in_mentions",
        ],
        Analysis::Pagerank | Analysis::Betweenness => {
            vec!["rank", "actor", "label", "kind", "score"]
        }
        Analysis::Reciprocity => vec![
            "actor_a",
            "actor_b",
            "acts_a_to_b",
            "acts_b_to_a",
            "first",
            "response",
            "lag_days",
            "lag_max_days",
            "turns",
            "sequence",
        ],
        Analysis::Cascade => vec![
            "rank",
            "agent",
            "label",
            "date",
            "anchor",
            "type",
            "lag_days",
            "elapsed_days",
            "followed",
        ],
        Analysis::Blocs => vec!["bloc", "size", "member", "label", "shared_targets"],
        Analysis::Path => vec![
            "step",
            "from",
            "to",
            "direction",
            "type",
            "date",
            "status",
            "mentions",
            "articles",
        ],
    }
}

fn section(graph: &ActorGraph, options: &Options) -> Section {
    match options.analysis {
        Analysis::Activity => sections::activity(graph, options.top),
        Analysis::Pagerank => sections::scores(graph, &analysis::pagerank(graph), options.top),
        Analysis::Betweenness => {
            let scores = analysis::betweenness(graph, options.orientation);
            sections::scores(graph, &scores, options.top)
        }
        Analysis::Reciprocity => sections::reciprocity(graph, &options.affiliations),
        Analysis::Cascade => match &options.target {
            Some(target) => sections::cascade(graph, target, options.cascade),
            None => Section::default(),
        },
        Analysis::Blocs => sections::blocs(graph, options.cascade.countries_only),
        Analysis::Path => match &options.ends {
            Some((from, to)) => sections::path(graph, from, to),
            None => Section::default(),
        },
    }
}
