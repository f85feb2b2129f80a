//! Reading article files: header (masthead, title, byline, publication date) and body.
//!
//! The entry points are [`read_article`] for one file, [`find_articles`] for folders and
//! [`read_articles`] for a stream of articles (one per `.txt` file, one per line of a `.jsonl` file).

mod header;

pub use header::{Header, find_date, month_number, paragraphs, parse_header};

use crate::model::{Article, ArticleId};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Why an article file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is empty or holds only white space.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// No publication date in the header nor in the file name, and none supplied.
    #[error(
        "{path}: no publication date in the byline or the file name (give one with --published YYYY-MM-DD)"
    )]
    MissingDate {
        /// The file.
        path: PathBuf,
    },
    /// A line of a `.jsonl` file is not a `{"source": ..., "text": ...}` object.
    #[error("{path}:{line}: not an article object ({message})")]
    BadLine {
        /// The `.jsonl` file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A folder entry could not be listed (a dangling link, no permission).
    #[error("{path}: cannot read: {source}")]
    Walk {
        /// The folder.
        path: PathBuf,
        /// The walk error.
        #[source]
        source: walkdir::Error,
    },
}

/// Options for reading articles.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date to use when an article has none of its own.
    pub published: Option<NaiveDate>,
    /// Threads that parse articles and extract their events; 0 means one per core
    /// (see [`crate::pipeline::parallel`]).
    pub jobs: usize,
}

/// Reads one article file.
///
/// The publication date comes from the byline, else from a `publisher-YYYY-MM-DD-` file name, else
/// from `options.published`.
///
/// # Errors
/// [`IngestError`] when the file cannot be read, is not UTF-8, is empty, or has no date.
pub fn read_article(path: &Path, options: &ReadOptions) -> Result<Article, IngestError> {
    read_text(path)?.parse(options)
}

/// The text of one article file, read but not yet parsed.
fn read_text(path: &Path) -> Result<RawArticle, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| IngestError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(RawArticle {
        path: path.to_path_buf(),
        source,
        text,
    })
}

/// An article's text as read, before its header is parsed: a whole `.txt` file, or one line of a
/// `.jsonl` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// Where it was read: the file, with `:LINE` for a line of a `.jsonl` file.
    pub path: PathBuf,
    /// Its file name, which names its graph in the store.
    pub source: String,
    /// The text.
    pub text: String,
}

impl RawArticle {
    /// Parses the header and body (see [`parse_article`]).
    ///
    /// # Errors
    /// [`IngestError::Empty`] or [`IngestError::MissingDate`], naming [`RawArticle::path`].
    pub fn parse(self, options: &ReadOptions) -> Result<Article, IngestError> {
        let path = self.path;
        parse_article(&self.source, self.text, options).map_err(|e| match e {
            ParseFailure::Empty => IngestError::Empty { path },
            ParseFailure::MissingDate => IngestError::MissingDate { path },
        })
    }
}

/// The articles in `files`, read one at a time in order: a `.jsonl` file gives one article per
/// line (`{"source": FILE NAME, "text": TEXT}`, as `geokg generate --jsonl` writes), any other
/// file one article. Each item is the input's path and what reading it gave.
pub fn read_articles(
    files: &[PathBuf],
) -> impl Iterator<Item = Result<RawArticle, IngestError>> + Send {
    use std::io::BufRead;
    files.iter().flat_map(|path| {
        let lines: Box<dyn Iterator<Item = Result<RawArticle, IngestError>> + Send> = if path
            .extension()
            .is_some_and(|e| e == "jsonl")
        {
            match std::fs::File::open(path) {
                Ok(file) => Box::new(
                    std::io::BufReader::new(file)
                        .lines()
                        .enumerate()
                        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
                        .map(|(number, line)| json_line(path, number + 1, line)),
                ),
                Err(source) => Box::new(std::iter::once(Err(IngestError::Read {
                    path: path.clone(),
                    source,
                }))),
            }
        } else {
            Box::new(std::iter::once(read_text(path)))
        };
        lines
    })
}

fn json_line(
    path: &Path,
    line: usize,
    text: std::io::Result<String>,
) -> Result<RawArticle, IngestError> {
    #[derive(serde::Deserialize)]
    struct Line {
        source: String,
        text: String,
    }
    let text = text.map_err(|source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let parsed: Line = serde_json::from_str(&text).map_err(|e| IngestError::BadLine {
        path: path.to_path_buf(),
        line,
        message: e.to_string(),
    })?;
    Ok(RawArticle {
        path: PathBuf::from(format!("{}:{line}", path.display())),
        source: parsed.source,
        text: parsed.text,
    })
}

/// Why text could not be made into an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseFailure {
    /// Only white space.
    Empty,
    /// No date found and none supplied.
    MissingDate,
}

/// Makes an article from text already in memory; `source` is its file name.
///
/// # Errors
/// [`ParseFailure`] when the text is blank or carries no date.
pub fn parse_article(
    source: &str,
    text: String,
    options: &ReadOptions,
) -> Result<Article, ParseFailure> {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseFailure::Empty);
    }
    let header = parse_header(&text);
    let published = header
        .published
        .or_else(|| date_from_file_name(source))
        .or(options.published)
        .ok_or(ParseFailure::MissingDate)?;
    let publisher = header
        .masthead
        .clone()
        .or_else(|| publisher_from_file_name(source));
    Ok(Article {
        id: article_id(&text),
        source: source.to_string(),
        publisher,
        title: header.title,
        author: header.author,
        published,
        body_start: header.body_start,
        text,
    })
}

/// The content-derived id of an article text.
pub fn article_id(text: &str) -> ArticleId {
    ArticleId(crate::model::sha256_hex(text, 8))
}

/// The date in a file name of the form `publisher-YYYY-MM-DD-slug.txt`.
pub fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = name.get(i..i + 10)?;
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let boundary_after = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        if boundary_before && boundary_after {
            NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

fn publisher_from_file_name(name: &str) -> Option<String> {
    let (first, _) = name.split_once('-')?;
    (first.chars().all(|c| c.is_ascii_alphanumeric()) && date_from_file_name(name).is_some())
        .then(|| first.to_string())
}

/// Article files under the given paths, and the paths that could not be listed.
#[derive(Debug, Default)]
pub struct FoundArticles {
    /// Files to read: files as given, and `*.txt` found in folders, sorted per folder.
    pub files: Vec<PathBuf>,
    /// Entries that could not be listed (a dangling link, a folder without permission).
    pub problems: Vec<IngestError>,
}

/// Lists article files under the given paths: files as given, folders walked recursively for
/// `*.txt`, sorted by path so runs are repeatable. A path that does not exist is kept, so that
/// reading it reports the problem with the other bad files.
pub fn find_articles(paths: &[PathBuf]) -> FoundArticles {
    let mut found = FoundArticles::default();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_file()
                            && entry.path().extension().is_some_and(|e| e == "txt")
                        {
                            files.push(entry.into_path());
                        }
                    }
                    Err(source) => found.problems.push(IngestError::Walk {
                        path: source
                            .path()
                            .map_or_else(|| path.clone(), Path::to_path_buf),
                        source,
                    }),
                }
            }
            files.sort();
            found.files.extend(files);
        } else {
            found.files.push(path.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_a_fallback_date() {
        assert_eq!(
            date_from_file_name("afp-2020-10-20-sweden.txt").map(|d| d.to_string()),
            Some("2020-10-20".into())
        );
        assert_eq!(date_from_file_name("notes.txt"), None);
        assert_eq!(date_from_file_name("x-2020-13-01-y.txt"), None);
    }

    #[test]
    fn blank_text_is_refused_and_a_dateless_one_needs_a_date() {
        let options = ReadOptions::default();
        assert_eq!(
            parse_article("a.txt", " \n\n".into(), &options),
            Err(ParseFailure::Empty)
        );
        assert_eq!(
            parse_article("a.txt", "Title\n\nBody text here.".into(), &options),
            Err(ParseFailure::MissingDate)
        );
        let given = ReadOptions {
            published: NaiveDate::from_ymd_opt(2020, 1, 2),
            ..ReadOptions::default()
        };
        let article = parse_article("a.txt", "Title\n\nBody text here.".into(), &given);
        assert_eq!(
            article.map(|a| a.published.to_string()),
            Ok("2020-01-02".into())
        );
    }

    #[test]
    fn a_jsonl_file_gives_one_article_per_line() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("corpus.jsonl");
        let line =
            serde_json::json!({"source": "x-2020-01-02-a.txt", "text": "Title\n\nBody text."});
        std::fs::write(&path, format!("{line}\n\nnot json\n{line}\n"))?;
        let read: Vec<_> = read_articles(std::slice::from_ref(&path)).collect();
        assert_eq!(read.len(), 3);
        let first = read[0].as_ref().map_err(ToString::to_string)?;
        assert_eq!(first.source, "x-2020-01-02-a.txt");
        assert!(first.path.display().to_string().ends_with("corpus.jsonl:1"));
        assert!(matches!(
            &read[1],
            Err(IngestError::BadLine { line: 3, .. })
        ));
        let article = read[2]
            .as_ref()
            .map_err(ToString::to_string)?
            .clone()
            .parse(&ReadOptions::default())?;
        assert_eq!(article.published.to_string(), "2020-01-02");
        Ok(())
    }

    #[test]
    fn the_id_follows_the_content() {
        assert_eq!(article_id("abc"), article_id("abc"));
        assert_ne!(article_id("abc"), article_id("abd"));
        assert_eq!(article_id("abc").0.len(), 16);
    }
}
