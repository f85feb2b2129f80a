//! One fused measure's row of `geokg bans` as one literal (`gek:banRow`), written beside the
//! fused event at fusion time: a denormalised cache of its type, status, date, counts, actors and
//! source files, so that the command reads one statement per measure instead of about sixteen
//! (every term the store returns costs a read of its string table).
//!
//! Encoding ([`BAN_ROW_FORMAT`] 1): tab-separated fields `id`, `type`, `status`, `date` (the
//! date text, empty when undated), `date_conflict` (`true`/`false`), `mentions`, agent `id`,
//! `label`, `kind`, target `id`, `label`, `kind`, then one field per source file (sorted,
//! distinct). Inside a field a backslash, tab, line feed and carriage return are written `\\`,
//! `\t`, `\n` and `\r`. The entry points are [`BanRow::to_text`] and [`BanRow::from_text`].

use crate::fusion::FusedEvent;
use crate::model::{Actor, ActorId, ActorKind, EventDate, EventStatus, EventType};

/// The version of the encoding that `gek:banRowFormat` states on the fused graph.
pub const BAN_ROW_FORMAT: u32 = 1;

/// A fused measure as `geokg bans` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BanRow {
    /// The fused event's id (the last segment of its IRI).
    pub id: String,
    /// Ban, restriction or sanction.
    pub event_type: EventType,
    /// Actual, planned, considered or negated.
    pub status: EventStatus,
    /// The fused date.
    pub date: Option<EventDate>,
    /// True when the mentions state different days.
    pub date_conflict: bool,
    /// How many mentions it has.
    pub mentions: usize,
    /// Who acts, as the fused graph describes it.
    pub agent: Actor,
    /// Whom it acts on, as the fused graph describes it.
    pub target: Actor,
    /// The article files that report it, sorted and distinct.
    pub sources: Vec<String>,
}

impl BanRow {
    /// The row of a fused event with the actors the fused graph describes.
    pub fn of(fused: &FusedEvent, agent: &Actor, target: &Actor) -> Self {
        let mut sources: Vec<String> = fused.mentions.iter().map(|m| m.source.clone()).collect();
        sources.sort();
        sources.dedup();
        Self {
            id: fused.id.clone(),
            event_type: fused.key.event_type,
            status: fused.key.status,
            date: fused.date,
            date_conflict: fused.date_conflict,
            mentions: fused.mentions.len(),
            agent: Actor::new(agent.id.clone(), agent.label.clone(), agent.kind),
            target: Actor::new(target.id.clone(), target.label.clone(), target.kind),
            sources,
        }
    }

    /// The literal's text (see the module documentation).
    pub fn to_text(&self) -> String {
        let date = self.date.map(|d| d.to_string()).unwrap_or_default();
        let mentions = self.mentions.to_string();
        let fixed = [
            self.id.as_str(),
            self.event_type.as_str(),
            self.status.as_str(),
            &date,
            if self.date_conflict { "true" } else { "false" },
            &mentions,
            self.agent.id.as_str(),
            &self.agent.label,
            self.agent.kind.as_str(),
            self.target.id.as_str(),
            &self.target.label,
            self.target.kind.as_str(),
        ];
        let mut out = String::new();
        for (index, field) in fixed
            .into_iter()
            .chain(self.sources.iter().map(String::as_str))
            .enumerate()
        {
            if index > 0 {
                out.push('\t');
            }
            escape_into(field, &mut out);
        }
        out
    }

    /// Reads a literal's text; `None` when it is not a row of this format.
    pub fn from_text(text: &str) -> Option<Self> {
        let mut fields = text.split('\t').map(unescape);
        let mut next = || fields.next();
        let id = next()?;
        let event_type = next()?.parse().ok()?;
        let status = next()?.parse().ok()?;
        let date = match next()?.as_str() {
            "" => None,
            date => Some(date.parse().ok()?),
        };
        let date_conflict = match next()?.as_str() {
            "true" => true,
            "false" => false,
            _ => return None,
        };
        let mentions = next()?.parse().ok()?;
        let mut actor = || -> Option<Actor> {
            let (id, label, kind) = (next()?, next()?, next()?);
            Some(Actor::new(
                ActorId::new(id),
                label,
                ActorKind::from_name(&kind).unwrap_or(ActorKind::Body),
            ))
        };
        let (agent, target) = (actor()?, actor()?);
        let sources: Vec<String> = fields.collect();
        if sources.is_empty() {
            return None;
        }
        Some(Self {
            id,
            event_type,
            status,
            date,
            date_conflict,
            mentions,
            agent,
            target,
            sources,
        })
    }
}

/// Appends `field` with its backslashes, tabs and line breaks escaped.
fn escape_into(field: &str, out: &mut String) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            other => out.push(other),
        }
    }
}

/// A field as it was before [`escape_into`]; an unknown escape keeps its character.
fn unescape(field: &str) -> String {
    if !field.contains('\\') {
        return field.to_string();
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::fusion::{FusionKey, Mention, fuse};
    use crate::ingest::{ReadOptions, parse_article};
    use crate::store::{EventStore, SparqlEndpoint, StoreError, mapping, vocab};
    use crate::synth::Generator;

    #[test]
    fn a_row_reads_back_as_written_whatever_its_labels_and_files_hold() {
        let key = FusionKey::new(EventType::Sanction, "USA", "acme", EventStatus::Planned);
        let fused = fuse(vec![
            (
                key.clone(),
                Mention::new("e1", "b\tfile.txt", "2019-05-15".parse().ok()),
            ),
            (
                key.clone(),
                Mention::new("e2", "a\\file\n.txt", "2019-05-16".parse().ok()),
            ),
            (key, Mention::new("e3", "a\\file\n.txt", None)),
        ]);
        let agent = Actor::new(ActorId::new("USA"), "United States", ActorKind::Country);
        let target = Actor::new(ActorId::new("acme"), "Acme\t\\Corp\r", ActorKind::Firm);
        let row = BanRow::of(&fused[0], &agent, &target);
        assert_eq!(row.sources, ["a\\file\n.txt", "b\tfile.txt"]);
        assert_eq!((row.mentions, row.date_conflict), (3, true));
        let text = row.to_text();
        // Twelve fields, then the two files.
        assert_eq!(text.split('\t').count(), 14, "{text}");
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(BanRow::from_text(&text), Some(row.clone()));

        let undated = BanRow { date: None, ..row };
        assert_eq!(BanRow::from_text(&undated.to_text()), Some(undated));
    }

    /// How many fused measures and how many rows the store holds, and whether it says that
    /// every measure has its row.
    fn census(store: &EventStore) -> Result<(String, String, bool), StoreError> {
        let count = |pattern: &str| -> Result<String, StoreError> {
            let sparql =
                format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH geo:fused {{ {pattern} }} }}");
            Ok(store.query(&sparql)?.text_rows()[0].get("n").to_string())
        };
        let format = store
            .store
            .contains(mapping::ban_row_format_quad().as_ref())?;
        Ok((
            count("?e gek:eventType ?t FILTER(?t IN (\"ban\", \"restriction\", \"sanction\"))")?,
            count("?e gek:banRow ?row")?,
            format,
        ))
    }

    #[test]
    fn a_store_without_rows_is_marked_only_once_a_rebuild_writes_every_row()
    -> Result<(), Box<dyn std::error::Error>> {
        let generator = Generator::bundled(3)?;
        let extractor = Extractor::bundled()?;
        let store = EventStore::in_memory()?;
        assert!(
            !census(&store)?.2,
            "a store without fused events is not marked before a put"
        );
        let put = |index: u64| -> Result<(), Box<dyn std::error::Error>> {
            let made = generator.article(index);
            let article = parse_article(&made.file_name, made.text, &ReadOptions::default())
                .map_err(|e| format!("{e:?}"))?;
            store.put_article(&article, &extractor.extract(&article))?;
            Ok(())
        };
        for index in 0..20 {
            put(index)?;
        }
        let (measures, rows, marked) = census(&store)?;
        assert!(marked);
        assert_eq!(rows, measures);
        assert_ne!(measures, "0");

        // What an older geokg leaves: measures without rows, and no format statement. A put
        // then writes the rows of the keys it touches, but does not mark the graph.
        let fused = mapping::fused_graph_iri();
        let row = mapping::gek(vocab::gek::BAN_ROW);
        store.store.update(
            format!(
                "DELETE WHERE {{ GRAPH <{fused}> {{ ?e <{row}> ?row }} }}",
                fused = fused.as_str(),
                row = row.as_str()
            )
            .as_str(),
        )?;
        store
            .store
            .remove(mapping::ban_row_format_quad().as_ref())?;
        put(20)?;
        let (measures, rows, marked) = census(&store)?;
        assert!(!marked);
        assert_ne!(rows, measures);

        store.fuse_all()?;
        let (measures, rows, marked) = census(&store)?;
        assert!(marked);
        assert_eq!(rows, measures);
        Ok(())
    }

    #[test]
    fn text_that_is_no_row_reads_as_none() {
        for text in [
            "",
            "id\tban",
            "id\tban\tactual\t\tfalse\t1\tUSA\tUS\tcountry\tzte\tZTE\tfirm",
            "id\tbanned\tactual\t\tfalse\t1\tUSA\tUS\tcountry\tzte\tZTE\tfirm\ta.txt",
            "id\tban\tactual\t2019-13\tfalse\t1\tUSA\tUS\tcountry\tzte\tZTE\tfirm\ta.txt",
            "id\tban\tactual\t\tmaybe\t1\tUSA\tUS\tcountry\tzte\tZTE\tfirm\ta.txt",
        ] {
            assert_eq!(BanRow::from_text(text), None, "{text:?}");
        }
    }
}
