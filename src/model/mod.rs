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
