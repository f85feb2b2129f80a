//! `geokg bans` (also `who-banned-whom`): for each agent and target, the first actual ban or
//! restriction, the later steps, and the measures only planned, considered or ruled out.

use super::args::StoreArgs;
use super::{open_store_to_read, ordered, table};
use anyhow::{Context, Result, bail};
use geokg::model::{ActorId, EventDate, push_day};
use geokg::query::{self, BanFilter, MEASURE_TYPES, Measure, PairHistory};
use geokg::store::SparqlEndpoint;
use geokg::timeline;
use serde_json::json;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Options of `geokg bans`.
#[derive(Debug, Clone, clap::Args)]
pub struct BansArgs {
    /// Measures by this agent (an id: USA, AUS; case does not matter).
    #[arg(long, value_name = "ID")]
    pub agent: Option<String>,
    /// Measures against this target (an id: huawei, tiktok).
    #[arg(long, value_name = "ID")]
    pub target: Option<String>,
    /// Measure types, comma-separated, of ban, restriction and sanction (default: ban,restriction).
    #[arg(long = "type", value_name = "TYPES")]
    pub types: Option<String>,
    /// Measures that may have happened on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Measures that may have happened on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BansFormat::Table)]
    pub format: BansFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BansFormat {
    /// One row per measure, grouped by agent and target, for terminals.
    Table,
    /// One row per measure with ids, names, step, dates, counts and source files.
    Csv,
    /// One object per agent and target: first, later, proposed, negated, sources.
    Json,
}

/// The filter the arguments ask for.
pub fn filter(args: &BansArgs) -> Result<BanFilter> {
    let types = match &args.types {
        Some(text) => {
            let types = timeline::parse_types(text)?;
            if let Some(other) = types.iter().find(|t| !MEASURE_TYPES.contains(t)) {
                bail!(
                    "--type {other}: who banned whom covers ban, restriction and sanction; use `geokg timeline --type {other}` for other events"
                );
            }
            types
        }
        None => Vec::new(),
    };
    let filter = BanFilter {
        agent: args.agent.as_deref().map(ActorId::new),
        target: args.target.as_deref().map(ActorId::new),
        types,
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
        bail!("--from {from} is after --to {to}");
    }
    Ok(filter)
}

/// Prints who banned whom, and when.
pub fn run(args: &BansArgs) -> Result<ExitCode> {
    let filter = filter(args)?;
    let store = open_store_to_read(&args.store)?;
    let histories =
        query::who_banned_whom(&store, &filter).context("reading the fused measures")?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_histories(&mut out, &histories, &filter, args.format)?;
    out.flush()?;
    // The command ends here: freeing a large answer's measures one by one (20-30 ms at 1M
    // events) is left to the end of the process.
    std::mem::forget(histories);
    Ok(ExitCode::SUCCESS)
}

/// Runs the query and writes the answer in `format`.
pub fn write_answer(
    out: &mut impl Write,
    store: &dyn SparqlEndpoint,
    filter: &BanFilter,
    format: BansFormat,
) -> Result<()> {
    let histories = query::who_banned_whom(store, filter).context("reading the fused measures")?;
    write_histories(out, &histories, filter, format)
}

/// Writes the histories in `format`.
fn write_histories(
    out: &mut impl Write,
    histories: &[PairHistory],
    filter: &BanFilter,
    format: BansFormat,
) -> Result<()> {
    match format {
        BansFormat::Table => write_table(out, histories, filter),
        BansFormat::Csv => write_csv(out, histories),
        BansFormat::Json => {
            let value: Vec<serde_json::Value> = histories.iter().map(history_json).collect();
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
            Ok(())
        }
    }
}

fn date_text(measure: &Measure) -> String {
    let mut text = String::new();
    match measure.date {
        Some(EventDate::Before(day)) => {
            text.push_str("before ");
            push_day(&mut text, day);
        }
        Some(date) => {
            // Writing to a String cannot fail.
            let _ = write!(text, "{date}");
        }
        None => text.push('-'),
    }
    if measure.date_conflict {
        text.push_str(" *");
    }
    text
}

fn write_table(out: &mut impl Write, histories: &[PairHistory], filter: &BanFilter) -> Result<()> {
    let types: Vec<&str> = filter.types().iter().map(|t| t.as_str()).collect();
    if histories.is_empty() {
        writeln!(out, "no {} measures match", types.join(" or "))?;
        return Ok(());
    }
    let mut rows = Vec::new();
    for history in histories {
        for (index, (step, measure)) in history.steps().enumerate() {
            let (agent, target) = if index == 0 {
                (
                    Cow::Owned(format!("{} ({})", history.agent.label, history.agent.id)),
                    Cow::Owned(format!("{} ({})", history.target.label, history.target.id)),
                )
            } else {
                (Cow::Borrowed(""), Cow::Borrowed(""))
            };
            rows.push(vec![
                agent,
                target,
                Cow::Borrowed(step),
                Cow::Owned(date_text(measure)),
                Cow::Borrowed(measure.event_type.as_str()),
                Cow::Owned(measure.sources.len().to_string()),
            ]);
        }
    }
    table::write_table(
        out,
        &["agent", "target", "step", "date", "type", "sources"],
        &rows,
    )?;
    let measures: usize = histories.iter().map(|h| h.steps().count()).sum();
    let conflicts = histories
        .iter()
        .flat_map(|h| h.steps())
        .any(|(_, m)| m.date_conflict);
    writeln!(
        out,
        "\n{} pairs, {measures} measures ({}); sources: the articles that report each measure.\n\
         first: the earliest actual measure; later: actual ones after it; planned, considered,\n\
         negated: not (yet) taken.",
        histories.len(),
        types.join(", ")
    )?;
    if conflicts {
        writeln!(
            out,
            "* the articles state different days; the date is the one most of them give."
        )?;
    }
    Ok(())
}

/// How many pairs a thread formats at a time for `--format csv`.
const CSV_CHUNK: usize = 256;

fn write_csv(out: &mut impl Write, histories: &[PairHistory]) -> Result<()> {
    let mut header = csv::Writer::from_writer(&mut *out);
    header.write_record([
        "agent",
        "agent_name",
        "target",
        "target_name",
        "step",
        "type",
        "status",
        "date",
        "date_earliest",
        "date_latest",
        "date_conflict",
        "sources",
        "mentions",
        "event_id",
        "source_files",
    ])?;
    header.flush()?;
    drop(header);
    ordered::write_chunks(out, histories, CSV_CHUNK, &csv_records)
}

/// The CSV records of `histories`, one per measure.
fn csv_records(histories: &[PairHistory], out: &mut Vec<u8>) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    // Each record's computed fields are written into buffers kept from record to record.
    let [
        mut date,
        mut earliest,
        mut latest,
        mut sources,
        mut mentions,
        mut files,
    ] = std::array::from_fn(|_| String::new());
    for history in histories {
        for (step, measure) in history.steps() {
            for buffer in [
                &mut date,
                &mut earliest,
                &mut latest,
                &mut sources,
                &mut mentions,
                &mut files,
            ] {
                buffer.clear();
            }
            if let Some(d) = measure.date {
                write!(date, "{d}")?;
                if let Some(day) = d.earliest() {
                    push_day(&mut earliest, day);
                }
                if let Some(day) = d.latest() {
                    push_day(&mut latest, day);
                }
            }
            write!(sources, "{}", measure.sources.len())?;
            write!(mentions, "{}", measure.mentions)?;
            for (index, file) in measure.sources.iter().enumerate() {
                if index > 0 {
                    files.push_str(" | ");
                }
                files.push_str(file);
            }
            writer.write_record([
                history.agent.id.as_str(),
                &history.agent.label,
                history.target.id.as_str(),
                &history.target.label,
                step,
                measure.event_type.as_str(),
                measure.status.as_str(),
                &date,
                &earliest,
                &latest,
                if measure.date_conflict {
                    "true"
                } else {
                    "false"
                },
                &sources,
                &mentions,
                &measure.id,
                &files,
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn measure_json(measure: &Measure) -> serde_json::Value {
    json!({
        "event_id": measure.id,
        "type": measure.event_type,
        "status": measure.status,
        "date": measure.date.map(|d| d.to_string()),
        "date_conflict": measure.date_conflict,
        "sources": measure.sources.len(),
        "mentions": measure.mentions,
        "source_files": measure.sources,
    })
}

fn history_json(history: &PairHistory) -> serde_json::Value {
    json!({
        "agent": history.agent.id.as_str(),
        "agent_name": history.agent.label,
        "target": history.target.id.as_str(),
        "target_name": history.target.label,
        "first": history.first.as_ref().map(measure_json),
        "later": history.later.iter().map(measure_json).collect::<Vec<_>>(),
        "proposed": history.proposed.iter().map(measure_json).collect::<Vec<_>>(),
        "negated": history.negated.iter().map(measure_json).collect::<Vec<_>>(),
        "sources": history.sources(),
    })
}
