//! Status from modality cues: negated, considered, planned, else actual.
//!
//! The entry point is [`resolve_status`].

use super::lexicon::{Lexicon, StatusCues};
use crate::model::EventStatus;
use std::borrow::Cow;

/// The status of a trigger at `trigger_start`, from the cue nearest before it in `clause`
/// (the text from the clause start up to the trigger). Negation cues count only within the
/// lexicon's negation window. Returns the status and the cue that decided it.
pub fn resolve_status(clause_before: &str, lexicon: &Lexicon) -> (EventStatus, Option<String>) {
    // "May" with a capital inside a clause is the month ("In May, the Pentagon ordered"), not
    // the modal verb.
    let mut masked: Vec<&str> = Vec::with_capacity(super::scan::most_words(clause_before));
    masked.extend(clause_before.split_whitespace().enumerate().map(|(i, w)| {
        if i > 0 && w.trim_end_matches(',') == "May" {
            "(month)"
        } else {
            w
        }
    }));
    // "pleaded not guilty to the charges" denies guilt; the charges stand.
    let mut lower = masked.join(" ").to_lowercase();
    // Each replacement only where there is something to replace: a copy per event cost more
    // than the look (#6 profile).
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    if super::scan::contains(&lower, "not guilty") {
        lower = lower.replace("not guilty", "guilty");
    }
    let words = ClauseWords::new(&lower);
    let mut best: Option<(usize, EventStatus, String)> = None;
    // The first weighing cue in the window that is no bare modal ("considering", "weighing").
    let mut weighed: Option<&String> = None;
    let split = &lexicon.cue_words;
    let candidates = [
        (
            EventStatus::Negated,
            &lexicon.status.negated,
            &split.negated,
        ),
        (
            EventStatus::Considered,
            &lexicon.status.considered,
            &split.considered,
        ),
        (
            EventStatus::Planned,
            &lexicon.status.planned,
            &split.planned,
        ),
    ];
    for (status, cues, split) in candidates {
        for (cue, cue_words) in cues.iter().zip(split_of(cues, split).iter()) {
            if !words.may_hold(cue_words) {
                continue;
            }
            let Some(distance) = words.distance_from_end(cue, cue_words) else {
                continue;
            };
            if status == EventStatus::Negated && distance > lexicon.negation_window {
                continue;
            }
            if status != EventStatus::Negated && distance > 10 {
                continue;
            }
            if status == EventStatus::Considered
                && weighed.is_none()
                && !["could", "might", "may"].contains(&cue.as_str())
            {
                weighed = Some(cue);
            }
            if best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                best = Some((distance, status, cue.clone()));
            }
        }
    }
    // "considering a bill that would ban": an intention inside what is being weighed is itself
    // only weighed.
    if let Some((_, EventStatus::Planned, _)) = &best
        && let Some(weighed) = weighed
    {
        return (EventStatus::Considered, Some(weighed.clone()));
    }
    best.map_or((EventStatus::Actual, None), |(_, status, cue)| {
        (status, Some(cue))
    })
}

/// True when the clause before a trigger asks others to act, within ten words of it
/// ("has been lobbying its allies to keep Huawei out").
///
/// A nearer intention cue wins: in "Portugal wants to ban ZTE" the subject means to act itself
/// ("wants to" is a planned cue), while in "Washington wanted London to ban ZTE" it asks London.
pub fn is_advocacy(clause_before: &str, lexicon: &Lexicon) -> bool {
    let lower = clause_before.to_lowercase();
    let words = ClauseWords::new(&lower);
    let nearest = |cues: &[String], split: &[CueSplit]| {
        cues.iter()
            .zip(split_of(cues, split).iter())
            .filter(|(_, cue_words)| words.may_hold(cue_words))
            .filter_map(|(cue, cue_words)| words.distance_from_end(cue, cue_words))
            .min()
    };
    let split = &lexicon.cue_words;
    // Most clauses hold no advocacy cue, and need no look for a planning one.
    match nearest(&lexicon.advocacy, &split.advocacy) {
        Some(advocacy) if advocacy <= 10 => nearest(&lexicon.status.planned, &split.planned)
            .is_none_or(|planned| advocacy < planned),
        _ => false,
    }
}

/// The status and advocacy cues split into words, once when the lexicon is read: splitting each
/// cue again for each trigger cost more than the search itself (#6 profile).
#[derive(Debug, Clone, Default)]
pub(super) struct CueWords {
    negated: Vec<CueSplit>,
    considered: Vec<CueSplit>,
    planned: Vec<CueSplit>,
    advocacy: Vec<CueSplit>,
}

/// A cue's words, and the filter bit of its first word ([`super::scan::word_bit`]).
#[derive(Debug, Clone, Default)]
struct CueSplit {
    words: Vec<String>,
    first_bit: u64,
}

impl CueWords {
    /// The words of each cue of `status` and of `advocacy`, in their order.
    pub(super) fn new(status: &StatusCues, advocacy: &[String]) -> Self {
        Self {
            negated: split_cues(&status.negated),
            considered: split_cues(&status.considered),
            planned: split_cues(&status.planned),
            advocacy: split_cues(advocacy),
        }
    }
}

fn split_cues(cues: &[String]) -> Vec<CueSplit> {
    cues.iter()
        .map(|cue| {
            let words: Vec<String> = cue.split_whitespace().map(str::to_string).collect();
            // "n't" ends a word rather than being one: it passes every filter.
            let first_bit = if cue == "n't" {
                u64::MAX
            } else {
                words.first().map_or(0, |w| super::scan::word_bit(w))
            };
            CueSplit { words, first_bit }
        })
        .collect()
}

/// The split words of `cues`: `split` when it was made from them, else split anew (the lists are
/// public fields, which a caller may have grown or shrunk since the lexicon was read).
fn split_of<'a>(cues: &[String], split: &'a [CueSplit]) -> Cow<'a, [CueSplit]> {
    if split.len() == cues.len() {
        Cow::Borrowed(split)
    } else {
        Cow::Owned(split_cues(cues))
    }
}

/// The words of a lower-cased clause, split and stripped once for all the cues looked up in it
/// (#6 profile: a substring search per cue cost more than the matching).
struct ClauseWords<'a> {
    /// The words as split at whitespace.
    words: Vec<&'a str>,
    /// Each word without the punctuation around it (an apostrophe stays).
    stripped: Vec<&'a str>,
    /// A one-word Bloom filter of the stripped words ([`super::scan::word_bit`]): most cues' first word is
    /// absent, and the filter tells that without comparing it with every word (#6 profile).
    bits: u64,
}

impl<'a> ClauseWords<'a> {
    fn new(lower: &'a str) -> Self {
        // Room for every word at once: growing the list word by word cost three copies a
        // clause (#6 profile).
        let mut words: Vec<&str> = Vec::with_capacity(super::scan::most_words(lower));
        words.extend(lower.split_whitespace());
        let stripped: Vec<&str> = words
            .iter()
            .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '\''))
            .collect();
        let bits = super::scan::word_bits(&stripped);
        Self {
            words,
            stripped,
            bits,
        }
    }

    /// False when the cue's first word is absent from the clause, as it is for most cues: the
    /// test before the call to [`Self::distance_from_end`], which costs more than it (#6
    /// profile).
    #[inline]
    fn may_hold(&self, split: &CueSplit) -> bool {
        self.bits & split.first_bit != 0
    }

    /// How many words before the end of the clause the last whole-word occurrence of `cue`
    /// (split into `cue_words`) ends; 0 when it ends the clause.
    fn distance_from_end(&self, cue: &str, split: &CueSplit) -> Option<usize> {
        // A cue whose first word is absent cannot match; most are. ("n't" ends a word: its
        // filter bits are all set.)
        if !self.may_hold(split) {
            return None;
        }
        if cue == "n't" {
            return self.words.iter().rev().position(|w| w.ends_with("n't"));
        }
        let cue_words = &split.words;
        let first = cue_words.first()?;
        if !self.stripped.iter().any(|w| w == first) {
            return None;
        }
        let n = cue_words.len();
        let words = &self.stripped;
        if words.len() < n {
            return None;
        }
        (0..=words.len() - n).rev().find_map(|i| {
            words[i..i + n]
                .iter()
                .zip(cue_words)
                .all(|(w, c)| w == c)
                .then(|| words.len() - (i + n))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    #[test]
    fn cues_decide_the_status() -> Result<(), crate::extract::DataError> {
        let extractor = Extractor::bundled()?;
        let lexicon = extractor.lexicon();
        for (before, want) in [
            ("The U.S. has", EventStatus::Actual),
            ("New Zealand has not", EventStatus::Negated),
            (
                "Germany is reportedly considering a",
                EventStatus::Considered,
            ),
            ("Norway plans to", EventStatus::Planned),
            ("The minister ruled out a", EventStatus::Negated),
            ("Officials said they would", EventStatus::Planned),
            ("In May, the Pentagon ordered shops to", EventStatus::Actual),
            ("Ministers may", EventStatus::Considered),
        ] {
            assert_eq!(resolve_status(before, lexicon).0, want, "{before}");
        }
        Ok(())
    }

    #[test]
    fn asking_others_to_act_is_advocacy_wanting_to_act_is_not()
    -> Result<(), crate::extract::DataError> {
        let extractor = Extractor::bundled()?;
        let lexicon = extractor.lexicon();
        for (before, want) in [
            ("Washington has been lobbying its allies to", true),
            ("Lima wanted Quito to", true),
            ("Quito wants to", false),
            ("Quito has", false),
        ] {
            assert_eq!(is_advocacy(before, lexicon), want, "{before}");
        }
        Ok(())
    }
}
