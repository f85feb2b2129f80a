//! The binary's commands: each turns its typed arguments into library calls and prints the result.

mod analyze;
mod args;
mod bans;
mod bulk;
mod generate;
mod ordered;
mod table;
mod timeline;

use anyhow::{Context, Result, bail};
use args::{Cli, Command, EventFormat, ExtractArgs, QueryFormat, StoreArgs};
use clap::Parser;
use geokg::extract::{self, Extractor};
use geokg::ingest::{self, ReadOptions};
use geokg::model::Event;
use geokg::store::{self, EventStore, QueryAnswer, SparqlEndpoint};
use geokg::{pipeline, query};
use oxigraph::sparql::results::QueryResultsFormat;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Ingest {
            paths,
            bulk,
            store,
            extract,
        } => ingest(&paths, &store, &extract, false, bulk),
        Command::Run {
            paths,
            store,
            extract,
        } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from("data/articles")]
            } else {
                paths
            };
            ingest(&paths, &store, &extract, true, false)
        }
        Command::Query {
            query,
            format,
            store,
        } => run_query(&query, format, &store),
        Command::Extract {
            paths,
            format,
            explain,
            stats,
            extract,
        } => extract_files(&paths, format, explain, stats, &extract),
        Command::Explain { paths, extract } => {
            extract_files(&paths, EventFormat::Table, true, false, &extract)
        }
        Command::Events { format, store } => export_events(format, &store),
        Command::Timeline { args } => timeline::run(&args),
        Command::Analyze { args } => analyze::run(&args),
        Command::Bans { args } => bans::run(&args),
        Command::Generate { args } => generate::run(&args),
        Command::Export { store } => bulk::export(&open_store_to_read(&store)?),
        Command::LoadNquads { file, store } => bulk::load_nquads(&file, &open_store(&store)?),
    }
}

fn open_store(args: &StoreArgs) -> Result<EventStore> {
    open_store_with(args, EventStore::open)
}

/// The store for a command that only reads it (see [`EventStore::open_to_read`]).
fn open_store_to_read(args: &StoreArgs) -> Result<EventStore> {
    open_store_with(args, EventStore::open_to_read)
}

fn open_store_with(
    args: &StoreArgs,
    open: fn(&Path) -> Result<EventStore, store::StoreError>,
) -> Result<EventStore> {
    let path = args.store.clone().unwrap_or_else(store::default_store_path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    open(&path).with_context(|| format!("store {}", path.display()))
}

fn extractor(args: &ExtractArgs) -> Result<Extractor> {
    match &args.data {
        Some(dir) => {
            Extractor::from_dir(dir).with_context(|| format!("data folder {}", dir.display()))
        }
        None => Extractor::bundled().context("bundled data files"),
    }
}

fn read_options(args: &ExtractArgs) -> Result<ReadOptions> {
    let published = args
        .published
        .as_deref()
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .with_context(|| format!("--published {d:?}: expected YYYY-MM-DD"))
        })
        .transpose()?;
    Ok(ReadOptions {
        published,
        jobs: args.jobs,
    })
}

fn ingest(
    paths: &[PathBuf],
    store_args: &StoreArgs,
    extract: &ExtractArgs,
    show_bans: bool,
    bulk: bool,
) -> Result<ExitCode> {
    let extractor = extractor(extract)?;
    let options = read_options(extract)?;
    let store = open_store(store_args)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, all: usize| {
        if all >= 20 {
            bar.set_length(all as u64);
            bar.set_position(done as u64);
        }
    };
    let report = if bulk {
        pipeline::bulk::bulk_ingest(paths, &options, &extractor, &store, progress)?
    } else {
        pipeline::ingest(paths, &options, &extractor, &store, progress)?
    };
    bar.finish_and_clear();
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "{} files: {} added, {} replaced, {} unchanged, {} skipped; {} events",
        report.files,
        report.added,
        report.replaced,
        report.unchanged,
        report.skipped.len(),
        report.events()
    )?;
    if !report.events_by_type.is_empty() {
        let by_type: Vec<String> = report
            .events_by_type
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        writeln!(err, "events by type: {}", by_type.join(", "))?;
    }
    for (_, reason) in &report.skipped {
        writeln!(err, "skipped: {reason}")?;
    }
    if show_bans {
        let mut out = std::io::stdout().lock();
        writeln!(out, "\nWho banned whom, and when (geokg bans):\n")?;
        bans::write_answer(
            &mut out,
            &store,
            &query::BanFilter::default(),
            bans::BansFormat::Table,
        )?;
    }
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn run_query(text: &str, format: QueryFormat, store_args: &StoreArgs) -> Result<ExitCode> {
    let sparql = if text.ends_with(".rq") || Path::new(text).is_file() {
        std::fs::read_to_string(text).with_context(|| format!("cannot read query file {text}"))?
    } else {
        text.to_string()
    };
    let store = open_store_to_read(store_args)?;
    let answer = store.query(&sparql).context("query")?;
    let mut out = std::io::stdout().lock();
    let results_format = match format {
        QueryFormat::Table => None,
        QueryFormat::Csv => Some(QueryResultsFormat::Csv),
        QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
        QueryFormat::Json => Some(QueryResultsFormat::Json),
        QueryFormat::Xml => Some(QueryResultsFormat::Xml),
    };
    match (&answer, results_format) {
        (QueryAnswer::Solutions { variables, .. }, None) => {
            let rows: Vec<Vec<String>> = answer
                .rows_as_text()
                .iter()
                .map(|row| {
                    variables
                        .iter()
                        .map(|v| {
                            row.iter()
                                .find(|(n, _)| n == v)
                                .map(|(_, t)| t.clone())
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect();
            let header: Vec<&str> = variables.iter().map(String::as_str).collect();
            table::write_table(&mut out, &header, &rows)?;
            if std::io::stdout().is_terminal() {
                eprintln!("{} rows", rows.len());
            }
        }
        (QueryAnswer::Boolean(value), None) => writeln!(out, "{value}")?,
        (_, Some(format)) => answer.write(format, &mut out)?,
        (QueryAnswer::Graph(_), None) => answer.write(QueryResultsFormat::Csv, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn extract_files(
    paths: &[PathBuf],
    format: EventFormat,
    explain: bool,
    stats: bool,
    args: &ExtractArgs,
) -> Result<ExitCode> {
    let extractor = extractor(args)?;
    let options = read_options(args)?;
    let found = ingest::find_articles(paths);
    let mut failed = found.problems.len();
    for problem in &found.problems {
        eprintln!("skipped: {problem}");
    }
    let files = found.files;
    if files.is_empty() && failed == 0 {
        bail!(
            "no article files (*.txt) under {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let started = std::time::Instant::now();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut totals = bulk::ExtractTotals::default();
    // A table needs every row to align its columns; JSON Lines go out article by article.
    let mut table = Vec::new();
    pipeline::parallel::map_in_order(
        ingest::read_articles(&files),
        options.jobs,
        |read| {
            let extracted = pipeline::parallel::extract_one(read, &options, &extractor);
            let sentences = match (&extracted.result, stats) {
                (Ok((article, _)), true) => extract::split_sentences(article).len(),
                _ => 0,
            };
            (extracted, sentences)
        },
        |(extracted, sentences)| -> Result<()> {
            match extracted.result {
                Ok((article, events)) => {
                    totals.add(&article, sentences, events.len());
                    if format == EventFormat::Jsonl {
                        write_events(&mut out, &events, format, explain)?;
                    } else {
                        table.extend(events);
                    }
                }
                Err(error) => {
                    failed += 1;
                    eprintln!("skipped: {error}");
                }
            }
            Ok(())
        },
    )?;
    if format != EventFormat::Jsonl {
        write_events(&mut out, &table, format, explain)?;
    }
    out.flush()?;
    if stats {
        eprintln!("{}", totals.summary(started.elapsed()));
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn export_events(format: EventFormat, store_args: &StoreArgs) -> Result<ExitCode> {
    let store = open_store_to_read(store_args)?;
    let events: Vec<Event> = query::stored_events(&store)?
        .into_iter()
        .map(|s| s.event)
        .collect();
    write_events(&mut std::io::stdout().lock(), &events, format, false)?;
    Ok(ExitCode::SUCCESS)
}

/// One event as a JSON Lines record: the scorer's fields, plus the rule and date reasoning with
/// `--explain`. Fields are declared in key order, as `serde_json::Value`'s sorted map wrote them
/// before; a borrowed struct writes each line without building a map first (#6 profile).
#[derive(serde::Serialize)]
struct EventRecord<'a> {
    agent: &'a geokg::model::ActorId,
    agent_name: &'a str,
    article: &'a str,
    date: Option<geokg::model::EventDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_reason: Option<&'a str>,
    evidence: &'a str,
    evidence_end: usize,
    evidence_start: usize,
    requester: Option<&'a geokg::model::ActorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    status: geokg::model::EventStatus,
    target: &'a geokg::model::ActorId,
    target_name: &'a str,
    trigger: &'a str,
    #[serde(rename = "type")]
    event_type: geokg::model::EventType,
}

impl<'a> EventRecord<'a> {
    fn new(event: &'a Event, explain: bool) -> Self {
        Self {
            agent: &event.agent.id,
            agent_name: &event.agent.label,
            article: &event.article,
            date: event.date,
            date_reason: explain.then_some(event.date_reason.as_str()),
            evidence: &event.evidence.text,
            evidence_end: event.evidence.end,
            evidence_start: event.evidence.start,
            requester: event.requester.as_ref().map(|r| &r.id),
            rule: explain.then_some(event.rule.as_str()),
            status: event.status,
            target: &event.target.id,
            target_name: &event.target.label,
            trigger: &event.trigger,
            event_type: event.event_type,
        }
    }
}

fn write_events(
    out: &mut impl Write,
    events: &[Event],
    format: EventFormat,
    explain: bool,
) -> Result<()> {
    match format {
        EventFormat::Jsonl => {
            for event in events {
                serde_json::to_writer(&mut *out, &EventRecord::new(event, explain))?;
                writeln!(out)?;
            }
        }
        EventFormat::Table if explain => {
            for event in events {
                writeln!(
                    out,
                    "{} {} {} -> {} ({})  {}  {}",
                    event.article,
                    event.event_type,
                    event.agent.id,
                    event.target.id,
                    event.target.label,
                    event
                        .date
                        .map_or_else(|| "no date".to_string(), |d| d.to_string()),
                    event.status
                )?;
                writeln!(out, "  trigger  \"{}\"", event.trigger)?;
                writeln!(out, "  rule     {}", event.rule)?;
                writeln!(out, "  date     {}", event.date_reason)?;
                writeln!(
                    out,
                    "  evidence [{}..{}] {}",
                    event.evidence.start, event.evidence.end, event.evidence.text
                )?;
                writeln!(out)?;
            }
        }
        EventFormat::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.article.clone(),
                        e.event_type.to_string(),
                        e.agent.id.to_string(),
                        e.target.id.to_string(),
                        e.date.map_or_else(|| "-".into(), |d| d.to_string()),
                        e.status.to_string(),
                        e.evidence.text.clone(),
                    ]
                })
                .collect();
            table::write_table(
                out,
                &[
                    "article", "type", "agent", "target", "date", "status", "evidence",
                ],
                &rows,
            )?;
        }
    }
    Ok(())
}
