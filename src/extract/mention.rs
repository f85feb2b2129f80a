//! Actor mentions in a sentence: gazetteer names, state phrases, unseen firms and people, and
//! short references back to actors named earlier in the article.
//!
//! The entry point is [`find_mentions`]; [`Memory`] carries what earlier sentences named.

use super::gazetteer::{Gazetteer, NameForm};
use super::lexicon::ActorCues;
use crate::model::{Actor, ActorId, ActorKind};
use chrono::NaiveDate;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How a mention was recognised; shown by `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionSource {
    /// A gazetteer name.
    Gazetteer,
    /// A country with a government noun ("Canadian authorities").
    StatePhrase,
    /// A capitalised name with a firm cue.
    FirmCue,
    /// A capitalised name with a person cue.
    PersonCue,
    /// A short reference to an actor named earlier ("Meng", "the company").
    Reference,
}

/// One actor mention in a sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset of the end (past any possessive "'s").
    pub end: usize,
    /// The actor.
    pub actor: Actor,
    /// The state a person acts for here, when the text or `offices.tsv` says.
    pub acts_for: Option<Actor>,
    /// How it was recognised.
    pub source: MentionSource,
    /// Written with a possessive ("Australia's").
    pub possessive: bool,
    /// A country after "in", "at"... : a place rather than an actor.
    pub is_place: bool,
    /// The other members of a group reference ("both men"), after `actor`.
    pub also: Vec<Actor>,
}

impl Mention {
    /// The actor as an agent: a person acting for a state stands for the state.
    pub fn as_agent(&self) -> &Actor {
        self.acts_for.as_ref().unwrap_or(&self.actor)
    }
}

/// How much an act weighs against a mention in [`Memory::acting_state`].
const ACT_WEIGHT: usize = 2;

/// Weighted counts of actors, in the order each was last counted.
#[derive(Debug, Clone, Default)]
struct Tally(Vec<(Actor, usize)>);

impl Tally {
    /// Adds `weight` to `actor` and makes it the latest counted.
    fn add(&mut self, actor: &Actor, weight: usize) {
        let count = match self.0.iter().position(|(a, _)| a.id == actor.id) {
            Some(i) => self.0.remove(i).1 + weight,
            None => weight,
        };
        self.0.push((actor.clone(), count));
    }

    /// How often `id` has been counted.
    fn count(&self, id: &ActorId) -> usize {
        self.0
            .iter()
            .find(|(a, _)| &a.id == id)
            .map_or(0, |(_, count)| *count)
    }

    /// The actor with the highest count, the latest counted among equals.
    fn leader(&self) -> Option<&Actor> {
        // `max_by_key` keeps the last of equal maxima.
        self.0
            .iter()
            .max_by_key(|(_, count)| *count)
            .map(|(actor, _)| actor)
    }
}

/// What earlier sentences of the article named, for short references.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    aliases: FxHashMap<String, Option<Actor>>,
    last_firm: Option<Actor>,
    /// How often each firm has been named so far: "the company" is the firm the article names
    /// most, not one named once in passing.
    firm_counts: Tally,
    last_person: Option<Actor>,
    /// Accusations (and adverse acts) seen so far, newest last; a denial's target is the accuser.
    pub accusations: Vec<Accusation>,
    /// The state that last acted in the article.
    pub last_state: Option<Actor>,
    /// Each state's standing as an actor: mentions as subject, body or official, plus its acts
    /// (weighted).
    state_acts: Tally,
    /// The people last named together ("Chen Hao and Li Wei"), for "both men".
    last_group: Vec<Actor>,
    /// The people named so far who act for no state, latest last, without repeats.
    recent_people: Vec<Actor>,
    /// The runs of firms named together so far ("Huawei and ZTE"), latest last, for "these
    /// companies".
    firm_groups: Vec<Vec<Actor>>,
    /// The state that opened the previous sentence as its subject, for a subject "it".
    last_subject_state: Option<Actor>,
    /// The state each person was seen acting for ("FBI Director Ana Ruiz"), kept for later
    /// mentions of the person ("Ruiz said", "she added").
    offices: FxHashMap<ActorId, Actor>,
}

/// Who accused whom, and in which sentence (by its start offset).
#[derive(Debug, Clone)]
pub struct Accusation {
    /// The accused actor.
    pub accused: ActorId,
    /// The accuser.
    pub accuser: Actor,
    /// Byte offset of the sentence that stated it.
    pub sentence: usize,
    /// The type of the event that carried it.
    pub event_type: crate::model::EventType,
    /// The event's date.
    pub date: Option<crate::model::EventDate>,
}

impl Memory {
    /// Records an act by `state`: it becomes the last state to act.
    pub fn record_state_act(&mut self, state: &Actor) {
        self.last_state = Some(state.clone());
        self.state_acts.add(state, ACT_WEIGHT);
    }

    /// The state the article is mostly about as an actor: the one most often a sentence's
    /// subject or named by its bodies and officials, and acting most so far; the latest among
    /// equals. "The government" and an agentless passive stand for it, not for a foreign state
    /// mentioned in passing.
    pub fn acting_state(&self) -> Option<&Actor> {
        self.state_acts.leader()
    }

    /// The firms named together that "the two firms" most likely means: the group whose least
    /// named member the article names most, the latest among equals (a pair of operators named
    /// once in passing does not take over from the pair the article is about).
    fn salient_firm_group(&self, fits: impl Fn(&Vec<Actor>) -> bool) -> Option<&Vec<Actor>> {
        self.firm_groups
            .iter()
            .filter(|g| fits(g))
            .max_by_key(|group| {
                group
                    .iter()
                    .map(|a| self.firm_counts.count(&a.id))
                    .min()
                    .unwrap_or(0)
            })
    }

    fn remember(&mut self, mention: &Mention) {
        let actor = &mention.actor;
        match actor.kind {
            ActorKind::Firm => {
                self.last_firm = Some(actor.clone());
                self.firm_counts.add(actor, 1);
            }
            ActorKind::Person => self.last_person = Some(actor.clone()),
            _ => {}
        }
        if matches!(actor.kind, ActorKind::Person | ActorKind::Firm) {
            let words: Vec<&str> = actor.label.split_whitespace().collect();
            if words.len() >= 2 {
                let mut keys = vec![words[0], words[words.len() - 1]];
                if actor.kind == ActorKind::Firm {
                    keys.truncate(1);
                }
                for key in keys {
                    let key = key.trim_end_matches(['.', ',']).to_string();
                    if key.len() < 3 || !key.starts_with(char::is_uppercase) {
                        continue;
                    }
                    let slot = self
                        .aliases
                        .entry(key)
                        .or_insert_with(|| Some(actor.clone()));
                    if slot.as_ref().is_some_and(|a| a.id != actor.id) {
                        *slot = None; // two actors share it: ambiguous
                    }
                }
            }
        }
    }
}

/// A given name and a surname's initial at the start of a capitalised run: "Weijing W.".
static INITIALLED_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}\p{Ll}{2,} \p{Lu}\.").expect("valid regex"));

/// A word character for a `\b` boundary: a letter, digit or underscore.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The end of the letters from byte `at`, with the name punctuation `&'’.-` when `punctuation`.
fn letters_end(sentence: &str, at: usize, punctuation: bool) -> usize {
    sentence[at..]
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_alphabetic() || punctuation && matches!(c, '&' | '\'' | '’' | '.' | '-'))
        })
        .map_or(sentence.len(), |(i, _)| at + i)
}

/// The end of a run part that starts at `at`: a capitalised word, a name particle ("de",
/// "van", "von", "bin") or "al-" and a capitalised word.
fn run_part_end(sentence: &str, at: usize) -> Option<usize> {
    let rest = &sentence[at..];
    if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Some(letters_end(sentence, at + 1, true));
    }
    if let Some(particle) = ["de", "van", "von", "bin"]
        .iter()
        .find(|p| rest.starts_with(*p))
    {
        return Some(at + particle.len());
    }
    let after = rest.strip_prefix("al-")?;
    after
        .starts_with(|c: char| c.is_ascii_uppercase())
        .then(|| letters_end(sentence, at + "al-".len() + 1, false))
}

/// Runs of capitalised words, with the particles of names between them ("Abu Bakr
/// al-Baghdadi", "Mohammed bin Salman"), as `start..end` byte ranges, exactly as the regex this
/// scan replaced found them (#6 profile: it runs on every sentence). As in that regex a particle
/// is matched as a prefix: "Ursula von der Leyen" gives "Ursula von de", and "Huawei designed"
/// gives "Huawei de".
fn capitalised_runs(sentence: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut at = 0;
    // Only an ASCII capital starts a run, and its byte is never part of another character:
    // a scan of bytes, not characters (#6 profile).
    while let Some(offset) = sentence.as_bytes()[at..]
        .iter()
        .position(u8::is_ascii_uppercase)
    {
        at += offset;
        if super::scan::char_before(sentence, at).is_some_and(is_word_char) {
            at += 1;
            continue;
        }
        let mut end = letters_end(sentence, at + 1, true);
        loop {
            let rest = &sentence[end..];
            let gap = rest.len() - rest.trim_start().len();
            match (gap > 0)
                .then(|| run_part_end(sentence, end + gap))
                .flatten()
            {
                Some(part_end) => end = part_end,
                None => break,
            }
        }
        runs.push((at, end));
        at = end;
    }
    runs
}

fn words_before(sentence: &str, at: usize, count: usize) -> Vec<Cow<'_, str>> {
    sentence[..at]
        .split_whitespace()
        .rev()
        .take(count)
        .map(|w| super::roles::lowered(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')))
        .collect()
}

fn possessive_len(rest: &str) -> usize {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(after) = rest.strip_prefix(suffix)
            && !after.starts_with(char::is_alphanumeric)
        {
            return suffix.len();
        }
    }
    0
}

/// Extends a country mention over a following government phrase ("'s foreign ministry", " police").
/// Returns the new end, or `None` when no government head follows.
fn government_phrase_end(sentence: &str, end: usize, cues: &ActorCues) -> Option<usize> {
    let mut position = end;
    let mut last_head = None;
    let rest = &sentence[end..];
    let skip = possessive_len(rest);
    position += skip;
    for _ in 0..6 {
        let rest = &sentence[position..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && position != end + skip {
            break;
        }
        let word_end = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(trimmed.len());
        let word = trimmed[..word_end].trim_end_matches('.');
        if word.is_empty() {
            break;
        }
        let is_gov = super::scan::holds_lowered(&cues.government_nouns, word);
        let is_capital = word.starts_with(char::is_uppercase);
        // Capitalised words may name the body ("Internal Security Agency"); after a head they
        // begin a person's name ("Minister Justin Trudeau"), which is no part of the state.
        if !is_gov && (!is_capital || last_head.is_some()) {
            break;
        }
        position += rest.len() - trimmed.len() + word.len();
        if super::scan::holds_lowered(&cues.government_heads, word) {
            last_head = Some(position);
        }
    }
    // "the US Department of Commerce", "China's Ministry of Foreign Affairs": a capitalised
    // body head goes on over "of" and the capitalised words that name its field.
    last_head.map(|head| {
        let word_before = sentence[..head].rsplit(' ').next().unwrap_or("");
        if !word_before.starts_with(char::is_uppercase) {
            return head;
        }
        let Some(field) = sentence[head..].strip_prefix(" of ") else {
            return head;
        };
        let words: Vec<&str> = field.split(' ').collect();
        let (mut end, mut at) = (head, head + " of ".len());
        for (i, word) in words.iter().enumerate() {
            let bare = word.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
            let bare = bare
                .strip_suffix("'s")
                .or_else(|| bare.strip_suffix("’s"))
                .unwrap_or(bare);
            let named = bare.starts_with(char::is_uppercase)
                && bare.chars().all(|c| c.is_alphabetic() || c == '-');
            // "of Foreign Affairs and Trade", not "of Commerce and Huawei".
            let joins_field = *word == "and"
                && end > head
                && words
                    .get(i + 1)
                    .is_some_and(|next| super::scan::holds_lowered(&cues.government_nouns, next));
            if named {
                end = at + bare.len();
            } else if !joins_field {
                break;
            }
            if bare.len() < word.len() {
                break;
            }
            at += word.len() + 1;
        }
        end
    })
}

/// Finds the actor mentions in one sentence, and records them in `memory`.
///
/// `lower` is `sentence` lower-cased.
pub fn find_mentions(
    sentence: &str,
    lower: &str,
    gazetteer: &Gazetteer,
    cues: &ActorCues,
    memory: &mut Memory,
    published: NaiveDate,
) -> Vec<Mention> {
    let names = gazetteer.find(sentence);
    let mut mentions: Vec<Mention> = Vec::with_capacity(names.len());
    // Where every known name starts, kept or not ("Polish" as a bare adjective is no actor, but
    // still no part of a person's name before it).
    let mut known_starts: Vec<usize> = Vec::with_capacity(names.len());
    for found in names {
        known_starts.push(found.start);
        let entry = gazetteer.entry(found.entry);
        let Some((actor, has_offices)) = gazetteer.entry_actor(found.entry) else {
            continue;
        };
        let mut mention = Mention {
            start: found.start,
            end: found.end,
            actor: actor.clone(),
            acts_for: None,
            source: MentionSource::Gazetteer,
            possessive: false,
            is_place: false,
            also: Vec::new(),
        };
        // The word before, compared without case and without a lower-cased copy: this runs
        // for every name found (#6 profile).
        let previous = sentence[..found.start]
            .split_whitespace()
            .next_back()
            .map_or("", |w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            });
        if actor.kind == ActorKind::Country {
            let phrase_end = government_phrase_end(sentence, found.end, cues);
            match (entry.form, phrase_end) {
                (_, Some(end)) => {
                    mention.end = end;
                    mention.source = MentionSource::StatePhrase;
                }
                (NameForm::Demonym, None) => {
                    // "the British are confident" stands for the state; "Chinese components" does not.
                    let next = sentence[found.end..].trim_start();
                    let bare_noun = previous.eq_ignore_ascii_case("the")
                        && !next.starts_with(|c: char| c.is_alphabetic() && c.is_lowercase());
                    if !bare_noun {
                        continue;
                    }
                }
                (NameForm::Capital, None)
                    if cues
                        .place_prepositions
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case(previous)) =>
                {
                    continue;
                }
                _ => {}
            }
            if cues
                .place_prepositions
                .iter()
                .any(|p| p.eq_ignore_ascii_case(previous))
            {
                mention.is_place = true;
            }
        }
        if has_offices
            && let Some(country) = gazetteer.office_on(&actor.id, published)
            && let Some(state) = gazetteer.actor(country)
        {
            mention.acts_for = Some(state.clone());
        }
        let skip = possessive_len(&sentence[mention.end..]);
        if skip > 0 {
            mention.possessive = true;
            mention.end += skip;
        }
        mentions.push(mention);
    }
    add_cued_actors(sentence, cues, memory, &known_starts, &mut mentions);
    // One word list for both reference searches (#6 profile).
    let words = LowerWords::new(lower);
    add_references(sentence, lower, &words, cues, memory, &mut mentions);
    add_firm_group_references(sentence, lower, cues, memory, &mut mentions);
    add_group_references(sentence, lower, &words, cues, memory, &mut mentions);
    // A state phrase may have grown over names matched after it ("Britain's National Cyber
    // Security Centre"): the longer, earlier mention wins.
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    super::gazetteer::keep_first_of_overlaps(&mut mentions, |m| (m.start, m.end));
    // "Mendez's lawyer said", "Huawei's spokesman": one who speaks for the owner stands for it.
    for m in mentions
        .iter_mut()
        .filter(|m| m.possessive && m.actor.kind != ActorKind::Country)
    {
        let rest = &sentence[m.end..];
        let trimmed = rest.trim_start();
        let word_len = trimmed
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(trimmed.len());
        let word = trimmed[..word_len].to_lowercase();
        if cues.speakers_for.contains(&word) {
            m.possessive = false;
            m.end += rest.len() - trimmed.len() + word_len;
        }
    }
    // A country in the possessive right before a firm or person only describes it ("China's Huawei").
    let mut keep = vec![true; mentions.len()];
    for i in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let gap = &sentence[a.end..b.start];
        // An apposition naming a state office after a person speaks for that state: "Lena Ek,
        // the spokeswoman for Sweden's security service".
        let apposed_state = (a.actor.kind == ActorKind::Person
            && a.acts_for.is_none()
            && b.actor.is_country()
            && state_apposition(gap, cues))
        .then(|| b.as_agent().clone());
        if a.actor.is_country() && !b.actor.is_country() && gap.trim().is_empty() && a.possessive {
            keep[i] = false;
        }
        // A state phrase right before a person names the office the person holds; so does a
        // state body with a capitalised title ("FCC Chairman Ajit Pai").
        let titled = a.actor.is_country()
            && !a.is_place
            && b.actor.kind == ActorKind::Person
            && b.actor
                .role
                .as_deref()
                .is_some_and(|role| gap.trim() == role && role.starts_with(char::is_uppercase));
        // "Rwanda's trade minister, Ana Ruiz, said": a state office in apposition.
        let apposed_office = a.source == MentionSource::StatePhrase
            && gap.trim() == ","
            && sentence[..a.end].rsplit(' ').next().is_some_and(|head| {
                cues.state_roles
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(head))
            })
            && sentence[b.end..].starts_with(',');
        // A gazetteer office ("FBI Director") is a state phrase too.
        let office = a.source == MentionSource::StatePhrase
            || a.actor.is_country()
                && !a.is_place
                && sentence[..a.end].rsplit(' ').next().is_some_and(|head| {
                    cues.state_roles
                        .iter()
                        .any(|r| r.eq_ignore_ascii_case(head))
                });
        if (office
            && b.actor.kind == ActorKind::Person
            && (gap.trim().is_empty() || apposed_office))
            || titled
        {
            let state = a.actor.clone();
            mentions[i + 1].acts_for = Some(state);
            keep[i] = false;
        }
        if let Some(state) = apposed_state {
            mentions[i].acts_for = Some(state);
            keep[i + 1] = false;
        }
    }
    let mut index = 0;
    mentions.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    // A person seen acting for a state goes on acting for it in later mentions.
    for mention in &mut mentions {
        if mention.actor.kind != ActorKind::Person {
            continue;
        }
        match &mention.acts_for {
            Some(state) => {
                memory
                    .offices
                    .insert(mention.actor.id.clone(), state.clone());
            }
            None => mention.acts_for = memory.offices.get(&mention.actor.id).cloned(),
        }
    }
    for mention in &mentions {
        memory.remember(mention);
        if mention.actor.kind == ActorKind::Person
            && mention.acts_for.is_none()
            && mention.also.is_empty()
        {
            memory.recent_people.retain(|p| p.id != mention.actor.id);
            memory.recent_people.push(mention.actor.clone());
        }
    }
    if let Some(group) = people_group(sentence, &mentions, sentence.len()) {
        memory.last_group = group;
    }
    if let Some(group) = named_group(sentence, &mentions, sentence.len(), ActorKind::Firm) {
        memory.firm_groups.retain(|g| g != &group);
        memory.firm_groups.push(group);
    }
    memory.last_subject_state = mentions
        .first()
        .filter(|m| {
            m.actor.is_country()
                && !m.is_place
                && !m.possessive
                && !sentence[..m.start].contains(',')
                && sentence[..m.start].split_whitespace().count() <= 3
        })
        .map(|m| m.as_agent().clone());
    // A state that opens the sentence as its subject, a state body ("Poland's security agency")
    // and a person acting for a state count towards the state the article is about; a country
    // named in passing ("spying for China") does not.
    for (i, m) in mentions.iter().enumerate() {
        let subject = i == 0 && sentence[..m.start].split_whitespace().count() <= 3;
        let body = m.source == MentionSource::StatePhrase || m.acts_for.is_some();
        if m.as_agent().is_country() && !m.is_place && (subject || body) {
            memory.state_acts.add(m.as_agent(), 1);
        }
    }
    mentions
}

/// The words of a lower-cased sentence (its runs of letters and digits), to skip the search for
/// a cue phrase that cannot occur on word boundaries: a substring search per cue phrase and
/// sentence cost more than the rest of the reference look-up (#6 profile).
struct LowerWords<'a> {
    words: Vec<&'a str>,
    /// The words' [`super::scan::word_bit`] filter.
    bits: u64,
}

impl<'a> LowerWords<'a> {
    fn new(lower: &'a str) -> Self {
        let mut words: Vec<&str> = Vec::with_capacity(super::scan::most_words(lower));
        words.extend(super::scan::alphanumeric_words(lower));
        let bits = super::scan::word_bits(&words);
        Self { words, bits }
    }

    /// False when `phrase` cannot occur in the sentence starting and ending on word boundaries
    /// (as [`super::gazetteer::on_word_boundaries`] tests them): its first word is then a whole
    /// word of the sentence.
    fn may_hold(&self, phrase: &str) -> bool {
        let first = super::scan::first_word(phrase);
        first.is_empty()
            || self.bits & super::scan::word_bit(first) != 0 && self.words.contains(&first)
    }

    /// False when `phrase` cannot occur in the sentence starting and ending on word boundaries:
    /// each of its words (its runs of letters and digits) is then a whole word of the sentence.
    /// A stricter test than [`Self::may_hold`] for phrases of common words ("the two men").
    fn may_hold_every_word(&self, phrase: &str) -> bool {
        super::scan::alphanumeric_words(phrase)
            .all(|w| self.bits & super::scan::word_bit(w) != 0 && self.words.contains(&w))
    }
}

/// True when the "it" at byte `at` opens a clause: after "and", "but", a comma, or a time
/// phrase that opens the sentence ("In January it indicted").
fn opens_clause(sentence: &str, at: usize) -> bool {
    let before = sentence[..at].trim_end();
    let last = before.rsplit(' ').next().unwrap_or("");
    before.ends_with(',')
        || ["and", "but", "then"].contains(&last)
        || before.split_whitespace().count() <= 3
            && before.starts_with(|c: char| c.is_uppercase())
            && before
                .split_whitespace()
                .skip(1)
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// The last run of two or more people named together before byte `at` ("Chen Hao and engineer
/// Li Wei", "Chen, a manager, and Li, an engineer").
fn people_group(sentence: &str, mentions: &[Mention], at: usize) -> Option<Vec<Actor>> {
    named_group(sentence, mentions, at, ActorKind::Person)
}

/// The last run of two or more actors of `kind` named together before byte `at` ("Huawei and
/// ZTE", "Chen Hao and engineer Li Wei").
fn named_group(
    sentence: &str,
    mentions: &[Mention],
    at: usize,
    kind: ActorKind,
) -> Option<Vec<Actor>> {
    let people = mentions
        .iter()
        .filter(|m| m.end <= at && m.actor.kind == kind && m.also.is_empty());
    let mut best: Option<Vec<Actor>> = None;
    let mut run: Vec<Actor> = Vec::new();
    let mut previous: Option<&Mention> = None;
    for m in people {
        let joined = previous
            .is_some_and(|p| p.end <= m.start && super::roles::joins(&sentence[p.end..m.start], m));
        if !joined {
            run.clear();
        }
        if !run.iter().any(|a| a.id == m.actor.id) {
            run.push(m.actor.clone());
        }
        if run.len() >= 2 {
            best = Some(run.clone());
        }
        previous = Some(m);
    }
    best
}

/// "both men", "the two Canadians": a reference to the people last named together, as one
/// mention carrying every member.
fn add_group_references(
    sentence: &str,
    lower: &str,
    words: &LowerWords<'_>,
    cues: &ActorCues,
    memory: &Memory,
    mentions: &mut Vec<Mention>,
) {
    // Longest first (the lexicon sorts them); most sentences lack a word of every phrase, and
    // the filter bits tell most of them without splitting the phrase.
    for phrase in cues
        .group_references
        .iter()
        // A phrase without bits (added after the lexicon was read) passes.
        .zip(
            cues.group_reference_bits
                .iter()
                .chain(std::iter::repeat(&0)),
        )
        .filter(|&(_, &bits)| words.bits & bits == bits)
        .map(|(phrase, _)| phrase)
        .filter(|p| words.may_hold_every_word(p))
    {
        for at in super::scan::occurrences(lower, phrase) {
            let mut end = at + phrase.len();
            if !super::gazetteer::on_word_boundaries(lower, at, end) || covered(mentions, at, end) {
                continue;
            }
            // "the two Canadians": a capitalised plural names whom the numeral counts.
            let rest = &sentence[end..];
            let next = rest.split_whitespace().next().unwrap_or("");
            let next_word = next.trim_end_matches(|c: char| !c.is_alphanumeric());
            // A phrase that ends in a numeral ("the two") may count anything: only people
            // when a verb follows.
            let bare = phrase
                .split_whitespace()
                .last()
                .is_some_and(|w| ["two", "three", "four"].contains(&w));
            if next_word.starts_with(char::is_uppercase) && next_word.ends_with('s') {
                end += rest.len() - rest.trim_start().len() + next_word.len();
            } else if bare
                && next_word.starts_with(char::is_lowercase)
                && !GROUP_FOLLOWERS.contains(&next_word)
            {
                continue;
            }
            // Failing a group named together, a pair means the last two people named who act
            // for no state ("Piotr D. ... Weijing W. ... the pair").
            let pair = || {
                let counts_two = ["both", "two", "pair", "duo"]
                    .iter()
                    .any(|w| phrase.split_whitespace().any(|p| p == *w));
                let n = memory.recent_people.len();
                (counts_two && n >= 2).then(|| memory.recent_people[n - 2..].to_vec())
            };
            let group = people_group(sentence, mentions, at)
                .or_else(|| (!memory.last_group.is_empty()).then(|| memory.last_group.clone()))
                .or_else(pair)
                .unwrap_or_default();
            push_group(mentions, at, end, &group, sentence);
        }
    }
}

/// Adds a group reference at `start..end` standing for every member of `group` (none if empty).
fn push_group(
    mentions: &mut Vec<Mention>,
    start: usize,
    end: usize,
    group: &[Actor],
    sentence: &str,
) {
    if let Some((first, rest)) = group.split_first() {
        let mut mention = cued(
            start,
            end,
            first.clone(),
            MentionSource::Reference,
            sentence,
        );
        mention.also = rest.to_vec();
        mentions.push(mention);
    }
}

/// "these companies", "neither firm", "the two Chinese groups", "neither has": a reference to the
/// firms last named together, as one mention carrying every member.
fn add_firm_group_references(
    sentence: &str,
    lower: &str,
    cues: &ActorCues,
    memory: &Memory,
    mentions: &mut Vec<Mention>,
) {
    if memory.firm_groups.is_empty()
        && mentions
            .iter()
            .filter(|m| m.actor.kind == ActorKind::Firm)
            .count()
            < 2
    {
        return;
    }
    let mut openers: Vec<&String> = cues.firm_group_openers.iter().collect();
    openers.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for opener in openers {
        for at in super::scan::occurrences(lower, opener) {
            let opener_end = at + opener.len();
            if !super::gazetteer::on_word_boundaries(lower, at, opener_end)
                || covered(mentions, at, opener_end)
                || found.iter().any(|&(s, e, _)| at < e && s < opener_end)
            {
                continue;
            }
            let Some(end) = firm_group_end(lower, opener, opener_end, cues) else {
                continue;
            };
            // "Peru and Chile both have": a bare "both" right after actors only stresses them.
            if end == opener_end
                && mentions
                    .iter()
                    .any(|m| m.end <= at && sentence[m.end..at].trim().is_empty())
            {
                continue;
            }
            found.push((at, end, group_size(opener)));
        }
    }
    for (at, end, size) in found {
        let fits = |g: &Vec<Actor>| size.is_none_or(|n| g.len() == n);
        let group = named_group(sentence, mentions, at, ActorKind::Firm)
            .filter(fits)
            .or_else(|| memory.salient_firm_group(fits).cloned())
            .unwrap_or_default();
        push_group(mentions, at, end, &group, sentence);
    }
}

/// How many firms a group reference counts: two for "both", "neither" and "the two", none said
/// for "these".
fn group_size(opener: &str) -> Option<usize> {
    let words: Vec<&str> = opener.split_whitespace().collect();
    if words
        .iter()
        .any(|w| ["two", "both", "neither", "either"].contains(w))
    {
        Some(2)
    } else if words.contains(&"three") {
        Some(3)
    } else {
        None
    }
}

/// Where a firm group reference that opens with `opener` (ending at byte `from`) ends: after a
/// firm noun at most four words on ("the two Chinese telecom groups"), or right after a bare
/// "neither"/"both" that a verb follows.
fn firm_group_end(lower: &str, opener: &str, from: usize, cues: &ActorCues) -> Option<usize> {
    let mut at = from;
    for _ in 0..5 {
        let rest = &lower[at..];
        let trimmed = rest.trim_start_matches(' ');
        if trimmed.len() == rest.len() {
            return None;
        }
        let word_len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_len];
        if word.is_empty() {
            return None;
        }
        let word_end = at + (rest.len() - trimmed.len()) + word_len;
        let singular = word
            .strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .or_else(|| word.strip_suffix('s').map(str::to_string))
            .unwrap_or_else(|| word.to_string());
        if cues
            .firm_references
            .iter()
            .any(|r| *r == word || *r == singular)
        {
            return Some(word_end);
        }
        if at == from
            && matches!(opener, "neither" | "both")
            && (GROUP_FOLLOWERS.contains(&word) || word == "has")
        {
            return Some(from);
        }
        // Only modifiers may come between: no clause break, no other determiner.
        if ["and", "or", "of", "the", "a", "to", "that", "which"].contains(&word) {
            return None;
        }
        at = word_end;
    }
    None
}

/// Words that may follow a bare group reference ("the two were detained").
const GROUP_FOLLOWERS: &[&str] = &[
    "were", "are", "have", "had", "will", "would", "could", "was", "is", "and", "who", "had",
    "remain", "remained", "face", "faced", "pleaded", "denied", "deny",
];

fn covered(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions.iter().any(|m| start < m.end && m.start < end)
}

/// Unseen firms and people, recognised by their cues.
fn add_cued_actors(
    sentence: &str,
    cues: &ActorCues,
    memory: &Memory,
    known_starts: &[usize],
    mentions: &mut Vec<Mention>,
) {
    // The run's words and the words before it, kept across runs: one buffer each, not one per
    // run (#6 profile).
    let mut words: Vec<&str> = Vec::with_capacity(8);
    let mut joined = String::with_capacity(64);
    for (start, run_end) in capitalised_runs(sentence) {
        let run = &sentence[start..run_end];
        let mut text = run.trim_end_matches(['.', ',']);
        while let Some(bare) = text.strip_suffix("'s") {
            text = bare;
        }
        while let Some(bare) = text.strip_suffix("’s") {
            text = bare;
        }
        words.clear();
        words.extend(text.split_whitespace());
        if words.is_empty() {
            continue;
        }
        let end = start + text.len();
        // A run inside one known mention ("Huawei", "the U.S. Commerce Department") can add
        // nothing: every cue below needs some of its span uncovered.
        if mentions.iter().any(|m| m.start <= start && end <= m.end) {
            continue;
        }
        // Firms: a capitalised name that ends with a firm suffix ("Nordic Signal Corp.").
        if words.len() >= 2
            && let Some(last) = words.last()
            && cues
                .firm_suffixes
                .iter()
                .any(|s| s.trim_end_matches('.') == last.trim_end_matches('.'))
        {
            let name_end = if sentence[end..].starts_with('.') && last.len() <= 4 {
                end + 1
            } else {
                end
            };
            if !covered(mentions, start, name_end) {
                let core: Vec<&str> = words[..words.len() - 1].to_vec();
                let id = ActorId::from_name(&core.join(" "));
                let actor = Actor::new(id, core.join(" "), ActorKind::Firm);
                mentions.push(cued(
                    start,
                    name_end,
                    actor,
                    MentionSource::FirmCue,
                    sentence,
                ));
                continue;
            }
        }
        // People: a given name and the initial of the surname, as some presses name suspects
        // ("Weijing W.").
        // "George W. Bush" has a middle initial: the name must end at the initial, or a known
        // name must follow it (a sentence the splitter left joined: "Weijing W. Polish media").
        if let Some(initial) = INITIALLED_NAME.find(run)
            && !covered(mentions, start, start + initial.end())
            && run[initial.end()..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| {
                    !c.is_uppercase() || {
                        let next = start + initial.end();
                        let next =
                            next + (sentence[next..].len() - sentence[next..].trim_start().len());
                        known_starts.contains(&next)
                    }
                })
        {
            let name = initial.as_str();
            let actor = Actor::new(
                ActorId::from_name(name.trim_end_matches('.')),
                name,
                ActorKind::Person,
            );
            mentions.push(cued(
                start,
                start + initial.end(),
                actor,
                MentionSource::PersonCue,
                sentence,
            ));
            continue;
        }
        // People: a name followed by an apposition with a role ("Chen Hao, a senior engineer at").
        if (2..=3).contains(&words.len())
            && words.iter().all(|w| is_name_word(w))
            && !covered(mentions, start, end)
            && let Some(role) = apposition_role(&sentence[end..], cues)
        {
            let mut actor = Actor::new(ActorId::from_name(text), text, ActorKind::Person);
            actor.role = Some(role);
            mentions.push(cued(start, end, actor, MentionSource::PersonCue, sentence));
            continue;
        }
        let before = words_before(sentence, start, 4);
        joined.clear();
        for (i, word) in before.iter().rev().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(word);
        }
        // Firms: a cue noun right before ("drone maker DJI").
        if before
            .first()
            .is_some_and(|w| super::roles::listed(&cues.firm_nouns, w))
            && words.len() <= 3
        {
            if !covered(mentions, start, end) {
                let actor = Actor::new(ActorId::from_name(text), text, ActorKind::Firm);
                mentions.push(cued(start, end, actor, MentionSource::FirmCue, sentence));
            }
            continue;
        }
        // People: a role or title right before ("its CFO Meng Wanzhou", "Mr. Omdal").
        // The role that ends `joined` on a word boundary, the longest (the last in the list
        // among equals), as comparing every role with the end of `joined` found it.
        let role = joined
            .char_indices()
            .filter(|&(i, _)| i == 0 || joined.as_bytes()[i - 1] == b' ')
            .filter_map(|(i, _)| cues.person_role_index.get(&joined[i..]))
            .flatten()
            // An index from before a caller shortened the list finds no role, and no panic.
            .filter_map(|&index| cues.person_roles.get(index).map(|role| (index, role)))
            .max_by_key(|&(index, role)| (role.len(), index))
            .map(|(_, role)| role);
        let title_inside = words
            .first()
            .is_some_and(|w| ["Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Dr"].contains(w));
        let (name_start, name_words, role) = if title_inside {
            let skip = words[0].len();
            let rest = sentence[start + skip..end].trim_start();
            (
                end - rest.len(),
                words[1..].to_vec(),
                Some(words[0].to_string()),
            )
        } else if role.is_none()
            && let Some((k, inner)) = inner_role(&words, cues)
        {
            // "Republican FCC Chairman Ajit Pai": a capitalised role inside the run names the
            // person after it.
            let rest = &sentence[start..end];
            let mut at = 0;
            for w in &words[..=k] {
                at = rest[at..].find(w).map_or(at, |i| at + i + w.len());
            }
            let name = rest[at..].trim_start();
            (end - name.len(), words[k + 1..].to_vec(), Some(inner))
        } else {
            (start, words.clone(), role.cloned())
        };
        if let Some(role) = role
            && !name_words.is_empty()
            && name_words.len() <= 3
            && !covered(mentions, name_start, end)
        {
            let name = name_words.join(" ");
            let mut actor = memory
                .aliases
                .get(name_words[name_words.len() - 1])
                .cloned()
                .flatten()
                .filter(|a| a.kind == ActorKind::Person && name_words.len() == 1)
                .unwrap_or_else(|| {
                    Actor::new(ActorId::from_name(&name), name.clone(), ActorKind::Person)
                });
            let role_clean = role.trim_end_matches('.').to_string();
            if !["Mr", "Ms", "Mrs", "Dr"].contains(&role_clean.as_str()) {
                actor.role = Some(role_clean);
                if before.iter().any(|w| w == "its" || w == "their") {
                    actor.employer = memory.last_firm.as_ref().map(|f| f.id.clone());
                }
            }
            mentions.push(cued(
                name_start,
                end,
                actor,
                MentionSource::PersonCue,
                sentence,
            ));
        }
    }
}

/// A role word inside a capitalised run followed by one to three name words ("FCC Chairman Ajit
/// Pai", "Commerce Secretary Wilbur Ross"): its index and the role.
fn inner_role(words: &[&str], cues: &ActorCues) -> Option<(usize, String)> {
    let k = (0..words.len().saturating_sub(1)).rev().find(|&k| {
        let word = words[k].trim_end_matches('.');
        word.len() > 2
            && cues
                .person_roles
                .iter()
                .any(|r| r.eq_ignore_ascii_case(word) && !r.contains('.'))
    })?;
    let name = &words[k + 1..];
    // "Attorney General Matthew Whitaker": a word of an office is no part of the name.
    (name.len() <= 3
        && name.iter().all(|w| {
            is_name_word(w)
                && !cues
                    .government_nouns
                    .contains(&w.trim_end_matches('.').to_lowercase())
        }))
    .then(|| (k, words[k].trim_end_matches('.').to_string()))
}

/// A word shaped like part of a person's name: "Chen", "O'Neill", "D." (an initial).
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest = chars.as_str();
    first_upper
        && (rest == "."
            || !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_lowercase() || c == '\'' || c == '-'))
        && !NOT_NAMES.contains(&word)
}

/// Capitalised words that begin sentences or name months and days, never people.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Last",
    "This",
    "That",
    "But",
    "And",
    "Its",
    "His",
    "Her",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "President",
    "Minister",
    "Prime",
];

/// True when the text between a person and a country is an apposition with a role that acts for
/// a state: ", the spokesman for", ", a senior official at".
fn state_apposition(gap: &str, cues: &ActorCues) -> bool {
    let Some(rest) = gap.trim_start().strip_prefix(',') else {
        return false;
    };
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words.is_empty() || words.len() > 6 || rest.contains(',') {
        return false;
    }
    if !["a", "an", "the"].contains(&words[0].as_str()) {
        return false;
    }
    let joined = format!(" {} ", words.join(" "));
    cues.state_roles
        .iter()
        .any(|r| joined.contains(&format!(" {} ", r.to_lowercase())))
}

/// The role in an apposition right after a name: ", a senior engineer at", ", its founder,".
fn apposition_role(after: &str, cues: &ActorCues) -> Option<String> {
    let rest = after.strip_prefix(',')?.trim_start();
    let words: Vec<String> = rest
        .split_whitespace()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    if !words.first().is_some_and(|w| {
        ["a", "an", "the", "its", "his", "her", "their", "who"].contains(&w.as_str())
    }) {
        return None;
    }
    words.iter().skip(1).find_map(|w| {
        cues.person_roles
            .iter()
            .find(|r| {
                // `w` is lower case already: an ASCII role compares without a copy.
                let same = if r.is_ascii() {
                    r.eq_ignore_ascii_case(w)
                } else {
                    r.to_lowercase() == *w
                };
                same && !r.ends_with('.')
            })
            .cloned()
    })
}

fn cued(start: usize, end: usize, actor: Actor, source: MentionSource, sentence: &str) -> Mention {
    let skip = possessive_len(&sentence[end..]);
    Mention {
        start,
        end: end + skip,
        actor,
        acts_for: None,
        source,
        possessive: skip > 0,
        is_place: false,
        also: Vec::new(),
    }
}

/// The capitalised words of a sentence ("Meng", "Jean-Pierre") as byte ranges: an ASCII
/// capital at a word boundary, then at least one letter or hyphen, ending at a word boundary.
/// One scan instead of a regex: this runs on every sentence once a name is known (#6 profile).
fn capitalised_words(sentence: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut at = 0;
    // As in `capitalised_runs`, a scan of bytes for the ASCII capitals (#6 profile).
    while let Some(offset) = sentence.as_bytes()[at..]
        .iter()
        .position(u8::is_ascii_uppercase)
    {
        at += offset;
        let next = at + 1;
        // A capital is a word character: it starts a word when the one before is none.
        if !super::scan::char_before(sentence, at).is_some_and(is_word_char) {
            // The longest run of letters and hyphens that ends on a boundary: a word character
            // before it and none after, or the reverse.
            let mut longest = None;
            let mut chars = sentence[next..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if !(c.is_alphabetic() || c == '-') {
                    break;
                }
                let after = chars.peek().is_some_and(|&(_, n)| is_word_char(n));
                if is_word_char(c) != after {
                    longest = Some(next + i + c.len_utf8());
                }
            }
            if let Some(end) = longest {
                words.push((at, end));
                at = end;
                continue;
            }
        }
        at = next;
    }
    words
}

/// Short names of actors named earlier ("Meng") and "the company"-style references.
fn add_references(
    sentence: &str,
    lower: &str,
    words: &LowerWords<'_>,
    cues: &ActorCues,
    memory: &Memory,
    mentions: &mut Vec<Mention>,
) {
    // Until the article has named a firm or person there is no short name to look for.
    let short_names = if memory.aliases.is_empty() {
        None
    } else {
        Some(capitalised_words(sentence))
    };
    for (start, end) in short_names.into_iter().flatten() {
        if covered(mentions, start, end) {
            continue;
        }
        if let Some(Some(actor)) = memory.aliases.get(&sentence[start..end]) {
            let mention = cued(
                start,
                end,
                actor.clone(),
                MentionSource::Reference,
                sentence,
            );
            mentions.push(mention);
        }
    }
    // "ZTE may not buy parts, ..., finding that the Chinese maker had lied": in the article's
    // first sentence about a firm, the firm named before the reference in the same sentence.
    let in_sentence = |mentions: &[Mention], at: usize| {
        mentions
            .iter()
            .rfind(|m| m.end <= at && m.actor.kind == ActorKind::Firm)
            .map(|m| m.actor.clone())
    };
    if memory.firm_counts.leader().is_some()
        || mentions.iter().any(|m| m.actor.kind == ActorKind::Firm)
    {
        for head in cues.firm_references.iter().filter(|h| words.may_hold(h)) {
            for at in super::scan::occurrences(lower, head) {
                let Some(firm) = memory
                    .firm_counts
                    .leader()
                    .cloned()
                    .or_else(|| in_sentence(mentions, at))
                else {
                    continue;
                };
                let end = at + head.len();
                if !super::gazetteer::on_word_boundaries(lower, at, end)
                    || covered(mentions, at, end)
                {
                    continue;
                }
                // "the company", "the Chinese company", "the Shenzhen-based firm": up to three words after "the".
                let before = words_before(sentence, at, 4);
                let Some(the) = before.iter().position(|w| w == "the") else {
                    continue;
                };
                let between = &before[..the];
                if between
                    .iter()
                    .any(|w| w.is_empty() || ["a", "an", "of", "and", "or"].contains(&&**w))
                {
                    continue;
                }
                let start = sentence[..at]
                    .rmatch_indices(['t', 'T'])
                    // The byte test is the lower-cased test: no other character lower-cases to
                    // "t", "h", "e" or " ", and it copies no rest of the sentence per "t".
                    .find(|(i, _)| {
                        sentence.as_bytes()[*i..]
                            .get(..4)
                            .is_some_and(|b| b.eq_ignore_ascii_case(b"the "))
                    })
                    .map_or(at, |(i, _)| i);
                if covered(mentions, start, end) {
                    continue;
                }
                mentions.push(cued(start, end, firm, MentionSource::Reference, sentence));
            }
        }
    }
    // "Washington has urged allies to avoid the firm. In January it indicted the company": a
    // subject "it" is the state that was the previous sentence's subject.
    if let Some(state) = &memory.last_subject_state {
        for at in super::scan::occurrences(sentence, " it ") {
            let start = at + 1;
            if opens_clause(sentence, start) && !covered(mentions, start, start + 2) {
                mentions.push(cued(
                    start,
                    start + 2,
                    state.clone(),
                    MentionSource::Reference,
                    sentence,
                ));
            }
        }
    }
    // "accusing it of", "fear it serves": an object "it" is the firm last named.
    if let Some(firm) = &memory.last_firm {
        for at in super::scan::occurrences(sentence, " it ") {
            let start = at + 1;
            let next = sentence[start + 3..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            // "it is", "it has" make "it" a subject, often of a clause about something else.
            if [
                "is", "was", "has", "had", "would", "will", "could", "said", "says",
            ]
            .contains(&next)
                || covered(mentions, start, start + 2)
            {
                continue;
            }
            mentions.push(cued(
                start,
                start + 2,
                firm.clone(),
                MentionSource::Reference,
                sentence,
            ));
        }
    }
    // The person last named, in an earlier sentence or earlier in this one.
    let named =
        memory.last_person.is_some() || mentions.iter().any(|m| m.actor.kind == ActorKind::Person);
    if named {
        // "accuse her of", "charged him with": an object pronoun is the person last named.
        for at in super::scan::occurrences(sentence, " her ")
            .chain(super::scan::occurrences(sentence, " him "))
        {
            let start = at + 1;
            let Some(person) = person_before(mentions, start).or(memory.last_person.as_ref())
            else {
                continue;
            };
            let next = sentence[start + 3..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            // "wants her extradited": a participle after the pronoun makes it an object.
            let participle = next.len() > 4
                && next.ends_with("ed")
                && next.starts_with(|c: char| c.is_ascii_lowercase());
            let object = [
                "of", "with", "to", "in", "on", "for", "from", "and", "as", "over",
            ]
            .contains(&next.trim_end_matches([',', '.']))
                || next.ends_with([',', '.'])
                || participle;
            if object && !covered(mentions, start, start + 3) {
                mentions.push(cued(
                    start,
                    start + 3,
                    person.clone(),
                    MentionSource::Reference,
                    sentence,
                ));
            }
        }
        // "he", "she" opening a clause: the person last named.
        // The pattern needs "he" or "she" as a word: most sentences have neither.
        let pronouns = if words.may_hold("he") || words.may_hold("she") {
            Some(PRONOUN.captures_iter(sentence))
        } else {
            None
        };
        for caps in pronouns.into_iter().flatten() {
            let Some(word) = caps.get(1) else { continue };
            if !covered(mentions, word.start(), word.end()) {
                let Some(person) =
                    person_before(mentions, word.start()).or(memory.last_person.as_ref())
                else {
                    continue;
                };
                mentions.push(cued(
                    word.start(),
                    word.end(),
                    person.clone(),
                    MentionSource::Reference,
                    sentence,
                ));
            }
        }
    }
}

/// The person named last before byte `at` of the sentence: a pronoun's nearest antecedent.
fn person_before(mentions: &[Mention], at: usize) -> Option<&Actor> {
    mentions
        .iter()
        .filter(|m| m.end <= at && m.actor.kind == ActorKind::Person)
        .max_by_key(|m| m.end)
        .map(|m| &m.actor)
}

static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    // A subject pronoun opens a clause: at the start, after punctuation, a conjunction or a
    // subordinator ("where she pleaded", "after he was detained").
    Regex::new(
            r"(?:^|[,;]\s+|\b(?:and|but|where|when|while|after|before|because|since|as|although|though|until|that|said|says)\s+)([Hh]e|[Ss]he)\b",
        )
        .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte ranges of `regex`'s matches in `text`.
    fn spans(regex: &Regex, text: &str) -> Vec<(usize, usize)> {
        regex
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// The scan finds the runs the regex it replaced found.
    #[test]
    fn capitalised_runs_match_the_regex_they_replace() {
        let regex = Regex::new(
            r"\b[A-Z][\p{L}&'’.-]*(?:\s+(?:[A-Z][\p{L}&'’.-]*|de|van|von|bin|al-[A-Z]\p{L}*))*",
        )
        .expect("valid regex");
        for text in [
            "Ursula von der Leyen met AT&T's chief, O'Neill, in São Paulo.",
            "Mohammed bin Salman and Abu Bakr al-Baghdadi; al-qaeda, Jean de la Fontaine",
            "The U.S. Department of Commerce said Huawei designed chips.",
            "“Huawei”said Élodie Durand’s lawyer, citing ZTE Corp. and xAPI and iPhone.",
            "Lena   Ek\tspoke; Ab_Cd Ef, 3M and 5G Networks. Dr. Chen Hao",
            "",
            "A",
            "al-Zawahiri",
        ] {
            assert_eq!(capitalised_runs(text), spans(&regex, text), "{text}");
        }
    }

    /// The scan finds the words the regex it replaced found.
    #[test]
    fn capitalised_words_match_the_regex_they_replace() {
        let regex = Regex::new(r"\b[A-Z][\p{L}-]+\b").expect("valid regex");
        for text in [
            "Meng and Jean-Pierre met Abc- and Xyz-Def in São Paulo; Abc1 and A.",
            "Élodie, O'Neill, McDonald's, ZTE- and -Huawei; Ab_c, Ab ,Cd",
            "",
            "Q",
            "Zé",
        ] {
            assert_eq!(capitalised_words(text), spans(&regex, text), "{text}");
        }
    }
}
