//! The rows of `geokg bans`, written at fusion time as a denormalised cache of the fused
//! measures' type, status, date, counts, actors and source files, so that the command does not
//! read each measure's sixteen statements (every term the store returns costs a read of its
//! string table, about 14 µs on a large store).
//!
//! A row: tab-separated fields `id`, `type`, `status`, `date` (the date text, empty when
//! undated), `date_conflict` (`true`/`false`), `mentions`, agent `id`, `label`, `kind`, target
//! `id`, `label`, `kind`, then one field per source file (sorted, distinct). Inside a field a
//! backslash, tab, line feed and carriage return are written `\\`, `\t`, `\n` and `\r`.
//!
//! [`BAN_ROW_FORMAT`] 3 keeps the rows in groups: one literal per agent, [`target_bucket`] and
//! [`TypeGroup`] ([`RowGroup`]; `gek:banRows` for bans and restrictions, `gek:sanctionRows` for
//! sanctions), its rows sorted and one per line, so reading every row costs one read per group
//! (about 2,000 at 1M events for the default answer) instead of one per measure (229,509), the
//! default answer (bans and restrictions) scans one property and never reads the sanctions'
//! rows (about 45% of them), and a per-article ingest rewrites only the groups of the keys it
//! touches. Readers still read the older formats: 2, the same groups with every type under
//! `gek:banRows`, and 1, one literal per measure (`gek:banRow`). The entry points are
//! [`BanRow::to_text`], [`BanRow::from_text`] and [`group_rows`].

use super::vocab;
use crate::fusion::{FusedEvent, FusionKey};
use crate::model::{Actor, ActorId, ActorKind, EventDate, EventStatus, EventType};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The version of the encoding that `gek:banRowFormat` states on the fused graph once every
/// fused measure's row is in its group (`gek:banRows` or `gek:sanctionRows`).
pub const BAN_ROW_FORMAT: u32 = 3;

/// The format an older geokg states: groups by agent and target bucket, every type together
/// under `gek:banRows`.
pub const UNTYPED_GROUP_FORMAT: u32 = 2;

/// The format an older geokg states: one `gek:banRow` per measure.
pub const MEASURE_ROW_FORMAT: u32 = 1;

/// How many groups an agent's rows are split into, by target: fewer means fewer reads for the
/// whole answer, more means smaller literals for a per-article ingest to rewrite (the store
/// never deletes a string, so every rewrite leaves the old literal behind).
pub const TARGET_BUCKETS: u32 = 8;

/// The bucket of a target id among [`TARGET_BUCKETS`]: FNV-1a of its ASCII-lower-cased bytes,
/// so a `--target` filter, which ignores case, knows which bucket to read, and the bucket is the
/// same whatever build or platform wrote it.
pub fn target_bucket(target: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in target.bytes() {
        hash ^= u32::from(byte.to_ascii_lowercase());
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % TARGET_BUCKETS
}

/// The measure types whose rows share a group: bans and restrictions together (the default
/// answer of `geokg bans` asks for both), sanctions apart. Each holds its rows under a property
/// of its own, so that a reader of one scans that property's index alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeGroup {
    /// Bans and restrictions: `gek:banRows`.
    BanRestriction,
    /// Sanctions: `gek:sanctionRows`.
    Sanction,
}

impl TypeGroup {
    /// Both groups.
    pub const ALL: [TypeGroup; 2] = [TypeGroup::BanRestriction, TypeGroup::Sanction];

    /// The group of a type's rows (a type that is no measure has no row; it falls in the
    /// first).
    pub fn of(event_type: EventType) -> Self {
        match event_type {
            EventType::Sanction => Self::Sanction,
            _ => Self::BanRestriction,
        }
    }

    /// Its name in its groups' IRIs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BanRestriction => "ban-restriction",
            Self::Sanction => "sanction",
        }
    }

    /// The local name (`gek:`) of the property that holds its groups' rows.
    pub fn property(self) -> &'static str {
        match self {
            Self::BanRestriction => vocab::gek::BAN_ROWS,
            Self::Sanction => vocab::gek::SANCTION_ROWS,
        }
    }
}

/// The group whose literal holds a row: its agent's id (exact), its target's bucket and its
/// type's group. All the measures of one key are in one group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowGroup {
    /// The agent's actor id.
    pub agent: String,
    /// [`target_bucket`] of the target's id.
    pub bucket: u32,
    /// The measure's type group.
    pub types: TypeGroup,
}

impl RowGroup {
    /// The group of a measure of `event_type` by `agent` on `target` (actor ids).
    pub fn of(agent: &str, target: &str, event_type: EventType) -> Self {
        Self {
            agent: agent.to_string(),
            bucket: target_bucket(target),
            types: TypeGroup::of(event_type),
        }
    }
}

/// The rows of fused events with the actors the fused graph describes, by group, as the
/// [`BanRow::to_text`] of each measure (other events have no row); each group's rows in no set
/// order (see [`group_text`]).
pub fn group_rows<'a>(
    events: impl IntoIterator<Item = (&'a FusedEvent, &'a Actor, &'a Actor)>,
) -> BTreeMap<RowGroup, Vec<String>> {
    let mut groups: BTreeMap<RowGroup, Vec<String>> = BTreeMap::new();
    for (fused, agent, target) in events {
        if fused.key.event_type.is_measure() {
            groups
                .entry(RowGroup::of(
                    agent.id.as_str(),
                    target.id.as_str(),
                    fused.key.event_type,
                ))
                .or_default()
                .push(BanRow::of(fused, agent, target).to_text());
        }
    }
    groups
}

/// A group's literal: its rows sorted (so the text depends on the rows alone, whichever way
/// they were written), one per line. Rows hold no line feed (fields escape it).
pub fn group_text(mut rows: Vec<String>) -> String {
    rows.sort_unstable();
    rows.dedup();
    rows.join("\n")
}

/// The rows of a group's literal (see [`group_text`]), found with a vectorised search for line
/// feeds: a group holds hundreds of rows of about 200 bytes.
pub fn group_lines(text: &str) -> impl Iterator<Item = &str> {
    split_at(text, b'\n')
}

/// `text.split(byte as char)` for an ASCII byte, with the memchr crate's vectorised search
/// rather than the standard library's.
fn split_at(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(byte, text.as_bytes()).chain([text.len()]);
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let line = &text[start..end];
        start = end + 1;
        Some(line)
    })
}

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

    /// The fusion key of the measure (what a per-article ingest rewrites by).
    pub fn key(&self) -> FusionKey {
        FusionKey::new(
            self.event_type,
            self.agent.id.as_str(),
            self.target.id.as_str(),
            self.status,
        )
    }

    /// Reads a row's text; `None` when it is not a row of this format.
    pub fn from_text(text: &str) -> Option<Self> {
        let fields = RowFields::split(text)?;
        fields.with_actors(fields.agent()?, fields.target()?)
    }
}

/// A row's fields as they stand in its text, still escaped, found without copying anything: a
/// reader of many rows converts only the fields it needs, and can share one [`Actor`] among
/// the rows whose [`RowFields::agent_text`] or [`RowFields::target_text`] are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowFields<'a> {
    fixed: [&'a str; 6],
    agent: &'a str,
    target: &'a str,
    sources: &'a str,
}

impl<'a> RowFields<'a> {
    /// Finds the fields of a row's text; `None` when it has fewer than thirteen (a row names
    /// at least one source file).
    pub fn split(text: &'a str) -> Option<Self> {
        let tabs: [usize; 12] = first_tabs(text.as_bytes())?;
        let field = |index: usize| {
            let start = if index == 0 { 0 } else { tabs[index - 1] + 1 };
            &text[start..tabs[index]]
        };
        Some(Self {
            fixed: std::array::from_fn(field),
            // An actor is three fields, kept as one slice: id, label and kind.
            agent: &text[tabs[5] + 1..tabs[8]],
            target: &text[tabs[8] + 1..tabs[11]],
            sources: &text[tabs[11] + 1..],
        })
    }

    /// The type's field of a row's text, found without reading the rest (`None` when the text
    /// has no two tabs).
    pub fn type_of(text: &'a str) -> Option<&'a str> {
        let [first, second] = first_tabs(text.as_bytes())?;
        text.get(first + 1..second)
    }

    /// The row with these actors (read from [`RowFields::agent_text`] and
    /// [`RowFields::target_text`], or shared among rows that write them alike); `None` when a
    /// field is not what a row holds.
    pub fn with_actors(&self, agent: Actor, target: Actor) -> Option<BanRow> {
        Some(BanRow {
            id: self.id().into_owned(),
            event_type: self.event_type()?,
            status: self.status()?,
            date: self.date()?,
            date_conflict: self.date_conflict()?,
            mentions: self.mentions()?,
            agent,
            target,
            sources: self.sources().map(Cow::into_owned).collect(),
        })
    }

    /// The fused event's id.
    pub fn id(&self) -> Cow<'a, str> {
        unescape(self.fixed[0])
    }

    /// The type, if it is one.
    pub fn event_type(&self) -> Option<EventType> {
        self.fixed[1].parse().ok()
    }

    /// The status, if it is one.
    pub fn status(&self) -> Option<EventStatus> {
        self.fixed[2].parse().ok()
    }

    /// The date: `Some(None)` when the row has none, `None` when the field is no date.
    pub fn date(&self) -> Option<Option<EventDate>> {
        match self.fixed[3] {
            "" => Some(None),
            date => date.parse().ok().map(Some),
        }
    }

    /// Whether the mentions state different days.
    pub fn date_conflict(&self) -> Option<bool> {
        match self.fixed[4] {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// How many mentions the measure has.
    pub fn mentions(&self) -> Option<usize> {
        self.fixed[5].parse().ok()
    }

    /// The agent's id, label and kind as written, tab-separated.
    pub fn agent_text(&self) -> &'a str {
        self.agent
    }

    /// The target's id, label and kind as written, tab-separated.
    pub fn target_text(&self) -> &'a str {
        self.target
    }

    /// The agent.
    pub fn agent(&self) -> Option<Actor> {
        actor_of(self.agent)
    }

    /// The target.
    pub fn target(&self) -> Option<Actor> {
        actor_of(self.target)
    }

    /// The source files, in their order in the row (sorted, distinct).
    pub fn sources(&self) -> impl Iterator<Item = Cow<'a, str>> + use<'a> {
        split_at(self.sources, b'\t').map(unescape)
    }
}

/// The positions of the first `N` tabs of `bytes`, or `None` when it has fewer. Fields are
/// short, so rather than a search set up for each, one pass reads eight bytes at a time and
/// marks the tabs among them (SWAR: a byte is a tab when it XORs to zero).
fn first_tabs<const N: usize>(bytes: &[u8]) -> Option<[usize; N]> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TABS: u64 = 0x0909_0909_0909_0909;
    let mut tabs = [0; N];
    let mut found = 0;
    let mut note = |at: usize| {
        tabs[found] = at;
        found += 1;
        found == N
    };
    let mut chunks = bytes.chunks_exact(8);
    for (index, chunk) in (&mut chunks).enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().ok()?) ^ TABS;
        // Bit 7 of each byte of `nonzero` is set exactly when that byte of `word` is not zero
        // (no carry crosses bytes: each sum is at most 0xfe).
        let nonzero = ((word & LOW7) + LOW7) | word;
        let mut zero = !nonzero & !LOW7;
        while zero != 0 {
            let byte = zero.trailing_zeros() as usize / 8;
            if note(index * 8 + byte) {
                return Some(tabs);
            }
            zero &= zero - 1;
        }
    }
    let start = bytes.len() - chunks.remainder().len();
    for (offset, &byte) in chunks.remainder().iter().enumerate() {
        if byte == b'\t' && note(start + offset) {
            return Some(tabs);
        }
    }
    None
}

/// An actor from its three fields (see [`RowFields::agent_text`]); an unknown kind reads as a
/// body.
pub fn actor_of(fields: &str) -> Option<Actor> {
    let mut parts = fields.splitn(3, '\t');
    let (id, label, kind) = (parts.next()?, parts.next()?, parts.next()?);
    Some(Actor::new(
        ActorId::new(unescape(id).into_owned()),
        unescape(label).into_owned(),
        ActorKind::from_name(kind).unwrap_or(ActorKind::Body),
    ))
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
fn unescape(field: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\\', field.as_bytes()).is_none() {
        return Cow::Borrowed(field);
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
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fusion::{FusionKey, Mention, fuse};
    use crate::store::{EventStore, SparqlEndpoint, StoreError, mapping};

    #[test]
    fn a_row_reads_back_as_written_whatever_its_labels_and_files_hold()
    -> Result<(), Box<dyn std::error::Error>> {
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
        assert_eq!(RowFields::type_of(&text), Some("sanction"));
        let fields = RowFields::split(&text).ok_or("a row")?;
        assert_eq!(fields.agent_text(), "USA\tUnited States\tcountry");
        assert_eq!(fields.target_text(), "acme\tAcme\\t\\\\Corp\\r\tfirm");
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(BanRow::from_text(&text), Some(row.clone()));

        let undated = BanRow { date: None, ..row };
        assert_eq!(BanRow::from_text(&undated.to_text()), Some(undated));
        assert_eq!(RowFields::type_of("no tabs"), None);
        Ok(())
    }

    /// How many fused measures and how many rows the store holds, and whether it says that
    /// every measure has its row.
    fn census(store: &EventStore) -> Result<(usize, usize, bool), StoreError> {
        let measures = store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH geo:fused { ?e gek:eventType ?t \
             FILTER(?t IN (\"ban\", \"restriction\", \"sanction\")) } }",
        )?;
        let measures = measures.text_rows()[0].get("n").parse().unwrap_or(0);
        let rows = store
            .query(
                "SELECT ?rows WHERE { GRAPH geo:fused { ?group gek:banRows|gek:sanctionRows \
                 ?rows } }",
            )?
            .text_rows()
            .iter()
            .map(|row| row.get("rows").split('\n').count())
            .sum();
        let format = store
            .store
            .contains(mapping::ban_row_format_quad().as_ref())?;
        Ok((measures, rows, format))
    }

    #[test]
    fn a_store_without_rows_is_marked_only_once_a_rebuild_writes_every_row()
    -> Result<(), Box<dyn std::error::Error>> {
        let articles = crate::synth::extracted(3, 0..21)?;
        let store = EventStore::in_memory()?;
        assert!(
            !census(&store)?.2,
            "a store without fused events is not marked before a put"
        );
        let put = |index: usize| -> Result<(), Box<dyn std::error::Error>> {
            let (article, events) = &articles[index];
            store.put_article(article, events)?;
            Ok(())
        };
        for index in 0..20 {
            put(index)?;
        }
        let (measures, rows, marked) = census(&store)?;
        assert!(marked);
        assert_eq!(rows, measures);
        assert_ne!(measures, 0);

        // What an older geokg leaves: measures without rows, and no format statement. A put
        // then writes the rows of the keys it touches, but does not mark the graph.
        let fused = mapping::fused_graph_iri();
        for group in TypeGroup::ALL {
            let rows = mapping::gek(group.property());
            store.store.update(
                format!(
                    "DELETE WHERE {{ GRAPH <{fused}> {{ ?group <{rows}> ?rows }} }}",
                    fused = fused.as_str(),
                    rows = rows.as_str()
                )
                .as_str(),
            )?;
        }
        store
            .store
            .remove(mapping::ban_row_format_quad().as_ref())?;
        put(20)?;
        let (measures, rows, marked) = census(&store)?;
        assert!(!marked);
        assert_ne!(rows, measures);
        assert!(store.needs_fusion_rebuild()?);

        store.fuse_all()?;
        assert!(!store.needs_fusion_rebuild()?);
        let (measures, rows, marked) = census(&store)?;
        assert!(marked);
        assert_eq!(rows, measures);
        Ok(())
    }

    /// Checks that every group of the store holds rows of its own agent, target bucket and
    /// type group alone (under its type group's property); returns how many rows of each type
    /// group it holds.
    fn groups_hold_their_own_rows(
        store: &EventStore,
    ) -> Result<BTreeMap<TypeGroup, usize>, Box<dyn std::error::Error>> {
        let mut counts = BTreeMap::new();
        let answer = store.query(
            "SELECT ?property ?agent ?bucket ?rows WHERE { GRAPH geo:fused { ?group ?property \
             ?rows ; gek:banRowsAgent ?agent ; gek:banRowsBucket ?bucket \
             FILTER(?property IN (gek:banRows, gek:sanctionRows)) } }",
        )?;
        for group in answer.text_rows() {
            for line in group_lines(group.get("rows")) {
                let row = BanRow::from_text(line).ok_or("a row")?;
                let agent = row.agent.id.as_str().to_ascii_lowercase();
                assert_eq!(agent, group.get("agent"), "{line}");
                let bucket = target_bucket(row.target.id.as_str()).to_string();
                assert_eq!(bucket, group.get("bucket"), "{line}");
                let types = TypeGroup::of(row.event_type);
                let property = mapping::gek(types.property());
                assert_eq!(property.as_str(), group.get("property"), "{line}");
                *counts.entry(types).or_insert(0) += 1;
            }
        }
        Ok(counts)
    }

    #[test]
    fn each_group_holds_the_rows_of_one_agent_target_bucket_and_type_group()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = EventStore::in_memory()?;
        for (article, events) in crate::synth::extracted(5, 0..40)? {
            store.put_article(&article, &events)?;
        }
        // Written article by article, then rebuilt whole: the same groups.
        let put = groups_hold_their_own_rows(&store)?;
        assert!(put.keys().eq(&TypeGroup::ALL), "{put:?}");
        assert_eq!(put.values().sum::<usize>(), census(&store)?.0);
        store.fuse_all()?;
        assert_eq!(groups_hold_their_own_rows(&store)?, put);
        Ok(())
    }

    #[test]
    fn a_target_bucket_ignores_case_and_is_fixed_by_the_format() {
        // FNV-1a of the lower-cased id, modulo 8 (computed apart): stores rely on these values.
        for (id, bucket) in [
            ("huawei", 0),
            ("HUAWEI", 0),
            ("zte", 2),
            ("TikTok", 3),
            ("", 5),
        ] {
            assert_eq!(target_bucket(id), bucket, "{id}");
        }
        let groups = group_rows(std::iter::empty());
        assert!(groups.is_empty());
        let text = group_text(vec!["b".into(), "a".into(), "b".into()]);
        assert_eq!(text, "a\nb");
        for text in ["", "a", "a\nb", "\n", "a\n\nb\n", "é\nü"] {
            let lines: Vec<&str> = group_lines(text).collect();
            assert_eq!(lines, text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn the_first_tabs_are_found_wherever_they_fall() {
        let naive = |text: &[u8]| -> Option<[usize; 3]> {
            let positions: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b'\t').collect();
            positions.get(..3).map(|p| [p[0], p[1], p[2]])
        };
        // Tabs at every offset of a chunk and across chunks, next to bytes one off a tab.
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for length in 0..40 {
            for seed in 0..40u32 {
                let text = (0..length)
                    .map(|i| match (i * 7 + seed as usize * 13) % 11 {
                        0 | 1 => b'\t',
                        2 => 0x08,
                        3 => 0x0a,
                        4 => 0x89,
                        5 => 0xc3,
                        _ => b'a' + (i % 26) as u8,
                    })
                    .collect();
                texts.push(text);
            }
        }
        texts.push(b"\t\t\t".to_vec());
        texts.push(vec![b'\t'; 20]);
        for text in &texts {
            assert_eq!(first_tabs::<3>(text), naive(text), "{text:?}");
        }
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
