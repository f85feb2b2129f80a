//! Command-line arguments (clap).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news articles into a knowledge graph of geopolitical events.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, about, long_about = None)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by commands that open the store.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// Store folder (default: $GEOKG_STORE, else $XDG_DATA_HOME/geokg/store, else ~/.local/share/geokg/store).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
}

/// Options shared by commands that extract events.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Publication date for articles that carry none (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Read gazetteers and lexicons from this folder (a copy of data/) instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Threads that extract events (0: one per core); results keep the input order.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files, extract their events and store them.
    ///
    /// Folders are read recursively for *.txt. Each article gets its own graph: an unchanged
    /// article is left alone, a changed one replaces its earlier version. Files that cannot be
    /// read are listed with the reason; the exit status is 2 when any was skipped.
    ///
    /// Example: geokg ingest ../shared/corpus/dev --store /tmp/kg
    Ingest {
        /// Article files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Load articles not yet in the store with Oxigraph's bulk loader: much faster for large
        /// loads (each article's graph is still whole; stored ones go the usual way). The new
        /// articles appear at the end, all at once.
        #[arg(long)]
        bulk: bool,
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        extract: ExtractArgs,
    },
    /// Run a SPARQL query (text or a .rq file) against the store.
    ///
    /// The default graph is the union of all article graphs; the geokg prefixes (gek:, geo:,
    /// prov:, oa:, rdfs:, xsd:...) are predeclared. CONSTRUCT and DESCRIBE print Turtle.
    ///
    /// Example: geokg query queries/bans.rq --format csv
    Query {
        /// SPARQL text, or the path of a .rq file.
        query: String,
        /// Output format for SELECT and ASK.
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Extract events from article files without a store, and print them.
    ///
    /// Example: geokg extract data/articles --format jsonl > events.jsonl
    Extract {
        /// Article files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EventFormat::Table)]
        format: EventFormat,
        /// Show, for each event, the rule, trigger, roles, status cue and date reasoning.
        #[arg(long)]
        explain: bool,
        /// Print on standard error how many articles, sentences, bytes and events were read,
        /// and how fast.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        extract: ExtractArgs,
    },
    /// Show why each event of an article was extracted (same as `extract --explain`).
    ///
    /// Example: geokg explain data/articles/meridian-wire-2021-03-03-brazil-5g-rules-huawei.txt
    Explain {
        /// Article files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        extract: ExtractArgs,
    },
    /// Export the stored events.
    ///
    /// JSON Lines carries the scorer's fields (article, type, agent, agent_name, target,
    /// target_name, date, status) plus the evidence.
    ///
    /// Example: geokg events --format jsonl > events.jsonl
    Events {
        /// Output format.
        #[arg(long, value_enum, default_value_t = EventFormat::Table)]
        format: EventFormat,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The stored events on a timeline: filtered, in chronological order, in a format for
    /// terminals, spreadsheets, timeline tools, calendars or the browser.
    ///
    /// Fuzzy dates sort at the start of their span ("2019-01" with the first of January), "before
    /// X" on the day before X, undated events last. --from/--to keep events whose span overlaps
    /// the range ("before X" as the day before X). --format html writes a self-contained page
    /// with an SVG timeline.
    ///
    /// Example: geokg timeline --actor huawei --type ban,sanction --format html > huawei.html
    Timeline {
        #[command(flatten)]
        args: super::timeline::TimelineArgs,
    },
    /// How relationships between actors develop: graph analyses of the stored events.
    ///
    /// activity (who acts, who is acted on), pagerank and betweenness (centrality on the "acts
    /// against" graph), reciprocity (pairs acting against each other or each other's nationals
    /// and firms, with the lag), cascade (in what order countries acted against --target),
    /// blocs (countries acting against the same targets) and path (--from-actor to --to-actor).
    /// Filters as for timeline (actual events only by default); --window prints every result
    /// per month, quarter, year or sliding window, --at as of a date.
    ///
    /// Example: geokg analyze cascade --target huawei --type ban,restriction,sanction
    Analyze {
        #[command(flatten)]
        args: super::analyze::AnalyzeArgs,
    },
    /// Which countries banned whom, and when: for each agent and target, the first actual ban or
    /// restriction with its date, the later steps, and (apart) the measures only planned,
    /// considered or ruled out, each with the number of articles that report it.
    ///
    /// Each measure is one real-world event however many articles report it (fused across
    /// articles). --type adds sanctions or narrows to one type; --from/--to keep measures whose
    /// date may fall in the range. The query behind it is queries/who-banned-whom.rq.
    ///
    /// Example: geokg bans --target huawei --from 2018 --format csv
    #[command(alias = "who-banned-whom")]
    Bans {
        #[command(flatten)]
        args: super::bans::BansArgs,
    },
    /// The main job: ingest articles (the bundled samples by default) into the store and print
    /// who banned whom, and when.
    ///
    /// Example: geokg run data/articles
    Run {
        /// Article files or folders (default: data/articles).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        extract: ExtractArgs,
    },
    /// Make synthetic articles for benchmarks: seeded, deterministic, in the format ingest reads.
    ///
    /// Paragraphs mix event sentences of all eleven types (templates in data/synth/templates.toml)
    /// with background sentences; actors come from the bundled gazetteer; publication dates
    /// span 2010-2026. Article i depends only on the seed and i, so smaller corpora are prefixes
    /// of larger ones.
    ///
    /// Example: geokg generate --articles 10000 --seed 1 --out /tmp/corpus
    Generate {
        #[command(flatten)]
        args: super::generate::GenerateArgs,
    },
    /// Write the whole store (ontology, articles, events) as N-Quads on standard output.
    ///
    /// Example: geokg export > store.nq
    Export {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Load N-Quads into the store with Oxigraph's bulk loader (the benchmark's baseline).
    #[command(hide = true)]
    LoadNquads {
        /// An N-Quads file.
        file: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// Output formats for query answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// An aligned table for terminals.
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL 1.1 XML results.
    Xml,
}

/// Output formats for events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// An aligned table for terminals.
    Table,
    /// One JSON object per line.
    Jsonl,
}
