//! `geokg timeline`: the stored events, filtered and in chronological order, in one of the
//! timeline formats.

use super::args::StoreArgs;
use super::open_store_to_read;
use anyhow::{Context, Result};
use geokg::model::ActorId;
use geokg::query;
use geokg::timeline::{
    self, GroupBy, TimelineEvent, TimelineFilter, TimelineFormat, TimelineMention, TimelineOptions,
};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Options of `geokg timeline`.
#[derive(Debug, Clone, clap::Args)]
pub struct TimelineArgs {
    /// Events with this actor as agent or target (an id: USA, huawei; case does not matter).
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Events with this agent.
    #[arg(long, value_name = "ID")]
    pub agent: Option<String>,
    /// Events with this target.
    #[arg(long, value_name = "ID")]
    pub target: Option<String>,
    /// Event types, comma-separated, such as ban,sanction (of: ban, restriction, sanction, arrest,
    /// charge, extradition, risk_assessment, investigation, accusation, denial, lawsuit).
    #[arg(long = "type", value_name = "TYPES")]
    pub types: Option<String>,
    /// Statuses, comma-separated, such as actual,planned (of: actual, planned, considered,
    /// negated).
    #[arg(long = "status", value_name = "STATUSES")]
    pub statuses: Option<String>,
    /// Events that may have happened on or after this day (YYYY-MM-DD; YYYY-MM or YYYY mean
    /// their first day). Fuzzy dates pass when their span overlaps the range.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events that may have happened on or before this day (YYYY-MM-DD; YYYY-MM or YYYY mean
    /// their last day). "Before X" counts as the day before X.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Lanes of the html format and groups of timelinejs and vis: by acting actor (agent), by
    /// target, or by event type.
    #[arg(long, value_enum, default_value_t = GroupByArg::Actor)]
    pub group_by: GroupByArg,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// An aligned table for terminals.
    Table,
    /// CSV: event_id, event_date, date_precision, date_earliest, date_latest, type, agent,
    /// agent_name, target, target_name, status, sources, evidence, source.
    Csv,
    /// A JSON array of events.
    Json,
    /// One JSON event per line.
    Jsonl,
    /// TimelineJS3 JSON.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// vis-timeline items and groups.
    Vis,
    /// iCalendar (RFC 5545), one all-day event per dated event.
    Ical,
    /// A Markdown table.
    Markdown,
    /// A self-contained HTML page with an SVG timeline.
    Html,
}

/// `--group-by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupByArg {
    /// One lane per acting actor (the agent).
    Actor,
    /// One lane per target.
    Target,
    /// One lane per event type.
    Type,
}

impl FormatArg {
    fn to_format(self) -> TimelineFormat {
        match self {
            Self::Table => TimelineFormat::Table,
            Self::Csv => TimelineFormat::Csv,
            Self::Json => TimelineFormat::Json,
            Self::Jsonl => TimelineFormat::Jsonl,
            Self::TimelineJs => TimelineFormat::TimelineJs,
            Self::Vis => TimelineFormat::Vis,
            Self::Ical => TimelineFormat::Ical,
            Self::Markdown => TimelineFormat::Markdown,
            Self::Html => TimelineFormat::Html,
        }
    }
}

impl GroupByArg {
    fn to_group_by(self) -> GroupBy {
        match self {
            Self::Actor => GroupBy::Actor,
            Self::Target => GroupBy::Target,
            Self::Type => GroupBy::Type,
        }
    }
}

/// Turns the raw arguments into a filter; bad values name their flag.
fn filter(args: &TimelineArgs) -> Result<TimelineFilter> {
    let id = |flag: &str, value: &Option<String>| -> Result<Option<ActorId>> {
        match value.as_deref().map(str::trim) {
            Some("") => anyhow::bail!("{flag}: expected an actor id such as USA or huawei"),
            Some(id) => Ok(Some(ActorId::new(id))),
            None => Ok(None),
        }
    };
    let filter = TimelineFilter {
        actor: id("--actor", &args.actor)?,
        agent: id("--agent", &args.agent)?,
        target: id("--target", &args.target)?,
        types: args
            .types
            .as_deref()
            .map(timeline::parse_types)
            .transpose()
            .context("--type")?
            .unwrap_or_default(),
        statuses: args
            .statuses
            .as_deref()
            .map(timeline::parse_statuses)
            .transpose()
            .context("--status")?
            .unwrap_or_default(),
        from: args
            .from
            .as_deref()
            .map(timeline::parse_from_date)
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(timeline::parse_to_date)
            .transpose()?,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        anyhow::bail!("--from {from} is after --to {to}");
    }
    Ok(filter)
}

/// Prints the stored events that pass the filters, in chronological order.
pub fn run(args: &TimelineArgs) -> Result<ExitCode> {
    let filter = filter(args)?;
    let store = open_store_to_read(&args.store)?;
    // One row per real-world event: the fused events, each with its first report's evidence.
    let events = query::fused_events(&store)
        .context("fused events")?
        .into_iter()
        .map(|fused| {
            let id = fused
                .iri
                .rsplit('/')
                .next()
                .unwrap_or(&fused.iri)
                .to_string();
            let day = fused.mentions.first().and_then(|m| m.published);
            let mentions = fused
                .mentions
                .iter()
                .map(|m| TimelineMention {
                    source: m.source.clone(),
                    date: m.date,
                    evidence: m.evidence.text.clone(),
                })
                .collect();
            let event = TimelineEvent::new(id, fused.event)
                .with_sources(fused.sources)
                .with_mentions(mentions);
            match day {
                Some(day) => event.with_published(day),
                None => event,
            }
        });
    let events = filter.select(events);
    let options = TimelineOptions {
        group_by: args.group_by.to_group_by(),
        title: format!("geokg timeline: {}", filter.describe()),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    timeline::write_timeline(&mut out, args.format.to_format(), &events, &options)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
