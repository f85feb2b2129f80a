//! The generator's templates file (`data/synth/templates.toml`): lists of publishers, authors,
//! headlines and sentences with `{placeholder}`s, checked when loaded.
//!
//! The entry point is [`Templates::from_toml`].

use super::{PLACEHOLDERS, SynthError};
use crate::model::EventType;
use serde::Deserialize;

/// The parsed templates file.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Masthead names.
    pub publishers: Vec<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Industries for `{sector}`.
    pub sectors: Vec<String>,
    /// Headline templates.
    pub headlines: Vec<String>,
    /// Sentences that state no event.
    pub background: Vec<String>,
    /// Event sentence templates, by type.
    pub events: Vec<(EventType, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    publishers: Vec<String>,
    authors: Vec<String>,
    sectors: Vec<String>,
    headlines: Vec<String>,
    background: Vec<String>,
    event: Vec<EventBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventBlock {
    #[serde(rename = "type")]
    event_type: EventType,
    sentences: Vec<String>,
}

impl Templates {
    /// Parses and checks a templates file: no list empty, every placeholder known.
    ///
    /// # Errors
    /// [`SynthError`] naming the problem.
    pub fn from_toml(text: &str) -> Result<Self, SynthError> {
        let file: File = toml::from_str(text)?;
        let templates = Self {
            publishers: file.publishers,
            authors: file.authors,
            sectors: file.sectors,
            headlines: file.headlines,
            background: file.background,
            events: file
                .event
                .into_iter()
                .map(|block| (block.event_type, block.sentences))
                .collect(),
        };
        let mut lists: Vec<(String, &Vec<String>)> = vec![
            ("publishers".into(), &templates.publishers),
            ("authors".into(), &templates.authors),
            ("sectors".into(), &templates.sectors),
            ("headlines".into(), &templates.headlines),
            ("background".into(), &templates.background),
        ];
        for (event_type, sentences) in &templates.events {
            lists.push((format!("event {event_type}"), sentences));
        }
        if templates.events.is_empty() {
            return Err(SynthError::EmptyList("event".into()));
        }
        for (name, list) in lists {
            if list.is_empty() {
                return Err(SynthError::EmptyList(name));
            }
        }
        for template in templates
            .headlines
            .iter()
            .chain(&templates.background)
            .chain(templates.events.iter().flat_map(|(_, s)| s))
        {
            fill(template, |name| PLACEHOLDERS.contains(&name).then_some("")).map_err(
                |placeholder| SynthError::UnknownPlaceholder {
                    placeholder,
                    template: template.clone(),
                },
            )?;
        }
        Ok(templates)
    }
}

/// Replaces each `{name}` in `template` by `value(name)`; text outside braces is kept as is.
///
/// # Errors
/// The first name for which `value` gives `None`.
///
/// # Examples
/// ```
/// use geokg::synth::fill;
/// let text = fill("{country} banned {firm}.", |n| Some(if n == "country" { "Norway" } else { "ZTE" }));
/// assert_eq!(text, Ok("Norway banned ZTE.".to_string()));
/// ```
pub fn fill<'a>(
    template: &str,
    mut value: impl FnMut(&str) -> Option<&'a str>,
) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        out.push_str(value(name).ok_or_else(|| name.to_string())?);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_templates_cover_every_event_type() -> Result<(), SynthError> {
        let templates = Templates::from_toml(include_str!("../../data/synth/templates.toml"))?;
        for event_type in EventType::ALL {
            assert!(
                templates.events.iter().any(|(t, _)| *t == event_type),
                "{event_type}"
            );
        }
        Ok(())
    }

    #[test]
    fn an_unknown_placeholder_is_refused() {
        let text = r#"publishers = ["P"]
authors = ["A"]
sectors = ["s"]
headlines = ["{country}"]
background = ["{colour} sky"]
[[event]]
type = "ban"
sentences = ["{country} banned {firm}."]
"#;
        assert!(matches!(
            Templates::from_toml(text),
            Err(SynthError::UnknownPlaceholder { placeholder, .. }) if placeholder == "colour"
        ));
    }
}
