//! Events out of articles: sentence splitting, actor mentions, trigger matching, roles, status
//! and date resolution.
//!
//! The entry point is [`Extractor::extract`].

mod date;
mod gazetteer;
mod lexicon;
mod mention;
mod occasion;
mod roles;
mod scan;
mod status;

pub use date::{TimePhrase, find_time_phrases, resolve_date};
pub use gazetteer::{Gazetteer, GazetteerFiles, NameForm};
pub use lexicon::{Lexicon, LexiconFiles, WordForm, verb_forms};
pub use mention::{Mention, MentionSource};

use crate::model::{
    Actor, ActorId, ActorKind, Article, Event, EventDate, EventStatus, EventType, Evidence,
};
use lexicon::TriggerMatch;
use mention::Memory;
use std::path::Path;

/// A data file (gazetteer or lexicon) that cannot be read or parsed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The file name.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl DataError {
    /// An error at `file:line`.
    pub fn new(file: &str, line: usize, message: &str) -> Self {
        Self {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }
}

/// Names of the data files under a data folder, relative to it.
const GAZETTEER_NAME_FILES: [&str; 3] = ["countries.tsv", "agencies.tsv", "places.tsv"];

/// The rule-based event extractor: gazetteer plus lexicon.
#[derive(Debug, Clone)]
pub struct Extractor {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
}

/// The data files compiled into the binary (`data/` of the source tree).
fn bundled_files() -> (GazetteerFiles, LexiconFiles) {
    (
        GazetteerFiles {
            actors: include_str!("../../data/gazetteers/actors.tsv").into(),
            names: vec![
                (
                    "countries.tsv".into(),
                    include_str!("../../data/gazetteers/countries.tsv").into(),
                ),
                (
                    "agencies.tsv".into(),
                    include_str!("../../data/gazetteers/agencies.tsv").into(),
                ),
                (
                    "places.tsv".into(),
                    include_str!("../../data/gazetteers/places.tsv").into(),
                ),
            ],
            aliases: include_str!("../../data/gazetteers/aliases.tsv").into(),
            offices: include_str!("../../data/gazetteers/offices.tsv").into(),
        },
        LexiconFiles {
            triggers: include_str!("../../data/lexicons/triggers.toml").into(),
            status: include_str!("../../data/lexicons/status.toml").into(),
            cues: include_str!("../../data/lexicons/cues.toml").into(),
        },
    )
}

/// A sentence of an article: byte range in the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character.
    pub end: usize,
}

/// What a sentence holds besides its actors, found once for all its triggers.
#[derive(Debug, Clone, Copy)]
struct SentenceParts<'a> {
    /// Every trigger of the sentence.
    triggers: &'a [TriggerMatch],
    /// Its time phrases.
    phrases: &'a [TimePhrase],
}

/// The body sentences of an article, split with `sentencex` paragraph by paragraph.
pub fn split_sentences(article: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (offset, paragraph) in crate::ingest::paragraphs(&article.text) {
        if offset < article.body_start {
            continue;
        }
        let mut position = offset;
        for segment in sentencex::segment("en", paragraph) {
            for piece in split_after_full_month(segment) {
                let lead = piece.len() - piece.trim_start().len();
                let trimmed = piece.trim();
                if !trimmed.is_empty() {
                    out.push(Sentence {
                        start: position + lead,
                        end: position + lead + trimmed.len(),
                    });
                }
                position += piece.len();
            }
        }
    }
    out
}

/// Splits a segment after a full month name that ends a sentence ("arrested in May. Officials
/// said"), which the splitter takes for an abbreviation. Pieces concatenate to the segment.
fn split_after_full_month(segment: &str) -> Vec<&str> {
    static MONTH_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\.\s+[A-Z]").expect("valid regex")
    });
    // The pattern needs a full stop, then white space, then a capital: most segments have
    // none inside them, and need no search (#6 profile).
    if !stop_before_capital(segment) {
        return vec![segment];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for found in MONTH_END.find_iter(segment) {
        let cut = found.end() - 1;
        pieces.push(&segment[start..cut]);
        start = cut;
    }
    pieces.push(&segment[start..]);
    pieces
}

/// True when `text` has a full stop followed by white space (one character or more, as the
/// pattern's `\s+` reads it) and an ASCII capital.
fn stop_before_capital(text: &str) -> bool {
    scan::occurrences(text, ".").any(|at| {
        let rest = &text[at + 1..];
        let after = rest.trim_start();
        after.len() < rest.len() && after.starts_with(|c: char| c.is_ascii_uppercase())
    })
}

impl Extractor {
    /// The extractor with the data files bundled at build time.
    ///
    /// # Errors
    /// [`DataError`] if a bundled file does not parse (the data tests guard against this).
    pub fn bundled() -> Result<Self, DataError> {
        let (gazetteer, lexicon) = bundled_files();
        Self::from_files(&gazetteer, &lexicon)
    }

    /// An extractor from the text of its data files.
    ///
    /// # Errors
    /// [`DataError`] naming the file and line of the first problem.
    pub fn from_files(
        gazetteer: &GazetteerFiles,
        lexicon: &LexiconFiles,
    ) -> Result<Self, DataError> {
        Ok(Self {
            gazetteer: Gazetteer::from_files(gazetteer)?,
            lexicon: Lexicon::from_files(lexicon)?,
        })
    }

    /// An extractor reading `gazetteers/*.tsv` and `lexicons/*.toml` under `dir` (a copy of `data/`
    /// that an analyst has edited).
    ///
    /// # Errors
    /// [`DataError`] for a missing or malformed file.
    pub fn from_dir(dir: &Path) -> Result<Self, DataError> {
        let read = |relative: &str| {
            std::fs::read_to_string(dir.join(relative)).map_err(|e| {
                DataError::new(&dir.join(relative).display().to_string(), 0, &e.to_string())
            })
        };
        let optional =
            |relative: &str| read(relative).or_else(|_| Ok::<_, DataError>(String::new()));
        let mut names = Vec::new();
        for file in GAZETTEER_NAME_FILES {
            names.push((file.to_string(), read(&format!("gazetteers/{file}"))?));
        }
        let gazetteer = GazetteerFiles {
            actors: read("gazetteers/actors.tsv")?,
            names,
            aliases: optional("gazetteers/aliases.tsv")?,
            offices: optional("gazetteers/offices.tsv")?,
        };
        let lexicon = LexiconFiles {
            triggers: read("lexicons/triggers.toml")?,
            status: read("lexicons/status.toml")?,
            cues: read("lexicons/cues.toml")?,
        };
        Self::from_files(&gazetteer, &lexicon)
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// All events an article states, one per real event (an event repeated in several sentences
    /// is kept once, with its most precise date).
    ///
    /// # Examples
    /// ```
    /// use geokg::{extract::Extractor, ingest::{parse_article, ReadOptions}};
    /// let text = "Example News\n\nNorway bars a vendor\n\n4 March 2021\n\nNorway and Denmark have banned Huawei equipment from their 5G networks, officials said on Thursday.\n";
    /// let article = parse_article("example-2021-03-04-norway.txt", text.into(), &ReadOptions::default()).unwrap();
    /// let events = Extractor::bundled().unwrap().extract(&article);
    /// let bans: Vec<String> = events.iter().map(|e| format!("{} {} {}", e.agent.id, e.event_type, e.target.id)).collect();
    /// assert_eq!(bans, ["NOR ban huawei", "DNK ban huawei"]);
    /// ```
    pub fn extract(&self, article: &Article) -> Vec<Event> {
        let mut memory = Memory::default();
        let mut occasions = occasion::Occasions::default();
        let cues = &self.lexicon.cues;
        // Each event with whether its trigger marks a new occasion ("a second charge").
        let mut events: Vec<(Event, bool)> = Vec::new();
        for sentence in split_sentences(article) {
            let text = &article.text[sentence.start..sentence.end];
            // One lower-cased copy for every rule that compares without case.
            let lower = text.to_lowercase();
            let mentions = mention::find_mentions(
                text,
                &lower,
                &self.gazetteer,
                cues,
                &mut memory,
                article.published,
            );
            let triggers = self.lexicon.find_triggers(text);
            let phrases = date::find_time_phrases(text, article.published);
            let parts = SentenceParts {
                triggers: &triggers,
                phrases: &phrases,
            };
            let days = occasions.sentence(text, &lower, &phrases, &mentions, cues);
            let mut found = Vec::new();
            for trigger in &triggers {
                let mut new =
                    self.events_of_trigger(article, sentence, &mentions, trigger, parts, &memory);
                for event in &mut new {
                    occasions.redate(event, trigger.form, &days, article.published);
                }
                remember_accusers(&mut memory, &new, sentence.start);
                let distinct =
                    !new.is_empty() && is_distinct_occasion(text, trigger, &self.lexicon.cues);
                found.extend(new.into_iter().map(|e| (e, distinct)));
            }
            let earlier = events.iter().chain(&found).map(|(e, _)| e);
            let repeated =
                self.anaphoric_events(article, sentence, &lower, &mentions, &phrases, earlier);
            remember_accusers(&mut memory, &repeated, sentence.start);
            found.extend(repeated.into_iter().map(|e| (e, false)));
            occasions.after_sentence(
                text,
                &phrases,
                &mentions,
                found.iter().map(|(e, _)| e),
                article.published,
                cues,
            );
            events.extend(found);
        }
        merge_duplicates(events)
    }

    fn events_of_trigger(
        &self,
        article: &Article,
        sentence: Sentence,
        mentions: &[Mention],
        trigger: &TriggerMatch,
        parts: SentenceParts<'_>,
        memory: &Memory,
    ) -> Vec<Event> {
        let text = &article.text[sentence.start..sentence.end];
        let all_triggers = parts.triggers;
        let rule = self.lexicon.rule(trigger.rule);
        let mut event_type = rule.event_type;
        // "reviewing whether to restrict TikTok": weighing a step is no probe of anyone.
        if event_type == EventType::Investigation
            && trigger.form != WordForm::Noun
            && matches!(
                roles::first_words(&text[trigger.end..], 2).as_slice(),
                [w, to] if (w == "whether" || w == "how") && to == "to"
            )
        {
            return Vec::new();
        }
        // "smuggling restricted components", "of banned equipment": a participle used as an
        // adjective before what it describes states no act.
        if trigger.form == WordForm::VerbPast && !text[trigger.start..trigger.end].contains(' ') {
            let previous = roles::last_words(&text[..trigger.start], 1);
            let next = roles::first_words(&text[trigger.end..], 1);
            let attributive = previous.first().is_some_and(|w| {
                ATTRIBUTIVE_BEFORE.contains(&&**w) || w.len() > 4 && w.ends_with("ing")
            }) && next
                .first()
                .is_some_and(|w| roles::listed(&self.lexicon.cues.measure_objects, w));
            if attributive {
                return Vec::new();
            }
        }
        // "Huawei says it has never spied": words after the trigger in its clause that cancel it,
        // or that it needs.
        if !rule.unless_after.is_empty() || !rule.requires_after.is_empty() {
            let rest = &text[trigger.end..roles::clause_end(text, trigger.end)];
            // "..., which the company denies": a relative clause after it has its own subject.
            let rest = [", which ", ", who "]
                .iter()
                .filter_map(|p| scan::find(rest, p))
                .min()
                .map_or(rest, |at| &rest[..at]);
            let words: Vec<String> = rest
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                        .to_lowercase()
                })
                .collect();
            if words.iter().any(|w| rule.unless_after.contains(w))
                || !rule.requires_after.is_empty()
                    && !words.iter().any(|w| rule.requires_after.contains(w))
            {
                return Vec::new();
            }
        }

        // "rejects that charge", "a charge China rejects": a singular charge that is denied is
        // the allegation, not an indictment.
        if trigger.form == WordForm::Noun
            && event_type == EventType::Charge
            && text[trigger.start..trigger.end].eq_ignore_ascii_case("charge")
            && roles::last_words(&text[..trigger.start], 1)
                .first()
                .is_some_and(|w| matches!(&**w, "a" | "that" | "this"))
            && all_triggers.iter().any(|t| {
                self.lexicon.rule(t.rule).event_type == EventType::Denial
                    && t.start.abs_diff(trigger.start) < 40
            })
        {
            return Vec::new();
        }
        // "lifted the ban": the noun names an earlier measure that is being undone.
        if trigger.form == WordForm::Noun {
            let before = roles::last_words(&text[..trigger.start], 3);
            if before
                .iter()
                .any(|w| roles::listed(&self.lexicon.reversal, w))
            {
                return Vec::new();
            }
            // "the sanctions regime", "the export control and sanctions regimes": an
            // institution, not an act.
            let next = roles::first_words(&text[trigger.end..], 3);
            let institution = next
                .iter()
                .position(|w| roles::listed(&self.lexicon.institutions, w));
            if institution.is_some_and(|at| at == 0 || next[0] == "and" || next[0] == "or") {
                return Vec::new();
            }
        }
        // "the blanket ban that the United States has called for": whoever calls for the measure
        // in a relative clause after the noun plays no role in it.
        let advocates_from = (trigger.form == WordForm::Noun)
            .then(|| {
                let high = roles::clause_end(text, trigger.end);
                let clause = &text[trigger.end..high];
                let rel = scan::occurrences(clause, " that ")
                    .chain(scan::occurrences(clause, " which "))
                    .map(|i| trigger.end + i)
                    .min()?;
                let words = roles::first_words(&text[rel..high], 8);
                status::is_advocacy(&words.join(" "), &self.lexicon).then_some(rel)
            })
            .flatten();
        let kept_mentions: Vec<Mention>;
        let mentions = match advocates_from {
            Some(from) => {
                kept_mentions = mentions
                    .iter()
                    .filter(|m| m.start < from)
                    .cloned()
                    .collect();
                &kept_mentions[..]
            }
            None => mentions,
        };
        // "claims that Huawei had been banned": what is claimed is not stated as a fact. Every
        // hearsay phrase ends in "that", so most sentences are passed over at once.
        if scan::contains(&text[..trigger.start], "that ") {
            let mut before = roles::last_words(&text[..trigger.start], 10);
            before.reverse();
            let before = format!(" {} ", before.join(" "));
            if self
                .lexicon
                .hearsay
                .iter()
                .any(|h| before.contains(&format!(" {h} ")))
            {
                return Vec::new();
            }
        }
        let kind_ok =
            |kinds: &[ActorKind], actor: &Actor| kinds.is_empty() || kinds.contains(&actor.kind);
        // "other Huawei critics": a name that modifies the noun after it acts for nobody. The
        // next word is compared without a copy: this runs for every candidate agent.
        let cues = &self.lexicon.cues;
        let modifies = |m: &Mention, lists: &[&Vec<String>]| {
            let word = first_word(text[m.end..].trim_start());
            !m.possessive
                && !word.is_empty()
                && lists
                    .iter()
                    .any(|nouns| nouns.iter().any(|n| n.eq_ignore_ascii_case(word)))
        };
        let modifier = |m: &Mention| modifies(m, &[&cues.modified_nouns, &cues.measure_objects]);
        let agent_fits = |m: &Mention| kind_ok(&rule.agent_kinds, m.as_agent()) && !modifier(m);
        // "a list of Chinese military companies": a state that only describes the noun after
        // it is no target either.
        let describes = |m: &Mention| m.actor.is_country() && modifies(m, &[&cues.modified_nouns]);
        let target_fits = |m: &Mention| kind_ok(&rule.target_kinds, &m.actor) && !describes(m);
        // "warned that Beijing could use Huawei's gear to spy": the warning is about the firm.
        let preferred = |m: &Mention| target_fits(m) && rule.prefer_target.contains(&m.actor.kind);
        let high = roles::clause_end(text, trigger.end);
        let has_preferred = mentions
            .iter()
            .any(|m| m.start >= trigger.end && m.end <= high && preferred(m));
        let target_fits: &dyn Fn(&Mention) -> bool = if has_preferred {
            &preferred
        } else {
            &target_fits
        };
        let mut roles = roles::assign_roles(
            text,
            mentions,
            trigger,
            rule.subject_is_target,
            &agent_fits,
            target_fits,
        );
        // "the indictment accuses Huawei and Chen": a noun that is the subject of the verb right
        // after it takes that verb's object.
        let next_verb = all_triggers.iter().find(|t| {
            t.start >= trigger.end
                && t.form != WordForm::Noun
                && text[trigger.end..t.start].split_whitespace().count() == 0
        });
        if trigger.form == WordForm::Noun
            && roles.targets.is_empty()
            && let Some(verb) = next_verb
        {
            let verb_roles = roles::assign_roles(
                text,
                mentions,
                verb,
                self.lexicon.rule(verb.rule).subject_is_target,
                &agent_fits,
                target_fits,
            );
            roles.targets = verb_roles.targets;
            roles
                .reason
                .push_str("; target: the object of the verb the noun is subject of");
        }
        // "dismiss those allegations as protectionism": allegations that the subject denies are
        // the ones denied, not a new accusation by the denier.
        if event_type == EventType::Accusation
            && trigger.form == WordForm::Noun
            && all_triggers.iter().any(|t| {
                self.lexicon.rule(t.rule).event_type == EventType::Denial
                    && t.end <= trigger.start
                    && text[t.end..trigger.start].split_whitespace().count() <= 3
                    && roles.agents.iter().all(|&i| mentions[i].end <= t.start)
            })
        {
            return Vec::new();
        }
        // ... and the verb states no accusation of its own: the document is the charge.
        if event_type == EventType::Accusation
            && trigger.form != WordForm::Noun
            && all_triggers.iter().any(|t| {
                t.end <= trigger.start
                    && t.form == WordForm::Noun
                    && matches!(
                        self.lexicon.rule(t.rule).event_type,
                        EventType::Charge | EventType::Lawsuit
                    )
                    && text[t.end..trigger.start].trim().is_empty()
            })
        {
            return Vec::new();
        }
        // "The app's troubles are not limited to Asia": an owner is the target of a measure only
        // when what it owns is something a measure hits (its gear, its apps, its market share).
        // An allegation about "the company's ties" is about the company.
        // "were detained in Peru, and were later charged": a passive whose subject is left out
        // shares the subject of the act before it in the sentence.
        let elided = (roles.passive && elided_subject(&text[..trigger.start]))
            .then(|| {
                let here: Vec<&mention::Accusation> = memory
                    .accusations
                    .iter()
                    .filter(|a| a.sentence == sentence.start)
                    .collect();
                // The sentence's first act is its main predicate ("were detained ..., days after
                // her arrest, and were later charged").
                let first = here.first()?;
                // Its records come first, one per target, with one type, agent and date.
                let subjects: Vec<Actor> = here
                    .iter()
                    .take_while(|a| {
                        a.event_type == first.event_type
                            && a.accuser.id == first.accuser.id
                            && a.date == first.date
                    })
                    .filter_map(|a| mentions.iter().find(|m| m.actor.id == a.accused))
                    .map(|m| m.actor.clone())
                    .collect();
                Some((first.accuser.clone(), subjects))
            })
            .flatten()
            .filter(|(_, subjects)| !subjects.is_empty());
        if elided.is_none()
            && roles.target_is_owner
            && event_type.is_state_act()
            && roles.targets.first().is_some_and(|&i| {
                !text[mentions[i].end..trigger.start]
                    .split_whitespace()
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .any(|w| self.lexicon.cues.measure_objects.contains(&w))
            })
        {
            return Vec::new();
        }
        let mut agents: Vec<Actor> = roles
            .agents
            .iter()
            .flat_map(|&i| {
                std::iter::once(mentions[i].as_agent().clone()).chain(mentions[i].also.clone())
            })
            .filter(|a| kind_ok(&rule.agent_kinds, a))
            .collect();
        let mut targets: Vec<Actor> = roles
            .targets
            .iter()
            .flat_map(|&i| {
                std::iter::once(mentions[i].actor.clone()).chain(mentions[i].also.clone())
            })
            .filter(|a| kind_ok(&rule.target_kinds, a))
            .collect();
        // "over the decision to block Spark": whoever decided is the agent, not the clause's
        // subject: an owner in the possessive ("Peru's decision to ban"), or none.
        if trigger.form == WordForm::Verb && event_type.is_state_act() {
            let before = roles::last_words(&text[..trigger.start], 3);
            let decided = before.len() == 3
                && before[0] == "to"
                && (roles::listed(&self.lexicon.cues.measure_nouns, &before[1])
                    || roles::listed(&self.lexicon.cues.decision_nouns, &before[1]));
            if decided {
                let noun_at = text[..trigger.start]
                    .trim_end()
                    .rfind(' ')
                    .and_then(|i| text[..i].trim_end().rfind(' '))
                    .unwrap_or(0);
                let owner = mentions.iter().find(|m| {
                    m.possessive && m.end <= noun_at && text[m.end..noun_at].trim().is_empty()
                });
                // Without an owner the decision is one the article reports elsewhere.
                let Some(owner) = owner else {
                    return Vec::new();
                };
                agents = vec![owner.as_agent().clone()];
                roles
                    .reason
                    .push_str("; agent: whoever took the decision, not the clause's subject");
            }
        }
        if let Some((agent, subjects)) = elided {
            targets = subjects;
            targets.retain(|t| kind_ok(&rule.target_kinds, t));
            targets.dedup_by(|a, b| a.id == b.id);
            if agents.is_empty() {
                agents = vec![agent];
            }
            roles
                .reason
                .push_str("; the left-out subject and the agent of the act before it");
        }
        // "barred federal agencies from buying Huawei gear": the party barred is a buyer or a
        // seller; the measure aims at what follows the gerund, and barring sales to a firm is a
        // sanction (SCHEMA rule 11).
        if event_type == EventType::Ban && !roles.passive && trigger.form != WordForm::Noun {
            let high = roles::clause_end(text, trigger.end);
            let dealing = from_gerund(&text[trigger.end..high], &self.lexicon.cues);
            // "stops federal agencies from buying": such a verb states a ban only with the
            // dealing it stops.
            if dealing.is_none() && rule.requires_after.iter().any(|w| w == "from") {
                return Vec::new();
            }
            if let Some((after, sells_to)) = dealing {
                let aimed: Vec<&Mention> = mentions
                    .iter()
                    .filter(|m| m.start >= trigger.end + after && m.end <= high && !m.is_place)
                    .filter(|m| target_fits(m))
                    .collect();
                let joined = aimed.iter().enumerate().take_while(|&(i, m)| {
                    i == 0 || roles::joins(&text[aimed[i - 1].end..m.start], m)
                });
                let aimed: Vec<Actor> = joined.map(|(_, m)| m.actor.clone()).collect();
                if !aimed.is_empty() {
                    targets = aimed;
                    if sells_to {
                        event_type = EventType::Sanction;
                    }
                    roles
                        .reason
                        .push_str("; target: what the barred party may not buy, use or sell to");
                }
            }
        }
        // "DJI sued the ministry, arguing that its listing was unlawful": the plaintiff's claim
        // is against the defendant (SCHEMA rule 12) when the claim names no one else.
        if event_type == EventType::Accusation
            && targets.is_empty()
            && roles.reason.starts_with("participle")
            && let Some(defendant) = memory
                .accusations
                .iter()
                .find(|a| a.sentence == sentence.start && a.event_type == EventType::Lawsuit)
                .and_then(|a| {
                    mentions
                        .iter()
                        .find(|m| m.actor.id == a.accused || m.as_agent().id == a.accused)
                })
        {
            targets = vec![defendant.as_agent().clone()];
            roles
                .reason
                .push_str("; target: the defendant of the lawsuit the sentence brings");
        }
        // "Prosecutors charged Meng with fraud, alleging that she deceived banks": a participle
        // shares the subject of the main clause, whose act this sentence has already given.
        if roles.reason.starts_with("participle")
            && let Some(main) = memory
                .accusations
                .iter()
                .find(|a| a.sentence == sentence.start && a.accuser.is_country())
        {
            // Every agent of that act: "Washington and Canberra have banned X, saying ...".
            agents = distinct_accusers(memory.accusations.iter().filter(|a| {
                a.sentence == sentence.start
                    && a.event_type == main.event_type
                    && a.date == main.date
                    && a.accuser.is_country()
            }));
            roles
                .reason
                .push_str("; agent: the agent of the main clause's act");
        }
        // "Suga said China had sent an inquiry": a reported clause has its own subject.
        if roles.agent_from_clause_subject
            && let Some(agent_end) = roles.agents.iter().map(|&i| mentions[i].end).max()
            && let Some(report) = reporting_verb_end(
                &text[agent_end..trigger.start],
                &self.lexicon.cues.reporting_verbs,
            )
            .map(|at| agent_end + at)
            && let Some(subject) = mentions
                .iter()
                .position(|m| m.start >= report && m.end <= trigger.start && agent_fits(m))
        {
            agents = vec![mentions[subject].as_agent().clone()];
            // The object after the noun stays; one before it must follow the new subject.
            let after: Vec<Actor> = roles
                .targets
                .iter()
                .filter(|&&i| mentions[i].start >= trigger.end)
                .map(|&i| mentions[i].actor.clone())
                .collect();
            targets = if after.is_empty() {
                mentions[subject + 1..]
                    .iter()
                    .rfind(|m| m.end <= trigger.start && target_fits(m))
                    .map(|m| m.actor.clone())
                    .into_iter()
                    .collect()
            } else {
                after
            };
            targets.retain(|t| kind_ok(&rule.target_kinds, t));
            roles
                .reason
                .push_str("; agent: the subject of the reported clause");
        }
        // "Ottawa called the detention of the two men arbitrary": a definite noun names an act
        // the article has already reported, whose agent is not the subject of the clause.
        if roles.agent_from_clause_subject
            && roles::last_words(&text[..trigger.start], 1)
                .first()
                .is_some_and(|w| w == "the")
            && let Some(earlier) = targets
                .iter()
                .find_map(|t| last_state_accuser(memory, t, |a| a.event_type == event_type))
        {
            agents = vec![earlier];
            roles
                .reason
                .push_str("; agent: a definite noun repeats the act named earlier");
        }
        // "called the detention of Chen arbitrary": the accused is whoever did the act that the
        // object names, as reported earlier in the article.
        if event_type == EventType::Accusation
            && let Some(act) = all_triggers.iter().find(|t| {
                t.start >= trigger.end
                    && t.form == WordForm::Noun
                    && self.lexicon.rule(t.rule).event_type.is_state_act()
                    && text[trigger.end..t.start].split_whitespace().count() <= 2
            })
            && let Some(doer) = targets.iter().find_map(|t| {
                let act_type = self.lexicon.rule(act.rule).event_type;
                memory
                    .accusations
                    .iter()
                    .rev()
                    .find(|a| a.accused == t.id && a.event_type == act_type)
                    .map(|a| a.accuser.clone())
            })
        {
            targets = vec![doer];
            roles
                .reason
                .push_str("; target: the agent of the act the object names");
        }
        // "described the provision as arbitrary": an allegation about a measure is against the
        // state that last acted.
        if event_type == EventType::Accusation
            && trigger.form != WordForm::Noun
            && let [det, noun, ..] = roles::first_words(&text[trigger.end..], 2).as_slice()
            && ["the", "this", "that", "its"].contains(&&**det)
            && roles::listed(&self.lexicon.cues.measure_nouns, noun)
            && let Some(state) = memory.last_state.as_ref()
            && !agents.iter().any(|a| a.id == state.id)
        {
            targets = vec![state.clone()];
            roles
                .reason
                .push_str("; target: the state whose measure the object names");
        }
        // "an American extradition warrant", "Chinese sanctions": a demonym right before the
        // noun names the acting state.
        if (agents.is_empty() || roles.agent_from_clause_subject)
            && trigger.form == WordForm::Noun
            && event_type.is_state_act()
            && let Some(state) = self
                .gazetteer
                .find(&text[..trigger.start])
                .into_iter()
                .filter(|m| {
                    self.gazetteer.entry(m.entry).form == NameForm::Demonym
                        && text[m.end..trigger.start].split_whitespace().count() <= 1
                        && !text[m.end..trigger.start].contains(',')
                })
                .max_by_key(|m| m.end)
                .and_then(|m| self.gazetteer.actor(&self.gazetteer.entry(m.entry).id))
                .filter(|a| a.is_country() && !targets.iter().any(|t| t.id == a.id))
        {
            agents = vec![state.clone()];
            roles
                .reason
                .push_str("; agent: the demonym before the noun");
        }
        // "arrested a second man: a Polish citizen named Piotr D.": a colon ending the clause
        // opens an apposition that names the object.
        let clause_high = roles::clause_end(text, trigger.end);
        if targets.is_empty()
            && rule.target_kinds.contains(&ActorKind::Person)
            && text[clause_high..].starts_with(": ")
        {
            let after = clause_high + 2;
            let end = roles::clause_end(text, after);
            targets = mentions
                .iter()
                .find(|m| {
                    m.start >= after
                        && m.end <= end
                        && !m.is_place
                        && kind_ok(&rule.target_kinds, &m.actor)
                })
                .map(|m| vec![m.actor.clone()])
                .unwrap_or_default();
            if !targets.is_empty() {
                roles
                    .reason
                    .push_str("; target: named after the colon that ends the clause");
            }
        }
        // "In a lawsuit Nokia brought in 2014, a jury found that ZTE had copied": the party
        // right after the noun that brings the case is the plaintiff, the next party the defendant.
        if event_type == EventType::Lawsuit
            && trigger.form == WordForm::Noun
            && let Some(plaintiff) = mentions.iter().find(|m| {
                m.start >= trigger.end
                    && text[trigger.end..m.start].split_whitespace().count() <= 1
                    && roles::first_words(&text[m.end..], 1)
                        .first()
                        .is_some_and(|w| roles::listed(&self.lexicon.cues.bring_verbs, w))
                    && agent_fits(m)
            })
        {
            agents = vec![plaintiff.as_agent().clone()];
            if targets.is_empty() || targets.iter().any(|t| t.id == plaintiff.as_agent().id) {
                targets = mentions
                    .iter()
                    .filter(|m| m.start >= plaintiff.end && !m.is_place)
                    .filter(|m| m.actor.id != plaintiff.actor.id && target_fits(m))
                    .map(|m| m.actor.clone())
                    .take(1)
                    .collect();
            }
            roles
                .reason
                .push_str("; agent: the party that brought the case, target: the next party");
        }
        // No target of a kind the type takes where the syntax points: the nearest one before it in
        // the clause that plays no other role ("Meng is awaiting extradition to the U.S.").
        if targets.is_empty() && !rule.target_kinds.is_empty() {
            let low = roles::clause_start(text, trigger.start);
            let taken: Vec<_> = agents.iter().map(|a| a.id.clone()).collect();
            // Only the clause's subject side: an actor after the trigger is no role-less target.
            targets = mentions
                .iter()
                .filter(|m| m.start >= low && m.end <= trigger.start)
                .filter(|m| kind_ok(&rule.target_kinds, &m.actor) && !taken.contains(&m.actor.id))
                .min_by_key(|m| m.start.abs_diff(trigger.start))
                .map(|m| vec![m.actor.clone()])
                .unwrap_or_default();
            if !targets.is_empty() {
                roles
                    .reason
                    .push_str("; target: the nearest actor of the right kind");
            }
        }
        // "The government has not imposed any ban": a bare government subject is the state the
        // article is about, whatever other state did the same act before.
        // Only looked for where it matters: the cue search costs (#6 profile).
        let governed = agents.is_empty()
            && event_type.is_state_act()
            && government_subject(
                &text[roles::clause_start(text, trigger.start)..trigger.start],
                &self.lexicon.cues,
            )
            && mentions
                .iter()
                .all(|m| m.start >= trigger.start || !m.as_agent().is_country());
        // "In Vilnius, the government said ...": a place that opens the sentence says whose
        // government (or officials) the bare subject is.
        if agents.is_empty()
            && (event_type.is_state_act() || event_type == EventType::Accusation)
            && text.starts_with("In ")
            && let Some((place_end, state)) = self
                .gazetteer
                .find(&text[..text.find(',').unwrap_or(0)])
                .into_iter()
                .find(|m| m.start == 3)
                .and_then(|m| {
                    let state = self.gazetteer.actor(&self.gazetteer.entry(m.entry).id)?;
                    Some((m.end, state.clone()))
                })
            && state.is_country()
            && text[place_end..].starts_with(',')
            && place_end < trigger.start
            && government_subject(&text[place_end..trigger.start], &self.lexicon.cues)
            && !targets.iter().any(|t| t.id == state.id)
        {
            agents.push(state);
            roles
                .reason
                .push_str("; agent: the government of the place that opens the sentence");
        }
        // "Senior officials, who briefed reporters, said ZTE had lied": officials with no state
        // named speak for the state the article is about.
        if agents.is_empty()
            && event_type == EventType::Accusation
            && trigger.form != WordForm::Noun
            && government_subject(&text[..trigger.start], &self.lexicon.cues)
            && !any_phrase(
                &text[..trigger.start],
                &self.lexicon.cues.own_voice_subjects,
            )
            && !placed_officials(&text[..trigger.start])
            && mentions
                .iter()
                .all(|m| m.start >= trigger.start || !m.as_agent().is_country())
            && let Some(state) = memory.acting_state()
            && !targets.iter().any(|t| t.id == state.id)
        {
            agents.push(state.clone());
            roles
                .reason
                .push_str("; agent: a bare government subject is the state that has acted most");
        }
        // A state act with no agent in its clause: the agent of the same act on the same target
        // earlier in the article ("Meng's arrest"), else the state the sentence names.
        let mut repeated_date = None;
        if agents.is_empty()
            && !governed
            && event_type.is_state_act()
            && let Some(earlier) = targets.iter().find_map(|t| {
                last_state_act(memory, t, |a| {
                    a.event_type == event_type
                        // "she faces fraud charges": the state that accused her, or that seeks
                        // her extradition to face them
                        || event_type == EventType::Charge
                            && matches!(
                                a.event_type,
                                EventType::Accusation | EventType::Extradition
                            )
                })
            })
        {
            agents.push(earlier.accuser.clone());
            roles
                .reason
                .push_str("; agent: the same act on the same target named earlier");
            // "the ban would drive up costs": a definite noun is that act, on its day.
            let definite = trigger.form == WordForm::Noun
                && roles::last_words(&text[..trigger.start], 1)
                    .first()
                    .is_some_and(|w| w == "the");
            if definite && earlier.event_type == event_type {
                repeated_date = earlier.date;
            }
        }
        if agents.is_empty() && event_type.is_state_act() {
            let target_ids: Vec<_> = targets.iter().map(|t| t.id.clone()).collect();
            // "business in Iran" is a place, not an actor, except where a place names the
            // arresting state.
            let nearest = mentions
                .iter()
                .filter(|m| m.as_agent().is_country() && !target_ids.contains(&m.as_agent().id))
                .filter(|m| !m.is_place || event_type == EventType::Arrest)
                .filter(|m| Some(m.start) != roles.requester.map(|r| mentions[r].start))
                .min_by_key(|m| m.start.abs_diff(trigger.start));
            // "Prosecutors charged ...", "the government examined ...": the state the article
            // last named as an agent, before any country the rest of the sentence names.
            if let Some(state) = memory.acting_state()
                && governed
                && !target_ids.contains(&state.id)
            {
                agents.push(state.clone());
                roles.reason.push_str(
                    "; agent: a bare government subject is the state that has acted most",
                );
            } else if let Some(m) = nearest {
                agents.push(m.as_agent().clone());
                roles
                    .reason
                    .push_str("; agent: the state the sentence names");
            }
            // "Huawei's gear is also being curbed": an agentless passive continues the acts of
            // the state the article last named as acting.
            else if roles.passive
                && let Some(state) = memory.acting_state()
                && !target_ids.contains(&state.id)
            {
                agents.push(state.clone());
                roles
                    .reason
                    .push_str("; agent: an agentless passive is the state that has acted most");
            }
        }
        // An extradition is the requesting state's: failing a "to X", the state that charged or
        // accused the person earlier in the article.
        if event_type == EventType::Extradition
            && let Some(charger) = targets.first().and_then(|person| {
                last_state_accuser(memory, person, |a| {
                    matches!(a.event_type, EventType::Charge | EventType::Accusation)
                })
            })
        {
            agents = vec![charger];
            roles
                .reason
                .push_str("; agent: the state that charged the person");
        }
        // An extradition goes "to" the requesting state.
        if event_type == EventType::Extradition
            && let Some(to) = mentions.iter().find(|m| {
                m.start > trigger.end
                    && m.actor.is_country()
                    && text[trigger.end..m.start].trim_end().ends_with(" to")
                    && text[trigger.end..m.start].split_whitespace().count() <= 3
            })
        {
            agents = vec![to.actor.clone()];
            roles.reason.push_str("; agent: the state it goes to");
        }
        // "the U.S. has asked Canada to extradite her": the state asked is not the one requesting;
        // that is the subject of the request, else the state that charged the person.
        if event_type == EventType::Extradition
            && let Some(asked) = mentions.iter().find(|m| {
                m.end <= trigger.start
                    && m.actor.is_country()
                    && text[m.end..trigger.start].trim().eq_ignore_ascii_case("to")
                    && asks_before(&text[..m.start], &self.lexicon.cues)
            })
        {
            let requester = mentions
                .iter()
                .filter(|m| m.end <= asked.start && m.as_agent().is_country())
                .filter(|m| m.as_agent().id != asked.actor.id)
                .map(|m| m.as_agent().clone())
                .next_back()
                .or_else(|| {
                    targets.first().and_then(|person| {
                        last_state_accuser(memory, person, |a| a.accuser.id != asked.actor.id)
                    })
                })
                .or_else(|| memory.last_state.clone().filter(|s| s.id != asked.actor.id));
            agents = requester.into_iter().collect();
            roles
                .reason
                .push_str("; agent: the state that asked another to extradite");
        }
        // A denial answers the last accusation against the denier, and every accuser named in
        // the same sentence as it ("Washington and Canberra ... which the company denies").
        // "an arm of Chinese intelligence, which the company denies": the antecedent is the claim
        // denied, and an actor inside it is no accuser.
        // "rejects that argument, saying it never spied for China": an actor past a comma
        // lies in the denier's own account, not among the accusers.
        let far_object = roles.targets.first().is_some_and(|&i| {
            mentions[i].start >= trigger.end && text[trigger.end..mentions[i].start].contains(',')
        });
        // A statement that negates the wrongdoing ("says it has never spied for China")
        // answers the accuser named before, not an actor inside the statement.
        let statement = !rule.requires_after.is_empty();
        if event_type == EventType::Denial
            && (roles.target_is_antecedent || far_object || statement)
        {
            targets.clear();
        }
        if event_type == EventType::Denial
            && (targets.is_empty() || targets.iter().all(|t| agents.iter().any(|a| a.id == t.id)))
        {
            // "Washington accuses Huawei of spying, a charge China rejects": a denial answers the
            // accusation the same sentence states before it, whoever it was made against.
            let same_sentence = distinct_accusers(memory.accusations.iter().filter(|a| {
                a.sentence == sentence.start
                    && a.event_type == EventType::Accusation
                    && !agents.iter().any(|x| x.id == a.accuser.id)
            }));
            if same_sentence.is_empty() {
                // The denier as named, too: "Ana Ruiz rejected the accusations" answers those
                // against her, though she speaks for her state.
                let deniers: Vec<ActorId> = agents
                    .iter()
                    .map(|a| a.id.clone())
                    .chain(roles.agents.iter().map(|&i| mentions[i].actor.id.clone()))
                    .collect();
                targets = deniers
                    .iter()
                    .find_map(|denier| {
                        // A denial answers an allegation, not a risk finding.
                        let last = memory.accusations.iter().rev().find(|a| {
                            &a.accused == denier && a.event_type != EventType::RiskAssessment
                        })?;
                        Some(distinct_accusers(memory.accusations.iter().filter(|a| {
                            &a.accused == denier && a.sentence == last.sentence
                        })))
                    })
                    .unwrap_or_default();
                roles.reason.push_str("; target: the accuser named earlier");
                // "Moscow rejected the accusations" when no accuser was named: the state the
                // article is about made them.
                if targets.is_empty()
                    && let Some(state) = memory.acting_state()
                    && !agents.iter().any(|a| a.id == state.id)
                {
                    targets = vec![state.clone()];
                    roles
                        .reason
                        .push_str(" (none named: the state the article is about)");
                }
            } else {
                targets = same_sentence;
                roles
                    .reason
                    .push_str("; target: the accuser in the same sentence");
            }
        }
        if event_type.is_state_act() && targets.is_empty() {
            return Vec::new();
        }
        let clause_low = roles::clause_start(text, trigger.start);
        // Wanting someone extradited is what the requesting state does: no advocacy there.
        if event_type.is_state_act()
            && event_type != EventType::Extradition
            && status::is_advocacy(&text[clause_low..trigger.start], &self.lexicon)
        {
            return Vec::new();
        }
        // "Officials, who asked not to be named, said ...": a closed relative clause is no part of
        // the modality of the verb after it.
        let status_text = roles::without_relative_clauses(&text[clause_low..trigger.start]);
        let (mut status, mut cue) = status::resolve_status(&status_text, &self.lexicon);
        // "warned that excluding the firm would hurt trade": a gerund opening a clause names an
        // act that is weighed, not one that happened.
        if trigger.form == WordForm::VerbIng
            && status == EventStatus::Actual
            && roles::last_words(&text[..trigger.start], 1)
                .first()
                .is_some_and(|w| w == "that")
        {
            status = EventStatus::Considered;
            cue = Some("that + gerund".into());
        }
        let (date, date_reason) = pick_date(
            text,
            event_type,
            trigger,
            parts,
            status,
            article,
            &self.lexicon.cues,
        );
        let (date, date_reason) = match repeated_date {
            Some(earlier) if date_reason == NO_TIME_PHRASE => (
                Some(earlier),
                format!("no time phrase: the definite noun repeats the act of {earlier}"),
            ),
            _ => (date, date_reason),
        };
        let requester = roles.requester.map(|i| mentions[i].as_agent().clone());
        let evidence = Evidence::from_bytes(&article.text, sentence.start, sentence.end);
        let trigger_text = text[trigger.start..trigger.end].to_string();
        let status_reason = cue.map_or_else(String::new, |c| format!("; status cue \"{c}\""));
        let mut out = Vec::new();
        for (agent, target, event_type) in agents
            .iter()
            .flat_map(|a| targets.iter().map(move |t| (a, t)))
            .flat_map(|(a, t)| {
                std::iter::once(event_type)
                    .chain(rule.also.iter().copied())
                    .map(move |ty| (a, t, ty))
            })
        {
            {
                if agent.id == target.id {
                    continue;
                }
                out.push(Event {
                    article: article.source.clone(),
                    event_type,
                    agent: agent.clone(),
                    target: target.clone(),
                    requester: requester.clone(),
                    date,
                    status,
                    evidence: evidence.clone(),
                    trigger: trigger_text.clone(),
                    rule: format!(
                        "{:?} trigger: {}{status_reason}",
                        trigger.form, roles.reason
                    ),
                    date_reason: date_reason.clone(),
                });
            }
        }
        out
    }

    /// "Japan and Germany are considering such moves": the last event's type and target, for the
    /// agents named before the phrase.
    fn anaphoric_events<'e>(
        &self,
        article: &Article,
        sentence: Sentence,
        lower: &str,
        mentions: &[Mention],
        phrases: &[TimePhrase],
        earlier: impl DoubleEndedIterator<Item = &'e Event> + Clone,
    ) -> Vec<Event> {
        let text = &article.text[sentence.start..sentence.end];
        // "such moves" points back to a measure taken, not to a statement or to one that was
        // not taken ("neither had been charged").
        let Some(previous) = earlier.clone().rev().find(|e| {
            e.event_type.is_state_act()
                && e.event_type != EventType::RiskAssessment
                && e.status != EventStatus::Negated
        }) else {
            return Vec::new();
        };
        if !self.lexicon.has_anaphora(lower) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for phrase in self.lexicon.anaphora() {
            let Some(at) = scan::find(lower, phrase) else {
                continue;
            };
            let low = roles::clause_start(text, at);
            // "similar steps to keep Huawei out": a phrase that names its own target does not
            // simply repeat the last measure.
            let high = roles::clause_end(text, at + phrase.len());
            if mentions
                .iter()
                .any(|m| m.start >= at + phrase.len() && m.end <= high)
            {
                break;
            }
            let (status, cue) = status::resolve_status(&text[low..at], &self.lexicon);
            let phrase_as_trigger = TriggerMatch {
                start: at,
                end: at + phrase.len(),
                rule: 0,
                form: WordForm::Verb,
            };
            let (date, date_reason) = pick_date(
                text,
                previous.event_type,
                &phrase_as_trigger,
                SentenceParts {
                    triggers: &[],
                    phrases,
                },
                status,
                article,
                &self.lexicon.cues,
            );
            for m in mentions
                .iter()
                .filter(|m| m.end <= at && m.start >= low && m.as_agent().is_country())
            {
                let agent = m.as_agent().clone();
                if agent.id == previous.target.id
                    || earlier.clone().any(|e| {
                        e.agent.id == agent.id
                            && e.event_type == previous.event_type
                            && e.target.id == previous.target.id
                    })
                {
                    continue;
                }
                out.push(Event {
                    article: article.source.clone(),
                    event_type: previous.event_type,
                    agent,
                    target: previous.target.clone(),
                    requester: None,
                    date,
                    status,
                    evidence: Evidence::from_bytes(&article.text, sentence.start, sentence.end),
                    trigger: text[at..at + phrase.len()].to_string(),
                    rule: format!(
                        "anaphora \"{phrase}\" repeats the previous {} of {}{}",
                        previous.event_type,
                        previous.target.label,
                        cue.as_ref()
                            .map_or_else(String::new, |c| format!("; status cue \"{c}\""))
                    ),
                    date_reason: date_reason.clone(),
                });
            }
            break;
        }
        out
    }
}

/// True when the clause before a trigger has a bare government subject ("the government",
/// "ministers", "prosecutors"), as `cues.toml` lists them.
fn government_subject(before: &str, cues: &lexicon::ActorCues) -> bool {
    any_phrase(before, &cues.government_subjects)
}

/// Where the last reporting verb ("said", "told") of `text` ends, if it has one.
fn reporting_verb_end(text: &str, verbs: &[String]) -> Option<usize> {
    let mut found = None;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        at += word.len();
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if verbs.iter().any(|v| v.eq_ignore_ascii_case(bare)) {
            found = Some(at);
        }
    }
    found
}

/// The word `text` opens with (letters, digits and hyphens), without a copy.
fn first_word(text: &str) -> &str {
    &text[..text
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(text.len())]
}

/// Words after which a past participle right before a noun is an adjective ("the banned app",
/// "of restricted chips").
const ATTRIBUTIVE_BEFORE: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "of", "with", "on", "for", "to", "from", "in",
];

/// "Officials in Micronesia", "officials from Palau": a capitalised place after "in", "from"
/// or "of" says whose officials they are, even where the gazetteer does not know the name.
fn placed_officials(before: &str) -> bool {
    before
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| ["in", "from", "of"].contains(&w[0]) && w[1].starts_with(char::is_uppercase))
}

/// True when one of the lower-case `phrases` occurs in `text` on word boundaries.
fn any_phrase(text: &str, phrases: &[String]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|g| {
        scan::occurrences(&lower, g).any(|i| gazetteer::on_word_boundaries(&lower, i, i + g.len()))
    })
}

/// Accusations, and the acts that carry one (charges, sanctions, bans...), name whom a later
/// denial answers.
fn remember_accusers(memory: &mut Memory, events: &[Event], sentence_start: usize) {
    for event in events {
        if event.agent.is_country() && event.event_type.is_state_act() {
            memory.record_state_act(&event.agent);
        }
        if event.event_type != EventType::Denial && event.status == EventStatus::Actual {
            memory.accusations.push(mention::Accusation {
                accused: event.target.id.clone(),
                accuser: event.agent.clone(),
                sentence: sentence_start,
                event_type: event.event_type,
                date: event.date,
            });
        }
    }
}

/// The date reason of an actual event that no time phrase places: "before publication".
const NO_TIME_PHRASE: &str = "no time phrase: before publication";

/// The event's date: the nearest time phrase in the trigger's clause; else "before publication"
/// for a reported fact and no date for a planned, considered or negated one (SCHEMA rules 9, 15).
fn pick_date(
    text: &str,
    event_type: EventType,
    trigger: &TriggerMatch,
    parts: SentenceParts<'_>,
    status: EventStatus,
    article: &Article,
    cues: &lexicon::ActorCues,
) -> (Option<EventDate>, String) {
    let low = roles::clause_start(text, trigger.start);
    let high = roles::clause_end(text, trigger.end);
    let (all_triggers, phrases) = (parts.triggers, parts.phrases);
    let speech_act = matches!(event_type, EventType::Accusation | EventType::Denial);
    // A time phrase dates the trigger nearest to it: "In January, the department charged Huawei
    // with violating U.S. sanctions on Iran" dates the charge, not the sanctions (rule 5).
    let unclaimed = |p: &TimePhrase| {
        !all_triggers.iter().any(|t| {
            t.start != trigger.start
                && (p.end <= t.start && t.end <= trigger.start
                    || trigger.end <= t.start && t.end <= p.start)
        })
    };
    let nearest = phrases
        .iter()
        .filter(|p| p.start >= low && p.end <= high)
        .filter(|p| unclaimed(p))
        .filter(|p| {
            // "has not banned Huawei, the minister said on Monday": the time of the saying, which
            // dates only events that are sayings themselves.
            speech_act || !follows_reporting_verb(&text[..p.start], cues)
        })
        .filter(|p| {
            // "must remove the gear by 2027", "from 2007 to 2017", "after 31 December": a deadline,
            // a start of effect or a span of conduct, not the date of an adopted measure.
            status != EventStatus::Actual || !is_bound(&text[..p.start], &p.text)
        })
        .min_by_key(|p| {
            if p.start >= trigger.end {
                p.start - trigger.end
            } else {
                trigger.start.saturating_sub(p.end)
            }
        });
    // "a process that began in November, when the commission voted": the time before a "when"
    // clause dates it.
    let nearest = nearest.or_else(|| {
        let head = text[..low].trim_end();
        let head = head
            .strip_suffix("when")
            .unwrap_or(head)
            .trim_end()
            .trim_end_matches(',');
        (head.len() < low)
            .then(|| phrases.iter().find(|p| p.end == head.len()))
            .flatten()
    });
    // "officials on Tuesday cleared a dozen firms, but Huawei has been left out": a coordinated
    // clause with no time of its own shares the news day the other clause gives.
    let nearest = nearest.or_else(|| {
        (status == EventStatus::Actual)
            .then(|| {
                phrases
                    .iter()
                    .filter(|p| !follows_reporting_verb(&text[..p.start], cues) && unclaimed(p))
                    .filter(|p| {
                        let (a, b) = if p.end <= trigger.start {
                            (p.end, trigger.start)
                        } else {
                            (trigger.end, p.start)
                        };
                        let between = &text[a..b.max(a)];
                        scan::contains(between, " but ") || scan::contains(between, ", and ")
                    })
                    .find(|p| match p.date {
                        EventDate::Day(day) => {
                            day <= article.published
                                && article.published - day <= chrono::Duration::days(7)
                        }
                        _ => false,
                    })
            })
            .flatten()
    });
    if let Some(phrase) = nearest {
        let date = match (status, phrase.date) {
            (EventStatus::Actual, d) if d.earliest().is_some_and(|e| e > article.published) => {
                return (
                    Some(EventDate::Before(article.published)),
                    format!(
                        "\"{}\" lies after publication; reported as done before it",
                        phrase.text
                    ),
                );
            }
            (_, d) => d,
        };
        return (
            Some(date),
            format!("\"{}\" resolved against {}", phrase.text, article.published),
        );
    }
    match status {
        EventStatus::Actual => (
            Some(EventDate::Before(article.published)),
            NO_TIME_PHRASE.into(),
        ),
        _ => (None, format!("{status} with no time phrase: no date")),
    }
}

/// The state that last accused or acted against `person`, among the remembered acts `accept`
/// takes.
fn last_state_accuser(
    memory: &Memory,
    person: &Actor,
    accept: impl Fn(&mention::Accusation) -> bool,
) -> Option<Actor> {
    last_state_act(memory, person, accept).map(|a| a.accuser.clone())
}

/// The last remembered act by a state against `person` that `accept` takes.
fn last_state_act<'m>(
    memory: &'m Memory,
    person: &Actor,
    accept: impl Fn(&mention::Accusation) -> bool,
) -> Option<&'m mention::Accusation> {
    memory
        .accusations
        .iter()
        .rev()
        .find(|a| a.accused == person.id && a.accuser.is_country() && accept(a))
}

/// The accusers of `accusations`, each once, in order.
fn distinct_accusers<'a>(accusations: impl Iterator<Item = &'a mention::Accusation>) -> Vec<Actor> {
    let mut all: Vec<Actor> = Vec::new();
    for accusation in accusations {
        if !all.iter().any(|x| x.id == accusation.accuser.id) {
            all.push(accusation.accuser.clone());
        }
    }
    all
}

/// True when the text before an actor ends with a verb that asks another to act ("asked",
/// "urged", "called on"), as `cues.toml` lists them.
fn asks_before(before: &str, cues: &lexicon::ActorCues) -> bool {
    let lower = before.trim_end().to_lowercase();
    cues.request_verbs.iter().any(|verb| {
        lower
            .strip_suffix(verb.to_lowercase().as_str())
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
    })
}

/// True when `before`, the text up to a passive verb, ends in a coordinated predicate with no
/// subject of its own: "..., and were later", "and was then".
fn elided_subject(before: &str) -> bool {
    let words = roles::last_words(before, 4);
    let Some(aux) = words.iter().position(|w| ["was", "were"].contains(&&**w)) else {
        return false;
    };
    // Between the auxiliary and the verb at most one adverb ("later", "also").
    aux <= 1 && words.get(aux + 1).is_some_and(|w| w == "and") && !before.trim_end().ends_with(',')
}

/// " from buying", " from selling to" (a gerund of `cues.dealing_gerunds`) within ten words at
/// the start of `rest`: the offset just after the gerund, and whether it sells or exports to the
/// actor after it.
fn from_gerund(rest: &str, cues: &lexicon::ActorCues) -> Option<(usize, bool)> {
    let at = scan::find(rest, " from ")?;
    if rest[..at].split_whitespace().count() > 10 {
        return None;
    }
    let tail = &rest[at + " from ".len()..];
    let gerund = tail.split_whitespace().next()?;
    if !cues.dealing_gerunds.iter().any(|g| g == gerund) {
        return None;
    }
    let end = at + " from ".len() + gerund.len();
    // "from selling to ZTE", "from selling technology to it".
    let sells_to = ["selling", "exporting", "shipping", "supplying"].contains(&gerund)
        && rest[end..].split_whitespace().take(4).any(|w| w == "to");
    Some((end, sells_to))
}

/// True when a time phrase is a bound, not a date: the word before it (`before` is the text up
/// to the phrase) or its own first word is "by", "until", "through", "from" or "after", in any
/// case. Compared in place: this runs for every phrase of every event (#6 profile).
fn is_bound(before: &str, phrase: &str) -> bool {
    const BOUNDS: [&str; 5] = ["by", "until", "through", "from", "after"];
    let before = before.trim_end();
    let phrase = phrase.as_bytes();
    BOUNDS.iter().any(|w| {
        let starts_phrase = phrase.len() > w.len()
            && phrase[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && phrase[w.len()] == b' ';
        scan::ends_with_word(before, w) || starts_phrase
    })
}

/// True when the text before a time phrase ends with a reporting verb ("officials said"), as
/// `cues.toml` lists them.
fn follows_reporting_verb(before: &str, cues: &lexicon::ActorCues) -> bool {
    roles::last_words(before, 3)
        .iter()
        .any(|w| roles::listed(&cues.reporting_verbs, w))
}

/// True when a word of `cues.distinct_occasion` stands within four words of the trigger, in its
/// clause: "a second indictment", "sanctioned the firm again".
fn is_distinct_occasion(text: &str, trigger: &TriggerMatch, cues: &lexicon::ActorCues) -> bool {
    let low = roles::clause_start(text, trigger.start);
    let high = roles::clause_end(text, trigger.end);
    let near = |w: &str| {
        scan::holds_lowered(
            &cues.distinct_occasion,
            w.trim_matches(|c: char| !c.is_alphanumeric()),
        )
    };
    text[low..trigger.start]
        .split_whitespace()
        .rev()
        .take(4)
        .any(near)
        || text[trigger.end..high].split_whitespace().take(4).any(near)
}

/// Keeps one event per (type, agent, target, status), with the most precise date among compatible
/// ones. An event marked as a distinct occasion is not merged into one from an earlier sentence.
fn merge_duplicates(events: Vec<(Event, bool)>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for (event, distinct) in events {
        let same = out.iter_mut().find(|kept| {
            kept.event_type == event.event_type
                && kept.agent.id == event.agent.id
                && kept.target.id == event.target.id
                && kept.status == event.status
                && dates_compatible(kept.date, event.date)
                && !(distinct && kept.evidence.start != event.evidence.start)
        });
        match same {
            Some(kept) => {
                if precision_rank(event.date) > precision_rank(kept.date) {
                    kept.date = event.date;
                    kept.date_reason = event.date_reason;
                }
            }
            None => out.push(event),
        }
    }
    out
}

fn precision_rank(date: Option<EventDate>) -> u8 {
    match date {
        None => 0,
        Some(EventDate::Before(_)) => 1,
        Some(EventDate::Year(_)) => 2,
        Some(EventDate::Month { .. }) => 3,
        Some(EventDate::Day(_)) => 4,
    }
}

/// True when both dates may denote the same time.
pub fn dates_compatible(a: Option<EventDate>, b: Option<EventDate>) -> bool {
    match (a, b) {
        (None, _) | (_, None) => true,
        (Some(EventDate::Before(x)), Some(other)) | (Some(other), Some(EventDate::Before(x))) => {
            other.earliest().is_none_or(|e| e < x)
        }
        (Some(x), Some(y)) => match (x.earliest(), x.latest(), y.earliest(), y.latest()) {
            (Some(a0), Some(a1), Some(b0), Some(b1)) => a0 <= b1 && b0 <= a1,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ReadOptions, parse_article};

    #[test]
    fn a_full_month_that_ends_a_sentence_splits_it_whatever_the_space_after() {
        for (segment, want) in [
            (
                "Peru acted in May. Chile waited.",
                vec!["Peru acted in May. ", "Chile waited."],
            ),
            (
                "Peru acted in May.\u{a0}\n Chile waited. ",
                vec!["Peru acted in May.\u{a0}\n ", "Chile waited. "],
            ),
            (
                "Peru acted in May. 5 firms",
                vec!["Peru acted in May. 5 firms"],
            ),
            ("Peru acted on Jan. Chile", vec!["Peru acted on Jan. Chile"]),
            ("Peru acted in May.", vec!["Peru acted in May."]),
            ("No stop at all", vec!["No stop at all"]),
        ] {
            assert_eq!(split_after_full_month(segment), want, "{segment:?}");
        }
    }

    #[test]
    fn a_bound_is_the_word_before_the_phrase_or_its_first_word_in_any_case() {
        for (before, phrase, want) in [
            ("must remove the gear by ", "2027", true),
            ("must remove the gear BY\u{a0}", "2027", true),
            ("By", "2027", true),
            ("from 2007 to 2017, ", "From 2007", true),
            ("the firm was listed ", "after 31 December", true),
            ("it acted ", "until March", true),
            ("it was banned in ", "2019", false),
            ("standby ", "2019", false),
            ("the firm was listed ", "afterwards", false),
            ("the firm was listed ", "by", false),
            ("", "last year", false),
        ] {
            assert_eq!(is_bound(before, phrase), want, "{before:?} {phrase:?}");
        }
    }

    /// The events of a one-paragraph article published on `published`, as
    /// "type agent target date status" lines.
    fn events_of(body: &str, published: &str) -> Vec<String> {
        let text = format!("Test Wire\n\nA headline\n\n{published}\n\n{body}\n");
        let article =
            parse_article("test.txt", text, &ReadOptions::default()).expect("test article parses");
        Extractor::bundled()
            .expect("bundled data parse")
            .extract(&article)
            .iter()
            .map(|e| {
                let date = e.date.map_or_else(|| "null".into(), |d| d.to_string());
                format!(
                    "{} {} {} {date} {}",
                    e.event_type, e.agent.id, e.target.id, e.status
                )
            })
            .collect()
    }

    #[test]
    fn phrasings_give_their_events() {
        for (body, want) in [
            (
                "Peru and Chile have banned Hikvision cameras from public buildings.",
                vec![
                    "ban PER hikvision <2021-06-10 actual",
                    "ban CHL hikvision <2021-06-10 actual",
                ],
            ),
            (
                "Hikvision was banned by Ecuador last month.",
                vec!["ban ECU hikvision 2021-05 actual"],
            ),
            (
                "Ecuador's ban on Hikvision took effect in March.",
                vec!["ban ECU hikvision 2021-03 actual"],
            ),
            (
                "Kenya is weighing a ban on TikTok.",
                vec!["ban KEN tiktok null considered"],
            ),
            ("Peru has not banned ZTE.", vec!["ban PER zte null negated"]),
            (
                "Washington has been lobbying its allies to keep ZTE out of their networks.",
                vec![],
            ),
            ("The ministry lifted the ban on ZTE, Peru said.", vec![]),
            (
                "ZTE and Hikvision were declared national security threats by the FCC on Tuesday.",
                vec![
                    "sanction USA zte 2021-06-08 actual",
                    "risk_assessment USA zte 2021-06-08 actual",
                    "sanction USA hikvision 2021-06-08 actual",
                    "risk_assessment USA hikvision 2021-06-08 actual",
                ],
            ),
            (
                "In January, the Justice Department charged ZTE with violating U.S. sanctions on Iran.",
                vec![
                    "charge USA zte 2021-01 actual",
                    "sanction USA IRN <2021-06-10 actual",
                ],
            ),
            (
                "Peru and Chile, which have taken similar steps, have warned that ZTE gear could be used for espionage.",
                vec![
                    "accusation PER zte <2021-06-10 actual",
                    "accusation CHL zte <2021-06-10 actual",
                ],
            ),
            (
                "Canada arrested Chen Hao, a ZTE engineer, in May. American prosecutors accuse him of fraud.",
                vec![
                    "arrest CAN chen-hao 2021-05 actual",
                    "accusation USA chen-hao <2021-06-10 actual",
                ],
            ),
            (
                "Peru sanctioned ZTE in March. Prosecutors charged ZTE with fraud over its business in Iran.",
                vec![
                    "sanction PER zte 2021-03 actual",
                    "charge PER zte <2021-06-10 actual",
                ],
            ),
            (
                "Chen Hao, a sales manager at ZTE, was detained in Peru at the request of the United States.",
                vec!["arrest PER chen-hao <2021-06-10 actual"],
            ),
        ] {
            assert_eq!(events_of(body, "10 June 2021"), want, "{body}");
        }
    }

    #[test]
    fn clause_structure_and_references_fill_the_roles() {
        for (body, want) in [
            // The antecedent of "which" is the claim denied, not the accuser.
            (
                "Peru has banned ZTE over fears of Chinese espionage, which the company denies.",
                vec![
                    "ban PER zte <2021-06-10 actual",
                    "denial zte PER <2021-06-10 actual",
                ],
            ),
            // Coordinated people, each with the role that introduces them or an apposition.
            (
                "Bolivia detained two Peruvians, engineer Ana Ruiz and businessman Luis Vega, in May.",
                vec![
                    "arrest BOL ana-ruiz 2021-05 actual",
                    "arrest BOL luis-vega 2021-05 actual",
                ],
            ),
            (
                "Ana Ruiz, a sales manager, and Luis Vega, an engineer, were detained in Bolivia in May.",
                vec![
                    "arrest BOL ana-ruiz 2021-05 actual",
                    "arrest BOL luis-vega 2021-05 actual",
                ],
            ),
            // "both men" stands for the people last named together.
            (
                "Bolivia detained engineer Ana Ruiz and businessman Luis Vega in May. Prosecutors have charged both men with fraud.",
                vec![
                    "arrest BOL ana-ruiz 2021-05 actual",
                    "arrest BOL luis-vega 2021-05 actual",
                    "charge BOL ana-ruiz <2021-06-10 actual",
                    "charge BOL luis-vega <2021-06-10 actual",
                ],
            ),
            // "The two countries" counts no people.
            (
                "Bolivia detained engineer Ana Ruiz and businessman Luis Vega in May. The two countries disagree.",
                vec![
                    "arrest BOL ana-ruiz 2021-05 actual",
                    "arrest BOL luis-vega 2021-05 actual",
                ],
            ),
            // Calling an act arbitrary accuses whoever did it; the definite noun repeats it.
            (
                "Bolivia detained engineer Ana Ruiz and businessman Luis Vega in May. Peru called the detention of the two men arbitrary.",
                vec![
                    "arrest BOL ana-ruiz 2021-05 actual",
                    "arrest BOL luis-vega 2021-05 actual",
                    "accusation PER BOL <2021-06-10 actual",
                ],
            ),
            // A subject "it" is the state that opened the previous sentence.
            (
                "Peru has long pressed its neighbours to avoid ZTE gear. In March it indicted the company over bribery.",
                vec!["charge PER zte 2021-03 actual"],
            ),
            // The indictment is the subject of "accuses": a charge, not a separate accusation.
            (
                "Peru's indictment accuses ZTE of bribery.",
                vec!["charge PER zte <2021-06-10 actual"],
            ),
            // "she" is the person named last before it in the sentence.
            (
                "Ren Tao founded ZTE. Li Na, a ZTE manager, was detained in Peru, where she faces extradition to Chile.",
                vec![
                    "arrest PER li-na <2021-06-10 actual",
                    "extradition CHL li-na <2021-06-10 actual",
                ],
            ),
            // Wanting another government to act is no act of one's own.
            (
                "Washington wanted Chile to shut ZTE out of its networks.",
                vec![],
            ),
            // Imputing a bad motive accuses; a colon ends the clause.
            (
                "ZTE argues that Peru's real motive is protectionism: no local firm can compete.",
                vec!["accusation zte PER <2021-06-10 actual"],
            ),
            // An agentless passive continues the state last named as acting; the owner of the
            // subject is the target.
            (
                "Peru banned ZTE in May. ZTE's cameras are also being restricted.",
                vec![
                    "ban PER zte 2021-05 actual",
                    "restriction PER zte <2021-06-10 actual",
                ],
            ),
            // A demonym before the noun names the acting state, over the clause's subject.
            (
                "Peruvian police arrested engineer Li Na in May on a Chilean extradition warrant.",
                vec![
                    "arrest PER li-na 2021-05 actual",
                    "extradition CHL li-na 2021-05 actual",
                ],
            ),
            // A denial answers the accuser, not an actor in the denier's own account.
            (
                "Peru accused ZTE of spying in May. ZTE rejects that argument, saying it has never been asked to spy for China.",
                vec![
                    "accusation PER zte 2021-05 actual",
                    "denial zte PER <2021-06-10 actual",
                ],
            ),
            // A gerund after "that" is an act weighed, not done.
            (
                "Peru's ministers warned that banning ZTE would delay the rollout.",
                vec!["ban PER zte null considered"],
            ),
            // A denial answers the accusation of its own sentence, and the charge denied is no
            // indictment.
            (
                "Peru accuses ZTE of spying for China, a charge Beijing rejects.",
                vec![
                    "accusation PER zte <2021-06-10 actual",
                    "denial CHN PER <2021-06-10 actual",
                ],
            ),
            // The state asked to extradite is not the one requesting.
            (
                "Peru charged Li Wei, a ZTE engineer, with fraud and has asked Chile to extradite her.",
                vec![
                    "charge PER li-wei <2021-06-10 actual",
                    "extradition PER li-wei <2021-06-10 actual",
                ],
            ),
            // A name after a colon is the object; "named" marks a person; an apposition with a
            // state office speaks for the state.
            (
                "Chilean police arrested a second man: a Bolivian citizen named Jorge P., who worked for ZTE.",
                vec!["arrest CHL jorge-p <2021-06-10 actual"],
            ),
            (
                "Ana Ruiz, the spokeswoman for Chile's foreign ministry, said Peru had spied on Chile.",
                vec!["accusation CHL PER <2021-06-10 actual"],
            ),
            // An owner in the possessive is the target only when it owns what a measure hits.
            (
                "Chile banned TikTok in May. The app's troubles are not limited to Chile.",
                vec!["ban CHL tiktok 2021-05 actual"],
            ),
            (
                "Peru banned Huawei in May. ZTE's gear was also restricted.",
                vec![
                    "ban PER huawei 2021-05 actual",
                    "restriction PER zte <2021-06-10 actual",
                ],
            ),
            // "says" may open an accusation or a denial; each rule's own conditions decide.
            (
                "Peru accused ZTE of spying in May. ZTE says it has never engaged in espionage.",
                vec![
                    "accusation PER zte 2021-05 actual",
                    "denial zte PER <2021-06-10 actual",
                ],
            ),
        ] {
            assert_eq!(events_of(body, "10 June 2021"), want, "{body}");
        }
    }

    #[test]
    fn memory_keeps_offices_occasions_and_the_main_actor() {
        for (body, want) in [
            // A group reference to the firms named together: "neither", "both companies",
            // "these companies" inside a quote whose speaker follows it.
            (
                "Dahua and Hikvision sell cameras. Peru's ministry said on Monday that neither has been banned from selling cameras to police.",
                vec![
                    "ban PER dahua null negated",
                    "ban PER hikvision null negated",
                ],
            ),
            (
                "Dahua and Hikvision sell cameras in Peru. \"Each of these companies spies for the army,\" Peru's Minister Ana Ruiz said.",
                vec![
                    "accusation PER dahua <2021-06-10 actual",
                    "accusation PER hikvision <2021-06-10 actual",
                ],
            ),
            // "the two firms" means the pair the article is about, not one named in passing;
            // a numeral must match the group's size.
            (
                "Dahua and Hikvision sell cameras. Dahua dominates. Hikvision too. Movistar, Claro and Entel resell them. Chile's regulator said the two firms had stolen data.",
                vec![
                    "accusation CHL dahua <2021-06-10 actual",
                    "accusation CHL hikvision <2021-06-10 actual",
                ],
            ),
            // A capitalised title between a state body and a name: the person acts for it.
            (
                "Peru's FCC-style board met. Republican Senate Chairman Tom Rigby said ZTE spies. Rigby said Huawei spies too.",
                vec![
                    "accusation tom-rigby zte <2021-06-10 actual",
                    "accusation tom-rigby huawei <2021-06-10 actual",
                ],
            ),
            (
                "The FBI met on Monday. FBI Director Tom Rigby said ZTE spies. Rigby later said Huawei spies too.",
                vec![
                    "accusation USA zte <2021-06-10 actual",
                    "accusation USA huawei <2021-06-10 actual",
                ],
            ),
            // Officials with no state named speak for the state the article is about; the
            // "not" of a relative clause between them and the verb negates nothing.
            (
                "Peru banned ZTE in May. Senior officials, who asked not to be named, said ZTE had lied to regulators.",
                vec![
                    "ban PER zte 2021-05 actual",
                    "accusation PER zte <2021-06-10 actual",
                ],
            ),
            // Lawmakers speak in their own name (SCHEMA rule 1): no state accusation.
            (
                "Peru banned ZTE in May. Lawmakers have branded ZTE a threat to security.",
                vec!["ban PER zte 2021-05 actual"],
            ),
            // A finding of wrongdoing; "the Chinese maker" is the firm the same sentence named.
            (
                "Peru's regulator fined ZTE on Monday, finding that the Chinese maker had lied to inspectors.",
                vec![
                    "sanction PER zte 2021-06-07 actual",
                    "accusation PER zte 2021-06-07 actual",
                ],
            ),
            // "the decision to block X": the decider is not the clause's subject; an owner in
            // the possessive is.
            (
                "Peru banned ZTE in May. Lima says Quito misread the decision to block Claro from using Huawei gear.",
                vec!["ban PER zte 2021-05 actual"],
            ),
            (
                "Chile has criticised Peru's decision to ban Huawei.",
                vec!["ban PER huawei <2021-06-10 actual"],
            ),
            // A reported clause has its own subject: "Lima said Quito had opened an inquiry".
            (
                "Peru's minister said on Monday that Chile had sent an inquiry through diplomatic channels.",
                vec![],
            ),
            (
                "Peru's minister said Chile had opened an investigation into Huawei.",
                vec!["investigation CHL huawei <2021-06-10 actual"],
            ),
            // "the conditions under which a supplier could be kept out" has its own subject.
            (
                "Peru's law spells out the conditions under which a supplier could be kept out.",
                vec![],
            ),
            // A pair named in different sentences, one by a given name and an initial: "both
            // men" are the last two people named who act for no state.
            (
                "Peru detained a man it named only as Jan K. on Monday. Police also arrested a citizen named Ana Ruiz. Lena Soto, the spokeswoman for Peru's police, said the pair spied for Chile. Prosecutors have charged both men with espionage.",
                vec![
                    "arrest PER jan-k 2021-06-07 actual",
                    "arrest PER ana-ruiz 2021-06-07 actual",
                    "accusation PER jan-k <2021-06-10 actual",
                    "accusation PER ana-ruiz <2021-06-10 actual",
                    "charge PER jan-k <2021-06-10 actual",
                    "charge PER ana-ruiz <2021-06-10 actual",
                ],
            ),
            // Premises coordinated with premises name both owners.
            (
                "Peru's police searched Huawei's offices and the Telia office where the suspect worked.",
                vec![
                    "investigation PER huawei <2021-06-10 actual",
                    "investigation PER telia <2021-06-10 actual",
                ],
            ),
            // Conditions a vendor must meet bind it: a restriction with the firm as target.
            (
                "In Lima, the Peruvian government said ZTE would have to meet conditions to keep its place in the country's networks.",
                vec!["restriction PER zte <2021-06-10 actual"],
            ),
            // "similar steps" repeat a measure taken, not one that was not.
            (
                "Peru banned ZTE on Monday. Officials said ZTE had not been charged with any crime. Chile and Bolivia took similar steps last year.",
                vec![
                    "ban PER zte 2021-06-07 actual",
                    "charge PER zte null negated",
                    "ban CHL zte 2020 actual",
                    "ban BOL zte 2020 actual",
                ],
            ),
            // "In Quito, the government said ...": the opening place says whose government.
            (
                "Peru banned ZTE on Monday. In Quito, the government said it would review contracts with Huawei.",
                vec![
                    "ban PER zte 2021-06-07 actual",
                    "investigation ECU huawei null planned",
                ],
            ),
            // A finding that a firm poses a threat is a risk finding, not an accusation.
            (
                "Peru's regulator said on Monday its review had found that ZTE's routers pose a threat to national security.",
                vec![
                    "accusation PER zte 2021-06-07 actual",
                    // "said on Monday" dates the saying; the finding came before.
                    "risk_assessment PER zte <2021-06-10 actual",
                ],
            ),
            // A suspect named after a human noun; "him" for a person named earlier in the
            // same sentence; a participle used as an adjective ("restricted chips") is no act.
            (
                "Bolivian police arrested a Nokia dealer, Jorge Vela, in La Paz on Monday at the request of U.S. authorities, who accuse him of smuggling restricted chips to Iran.",
                vec![
                    "arrest BOL jorge-vela 2021-06-07 actual",
                    "accusation USA jorge-vela 2021-06-07 actual",
                ],
            ),
            // A lawyer speaks for the client: "done nothing wrong" denies the charge.
            (
                "Peru charged businesswoman Ana Ruiz with fraud in May. Ruiz's lawyer said she had done nothing wrong.",
                vec![
                    "charge PER ana-ruiz 2021-05 actual",
                    "denial ana-ruiz PER <2021-06-10 actual",
                ],
            ),
            // Export restrictions on a firm are a sanction (SCHEMA rule 11); "condemned the
            // move" accuses the state that made it.
            (
                "Peru imposed export restrictions on ZTE in May. Beijing condemned the move as bullying.",
                vec![
                    "sanction PER zte 2021-05 actual",
                    "accusation CHN PER <2021-06-10 actual",
                ],
            ),
            // An intention inside what is weighed is only weighed.
            (
                "Peru's lawmakers are considering a bill that would ban Hikvision cameras.",
                vec!["ban PER hikvision null considered"],
            ),
            // A state that only describes the noun after it is no target.
            (
                "DJI sued Peru's defence ministry on Monday, arguing that its inclusion on a list of Chinese military companies was unlawful.",
                vec![
                    "lawsuit dji PER 2021-06-07 actual",
                    "accusation dji PER 2021-06-07 actual",
                ],
            ),
            // Accusations no one was named for are the article's state's; weighing a step is
            // no investigation.
            (
                "Peru's police detained an engineer on Monday, Peru's interior ministry said. Moscow rejected the accusations as absurd. The government is reviewing whether to restrict TikTok.",
                vec![
                    "denial RUS PER <2021-06-10 actual",
                    "restriction PER tiktok null considered",
                ],
            ),
            // A state office in apposition: "Chile's trade minister, Ana Ruiz, said".
            (
                "Chile's trade minister, Ana Ruiz, said ZTE had stolen data.",
                vec!["accusation CHL zte <2021-06-10 actual"],
            ),
            // A branding is rhetoric: no designation (sanction) follows from it.
            (
                "Chile's senators have branded Huawei a threat to national security.",
                vec!["accusation CHL huawei <2021-06-10 actual"],
            ),
            // A person seen acting for a state goes on speaking for it.
            (
                "Chile's foreign minister Ana Ruiz met reporters on Monday. She accused Peru of spying.",
                vec!["accusation CHL PER <2021-06-10 actual"],
            ),
            // "a second charge" is a new occasion, not the charge reported before.
            (
                "Peru charged ZTE with fraud in 2020. Prosecutors have since brought a second charge against ZTE.",
                vec![
                    "charge PER zte 2020 actual",
                    "charge PER zte <2021-06-10 actual",
                ],
            ),
            // Without the cue the later sentence repeats the same charge.
            (
                "Peru charged ZTE with fraud in 2020. Prosecutors have charged ZTE.",
                vec!["charge PER zte 2020 actual"],
            ),
            // "Ministers" are the state the article is about, not the one named last in passing.
            (
                "Peru banned ZTE in May. Peru restricted Hikvision in April. Chile sanctioned ZTE in 2019. Ministers have also barred Huawei.",
                vec![
                    "ban PER zte 2021-05 actual",
                    "restriction PER hikvision 2021-04 actual",
                    "sanction CHL zte 2019 actual",
                    "ban PER huawei <2021-06-10 actual",
                ],
            ),
            // A state body named in passing still marks the state the article is about.
            (
                "A ZTE engineer was detained by Peru's intelligence agency on Monday, which suspects him of spying for Chile. Officers arrested a second man: a Bolivian citizen named Jorge P.",
                vec!["arrest PER jorge-p <2021-06-10 actual"],
            ),
            // Claims that an act happened, a measure someone calls for and an institution are
            // no acts; a plea of not guilty leaves the charges standing.
            (
                "Lima was annoyed by claims that ZTE had been banned by Chile.",
                vec![],
            ),
            (
                "Chile stopped short of the outright ban on ZTE that Peru has called for.",
                vec!["ban CHL zte null negated"],
            ),
            (
                "ZTE says it obeys the sanctions regimes of Peru and Chile.",
                vec![],
            ),
            (
                "Peru charged businesswoman Ana Ruiz with fraud in May. She pleaded not guilty to the charges.",
                vec![
                    "charge PER ana-ruiz 2021-05 actual",
                    "denial ana-ruiz PER <2021-06-10 actual",
                ],
            ),
            // "ZTE critics" are not ZTE; "because of" opens no clause.
            (
                "Chile and other ZTE critics argue that because of the company's ties to military intelligence, ZTE could help spies.",
                vec!["accusation CHL zte <2021-06-10 actual"],
            ),
            // The antecedent of "which" is the subject of its clause; wanting someone extradited
            // is requesting the extradition.
            (
                "ZTE engineer Li Na was named in May. Peruvian police arrested her at the request of Chile, which wants her extradited.",
                vec![
                    "arrest PER li-na <2021-06-10 actual",
                    "extradition CHL li-na <2021-06-10 actual",
                ],
            ),
            // An official body's judgement that a firm is a risk; weighing it is no judgement.
            (
                "Peru's cyber agency considers ZTE a high-risk vendor.",
                vec!["risk_assessment PER zte <2021-06-10 actual"],
            ),
            ("Peru is considering whether ZTE is a risk.", vec![]),
            // The party that brought a case named after the noun is the plaintiff.
            (
                "In a lawsuit Nokia brought in 2014, a jury found that ZTE had copied its designs.",
                vec!["lawsuit nokia zte 2014 actual"],
            ),
            // "the company" is the firm the article names most, not one named in passing.
            (
                "ZTE sold phones in Peru. ZTE also sold phones in Chile, where it bought chips from Nokia. Peru has since banned the company.",
                vec!["ban PER zte <2021-06-10 actual"],
            ),
            // After "faces" a trigger word is a noun; "further" charges are a new occasion.
            (
                "Chile charged businessman Luis Vega in May. He faces further charges in Chile.",
                vec![
                    "charge CHL luis-vega 2021-05 actual",
                    "charge CHL luis-vega <2021-06-10 actual",
                ],
            ),
            // Lower-case words after "and" describe the next known person of the list.
            (
                "Bolivia detained two businessmen, investor Elon Musk and engineer Eric Xu, in May.",
                vec![
                    "arrest BOL elon-musk 2021-05 actual",
                    "arrest BOL eric-xu 2021-05 actual",
                ],
            ),
            // An export ban aimed at a firm is a sanction (SCHEMA rule 11).
            (
                "Peruvian companies may not sell parts to ZTE for seven years, Peru's Trade Ministry ruled on Monday.",
                vec!["sanction PER zte 2021-06-07 actual"],
            ),
            // A ban on buyers aims at what they may not buy; barring sales to a firm is a
            // sanction on it (rule 11); "stop ... from" needs the dealing it stops.
            (
                "Peru's new law bars state agencies and their contractors from buying ZTE routers.",
                vec!["ban PER zte <2021-06-10 actual"],
            ),
            (
                "In May, Chile barred its exporters from selling to ZTE for three years.",
                vec!["sanction CHL zte 2021-05 actual"],
            ),
            (
                "A decree that Peru adopted in March stops ministries from using Hikvision cameras.",
                vec!["ban PER hikvision 2021-03 actual"],
            ),
            (
                "Peru's plan is meant to stop operators from becoming dependent on ZTE.",
                vec![],
            ),
            // A passive with its subject left out shares the subject and agent of the act before.
            (
                "In May, businesswoman Ana Ruiz and engineer Jorge Soto were detained in Peru, weeks after the arrest of lawyer Luis Vega, and were later charged with fraud.",
                vec![
                    "arrest PER ana-ruiz 2021-05 actual",
                    "arrest PER jorge-soto 2021-05 actual",
                    "arrest PER luis-vega <2021-06-10 actual",
                    "charge PER ana-ruiz <2021-06-10 actual",
                    "charge PER jorge-soto <2021-06-10 actual",
                ],
            ),
            // "the ban" named again is the ban of its day.
            (
                "Peru banned ZTE on Monday. ZTE said the ban would raise prices.",
                vec!["ban PER zte 2021-06-07 actual"],
            ),
            (
                "In May, Peru barred its firms from selling chips to ZTE.",
                vec!["sanction PER zte 2021-05 actual"],
            ),
            // A participle shares every agent of the main act; a denial in a relative clause
            // after it does not cancel it.
            (
                "ZTE makes phones. Peru and Chile have both banned ZTE, saying they fear it works for military intelligence, which the company denies.",
                vec![
                    "ban PER zte <2021-06-10 actual",
                    "ban CHL zte <2021-06-10 actual",
                    "accusation PER zte <2021-06-10 actual",
                    "accusation CHL zte <2021-06-10 actual",
                    "denial zte PER <2021-06-10 actual",
                    "denial zte CHL <2021-06-10 actual",
                ],
            ),
            // ", on the grounds that ..." gives the main subject's reason.
            (
                "Chile wanted Peru to keep ZTE out of its networks, on the grounds that Beijing could exploit ZTE routers. ZTE says it has never engaged in espionage.",
                vec![
                    "accusation CHL zte <2021-06-10 actual",
                    "denial zte CHL <2021-06-10 actual",
                ],
            ),
            // "sanctions ... that target X": the measure's object a few words on.
            (
                "ZTE makes phones. Its prices rose after new US sanctions announced in May that target the company's access to chips.",
                vec!["sanction USA zte 2021-05 actual"],
            ),
            // Restrictions on trade with a country are a sanction on it (rule 11).
            (
                "Peru accused ZTE of evading American restrictions on trade with Cuba.",
                vec![
                    "accusation PER zte <2021-06-10 actual",
                    "sanction USA CUB <2021-06-10 actual",
                ],
            ),
            // The writer's guess at a chance is no measure anyone weighs.
            (
                "Peru is drafting a list of trusted vendors, so there is a chance that ZTE could be left off it.",
                vec![],
            ),
            // Institutions named together are still institutions.
            (
                "ZTE says it obeys the export control and sanctions regimes of Peru and Chile.",
                vec![],
            ),
            // "with many describing": an absolute phrase whose subject is no actor.
            (
                "ZTE makes phones. Lawyers for engineer Ana Ruiz spoke to Chile, with many describing her arrest as bullying by ZTE.",
                vec!["arrest CHL ana-ruiz <2021-06-10 actual"],
            ),
            // Allegations that the subject rejects are the ones denied, not new ones.
            (
                "Peru accused ZTE of spying in May. Both ZTE and Beijing reject those allegations as smears.",
                vec![
                    "accusation PER zte 2021-05 actual",
                    "denial zte PER <2021-06-10 actual",
                    "denial CHN PER <2021-06-10 actual",
                ],
            ),
            // An allegation about a measure is against the state that took it.
            (
                "Peru banned ZTE in May. ZTE called the decision unlawful.",
                vec![
                    "ban PER zte 2021-05 actual",
                    "accusation zte PER <2021-06-10 actual",
                ],
            ),
            // A body named "Department of ..." is one state phrase, in the possessive too.
            (
                "Last year, Washington put ZTE on the US Department of Commerce's \"entity list\".",
                vec!["sanction USA zte 2020 actual"],
            ),
            // Being made to hand data to a state is a threat imputed.
            (
                "Chilean officials contend that ZTE must share data with Beijing when asked.",
                vec!["accusation CHL zte <2021-06-10 actual"],
            ),
        ] {
            assert_eq!(events_of(body, "10 June 2021"), want, "{body}");
        }
    }

    #[test]
    fn a_denial_answers_the_accusers_named_before() {
        let body =
            "Peru and Chile accused ZTE of spying on Tuesday. The company denied the allegations.";
        assert_eq!(
            events_of(body, "10 June 2021"),
            [
                "accusation PER zte 2021-06-08 actual",
                "accusation CHL zte 2021-06-08 actual",
                "denial zte PER <2021-06-10 actual",
                "denial zte CHL <2021-06-10 actual",
            ]
        );
    }

    #[test]
    fn sentences_without_a_time_take_the_day_their_context_gives() {
        for (body, want) in [
            // "the same day" is the day named last.
            (
                "Peru banned ZTE on Tuesday. In a speech the same day, Peru's interior minister accused Chile of spying.",
                vec![
                    "ban PER zte 2021-06-08 actual",
                    "accusation PER CHL 2021-06-08 actual",
                ],
            ),
            // A statement that goes on in the next sentence, by the same speaker.
            (
                "On Monday Peru's trade ministry said ZTE was being added to a blacklist. Peru's trade ministry said it had found that ZTE posed a security risk.",
                vec![
                    "sanction PER zte 2021-06-07 actual",
                    "risk_assessment PER zte 2021-06-07 actual",
                ],
            ),
            // Another speaker starts an occasion of its own.
            (
                "Peru's trade minister said on Monday that ZTE stole secrets. Chile said ZTE had lied about its owners.",
                vec![
                    "accusation PER zte 2021-06-07 actual",
                    "accusation CHL zte <2021-06-10 actual",
                ],
            ),
            // A later sentence that spells out the act of the news day.
            (
                "Peru on Wednesday charged ZTE with fraud. Prosecutors charged the engineer Ana Ruiz with bribery.",
                vec![
                    "charge PER zte 2021-06-09 actual",
                    "charge PER ana-ruiz 2021-06-09 actual",
                ],
            ),
            // ... but not one that gives a time of its own, nor an act older than the news week.
            (
                "Peru on Wednesday charged ZTE with fraud. Prosecutors charged the engineer Ana Ruiz with bribery in 2019.",
                vec![
                    "charge PER zte 2021-06-09 actual",
                    "charge PER ana-ruiz 2019 actual",
                ],
            ),
            (
                "Peru charged ZTE with fraud in March. Prosecutors charged the engineer Ana Ruiz with bribery.",
                vec![
                    "charge PER zte 2021-03 actual",
                    "charge PER ana-ruiz <2021-06-10 actual",
                ],
            ),
            // A denial of an act done on the publication day was made that day.
            (
                "Chile accused ZTE of spying on Thursday. The company denied the allegations.",
                vec![
                    "accusation CHL zte 2021-06-10 actual",
                    "denial zte CHL 2021-06-10 actual",
                ],
            ),
        ] {
            assert_eq!(events_of(body, "10 June 2021"), want, "{body}");
        }
    }
}
