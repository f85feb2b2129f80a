//! The trigger lexicon (`data/lexicons/triggers.toml`), status cues (`status.toml`) and actor cues
//! (`cues.toml`), read into matchers.
//!
//! The entry point is [`Lexicon::find_triggers`].

use super::DataError;
use crate::model::{ActorKind, EventType};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The grammatical shape of a trigger word as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordForm {
    /// Verb lemma or present ("ban", "bans").
    Verb,
    /// Past or past participle ("banned"); passive after a form of "be".
    VerbPast,
    /// Present participle ("banning").
    VerbIng,
    /// A noun ("ban", "sanctions").
    Noun,
}

/// One surface form of a trigger.
#[derive(Debug, Clone)]
struct TriggerForm {
    rule: usize,
    form: WordForm,
}

/// One `[[trigger]]` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerBlock {
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    unless_after: Vec<String>,
    #[serde(default)]
    requires_after: Vec<String>,
    #[serde(default)]
    prefer_target: Vec<String>,
    #[serde(default)]
    agent: Vec<String>,
    #[serde(default)]
    target: Vec<String>,
    #[serde(default)]
    subject_is_target: bool,
}

#[derive(Debug, Deserialize)]
struct TriggerFile {
    trigger: Vec<TriggerBlock>,
}

/// A trigger rule: its type, and the kinds of actor it takes.
#[derive(Debug, Clone)]
pub struct TriggerRule {
    /// The event type it signals.
    pub event_type: EventType,
    /// Words one of which must be in the sentence (empty: none needed).
    pub requires: Vec<String>,
    /// Further types the same words state (a designation is a sanction and a risk finding).
    pub also: Vec<EventType>,
    /// Words that, later in the trigger's clause, cancel it ("says it has never spied").
    pub unless_after: Vec<String>,
    /// Words one of which must follow the trigger in its clause (empty: none needed).
    pub requires_after: Vec<String>,
    /// Actor kinds preferred as target anywhere after the trigger in its clause, before the
    /// nearest actor of any allowed kind.
    pub prefer_target: Vec<ActorKind>,
    /// Actor kinds allowed as agent (empty: any).
    pub agent_kinds: Vec<ActorKind>,
    /// The verb's subject undergoes the act, as in a passive ("Huawei must meet conditions").
    pub subject_is_target: bool,
    /// Actor kinds allowed as target (empty: any).
    pub target_kinds: Vec<ActorKind>,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerMatch {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Index of the rule in [`Lexicon::rule`].
    pub rule: usize,
    /// Verb, past, -ing or noun.
    pub form: WordForm,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFile {
    negation_window: usize,
    #[serde(default)]
    reversal: Vec<String>,
    #[serde(default)]
    advocacy: Vec<String>,
    #[serde(default)]
    hearsay: Vec<String>,
    #[serde(default)]
    institutions: Vec<String>,
    cues: StatusCues,
    anaphora: Anaphora,
}

/// Cue phrases for the statuses other than `actual`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusCues {
    /// "not", "ruled out"...
    pub negated: Vec<String>,
    /// "considering", "weighing"...
    pub considered: Vec<String>,
    /// "plans to", "vowed to"...
    pub planned: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Anaphora {
    phrases: Vec<String>,
}

/// Actor cues from `cues.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorCues {
    /// Words allowed in a state phrase after a country ("foreign ministry").
    pub government_nouns: Vec<String>,
    /// Words that may end a state phrase.
    pub government_heads: Vec<String>,
    /// Roles before a person's name.
    pub person_roles: Vec<String>,
    /// Roles that act for a state.
    pub state_roles: Vec<String>,
    /// Words that end a firm's name.
    pub firm_suffixes: Vec<String>,
    /// Nouns before a firm's name.
    pub firm_nouns: Vec<String>,
    /// Heads of "the company"-style references.
    pub firm_references: Vec<String>,
    /// Phrases that point back to the people last named together ("both men", "the pair"),
    /// longest first once loaded.
    pub group_references: Vec<String>,
    /// Words that open a reference to the firms last named together ("these companies",
    /// "neither firm", "the two Chinese groups"); a firm noun of `firm_references` (or its
    /// plural) ends it, except after the bare ones that may stand alone ("neither has").
    #[serde(default)]
    pub firm_group_openers: Vec<String>,
    /// Prepositions that make a country a place.
    pub place_prepositions: Vec<String>,
    /// Bare subjects that stand for the state acting in the article ("prosecutors").
    pub government_subjects: Vec<String>,
    /// Nouns for one who speaks for the owner named before them in the possessive ("Ruiz's
    /// lawyer", "Huawei's spokesman"); lower case.
    #[serde(default)]
    pub speakers_for: Vec<String>,
    /// Nouns that, before "to" and a verb, name a decision whose maker is not the clause's
    /// subject ("over the move to block the firm"), besides `measure_nouns`; lower case.
    #[serde(default)]
    pub decision_nouns: Vec<String>,
    /// Subjects that speak in their own name, not for the state (SCHEMA rule 1): "lawmakers
    /// branded the firm a threat" is no state's accusation; lower case.
    #[serde(default)]
    pub own_voice_subjects: Vec<String>,
    /// Verbs after which a time phrase dates the saying, not the event ("said on Monday").
    pub reporting_verbs: Vec<String>,
    /// Verbs that ask another state to act ("asked Canada to extradite her"): that state is the
    /// one asked, not the one requesting.
    #[serde(default)]
    pub request_verbs: Vec<String>,
    /// Nouns for what a measure hits when their owner is named in the possessive ("Huawei's
    /// gear was banned"), lower case.
    #[serde(default)]
    pub measure_objects: Vec<String>,
    /// Words near a trigger that mark a new occasion of an act already reported ("a second
    /// charge", "fresh sanctions"), which is then not merged with the earlier one; lower case.
    #[serde(default)]
    pub distinct_occasion: Vec<String>,
    /// Nouns that make a name right before them a modifier, not an actor ("Huawei critics"),
    /// besides `measure_objects`; lower case.
    #[serde(default)]
    pub modified_nouns: Vec<String>,
    /// Verbs by which a party brings a case named before it ("a lawsuit T-Mobile filed"): that
    /// party is the plaintiff; lower case.
    #[serde(default)]
    pub bring_verbs: Vec<String>,
    /// Phrases that place an event on the day named last ("the same day"); lower case.
    #[serde(default)]
    pub same_time_phrases: Vec<String>,
    /// Gerunds of dealing that a ban may stop ("barred agencies from buying Huawei gear"): the
    /// ban aims at what follows them; lower case.
    #[serde(default)]
    pub dealing_gerunds: Vec<String>,
    /// Nouns for a state's measure as a whole ("the provision", "the law"): an allegation about
    /// one is against the state that last acted; lower case.
    #[serde(default)]
    pub measure_nouns: Vec<String>,
    /// Where each role of `person_roles` is in that list, by the role lower-cased: the roles
    /// that end a run of words are looked up by its endings, not compared one by one (#6
    /// profile). Built when the lexicon is read, from the list as read.
    #[serde(skip)]
    pub person_role_index: FxHashMap<String, Vec<usize>>,
    /// For each of `group_references`, in order, the union of its words' filter bits
    /// ([`super::scan::word_bit`]): a sentence lacks the phrase unless its words' filter has
    /// them all. Built when the lexicon is read.
    #[serde(skip)]
    pub group_reference_bits: Vec<u64>,
}

/// The text of the three lexicon files.
#[derive(Debug, Clone, Default)]
pub struct LexiconFiles {
    /// `triggers.toml`.
    pub triggers: String,
    /// `status.toml`.
    pub status: String,
    /// `cues.toml`.
    pub cues: String,
}

/// Phrases, and one search that tells whether any of them occurs.
#[derive(Debug, Clone)]
struct PhraseSet {
    phrases: Vec<String>,
    search: AhoCorasick,
}

/// Trigger rules with one matcher over all their forms, status cues and actor cues.
#[derive(Debug, Clone)]
pub struct Lexicon {
    rules: Vec<TriggerRule>,
    forms: Vec<TriggerForm>,
    matcher: AhoCorasick,
    /// Status cue phrases.
    pub status: StatusCues,
    /// How many words before a trigger a negation reaches.
    pub negation_window: usize,
    /// Phrases that repeat an earlier event ("such moves"), with one search for all of them:
    /// most sentences hold none, and one search per phrase and sentence cost more (#6 profile).
    /// Private, so that the search always matches the phrases.
    anaphora: PhraseSet,
    /// Verbs that undo a measure ("lifted the ban").
    pub reversal: Vec<String>,
    /// Words by which a subject asks others to act ("lobbying its allies to ban").
    pub advocacy: Vec<String>,
    /// Phrases that report a claim, not a fact ("claims that Huawei had been banned"): a trigger
    /// after one states no event.
    pub hearsay: Vec<String>,
    /// Nouns that make a measure noun before them an institution, not an act ("the sanctions
    /// regime").
    pub institutions: Vec<String>,
    /// Actor cues.
    pub cues: ActorCues,
    /// `status` and `advocacy` split into words.
    pub(super) cue_words: super::status::CueWords,
}

fn parse_kinds(file: &str, names: &[String]) -> Result<Vec<ActorKind>, DataError> {
    names
        .iter()
        .map(|n| {
            ActorKind::from_name(n)
                .ok_or_else(|| DataError::new(file, 0, &format!("unknown actor kind {n:?}")))
        })
        .collect()
}

impl Lexicon {
    /// Reads the lexicon from the text of its files.
    ///
    /// # Errors
    /// [`DataError`] for TOML that does not parse or an unknown event type or kind.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let toml_error = |file: &str, e: toml::de::Error| {
            let line = e.span().map_or(0, |s| files_line(file, files, s.start));
            DataError::new(file, line, e.message())
        };
        let triggers: TriggerFile =
            toml::from_str(&files.triggers).map_err(|e| toml_error("triggers.toml", e))?;
        let status: StatusFile =
            toml::from_str(&files.status).map_err(|e| toml_error("status.toml", e))?;
        let mut cues: ActorCues =
            toml::from_str(&files.cues).map_err(|e| toml_error("cues.toml", e))?;
        // Longest first, so that "the two men" is tried before "the two" (stable: ties keep
        // the file's order).
        cues.group_references
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        cues.group_reference_bits = cues
            .group_references
            .iter()
            .map(|phrase| {
                super::scan::alphanumeric_words(phrase)
                    .fold(0, |bits, w| bits | super::scan::word_bit(w))
            })
            .collect();
        for (index, role) in cues.person_roles.iter().enumerate() {
            cues.person_role_index
                .entry(role.to_lowercase())
                .or_default()
                .push(index);
        }
        let mut rules = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut forms = Vec::new();
        for block in &triggers.trigger {
            let event_type = block
                .event_type
                .parse::<EventType>()
                .map_err(|e| DataError::new("triggers.toml", 0, &e.to_string()))?;
            let also = block
                .also
                .iter()
                .map(|t| t.parse::<EventType>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| DataError::new("triggers.toml", 0, &e.to_string()))?;
            let rule = rules.len();
            rules.push(TriggerRule {
                event_type,
                also,
                unless_after: block
                    .unless_after
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect(),
                requires: block.requires.iter().map(|w| w.to_lowercase()).collect(),
                agent_kinds: parse_kinds("triggers.toml", &block.agent)?,
                target_kinds: parse_kinds("triggers.toml", &block.target)?,
                prefer_target: parse_kinds("triggers.toml", &block.prefer_target)?,
                subject_is_target: block.subject_is_target,
                requires_after: block
                    .requires_after
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect(),
            });
            for verb in &block.verbs {
                for (text, form) in verb_forms(verb) {
                    patterns.push(text);
                    forms.push(TriggerForm { rule, form });
                }
            }
            for noun in &block.nouns {
                for text in noun_forms(noun) {
                    patterns.push(text);
                    forms.push(TriggerForm {
                        rule,
                        form: WordForm::Noun,
                    });
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A full DFA: the trigger words are few enough to build one in a few milliseconds,
            // and it searches several times faster than the default NFA (#6 profile).
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| DataError::new("triggers.toml", 0, &e.to_string()))?;
        let cue_words = super::status::CueWords::new(&status.cues, &status.advocacy);
        let anaphora_search = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&status.anaphora.phrases)
            .map_err(|e| DataError::new("status.toml", 0, &e.to_string()))?;
        Ok(Self {
            rules,
            forms,
            matcher,
            cue_words,
            status: status.cues,
            negation_window: status.negation_window,
            anaphora: PhraseSet {
                phrases: status.anaphora.phrases,
                search: anaphora_search,
            },
            reversal: status.reversal,
            advocacy: status.advocacy,
            hearsay: status.hearsay,
            institutions: status.institutions,
            cues,
        })
    }

    /// Phrases that repeat an earlier event ("such moves").
    pub fn anaphora(&self) -> &[String] {
        &self.anaphora.phrases
    }

    /// True when one of [`Self::anaphora`] occurs in `lower` (a lower-cased sentence).
    pub(super) fn has_anaphora(&self, lower: &str) -> bool {
        self.anaphora.search.is_match(lower)
    }

    /// The rule a trigger match refers to.
    pub fn rule(&self, index: usize) -> &TriggerRule {
        &self.rules[index]
    }

    /// Number of trigger rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there are no trigger rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Triggers in a sentence: whole words, longest first, not overlapping. A word that is both a
    /// verb and a noun form ("ban", "charges") is read as a noun after a determiner or possessive
    /// and before "on", "against", "of" or "by"; as a verb otherwise.
    pub fn find_triggers(&self, sentence: &str) -> Vec<TriggerMatch> {
        let mut found: Vec<TriggerMatch> = self
            .matcher
            .find_overlapping_iter(sentence)
            .filter(|m| super::gazetteer::on_word_boundaries(sentence, m.start(), m.end()))
            .map(|m| {
                let form = &self.forms[m.pattern().as_usize()];
                TriggerMatch {
                    start: m.start(),
                    end: m.end(),
                    rule: form.rule,
                    form: form.form,
                }
            })
            .collect();
        // A reading whose rule needs a word the sentence lacks does not compete for its span:
        // "found that ZTE posed a risk" is a risk finding, not an accusation.
        // Each rule is tested once per sentence, however often its words occur.
        let mut lower: Option<String> = None;
        let mut tested: Vec<(usize, bool)> = Vec::new();
        found.retain(|m| {
            let rule = &self.rules[m.rule];
            if rule.requires.is_empty() {
                return true;
            }
            if let Some(&(_, met)) = tested.iter().find(|(r, _)| *r == m.rule) {
                return met;
            }
            let lower = lower.get_or_insert_with(|| sentence.to_lowercase());
            let met = rule.requires.iter().any(|w| {
                super::scan::occurrences(lower, w)
                    .any(|i| super::gazetteer::on_word_boundaries(lower, i, i + w.len()))
            });
            tested.push((m.rule, met));
            met
        });
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.form == WordForm::Noun));
        let mut chosen: Vec<TriggerMatch> = Vec::new();
        let mut group: Vec<TriggerMatch> = Vec::new();
        for candidate in found {
            if let Some(first) = group.first()
                && (first.start, first.end) != (candidate.start, candidate.end)
            {
                chosen.extend(pick_reading(sentence, &group));
                group.clear();
            }
            if chosen.last().is_none_or(|last| candidate.start >= last.end)
                && group.first().is_none_or(|g| g.end == candidate.end)
            {
                group.push(candidate);
            }
        }
        chosen.extend(pick_reading(sentence, &group));
        chosen
    }
}

fn files_line(file: &str, files: &LexiconFiles, offset: usize) -> usize {
    let text = match file {
        "triggers.toml" => &files.triggers,
        "status.toml" => &files.status,
        _ => &files.cues,
    };
    text.get(..offset).map_or(0, |t| t.lines().count().max(1))
}

const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "such",
    "any",
    "no",
    "new",
    "outright",
    "blanket",
    "total",
    "possible",
    "full",
    "partial",
    "similar",
    "further",
    "fresh",
    "criminal",
    "federal",
    "formal",
    "of",
    "with",
    "u.s.",
    "us",
    "sweeping",
    "tough",
    "tougher",
    "additional",
    "multiple",
    "these",
    "those",
    "two",
    "three",
    "several",
    "for",
    "on",
    "and",
];

/// Chooses between the verb and noun readings of one word. Every rule with the chosen reading is
/// kept: "says" may open an accusation or a denial, and the rules' own conditions decide.
fn pick_reading(sentence: &str, group: &[TriggerMatch]) -> Vec<TriggerMatch> {
    let Some(first) = group.first() else {
        return Vec::new();
    };
    let reading = |noun: bool| {
        let mut out: Vec<TriggerMatch> = Vec::new();
        for m in group.iter().filter(|m| (m.form == WordForm::Noun) == noun) {
            if !out.iter().any(|o| o.rule == m.rule) {
                out.push(m.clone());
            }
        }
        out
    };
    let noun = group.iter().find(|m| m.form == WordForm::Noun);
    let verb = group.iter().find(|m| m.form != WordForm::Noun);
    match (noun, verb) {
        (Some(_), Some(_)) => {
            let before = sentence[..first.start].trim_end();
            let previous = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let after = sentence[first.end..].trim_start().to_lowercase();
            // "faces charges", "filed charges": the object of a light verb is a noun.
            let noun_like = DETERMINERS.contains(&previous.as_str())
                || LIGHT_VERBS.contains(&previous.as_str())
                || previous.ends_with("'s")
                || previous.ends_with("’s")
                || previous.ends_with("s'")
                || ["on ", "against ", "of ", "by ", "from "]
                    .iter()
                    .any(|p| after.starts_with(p));
            let verb_like = [
                "to", "will", "would", "could", "may", "might", "not", "also",
            ]
            .contains(&previous.as_str());
            reading(noun_like && !verb_like)
        }
        (Some(_), None) => reading(true),
        (None, Some(_)) => reading(false),
        (None, None) => Vec::new(),
    }
}

/// Verbs whose object a following trigger word is, read as a noun: "faces charges".
const LIGHT_VERBS: &[&str] = &[
    "face", "faces", "faced", "facing", "file", "files", "filed", "filing", "bring", "brings",
    "brought", "bringing", "press", "pressed", "pressing", "impose", "imposes", "imposed",
    "imposing", "dropped", "drop", "drops", "dropping",
];

fn ends_consonant_vowel_consonant(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let is_vowel = |c: char| "aeiou".contains(c);
    let vowel_groups = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| is_vowel(**c) && (*i == 0 || !is_vowel(chars[i - 1])))
        .count();
    let n = chars.len();
    n >= 3
        && vowel_groups == 1
        && !is_vowel(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
}

/// The regular forms of a verb lemma, or the forms listed with `|`.
pub fn verb_forms(lemma: &str) -> Vec<(String, WordForm)> {
    if lemma.contains('|') {
        let listed: Vec<&str> = lemma.split('|').map(str::trim).collect();
        return listed
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let kind = if form.ends_with("ing")
                    || form.split(' ').next().is_some_and(|w| w.ends_with("ing"))
                {
                    WordForm::VerbIng
                } else if i == 0
                    || form
                        .split(' ')
                        .next()
                        .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss"))
                {
                    WordForm::Verb
                } else {
                    WordForm::VerbPast
                };
                ((*form).to_string(), kind)
            })
            .collect();
    }
    let (head, tail) = lemma.split_once(' ').map_or((lemma, ""), |(h, t)| (h, t));
    let tail = if tail.is_empty() {
        String::new()
    } else {
        format!(" {tail}")
    };
    let stem_y = head
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    let third = if let Some(stem) = stem_y {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| head.ends_with(e))
    {
        format!("{head}es")
    } else {
        format!("{head}s")
    };
    let double = ends_consonant_vowel_consonant(head);
    let last = head.chars().last().map(String::from).unwrap_or_default();
    let past = if let Some(stem) = stem_y {
        format!("{stem}ied")
    } else if head.ends_with('e') {
        format!("{head}d")
    } else if double {
        format!("{head}{last}ed")
    } else {
        format!("{head}ed")
    };
    let ing = if head.ends_with('e') && !head.ends_with("ee") {
        format!("{}ing", &head[..head.len() - 1])
    } else if double {
        format!("{head}{last}ing")
    } else {
        format!("{head}ing")
    };
    vec![
        (format!("{head}{tail}"), WordForm::Verb),
        (format!("{third}{tail}"), WordForm::Verb),
        (format!("{past}{tail}"), WordForm::VerbPast),
        (format!("{ing}{tail}"), WordForm::VerbIng),
    ]
}

/// A noun and its plural, or the forms listed with `|`.
pub fn noun_forms(noun: &str) -> Vec<String> {
    if noun.contains('|') {
        return noun.split('|').map(|f| f.trim().to_string()).collect();
    }
    let plural = if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if noun.ends_with('s') {
        return vec![noun.to_string()];
    } else if ["x", "z", "ch", "sh"].iter().any(|e| noun.ends_with(e)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    };
    vec![noun.to_string(), plural]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one search for the anaphora says what a search per phrase says.
    #[test]
    fn the_anaphora_search_agrees_with_a_search_per_phrase() -> Result<(), DataError> {
        let extractor = crate::extract::Extractor::bundled()?;
        let lexicon = extractor.lexicon();
        assert!(!lexicon.anaphora().is_empty());
        let mut sentences: Vec<String> = lexicon
            .anaphora()
            .iter()
            .map(|p| format!("japan and germany are weighing {p} as well"))
            .collect();
        sentences.extend(
            [
                "no such thing was said",
                "similar to last year",
                "",
                "the same day, officials moved",
            ]
            .map(String::from),
        );
        for sentence in &sentences {
            let per_phrase = lexicon
                .anaphora()
                .iter()
                .any(|p| crate::extract::scan::contains(sentence, p));
            assert_eq!(lexicon.has_anaphora(sentence), per_phrase, "{sentence:?}");
        }
        assert!(lexicon.has_anaphora(&sentences[0]));
        assert!(!lexicon.has_anaphora("no such thing was said"));
        Ok(())
    }

    #[test]
    fn regular_verb_forms_are_made_from_the_lemma() {
        for (lemma, want) in [
            ("ban", ["ban", "bans", "banned", "banning"]),
            ("bar", ["bar", "bars", "barred", "barring"]),
            ("arrest", ["arrest", "arrests", "arrested", "arresting"]),
            ("deny", ["deny", "denies", "denied", "denying"]),
            ("sue", ["sue", "sues", "sued", "suing"]),
            ("probe", ["probe", "probes", "probed", "probing"]),
            ("limit", ["limit", "limits", "limited", "limiting"]),
            ("detain", ["detain", "detains", "detained", "detaining"]),
        ] {
            let forms: Vec<String> = verb_forms(lemma).into_iter().map(|(f, _)| f).collect();
            assert_eq!(forms, want, "{lemma}");
        }
    }

    #[test]
    fn nouns_get_their_plural() {
        assert_eq!(noun_forms("inquiry"), ["inquiry", "inquiries"]);
        assert_eq!(noun_forms("ban"), ["ban", "bans"]);
        assert_eq!(noun_forms("sanctions"), ["sanctions"]);
    }
}
