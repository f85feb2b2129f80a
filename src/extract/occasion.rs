//! Days that earlier sentences give to later ones with no time phrase of their own: "the same
//! day", a statement that goes on in the next sentence ("On Wednesday the ministry said ... The
//! ministry said ..."), a later sentence that spells out an act of the news day ("The department
//! on Monday charged Huawei ... Prosecutors charged its finance chief ..."), and a denial of an
//! act done on the publication day.
//!
//! [`Occasions`] is kept across an article's sentences; [`Occasions::redate`] applies to events
//! that [`super::pick_date`] could only place "before publication".

use super::NO_TIME_PHRASE;
use super::date::TimePhrase;
use super::lexicon::{ActorCues, WordForm};
use super::mention::Mention;
use crate::model::{ActorId, Event, EventDate, EventStatus, EventType};
use chrono::NaiveDate;

/// How far before publication a day still counts as the news day of the article.
const NEWS_DAYS: i64 = 7;

/// What the sentences read so far say about days.
#[derive(Debug, Default)]
pub(super) struct Occasions {
    /// The day the last dated time phrase named, for "the same day".
    last_day: Option<NaiveDate>,
    /// The previous sentence's speaker and the day it spoke, when a time phrase dated it.
    speech: Option<(String, NaiveDate)>,
    /// Acts dated to a day of the news week: type, agent, target and day.
    news_acts: Vec<(EventType, ActorId, ActorId, NaiveDate)>,
}

/// What one sentence brings to the dating of its events.
#[derive(Debug, Default)]
pub(super) struct SentenceDays {
    /// The sentence names a time of its own.
    has_phrase: bool,
    /// "the same day": the day last named, and the phrase.
    same_day: Option<(NaiveDate, String)>,
    /// The sentence goes on with the previous sentence's dated statement.
    continued_speech: Option<NaiveDate>,
}

impl Occasions {
    /// What the article so far gives to `text`, a sentence with `phrases` and `mentions`;
    /// `lower` is `text` lower-cased.
    pub(super) fn sentence(
        &self,
        text: &str,
        lower: &str,
        phrases: &[TimePhrase],
        mentions: &[Mention],
        cues: &ActorCues,
    ) -> SentenceDays {
        let same_day = self.last_day.and_then(|day| {
            cues.same_time_phrases
                .iter()
                .find(|p| super::scan::contains(lower, p))
                .map(|p| (day, p.clone()))
        });
        // A sentence with its own time phrase continues no earlier speech: no verb search then.
        let continued_speech = self.speech.as_ref().and_then(|(speaker, day)| {
            if !phrases.is_empty() {
                return None;
            }
            let (at, _) = reporting_verb(text, cues, 8)?;
            (speaker_of(text, at, mentions).as_deref() == Some(speaker)).then_some(*day)
        });
        SentenceDays {
            has_phrase: !phrases.is_empty(),
            same_day,
            continued_speech,
        }
    }

    /// Gives an event that has only "before publication" the day the article's context gives it.
    pub(super) fn redate(
        &self,
        event: &mut Event,
        form: WordForm,
        days: &SentenceDays,
        published: NaiveDate,
    ) {
        if event.date != Some(EventDate::Before(published)) || event.date_reason != NO_TIME_PHRASE {
            return;
        }
        let found = if let Some((day, phrase)) = &days.same_day {
            Some((*day, format!("\"{phrase}\": the day named last, {day}")))
        } else if let Some(day) = days.continued_speech {
            Some((
                day,
                format!("goes on with the statement of {day} in the sentence before"),
            ))
        } else if days.has_phrase || event.status != EventStatus::Actual {
            None
        } else if event.event_type == EventType::Denial {
            // A denial of an act done on the publication day was made that day.
            self.news_acts
                .iter()
                .find(|(_, agent, target, day)| {
                    *agent == event.target.id && *target == event.agent.id && *day == published
                })
                .map(|(kind, _, _, day)| (*day, format!("answers the {kind} of {day}")))
        } else if matches!(form, WordForm::Verb | WordForm::VerbPast) {
            // "Prosecutors charged its finance chief with fraud" after "the department on Monday
            // charged the firm": the same act of the news week, spelt out.
            self.news_acts
                .iter()
                .rev()
                .find(|(kind, agent, _, _)| *kind == event.event_type && *agent == event.agent.id)
                .map(|(kind, _, _, day)| {
                    (
                        *day,
                        format!("spells out the {kind} by the same agent dated {day} before"),
                    )
                })
        } else {
            None
        };
        if let Some((day, reason)) = found {
            event.date = Some(EventDate::Day(day));
            event.date_reason = reason;
        }
    }

    /// Records what a finished sentence tells later ones.
    pub(super) fn after_sentence<'a>(
        &mut self,
        text: &str,
        phrases: &[TimePhrase],
        mentions: &[Mention],
        events: impl IntoIterator<Item = &'a Event>,
        published: NaiveDate,
        cues: &ActorCues,
    ) {
        let news_day =
            |day: NaiveDate| day <= published && (published - day).num_days() <= NEWS_DAYS;
        let day_of = |p: &TimePhrase| match p.date {
            EventDate::Day(day) if day <= published => Some(day),
            _ => None,
        };
        if let Some(day) = phrases.iter().rev().find_map(day_of) {
            self.last_day = Some(day);
        }
        // The reporting verb matters only when a phrase names a recent day: most sentences are
        // passed over without a search of their words (#6 profile).
        let recent = phrases.iter().any(|p| day_of(p).is_some_and(news_day));
        self.speech = recent
            .then(|| reporting_verb(text, cues, usize::MAX))
            .flatten()
            .and_then(|(at, end)| {
                // The day of the saying: a phrase next to the reporting verb, or opening the
                // sentence.
                let day = phrases
                    .iter()
                    .filter(|p| p.start <= 3 || p.start >= end && p.start - end <= 40)
                    .find_map(day_of)
                    .filter(|&d| news_day(d))?;
                Some((speaker_of(text, at, mentions)?, day))
            });
        for event in events {
            if let Some(EventDate::Day(day)) = event.date
                && news_day(day)
            {
                self.news_acts.push((
                    event.event_type,
                    event.agent.id.clone(),
                    event.target.id.clone(),
                    day,
                ));
            }
        }
    }
}

/// The first reporting verb ("said", "told") among the first `reach` words of `text`: its start
/// and end.
fn reporting_verb(text: &str, cues: &ActorCues, reach: usize) -> Option<(usize, usize)> {
    let mut at = 0;
    for (n, word) in text.split(' ').enumerate() {
        if n >= reach {
            break;
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if bare != "according"
            && bare.starts_with(|c: char| c.is_lowercase())
            && cues.reporting_verbs.iter().any(|v| v == bare)
        {
            let start = at + word.find(bare).unwrap_or(0);
            return Some((start, start + bare.len()));
        }
        at += word.len() + 1;
    }
    None
}

/// Who says what the reporting verb at `at` reports: the actor named right before it, else the
/// two words before it ("the ministry").
fn speaker_of(text: &str, at: usize, mentions: &[Mention]) -> Option<String> {
    if let Some(m) = mentions
        .iter()
        .filter(|m| m.end <= at && text[m.end..at].split_whitespace().count() <= 1)
        .max_by_key(|m| m.end)
    {
        return Some(m.as_agent().id.to_string());
    }
    let words = super::roles::last_words(&text[..at], 2);
    (words.len() == 2 && words.iter().all(|w| !w.is_empty())).then(|| words.join(" "))
}
