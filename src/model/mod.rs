//! The shared vocabulary: articles, actors, events, fuzzy dates.
//!
//! This module imports nothing else from the crate; every other module speaks in these types.

mod actor;
mod article;
mod date;
mod event;

pub use actor::{Actor, ActorId, ActorKind};
pub use article::{Article, ArticleId, Evidence};
pub use date::{DateParseError, EventDate, push_day};
pub use event::{Event, EventStatus, EventType, ParseEnumError};

/// The first `bytes` bytes (at most 32) of the SHA-256 of `text`, in lower-case hex: the
/// content-derived ids of articles, events and fused events, and the ontology's digest.
pub fn sha256_hex(text: &str, bytes: usize) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .take(bytes)
        .map(|b| format!("{b:02x}"))
        .collect()
}
