//! The binary's commands: each turns its typed arguments into library calls and prints the result.

mod analyze;
mod args;
mod table;
mod timeline;

use anyhow::{Context, Result, bail};
use args::{Cli, Command, EventFormat, ExtractArgs, QueryFormat, StoreArgs};
use clap::Parser;
use geokg::extract::Extractor;
use geokg::ingest::{self, ReadOptions};
use geokg::model::Event;
use geokg::store::{self, EventStore, QueryAnswer, SparqlEndpoint};
use geokg::{pipeline, query};
use oxigraph::sparql::results::QueryResultsFormat;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Ingest {
            paths,
            store,
            extract,
        } => ingest(&paths, &store, &extract, false),
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
            ingest(&paths, &store, &extract, true)
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
            extract,
        } => extract_files(&paths, format, explain, &extract),
        Command::Explain { paths, extract } => {
            extract_files(&paths, EventFormat::Table, true, &extract)
        }
        Command::Events { format, store } => export_events(format, &store),
        Command::Timeline { args } => timeline::run(&args),
        Command::Analyze { args } => analyze::run(&args),
    }
}

fn open_store(args: &StoreArgs) -> Result<EventStore> {
    let path = args.store.clone().unwrap_or_else(store::default_store_path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    EventStore::open(&path).with_context(|| format!("store {}", path.display()))
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
    Ok(ReadOptions { published })
}

fn ingest(
    paths: &[PathBuf],
    store_args: &StoreArgs,
    extract: &ExtractArgs,
    show_bans: bool,
) -> Result<ExitCode> {
    let extractor = extractor(extract)?;
    let options = read_options(extract)?;
    let store = open_store(store_args)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let report = pipeline::ingest(paths, &options, &extractor, &store, |done, all| {
        if all >= 20 {
            bar.set_length(all as u64);
            bar.set_position(done as u64);
        }
    })?;
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
        let answer = store.query(query::BANS).context("queries/bans.rq")?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "\nWho banned whom, and when (queries/bans.rq):\n")?;
        write_bans(&mut out, &answer)?;
    }
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn write_bans(out: &mut impl Write, answer: &QueryAnswer) -> Result<()> {
    let rows: Vec<Vec<String>> = answer
        .rows_as_text()
        .iter()
        .map(|row| {
            let get = |k: &str| {
                row.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| "-".into())
            };
            vec![
                format!("{} ({})", get("agentName"), get("agent")),
                format!("{} ({})", get("targetName"), get("target")),
                get("date"),
                get("status"),
                get("source"),
            ]
        })
        .collect();
    table::write_table(out, &["agent", "target", "date", "status", "source"], &rows)?;
    Ok(())
}

fn run_query(text: &str, format: QueryFormat, store_args: &StoreArgs) -> Result<ExitCode> {
    let sparql = if text.ends_with(".rq") || Path::new(text).is_file() {
        std::fs::read_to_string(text).with_context(|| format!("cannot read query file {text}"))?
    } else {
        text.to_string()
    };
    let store = open_store(store_args)?;
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
    let mut out = std::io::stdout().lock();
    let mut all = Vec::new();
    for path in &files {
        match ingest::read_article(path, &options) {
            Ok(article) => all.extend(extractor.extract(&article)),
            Err(error) => {
                failed += 1;
                eprintln!("skipped: {error}");
            }
        }
    }
    write_events(&mut out, &all, format, explain)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn export_events(format: EventFormat, store_args: &StoreArgs) -> Result<ExitCode> {
    let store = open_store(store_args)?;
    let events: Vec<Event> = query::stored_events(&store)?
        .into_iter()
        .map(|s| s.event)
        .collect();
    write_events(&mut std::io::stdout().lock(), &events, format, false)?;
    Ok(ExitCode::SUCCESS)
}

fn event_json(event: &Event) -> serde_json::Value {
    json!({
        "article": event.article,
        "type": event.event_type,
        "agent": event.agent.id,
        "agent_name": event.agent.label,
        "target": event.target.id,
        "target_name": event.target.label,
        "date": event.date,
        "status": event.status,
        "requester": event.requester.as_ref().map(|r| &r.id),
        "evidence": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "trigger": event.trigger,
    })
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
                let mut value = event_json(event);
                if explain {
                    value["rule"] = json!(event.rule);
                    value["date_reason"] = json!(event.date_reason);
                }
                writeln!(out, "{value}")?;
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
