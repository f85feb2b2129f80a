//! `geokg generate`: synthetic articles for benchmarks, as files or JSON Lines.

use anyhow::{Context, Result, bail};
use geokg::synth::Generator;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `geokg generate`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// How many articles.
    #[arg(long, value_name = "N")]
    pub articles: u64,
    /// Seed: the same number of articles and seed give byte-identical output.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Write one file per article into this folder, 1000 to a subfolder (0000/, 0001/...).
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "jsonl",
        required_unless_present = "jsonl"
    )]
    pub out: Option<PathBuf>,
    /// Print one JSON object per article on standard output: {"source": FILE NAME, "text": TEXT}.
    #[arg(long)]
    pub jsonl: bool,
}

/// Runs `geokg generate`, one article at a time (nothing is held in memory).
pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let generator = Generator::bundled(args.seed).context("bundled synth templates")?;
    match &args.out {
        Some(dir) => write_files(&generator, args.articles, dir)?,
        None if args.jsonl => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            for index in 0..args.articles {
                let article = generator.article(index);
                let line = serde_json::json!({"source": article.file_name, "text": article.text});
                writeln!(out, "{line}")?;
            }
            out.flush()?;
        }
        None => bail!("give --out DIR or --jsonl"),
    }
    Ok(ExitCode::SUCCESS)
}

fn write_files(generator: &Generator, articles: u64, dir: &Path) -> Result<()> {
    let mut current_folder = None;
    for index in 0..articles {
        let article = generator.article(index);
        let folder = dir.join(article.folder());
        if current_folder.as_ref() != Some(&folder) {
            std::fs::create_dir_all(&folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
            current_folder = Some(folder.clone());
        }
        let path = folder.join(&article.file_name);
        std::fs::write(&path, article.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
