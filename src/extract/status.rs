//! Status from modality cues: negated, considered, planned, else actual.
//!
//! The entry point is [`resolve_status`].

use super::lexicon::Lexicon;
use crate::model::EventStatus;

/// The status of a trigger at `trigger_start`, from the cue nearest before it in `clause`
/// (the text from the clause start up to the trigger). Negation cues count only within the
/// lexicon's negation window. Returns the status and the cue that decided it.
pub fn resolve_status(clause_before: &str, lexicon: &Lexicon) -> (EventStatus, Option<String>) {
    // "May" with a capital inside a clause is the month ("In May, the Pentagon ordered"), not
    // the modal verb.
    let masked: Vec<&str> = clause_before
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && w.trim_end_matches(',') == "May" {
                "(month)"
            } else {
                w
            }
        })
        .collect();
    let lower = masked.join(" ").to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut best: Option<(usize, EventStatus, String)> = None;
    let candidates = [
        (EventStatus::Negated, &lexicon.status.negated),
        (EventStatus::Considered, &lexicon.status.considered),
        (EventStatus::Planned, &lexicon.status.planned),
    ];
    for (status, cues) in candidates {
        for cue in cues {
            let Some(distance) = words_from_end(&lower, &words, cue) else {
                continue;
            };
            if status == EventStatus::Negated && distance > lexicon.negation_window {
                continue;
            }
            if status != EventStatus::Negated && distance > 10 {
                continue;
            }
            if best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                best = Some((distance, status, cue.clone()));
            }
        }
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
    let words: Vec<&str> = lower.split_whitespace().collect();
    let nearest = |cues: &[String]| {
        cues.iter()
            .filter_map(|cue| words_from_end(&lower, &words, cue))
            .min()
    };
    match (nearest(&lexicon.advocacy), nearest(&lexicon.status.planned)) {
        (Some(advocacy), Some(planned)) => advocacy <= 10 && advocacy < planned,
        (Some(advocacy), None) => advocacy <= 10,
        (None, _) => false,
    }
}

/// How many words before the end of `text` the last whole-word occurrence of `cue` ends; 0 when it
/// ends the text.
fn words_from_end(text: &str, words: &[&str], cue: &str) -> Option<usize> {
    if cue == "n't" {
        return words.iter().rev().position(|w| w.ends_with("n't"));
    }
    // A cue absent from the text cannot match word by word; most are (#6 profile).
    if cue
        .split_whitespace()
        .next()
        .is_some_and(|first| !text.contains(first))
    {
        return None;
    }
    let cue_words: Vec<&str> = cue.split_whitespace().collect();
    let n = cue_words.len();
    if n == 0 || words.len() < n {
        return None;
    }
    (0..=words.len() - n).rev().find_map(|i| {
        let window = &words[i..i + n];
        let matches = window
            .iter()
            .zip(&cue_words)
            .all(|(w, c)| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '\'') == *c);
        matches.then(|| words.len() - (i + n))
    })
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
