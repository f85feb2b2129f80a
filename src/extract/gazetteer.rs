//! Names → actors: countries, agencies, firms, people and bodies from `data/gazetteers/*.tsv`.
//!
//! The entry point is [`Gazetteer::find`], which returns every known name in a text with one pass of
//! an Aho-Corasick automaton.

use super::DataError;
use crate::model::{Actor, ActorId, ActorKind};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// How a name refers to its actor; decides when a bare mention stands for an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameForm {
    /// The actor's name ("New Zealand", "Huawei").
    Name,
    /// An abbreviation ("U.S.", "UK"); matched with exact case.
    Short,
    /// A demonym or adjective ("British"); an actor only before a government noun.
    Demonym,
    /// A capital standing for its government ("Beijing").
    Capital,
    /// A named agency, ministry, court or regulator, folded into its state.
    Agency,
    /// An official named by title ("the commerce secretary").
    Official,
    /// A state, province or city, folded into its country.
    Subnational,
}

impl NameForm {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "name" => Self::Name,
            "short" => Self::Short,
            "demonym" => Self::Demonym,
            "capital" => Self::Capital,
            "agency" => Self::Agency,
            "official" => Self::Official,
            "subnational" => Self::Subnational,
            _ => return None,
        })
    }
}

/// One surface name of an actor.
#[derive(Debug, Clone)]
pub struct NameEntry {
    /// The name as written in the data file.
    pub name: String,
    /// The actor it names.
    pub id: ActorId,
    /// How it names it.
    pub form: NameForm,
}

/// A span of text that a gazetteer name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte offset of the start in the searched text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Index into [`Gazetteer::entry`].
    pub entry: usize,
}

/// A period in which a person acted for a state ("donald-trump" for USA, 2017-01-20 to 2021-01-20).
#[derive(Debug, Clone)]
struct Office {
    country: ActorId,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

/// The actor tables and a matcher over all their names.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    actors: FxHashMap<ActorId, Actor>,
    entries: Vec<NameEntry>,
    /// The actor of each entry, by the entry's index, and whether `offices.tsv` lists offices
    /// for it: a look-up by id for every name found cost a hash and a probe of a large table
    /// (#6 profile).
    entry_actors: Vec<(Actor, bool)>,
    /// A trie of every name, walked from each place a name may start (anchored searches).
    matcher: NFA,
    /// The bytes that some name starts with: a name starts only on such a byte.
    first_bytes: [bool; 256],
    offices: FxHashMap<ActorId, Vec<Office>>,
}

/// The contents of the gazetteer files, by name.
#[derive(Debug, Clone, Default)]
pub struct GazetteerFiles {
    /// `actors.tsv`: `id  label  kind  wikidata`.
    pub actors: String,
    /// Name files (`countries.tsv`, `agencies.tsv`): `name  id  form`, each with its file name.
    pub names: Vec<(String, String)>,
    /// `aliases.tsv`: `name  id` for further names of firms, people and bodies.
    pub aliases: String,
    /// `offices.tsv`: `person  country  from  to`.
    pub offices: String,
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        (!line.trim().is_empty() && !line.starts_with('#'))
            .then(|| (i + 1, line.split('\t').map(str::trim).collect()))
    })
}

impl Gazetteer {
    /// Builds the gazetteer from the text of its files.
    ///
    /// # Errors
    /// [`DataError`] naming the file and line of a malformed row or an unknown id.
    pub fn from_files(files: &GazetteerFiles) -> Result<Self, DataError> {
        let mut actors = FxHashMap::default();
        for (line, cols) in data_lines(&files.actors) {
            let bad = |why: &str| DataError::new("actors.tsv", line, why);
            let [id, label, kind, rest @ ..] = cols.as_slice() else {
                return Err(bad("expected id, label, kind, wikidata"));
            };
            let kind = ActorKind::from_name(kind).ok_or_else(|| bad("unknown kind"))?;
            let mut actor = Actor::new(ActorId::new(*id), *label, kind);
            actor.wikidata = rest
                .first()
                .filter(|w| !w.is_empty())
                .map(|w| std::sync::Arc::from(*w));
            actors.insert(actor.id.clone(), actor);
        }
        let mut entries = Vec::new();
        for (file, text) in &files.names {
            for (line, cols) in data_lines(text) {
                let bad = |why: &str| DataError::new(file, line, why);
                let [name, id, form, ..] = cols.as_slice() else {
                    return Err(bad("expected name, id, form"));
                };
                let id = ActorId::new(*id);
                if !actors.contains_key(&id) {
                    return Err(bad(&format!("id {id} is not in actors.tsv")));
                }
                let form = NameForm::from_name(form).ok_or_else(|| bad("unknown form"))?;
                entries.push(NameEntry {
                    name: (*name).to_string(),
                    id,
                    form,
                });
            }
        }
        for (line, cols) in data_lines(&files.aliases) {
            let bad = |why: &str| DataError::new("aliases.tsv", line, why);
            let [name, id, ..] = cols.as_slice() else {
                return Err(bad("expected name, id"));
            };
            let id = ActorId::new(*id);
            if !actors.contains_key(&id) {
                return Err(bad(&format!("id {id} is not in actors.tsv")));
            }
            entries.push(NameEntry {
                name: (*name).to_string(),
                id,
                form: NameForm::Name,
            });
        }
        // Firms, people and bodies are also known by their label.
        for actor in actors.values() {
            if actor.kind != ActorKind::Country {
                entries.push(NameEntry {
                    name: actor.label.to_string(),
                    id: actor.id.clone(),
                    form: NameForm::Name,
                });
            }
        }
        // Curly-apostrophe twins ("People’s Republic of China") and capitalised titles
        // ("Commerce secretary" at a sentence start) of the names as written.
        let mut variants = Vec::new();
        for entry in &entries {
            if entry.name.contains('\'') {
                variants.push(NameEntry {
                    name: entry.name.replace('\'', "’"),
                    ..entry.clone()
                });
            }
            if entry.name.starts_with(|c: char| c.is_lowercase()) {
                let mut chars = entry.name.chars();
                let capitalised: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                variants.push(NameEntry {
                    name: capitalised,
                    ..entry.clone()
                });
            }
        }
        entries.extend(variants);
        entries.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        entries.dedup_by(|a, b| a.name == b.name && a.id == b.id);
        let mut offices: FxHashMap<ActorId, Vec<Office>> = FxHashMap::default();
        for (line, cols) in data_lines(&files.offices) {
            let bad = |why: &str| DataError::new("offices.tsv", line, why);
            let [person, country, from, rest @ ..] = cols.as_slice() else {
                return Err(bad("expected person, country, from, to"));
            };
            let date =
                |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad("bad date"));
            let office = Office {
                country: ActorId::new(*country),
                from: date(from)?,
                to: match rest.first() {
                    Some(t) if !t.is_empty() => Some(date(t)?),
                    _ => None,
                },
            };
            offices
                .entry(ActorId::new(*person))
                .or_default()
                .push(office);
        }
        let matcher = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(entries.iter().map(|e| e.name.as_str()))
            .map_err(|e| DataError::new("gazetteers", 0, &e.to_string()))?;
        let mut first_bytes = [false; 256];
        for entry in &entries {
            if let Some(&byte) = entry.name.as_bytes().first() {
                first_bytes[usize::from(byte)] = true;
            }
        }
        let entry_actors = entries
            .iter()
            .map(|e| {
                let actor = actors.get(&e.id).cloned().ok_or_else(|| {
                    DataError::new(
                        "gazetteers",
                        0,
                        &format!("id {} is not in actors.tsv", e.id),
                    )
                })?;
                Ok((actor, offices.contains_key(&e.id)))
            })
            .collect::<Result<Vec<_>, DataError>>()?;
        Ok(Self {
            actors,
            entries,
            entry_actors,
            matcher,
            first_bytes,
            offices,
        })
    }

    /// The actor with this id, if the gazetteer knows it.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.get(id)
    }

    /// The actor that name entry `index` names (what [`Self::actor`] gives for its id), and
    /// whether [`Self::office_on`] may find an office for it.
    pub fn entry_actor(&self, index: usize) -> Option<(&Actor, bool)> {
        self.entry_actors
            .get(index)
            .map(|(actor, offices)| (actor, *offices))
    }

    /// The name entry a match refers to.
    pub fn entry(&self, index: usize) -> &NameEntry {
        &self.entries[index]
    }

    /// Number of actors known.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when no actor is known.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The state a person acted for on a day, from `offices.tsv`.
    pub fn office_on(&self, person: &ActorId, day: NaiveDate) -> Option<&ActorId> {
        self.offices
            .get(person)?
            .iter()
            .find_map(|o| (o.from <= day && o.to.is_none_or(|to| day <= to)).then_some(&o.country))
    }

    /// The names that start at byte `start` of `text` and end on a word boundary, shortest
    /// first, added to `found`.
    fn names_from(&self, text: &str, start: usize, found: &mut Vec<NameMatch>) {
        let trie = &self.matcher;
        let Ok(mut state) = trie.start_state(Anchored::Yes) else {
            return;
        };
        for (at, &byte) in text.as_bytes().iter().enumerate().skip(start) {
            state = trie.next_state(Anchored::Yes, state, byte);
            if trie.is_dead(state) {
                return;
            }
            if !trie.is_match(state) {
                continue;
            }
            let end = at + 1;
            for index in 0..trie.match_len(state) {
                let pattern = trie.match_pattern(state, index);
                // A state also holds the names that end here but start later.
                if end - trie.pattern_len(pattern) == start
                    && text.is_char_boundary(end)
                    && on_word_boundaries(text, start, end)
                {
                    found.push(NameMatch {
                        start,
                        end,
                        entry: pattern.as_usize(),
                    });
                }
            }
        }
    }

    /// All known names in `text`, leftmost-longest, on word boundaries, not overlapping.
    ///
    /// Names are matched with their case as written, except that an all-lower-case data entry (a
    /// title such as "commerce secretary") also matches with a capital first letter.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        // A name on word boundaries starts where no letter or digit comes before, on a byte that
        // starts some name (most often a capital). The trie is walked from those places only,
        // instead of an unanchored search through every byte of the sentence (#6 profile).
        let mut found: Vec<NameMatch> = Vec::new();
        for (start, &byte) in text.as_bytes().iter().enumerate() {
            // A first byte is never inside a character: it starts a name.
            if self.first_bytes[usize::from(byte)]
                && !super::scan::char_before(text, start).is_some_and(char::is_alphanumeric)
            {
                self.names_from(text, start, &mut found);
            }
        }
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        keep_first_of_overlaps(&mut found, |m| (m.start, m.end));
        found
    }
}

/// Keeps, of `items` sorted by start, each one that starts at or after the end of the last one
/// kept: the first (and, sorted longest first, the longest) of overlapping spans. In place, as a
/// second list per sentence cost an allocation (#6 profile).
pub(crate) fn keep_first_of_overlaps<T>(items: &mut Vec<T>, span: impl Fn(&T) -> (usize, usize)) {
    let mut last_end: Option<usize> = None;
    items.retain(|item| {
        let (start, end) = span(item);
        let keep = last_end.is_none_or(|last| start >= last);
        if keep {
            last_end = Some(end);
        }
        keep
    });
}

/// True when `start..end` of `text` is not glued to a letter or digit on either side.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = super::scan::char_before(text, start);
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let ends_with_dot = text[start..end].ends_with('.');
    !glued(before) && (ends_with_dot || !glued(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Result<Gazetteer, DataError> {
        Gazetteer::from_files(&GazetteerFiles {
            actors: "# test\nUSA\tUnited States\tcountry\tQ30\nhuawei\tHuawei\tfirm\t\n".into(),
            names: vec![(
                "countries.tsv".into(),
                "U.S.\tUSA\tshort\nUnited States\tUSA\tname\nUS\tUSA\tshort\n".into(),
            )],
            aliases: "Huawei Technologies\thuawei\n".into(),
            offices: String::new(),
        })
    }

    #[test]
    fn names_match_longest_first_and_on_word_boundaries() -> Result<(), DataError> {
        let gazetteer = tiny()?;
        let text = "The U.S. banned Huawei Technologies gear; USB and us are not names.";
        let names: Vec<&str> = gazetteer
            .find(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(names, ["U.S.", "Huawei Technologies"]);
        Ok(())
    }

    #[test]
    fn a_glued_longer_name_leaves_the_shorter_one_and_letters_glue_in_any_script()
    -> Result<(), DataError> {
        let gazetteer = tiny()?;
        // "Huawei Technologiesfoo" is glued: "Huawei" alone is the name there. "ÉUS" and
        // "1US" glue "US" to a letter or digit; "(US)" and "—US" do not.
        let text = "Huawei Technologiesfoo, ÉUS, 1US, (US) and —US.";
        let names: Vec<(usize, &str)> = gazetteer
            .find(text)
            .iter()
            .map(|m| (m.start, &text[m.start..m.end]))
            .collect();
        let at = |needle: &str| text.find(needle).map(|i| i + needle.len() - 2);
        assert_eq!(
            names,
            [
                (0, "Huawei"),
                (at("(US").unwrap_or(0), "US"),
                (at("—US").unwrap_or(0), "US"),
            ]
        );
        Ok(())
    }

    #[test]
    fn unknown_ids_are_refused_with_file_and_line() {
        let files = GazetteerFiles {
            actors: "USA\tUnited States\tcountry\t\n".into(),
            names: vec![("countries.tsv".into(), "# c\nFrance\tFRA\tname\n".into())],
            ..GazetteerFiles::default()
        };
        let error = Gazetteer::from_files(&files)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(error.contains("countries.tsv:2"), "{error}");
    }
}
