//! Agent and target of a trigger: subject and object of a verb in active or passive voice, and the
//! possessive, pre-modifier, "by" and "on/against" phrases of a noun.
//!
//! The entry point is [`assign_roles`].

use super::lexicon::{TriggerMatch, WordForm};
use super::mention::Mention;
use std::borrow::Cow;

/// The groups of mentions that fill a trigger's roles, and how they were found.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// Indexes of agent mentions.
    pub agents: Vec<usize>,
    /// Indexes of target mentions.
    pub targets: Vec<usize>,
    /// Index of the requester ("at the behest of the U.S.").
    pub requester: Option<usize>,
    /// How agent and target were found, for `explain`.
    pub reason: String,
    /// The target is the antecedent of a relative clause ("Huawei, which Washington accuses").
    pub target_is_antecedent: bool,
    /// The trigger is a verb in the passive voice.
    pub passive: bool,
    /// The agent of a noun trigger is the subject of the clause around it ("X filed charges").
    pub agent_from_clause_subject: bool,
    /// The target stands for what it owns, the passive subject ("Huawei's gear was banned").
    pub target_is_owner: bool,
}

const LEFT_BOUNDARIES: &[&str] = &[
    ";",
    ":",
    " but ",
    " while ",
    " whereas ",
    " although ",
    " though ",
    " because ",
    " since ",
    " as ",
    " after ",
    " before ",
    " when ",
    " amid ",
    " — ",
    " – ",
    " -- ",
    " - ",
    " following ",
    " unless ",
    " if ",
    " even as ",
    // "the conditions under which a supplier could be kept out": a relative clause with its
    // own subject.
    " under which ",
    " in which ",
    " by which ",
];
const RIGHT_BOUNDARIES: &[&str] = &[
    ";",
    ": ",
    " but ",
    " while ",
    " whereas ",
    " although ",
    " though ",
    " because ",
    " after ",
    " before ",
    " when ",
    " amid ",
    " — ",
    " – ",
    " -- ",
    " - ",
    " unless ",
    " even as ",
    " following ",
];
/// Nouns for a party's premises, which a search names by their owner: "searched Huawei's offices".
const PREMISES: &[&str] = &[
    "office",
    "offices",
    "headquarters",
    "premises",
    "home",
    "homes",
    "facility",
    "facilities",
    "plant",
    "plants",
    "branch",
    "branches",
    "site",
    "sites",
    "warehouse",
    "warehouses",
];
const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "been", "being", "be", "get", "got", "gets", "getting",
];
const TARGET_PREPOSITIONS: &[&str] = &[
    "on",
    "against",
    "of",
    "to",
    "targeting",
    "into",
    "over",
    "from",
    "covering",
    "involving",
    "that",
    "at",
    "with",
];

/// An automaton over clause boundaries: a full DFA without a prefilter. Most boundaries start
/// with a space, so a prefilter stops at every space and costs more than the automaton walking
/// each byte (#6 profile).
fn boundary_automaton(
    kind: aho_corasick::MatchKind,
    boundaries: &[&str],
) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(kind)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .prefilter(false)
        .build(boundaries)
        .expect("boundary patterns build")
}

/// Start of the clause that holds byte `at` of `sentence`: right after the last boundary
/// ([`LEFT_BOUNDARIES`]) that ends at or before `at`, or 0.
pub fn clause_start(sentence: &str, at: usize) -> usize {
    with_boundaries(sentence, |b| {
        let ends = &b.left_ends;
        ends[..ends.partition_point(|&end| end <= at)]
            .last()
            .copied()
            .unwrap_or(0)
    })
}

/// The quote that closes right before the speaker and verb at byte `at` ("\"...,\" Pai said"),
/// as the byte range of its words: at most five words, none of them quoted, between.
fn quote_before(sentence: &str, at: usize) -> Option<(usize, usize)> {
    let head = &sentence[..at];
    let close = [",\"", ",\u{201d}", "?\"", "?\u{201d}", "!\"", "!\u{201d}"]
        .iter()
        .filter_map(|q| super::scan::rfind(head, q))
        .max()?;
    let between = &head[close..];
    let between = between.trim_start_matches(|c: char| !c.is_whitespace());
    if between.split_whitespace().count() > 5 || between.contains(['"', '\u{201c}', '\u{201d}']) {
        return None;
    }
    let open = head[..close].rfind(['"', '\u{201c}']).map_or(0, |i| i + 1);
    Some((open, close))
}

/// End of the clause that holds byte `at`: where the first boundary ([`RIGHT_BOUNDARIES`])
/// at or after `at` starts, or the sentence's end.
pub fn clause_end(sentence: &str, at: usize) -> usize {
    with_boundaries(sentence, |b| {
        // The occurrences by start, then by the boundaries' order: the first one at or after
        // `from` is the one a leftmost-first search from `from` finds.
        let mut from = at;
        for &(start, end, pattern) in &b.right[b.right.partition_point(|r| r.0 < at)..] {
            if start < from {
                continue;
            }
            // "because of the company's ties" is a preposition, not a clause.
            if RIGHT_BOUNDARIES[pattern] == " because " && sentence[end..].starts_with("of ") {
                from = end;
                continue;
            }
            return start;
        }
        sentence.len()
    })
}

/// Every clause boundary of one sentence, found once for all the clause look-ups of its
/// triggers: each look-up searched the sentence again, up to eight times per trigger (#6
/// profile).
#[derive(Debug, Default)]
struct Boundaries {
    /// The sentence they were found in.
    text: String,
    /// Where each occurrence of a [`LEFT_BOUNDARIES`] entry ends, ascending.
    left_ends: Vec<usize>,
    /// Each occurrence of a [`RIGHT_BOUNDARIES`] entry: start, end and index, by start then
    /// index.
    right: Vec<(usize, usize, usize)>,
}

/// Runs `f` on the boundaries of `sentence`, found again only when the sentence differs from
/// the last one this thread asked about (compared by text, so a new sentence never gets stale
/// boundaries).
fn with_boundaries<T>(sentence: &str, f: impl FnOnce(&Boundaries) -> T) -> T {
    // Every occurrence, overlapping: all the boundaries that end by a place are those that end
    // by it in the whole sentence.
    static LEFT: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        boundary_automaton(aho_corasick::MatchKind::Standard, LEFT_BOUNDARIES)
    });
    static RIGHT: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        boundary_automaton(aho_corasick::MatchKind::Standard, RIGHT_BOUNDARIES)
    });
    thread_local! {
        static LAST: std::cell::RefCell<Boundaries> = std::cell::RefCell::default();
    }
    LAST.with_borrow_mut(|last| {
        if last.text != sentence {
            last.text.clear();
            last.text.push_str(sentence);
            last.left_ends.clear();
            last.left_ends
                .extend(LEFT.find_overlapping_iter(sentence).map(|m| m.end()));
            last.left_ends.sort_unstable();
            last.right.clear();
            last.right.extend(
                RIGHT
                    .find_overlapping_iter(sentence)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
            );
            last.right.sort_unstable();
        }
        f(last)
    })
}

/// Byte ranges of closed relative clauses (", which ... ,", ", who ... ,") in `text`.
/// `text` without its closed relative clauses (", who asked not to be named,").
pub fn without_relative_clauses(text: &str) -> std::borrow::Cow<'_, str> {
    let mut spans = relative_clauses(text);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in spans {
        if start >= from {
            out.push_str(&text[from..start]);
            from = end + 1;
        }
    }
    out.push_str(&text[from.min(text.len())..]);
    std::borrow::Cow::Owned(out)
}

fn relative_clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for opener in [", which ", ", who ", ", whose ", ", whom "] {
        for at in super::scan::occurrences(text, opener) {
            let body = at + opener.len();
            if let Some(close) = text[body..].find(',') {
                out.push((at, body + close));
            }
        }
    }
    out
}

fn is_connector(gap: &str) -> bool {
    let trimmed = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
    trimmed.is_empty()
        || [
            "and",
            "or",
            "&",
            "as well as",
            "plus",
            "and also",
            "along with",
            "together with",
        ]
        .contains(&trimmed)
        || is_apposition_then_connector(gap)
}

/// ", a former diplomat, and ": a short apposition describing the actor before, then a
/// connector.
fn is_apposition_then_connector(gap: &str) -> bool {
    let Some(rest) = gap.trim_start().strip_prefix(',') else {
        return false;
    };
    let Some((apposition, connector)) = rest.rsplit_once(',') else {
        return false;
    };
    let words: Vec<&str> = apposition.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 5
        && ["a", "an", "the", "its", "his", "her", "their"].contains(&words[0])
        && ["and", "or"].contains(&connector.trim())
}

/// True when the gap between two mentions joins them, allowing the role that introduces the
/// second ("Chen Hao and engineer Li Wei").
pub(super) fn joins(gap: &str, next: &Mention) -> bool {
    if is_connector(gap) {
        return true;
    }
    // "and businessman Michael Spavor": up to three lower-case words before a known person
    // describe them.
    if next.actor.kind == crate::model::ActorKind::Person {
        let lower = gap.trim_end();
        let words: Vec<&str> = lower.split_whitespace().collect();
        // A real connector ("and", "or"), not a bare comma ("Meng, whose father Ren").
        if let Some(cut) = (1..words.len()).rev().find(|&i| {
            let head = words[..i].join(" ");
            is_connector(&head) && head.chars().any(char::is_alphabetic)
        }) {
            let described = &words[cut..];
            if described.len() <= 3
                && described
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
            {
                return true;
            }
        }
    }
    let Some(role) = next.actor.role.as_deref() else {
        return false;
    };
    let lower = gap.trim_end().to_lowercase();
    lower
        .strip_suffix(&role.to_lowercase())
        .is_some_and(|head| head.ends_with(' ') && is_connector(head))
}

/// Extends mention `index` to its coordinated group ("the U.S., Australia and New Zealand").
fn group_of(
    sentence: &str,
    mentions: &[Mention],
    index: usize,
    low: usize,
    high: usize,
) -> Vec<usize> {
    let mut first = index;
    // A possessive modifies the noun after it ("the United States, Japan's key ally"), so it
    // coordinates with nothing, except the owner of premises coordinated with premises ("Huawei's
    // offices and the Orange Polska office").
    if mentions[index].possessive {
        let premises_after = |m: &Mention, max_words: usize| {
            first_words(&sentence[m.end..], max_words + 1)
                .iter()
                .position(|w| PREMISES.contains(&&**w))
        };
        let next = mentions.get(index + 1).filter(|next| next.end <= high);
        if let (Some(at), Some(next)) = (premises_after(&mentions[index], 2), next)
            && premises_after(next, 1).is_some()
        {
            let gap = first_words(&sentence[mentions[index].end..next.start], 8);
            let rest = &gap[at + 1..];
            if matches!(rest, [and] if and == "and")
                || matches!(rest, [and, the] if and == "and" && the == "the")
            {
                return vec![index, index + 1];
            }
        }
        return vec![index];
    }
    while first > 0
        && mentions[first - 1].start >= low
        && !mentions[first - 1].is_place
        && !mentions[first - 1].possessive
        && joins(
            &sentence[mentions[first - 1].end..mentions[first].start],
            &mentions[first],
        )
    {
        first -= 1;
    }
    let mut last = index;
    while last + 1 < mentions.len()
        && mentions[last + 1].end <= high
        && !mentions[last + 1].is_place
        && !mentions[last + 1].possessive
        && joins(
            &sentence[mentions[last].end..mentions[last + 1].start],
            &mentions[last + 1],
        )
    {
        last += 1;
    }
    (first..=last).collect()
}

/// The last `count` words of `text`, nearest first, lower-cased and stripped of punctuation.
pub(super) fn last_words(text: &str, count: usize) -> Vec<Cow<'_, str>> {
    text.split_whitespace()
        .rev()
        .take(count)
        .map(|w| lowered(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect()
}

/// The first `count` words of `text`, in order, lower-cased and stripped of punctuation.
pub(super) fn first_words(text: &str, count: usize) -> Vec<Cow<'_, str>> {
    text.split_whitespace()
        .take(count)
        .map(|w| lowered(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')))
        .collect()
}

/// True when `list` holds `word` exactly.
pub(super) fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|item| item == word)
}

/// `word` lower-cased, borrowed when it is ASCII without a capital, as most words are: a copy
/// of every word looked at was an allocation each (#6 profile).
pub(super) fn lowered(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// What may fill a role: the kinds of actor a trigger's type takes there.
pub type Fits<'a> = &'a dyn Fn(&Mention) -> bool;

/// Finds the mentions that fill a trigger's roles. Each slot takes the nearest mention that fits
/// it (`agent_fits`, `target_fits`), so "Canada arrested the company's CFO, Meng" skips the firm
/// for the person.
pub fn assign_roles(
    sentence: &str,
    mentions: &[Mention],
    trigger: &TriggerMatch,
    subject_is_target: bool,
    agent_fits: Fits<'_>,
    target_fits: Fits<'_>,
) -> Roles {
    let low = clause_start(sentence, trigger.start);
    let high = clause_end(sentence, trigger.end);
    let mut roles = Roles::default();
    // "at the behest of X", "at the request of X", "on behalf of X"
    // Compared without case in place: a lower-cased copy of the text before every mention, for
    // every trigger, cost more than the rest of the roles (#6 profile).
    for (i, m) in mentions.iter().enumerate() {
        let mut head = sentence[..m.start].trim_end();
        while super::scan::ends_with_ignore_ascii_case(head, " the") {
            head = &head[..head.len() - " the".len()];
        }
        if [
            "behest of",
            "request of",
            "behalf of",
            "requested by",
            "demand of",
        ]
        .iter()
        .any(|p| super::scan::ends_with_ignore_ascii_case(head, p))
            || m.possessive
                && first_words(&sentence[m.end..], 1)
                    .first()
                    .is_some_and(|w| w == "request" || w == "behest")
        {
            roles.requester = Some(i);
        }
    }
    let usable = |i: usize| Some(i) != roles.requester;
    // "The United States and Australia, which have taken similar steps, have warned": the
    // actors inside a closed relative clause are not the subject.
    let relative = relative_clauses(&sentence[low..trigger.start]);
    let inside_relative = |i: usize| {
        relative
            .iter()
            .any(|&(a, b)| low + a <= mentions[i].start && mentions[i].end <= low + b)
    };
    let left: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            mentions[i].end <= trigger.start
                && mentions[i].start >= low
                && usable(i)
                && !inside_relative(i)
        })
        .collect();
    let right: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].start >= trigger.end && mentions[i].end <= high && usable(i))
        .collect();
    // A possessive stands for its noun's owner, not the subject ("Japan's key ally ... banned"),
    // unless the trigger itself is that noun.
    let nearest_left = |fits: Fits<'_>| {
        left.iter()
            .rev()
            .copied()
            .find(|&i| {
                !mentions[i].is_place
                    && fits(&mentions[i])
                    && (!mentions[i].possessive
                        || sentence[mentions[i].end..trigger.start].trim().is_empty())
            })
            .map(|i| group_of(sentence, mentions, i, low, trigger.start))
    };
    let first_right = |fits: Fits<'_>| {
        right
            .iter()
            .copied()
            .find(|&i| {
                // "Huawei's chief financial officer, Meng Wanzhou": a possessive gives way to an
                // actor that fits within a few words after it.
                let gives_way = mentions[i].possessive
                    && right.iter().any(|&j| {
                        j > i
                            && fits(&mentions[j])
                            && mentions[j].actor.kind == crate::model::ActorKind::Person
                            && mentions[i].actor.kind != crate::model::ActorKind::Person
                            && sentence[mentions[i].end..mentions[j].start]
                                .split_whitespace()
                                .count()
                                <= 6
                    });
                !mentions[i].is_place && !gives_way && fits(&mentions[i])
            })
            .map(|i| group_of(sentence, mentions, i, trigger.end, high))
    };
    // The mention right after a word, within `reach` words of the trigger ("by X", "in X").
    let after_word = |words: &[&str], reach: usize| {
        right.iter().copied().find(|&i| {
            agent_fits(&mentions[i]) && {
                let gap = &sentence[trigger.end..mentions[i].start];
                let gap_words = last_words(gap, 2);
                gap.split_whitespace().count() <= reach
                    && gap_words.iter().any(|w| words.contains(&&**w))
            }
        })
    };
    let after_trigger = &sentence[trigger.end..];
    let inside_be = sentence[trigger.start..trigger.end]
        .split_whitespace()
        .any(|w| matches!(w, "be" | "been" | "being"));
    let passive = inside_be
        || subject_is_target && trigger.form != WordForm::Noun
        || trigger.form == WordForm::VerbPast
            && (last_words(&sentence[low..trigger.start], 3)
                .iter()
                .take(3)
                .any(|w| BE_FORMS.contains(&&**w))
                || first_words(after_trigger, 1)
                    .first()
                    .is_some_and(|w| w == "by"));
    match trigger.form {
        WordForm::Verb | WordForm::VerbPast if passive => {
            roles.passive = true;
            // "UK mobile networks will no longer be allowed": a country that modifies the
            // subject noun is no target of the passive.
            let modifier_only = |group: &Vec<usize>| {
                group.iter().all(|&i| {
                    let gap = sentence[mentions[i].end..trigger.start].trim();
                    mentions[i].actor.is_country()
                        && !mentions[i].possessive
                        && !gap.is_empty()
                        && !gap.contains(',')
                        && gap.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                })
            };
            // "Huawei's gear was banned": the owner of the passive subject is the target.
            roles.targets = nearest_left(target_fits)
                .filter(|group| !modifier_only(group))
                .or_else(|| {
                    let owner = left.iter().rev().copied().find(|&i| {
                        !mentions[i].is_place && mentions[i].possessive && target_fits(&mentions[i])
                    });
                    roles.target_is_owner = owner.is_some();
                    owner.map(|i| vec![i])
                })
                // "operators will no longer be allowed to buy gear from Huawei": with nothing
                // before it, the passive's object comes after.
                .or_else(|| {
                    first_right(target_fits).filter(|group| {
                        group.iter().all(|&i| {
                            last_words(&sentence[trigger.end..mentions[i].start], 1)
                                .first()
                                .is_none_or(|w| w != "by")
                        })
                    })
                })
                .unwrap_or_default();
            if let Some(by) = after_word(&["by"], 6) {
                roles.agents = group_of(sentence, mentions, by, trigger.end, high);
                roles.reason = "passive: target before, agent after \"by\"".into();
            } else if let Some(place) = right.iter().copied().find(|&i| mentions[i].is_place) {
                roles.agents = vec![place];
                roles.reason = "passive: target before, the place names the agent".into();
            } else {
                roles.reason = "passive: target before, no agent in the clause".into();
            }
        }
        WordForm::Verb | WordForm::VerbPast | WordForm::VerbIng => {
            // ", accusing it of ...": a participle after a comma takes the subject of the main
            // clause, the first actor of the sentence that fits.
            // ", on the grounds that ...": a justification after a comma is the main
            // clause's too.
            let grounds = sentence[trigger.start..trigger.end].starts_with("on ");
            let participle = (trigger.form == WordForm::VerbIng || grounds)
                && sentence[..trigger.start].trim_end().ends_with(',');
            let main_subject = || {
                left.iter()
                    .copied()
                    .find(|&i| {
                        !mentions[i].is_place && !mentions[i].possessive && agent_fits(&mentions[i])
                    })
                    .map(|i| group_of(sentence, mentions, i, low, trigger.start))
            };
            // "Chile, which wants her extradited": the subject of a relative clause with no
            // subject of its own is the antecedent of the pronoun.
            let relative_subject = || {
                let head = &sentence[..trigger.start];
                let at = [", which ", ", who "]
                    .iter()
                    .filter_map(|p| super::scan::rfind(head, p))
                    .max()?;
                if head[at..].split_whitespace().count() > 6
                    || mentions
                        .iter()
                        .any(|m| m.start > at && m.end <= trigger.start && agent_fits(m))
                {
                    return None;
                }
                let antecedent = mentions.iter().rposition(|m| m.end <= at)?;
                (sentence[mentions[antecedent].end..at].trim().is_empty()
                    && agent_fits(&mentions[antecedent]))
                .then(|| vec![antecedent])
            };
            // "with many describing it as ...": an absolute phrase has its own subject, the word
            // after "with"; when that word is no actor, the clause names no agent.
            let absolute = trigger.form == WordForm::VerbIng
                && last_words(&sentence[..trigger.start], 2)
                    .get(1)
                    .is_some_and(|w| w == "with")
                && !left
                    .last()
                    .is_some_and(|&i| sentence[mentions[i].end..trigger.start].trim().is_empty());
            if absolute {
                roles.reason = "absolute phrase: its subject names no actor".into();
                return roles;
            }
            let relative = if participle { None } else { relative_subject() };
            let from_relative = relative.is_some();
            roles.agents = if participle {
                main_subject().unwrap_or_default()
            } else if let Some(agents) = relative {
                agents
            } else {
                nearest_left(agent_fits).unwrap_or_default()
            };
            roles.targets = first_right(target_fits).unwrap_or_default();
            // "\"These firms work for the army,\" the minister said": a quote that closes right
            // before its speaker and the verb holds what is said, and so the object.
            let quoted = (roles.targets.is_empty() && !participle)
                .then(|| quote_before(sentence, trigger.start))
                .flatten()
                .and_then(|(open, close)| {
                    let inside = mentions.iter().position(|m| {
                        m.start >= open && m.end <= close && !m.is_place && target_fits(m)
                    })?;
                    // The speaker stands between the quote and the verb, or right after it.
                    let speaker = mentions
                        .iter()
                        .position(|m| m.start > close && m.end <= trigger.start && agent_fits(m))
                        .or_else(|| {
                            mentions.iter().position(|m| {
                                m.start >= trigger.end
                                    && sentence[trigger.end..m.start].split_whitespace().count()
                                        <= 2
                                    && agent_fits(m)
                            })
                        });
                    Some((
                        speaker.map(|i| vec![i]).unwrap_or_default(),
                        group_of(sentence, mentions, inside, open, close),
                    ))
                });
            if let Some((agents, targets)) = quoted {
                roles.agents = agents;
                roles.targets = targets;
                roles.reason =
                    "quote: the speaker after it is the subject, the object inside it".into();
                roles.targets.retain(|i| !roles.agents.contains(i));
                return roles;
            }
            roles.reason = if participle {
                "participle: the main clause's subject, object after".into()
            } else if from_relative {
                "relative clause: the antecedent is the subject, object after".into()
            } else {
                "active: subject before, object after".into()
            };
            // "Huawei, which Washington accuses of ...": the relative pronoun's antecedent is the
            // object.
            if roles.targets.is_empty()
                && let Some(&first_agent) = roles.agents.first()
            {
                let before = sentence[..mentions[first_agent].start].trim_end();
                if ["which", "whom", "who"].iter().any(|w| before.ends_with(w))
                    && let Some(antecedent) = (0..first_agent).rev().find(|&i| {
                        target_fits(&mentions[i])
                            && sentence[mentions[i].end..mentions[first_agent].start]
                                .trim_start_matches([',', ' '])
                                .split_whitespace()
                                .count()
                                <= 1
                    })
                {
                    roles.targets = vec![antecedent];
                    roles.target_is_antecedent = true;
                    roles
                        .reason
                        .push_str("; the object is the antecedent of the relative clause");
                }
            }
        }
        WordForm::Noun => {
            let before = &sentence[low..trigger.start];
            // Possessive or pre-modifier right before the noun: "Australia's ban", "U.S. sanctions".
            let modifier = left.last().copied().filter(|&i| {
                agent_fits(&mentions[i]) && {
                    let gap = &sentence[mentions[i].end..trigger.start];
                    let words = gap.split_whitespace().count();
                    // "Peru called the detention": an article after the actor opens the noun
                    // phrase, so the actor is no modifier of it.
                    let article = gap
                        .split_whitespace()
                        .any(|w| ["the", "a", "an"].contains(&w.to_lowercase().as_str()));
                    words <= 2 && !gap.contains(',') && !article
                }
            });
            if let Some(m) = modifier {
                roles.agents = vec![m];
                roles.reason = "noun: possessive or modifier is the agent".into();
            } else if let Some(by) = after_word(&["by"], 2) {
                roles.agents = group_of(sentence, mentions, by, trigger.end, high);
                roles.reason = "noun: agent after \"by\"".into();
            }
            // "allegations by the U.S. that Huawei ...": the object follows the "by" agent.
            let object_from = roles
                .agents
                .last()
                .map_or(trigger.end, |&a| mentions[a].end.max(trigger.end));
            let object = right.iter().copied().find(|&i| {
                // "ban on Chinese gear from Huawei": a preposition right after the noun opens
                // the object; "designation that shuts them out of FCC funding" does not.
                let gap = &sentence[object_from.min(mentions[i].start)..mentions[i].start];
                // "sanctions announced in May that target the company's access": a verb of aim
                // right before the actor, a few words on.
                let aimed = gap.split_whitespace().count() <= 8
                    && last_words(gap, 1)
                        .first()
                        .is_some_and(|w| ["target", "targets", "targeting"].contains(&&**w));
                let opened = gap.split_whitespace().count() <= 5
                    && first_words(gap, 1)
                        .first()
                        .is_some_and(|w| TARGET_PREPOSITIONS.contains(&&**w));
                (aimed || opened) && !roles.agents.contains(&i) && target_fits(&mentions[i])
            });
            if let Some(object) = object {
                roles.targets = group_of(sentence, mentions, object, trigger.end, high);
            }
            let _ = before;
            // A light verb's subject: "X filed charges against Y", "X added Y to its entity list".
            let rest: Vec<usize> = left
                .iter()
                .copied()
                .filter(|i| !roles.agents.contains(i) && !mentions[*i].is_place)
                .collect();
            if roles.agents.is_empty()
                && let Some(&subject) = rest.iter().find(|&&i| agent_fits(&mentions[i]))
            {
                roles.agents = group_of(sentence, mentions, subject, low, trigger.start);
                roles.reason = "noun: subject of the clause is the agent".into();
                roles.agent_from_clause_subject = true;
                if roles.targets.is_empty() {
                    let between: Vec<usize> = rest
                        .iter()
                        .copied()
                        .filter(|i| !roles.agents.contains(i) && target_fits(&mentions[*i]))
                        .collect();
                    if let Some(&object) = between.last() {
                        roles.targets = group_of(sentence, mentions, object, low, trigger.start);
                        roles
                            .reason
                            .push_str(", the object before the noun is the target");
                    }
                }
            } else if roles.targets.is_empty()
                // "deceiving banks about the company's operations and violating U.S.
                // sanctions": an owner of something else is no object of the noun.
                && let Some(&object) = rest
                    .iter()
                    .rev()
                    .find(|&&i| target_fits(&mentions[i]) && !mentions[i].possessive)
            {
                roles.targets = group_of(sentence, mentions, object, low, trigger.start);
                roles
                    .reason
                    .push_str(", the nearest actor before is the target");
            }
            if roles.reason.is_empty() {
                roles.reason = "noun: object after a preposition".into();
            }
        }
    }
    roles.targets.retain(|i| !roles.agents.contains(i));
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clause around byte `at` of `sentence`.
    fn clause(sentence: &str, at: usize) -> &str {
        &sentence[clause_start(sentence, at)..clause_end(sentence, at)]
    }

    #[test]
    fn clauses_end_at_boundaries_but_not_at_because_of() {
        let first =
            "Ministers met on Monday, but Norway banned the firm because it spied; no appeal.";
        let at = first.find("banned").unwrap_or(0);
        assert_eq!(clause(first, at), "Norway banned the firm");
        let second = "Peru barred the vendor because of its ties, while Chile waited.";
        let at = second.find("barred").unwrap_or(0);
        assert_eq!(
            clause(second, at),
            "Peru barred the vendor because of its ties,"
        );
        // Looked up again in turn: each sentence gets its own boundaries, never the last one's.
        let at = first.find("met").unwrap_or(0);
        assert_eq!(clause(first, at), "Ministers met on Monday,");
        let at = second.find("waited").unwrap_or(0);
        assert_eq!(clause(second, at), "Chile waited.");
        assert_eq!(clause("", 0), "");
    }
}
