//! Articles as read from disk, and evidence spans inside them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A content-derived article id: the first 16 hex digits of the SHA-256 of the article text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One news article: its header fields and its full text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Content-derived id; changes whenever the text changes.
    pub id: ArticleId,
    /// The file name the article came from (`"caixin-2019-02-19-huawei-uk.txt"`); it names the
    /// article's graph in the store, so a changed version replaces the old one.
    pub source: String,
    /// Masthead or publisher, where one can be found.
    pub publisher: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Byline author, where one is given.
    pub author: Option<String>,
    /// Publication day; relative dates in the text resolve against it.
    pub published: NaiveDate,
    /// The whole text as read (UTF-8); evidence offsets point into it.
    pub text: String,
    /// Byte offset where the body starts (after masthead, title and byline).
    pub body_start: usize,
}

/// Where an event is stated: a span of the article text, in characters and bytes, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Start, in Unicode characters from the beginning of the article text.
    pub start: usize,
    /// End (exclusive), in Unicode characters.
    pub end: usize,
    /// The text of the span: the sentence that states the event.
    pub text: String,
}

impl Evidence {
    /// Evidence for the byte range `start..end` of `text`, with offsets turned into characters.
    ///
    /// # Panics
    /// Never for ranges on character boundaries; other ranges are clamped to the nearest ones below.
    pub fn from_bytes(text: &str, start: usize, end: usize) -> Self {
        let start = floor_boundary(text, start);
        let end = floor_boundary(text, end.max(start));
        let char_start = text[..start].chars().count();
        let span = &text[start..end];
        Self {
            start: char_start,
            end: char_start + span.chars().count(),
            text: span.to_string(),
        }
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
