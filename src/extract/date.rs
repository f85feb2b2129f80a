//! Time phrases in a sentence, resolved against the publication day.
//!
//! The entry point is [`find_time_phrases`]; [`resolve_date`] resolves one phrase.

use crate::ingest::month_number;
use crate::model::EventDate;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex_automata::{Anchored, Input, meta, util::captures::Captures};
use std::sync::LazyLock;

/// A time phrase found in a sentence and the date it denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimePhrase {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The date it denotes.
    pub date: EventDate,
    /// The phrase as written.
    pub text: String,
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// The forms of a time phrase, most specific first; a phrase is the first form that matches.
fn phrase_forms() -> [String; 7] {
    [
        format!(r"(?P<md>{MONTH})\.?\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<md_year>\d{{4}}))?"),
        format!(r"(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{MONTH})\.?(?:,?\s+(?P<dm_year>\d{{4}}))?"),
        format!(r"(?:(?P<part>(?i:early|mid|late|earlier in|later in|end of|the end of|beginning of|start of))[\s-]+)?(?P<m>{MONTH})\.?(?:\s+(?:of\s+)?(?P<m_year>\d{{4}}))?"),
        format!(r"(?:(?i:on|last|this past|late on|early on)\s+)?(?P<weekday>{WEEKDAY})"),
        r"(?P<iso>\d{4}-\d{2}-\d{2})".to_string(),
        r"(?i:(?P<rel>(?:(?:late|early|earlier|later|in the middle of)\s+)?(?:last|this|next|previous|the previous|the following|past)\s+(?:year|month)|earlier this (?:year|month)|later this (?:year|month)|(?:a|one|two|three|four|five|six|\d+)\s+(?:years?|months?)\s+(?:ago|earlier)|yesterday|today|this week|last week))".to_string(),
        r"(?i:in|since|during|by|of|early|late|mid|from|until|before|after)\s+(?P<year>(?:19|20)\d{2})(?-u:\b)".to_string(),
    ]
}

/// Where time phrases are: each form a pattern of one regex, the first form that matches at a
/// place winning as in an alternation. A match names its form, so the parts are read with that
/// form alone.
static PHRASE: LazyLock<meta::Regex> = LazyLock::new(|| {
    // ASCII word boundaries: every form starts and ends in an ASCII letter or digit, and a
    // Unicode boundary stops the fast engine at the first curly quote (#6 profile).
    meta::Regex::new_many(&form_patterns()).expect("valid regex")
});

/// Each form alone, to read the parts of a phrase that [`PHRASE`] found. Its capture groups
/// cost several times the search when read from the whole pattern: the backtracker walks
/// every form at every match (#6 profile).
static FORMS: LazyLock<Vec<meta::Regex>> = LazyLock::new(|| {
    form_patterns()
        .iter()
        .map(|form| meta::Regex::new(form).expect("valid regex"))
        .collect()
});

/// The forms between ASCII word boundaries.
fn form_patterns() -> Vec<String> {
    phrase_forms()
        .iter()
        .map(|form| format!(r"(?-u:\b)(?:{form})(?-u:\b)"))
        .collect()
}

fn number_word(word: &str) -> Option<i64> {
    Some(match word {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        other => other.parse().ok()?,
    })
}

/// The month `month` nearest before or at the publication month (a month later than publication
/// is read as last year's), or in `year` when the text gives one.
fn month_in_context(month: u32, year: Option<i32>, published: NaiveDate) -> Option<EventDate> {
    let year = year.unwrap_or(if month > published.month() {
        published.year() - 1
    } else {
        published.year()
    });
    EventDate::month(year, month)
}

fn day_in_context(
    month: u32,
    day: u32,
    year: Option<i32>,
    published: NaiveDate,
) -> Option<EventDate> {
    let year = year.unwrap_or_else(|| {
        let this_year = NaiveDate::from_ymd_opt(published.year(), month, day);
        // A day more than a month after publication is read as last year's.
        if this_year.is_some_and(|d| d > published + Days::new(31)) {
            published.year() - 1
        } else {
            published.year()
        }
    });
    NaiveDate::from_ymd_opt(year, month, day).map(EventDate::Day)
}

fn weekday_from_name(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

/// The last `weekday` on or before the publication day.
fn last_weekday(weekday: Weekday, published: NaiveDate) -> NaiveDate {
    let back =
        (7 + published.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    published - Days::new(u64::from(back))
}

fn add_months(year: i32, month: u32, delta: i32) -> Option<EventDate> {
    let index = year * 12 + i32::try_from(month).ok()? - 1 + delta;
    EventDate::month(
        index.div_euclid(12),
        u32::try_from(index.rem_euclid(12)).ok()? + 1,
    )
}

fn relative(phrase: &str, published: NaiveDate) -> Option<EventDate> {
    let lower = phrase.to_lowercase();
    let (year, month) = (published.year(), published.month());
    let words: Vec<&str> = lower.split_whitespace().collect();
    if lower == "yesterday" {
        return published.pred_opt().map(EventDate::Day);
    }
    if lower == "today" {
        return Some(EventDate::Day(published));
    }
    if lower.ends_with("week") {
        return None;
    }
    if lower.ends_with("ago") || lower.ends_with("earlier") && words.len() == 3 {
        let count = number_word(words.first()?)?;
        let count = i32::try_from(count).ok()?;
        return if words.get(1)?.starts_with("year") {
            Some(EventDate::Year(year - count))
        } else {
            add_months(year, month, -count)
        };
    }
    let unit_is_year = lower.ends_with("year");
    let offset = if ["last", "previous", "past"]
        .iter()
        .any(|w| words.contains(w))
    {
        -1
    } else if ["next", "following"].iter().any(|w| words.contains(w)) {
        1
    } else {
        0
    };
    if unit_is_year {
        Some(EventDate::Year(year + offset))
    } else {
        add_months(year, month, offset)
    }
}

/// Resolves one time phrase against the publication day.
///
/// ```
/// use chrono::NaiveDate;
/// use geokg::extract::resolve_date;
/// let published = NaiveDate::from_ymd_opt(2019, 2, 19).unwrap();
/// assert_eq!(resolve_date("last month", published).map(|d| d.to_string()), Some("2019-01".into()));
/// ```
pub fn resolve_date(phrase: &str, published: NaiveDate) -> Option<EventDate> {
    find_time_phrases(phrase, published)
        .into_iter()
        .next()
        .map(|p| p.date)
}

/// The last word of a phrase: after its last white space (`\s` in the forms), or all of it.
fn last_word(phrase: &str) -> &str {
    phrase.rsplit(char::is_whitespace).next().unwrap_or(phrase)
}

/// The parts of the phrase of form `form` that starts at byte `start`: the form's capture
/// groups, read with that form alone.
fn phrase_parts(sentence: &str, start: usize, form: usize) -> Option<Captures> {
    let regex = FORMS.get(form)?;
    let input = Input::new(sentence)
        .span(start..sentence.len())
        .anchored(Anchored::Yes);
    let mut caps = regex.create_captures();
    regex.search_captures(&input, &mut caps);
    caps.is_match().then_some(caps)
}

/// All time phrases in `sentence` with their dates.
pub fn find_time_phrases(sentence: &str, published: NaiveDate) -> Vec<TimePhrase> {
    let mut out = Vec::new();
    for whole in PHRASE.find_iter(sentence) {
        let form = whole.pattern().as_usize();
        let phrase = &sentence[whole.range()];
        let date = match form {
            // Forms 3 to 6 need no capture search: their one part is the whole phrase or its
            // last word (see `parts_without_captures`), and the capture search cost as much as
            // finding the phrases (#6 profile).
            3 => weekday_from_name(last_word(phrase))
                .map(|w| EventDate::Day(last_weekday(w, published))),
            4 => NaiveDate::parse_from_str(phrase, "%Y-%m-%d")
                .ok()
                .map(EventDate::Day),
            5 => relative(phrase, published),
            6 => last_word(phrase).parse::<i32>().ok().map(EventDate::Year),
            _ => {
                let Some(caps) = phrase_parts(sentence, whole.start(), form) else {
                    continue;
                };
                // The groups by number, as `phrase_forms` writes them (a test checks each name).
                let get = |group: usize| caps.get_group(group).map(|span| &sentence[span.range()]);
                let year_of = |group: usize| get(group).and_then(|y| y.parse::<i32>().ok());
                let month_day = |month: usize, day: usize, year: usize| {
                    let day = get(day).and_then(|d| d.parse().ok());
                    get(month)
                        .and_then(month_number)
                        .zip(day)
                        .and_then(|(m, d)| day_in_context(m, d, year_of(year), published))
                };
                match form {
                    // md, md_day, md_year
                    0 => month_day(1, 2, 3),
                    // dm_day, dm, dm_year
                    1 => month_day(2, 1, 3),
                    // part, m, m_year
                    _ => {
                        // A bare month name counts only after a cue word or with a year ("in
                        // May", "May 2019"), so that "May" the verb and names like "June Smith"
                        // are no dates.
                        let before = sentence[..whole.start()].trim_end();
                        let cue = get(1).is_some()
                            || get(3).is_some()
                            || [
                                "in", "since", "during", "by", "from", "until", "of", "last",
                                "this", "early", "late", "mid", "before", "after", "between",
                                "and",
                            ]
                            .iter()
                            .any(|w| super::scan::ends_with_word(before, w));
                        if cue {
                            get(2)
                                .and_then(month_number)
                                .and_then(|m| month_in_context(m, year_of(3), published))
                        } else {
                            None
                        }
                    }
                }
            }
        };
        if let Some(date) = date {
            out.push(TimePhrase {
                start: whole.start(),
                end: whole.end(),
                date,
                text: phrase.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn relative_dates_resolve_against_publication_day() {
        let published = ymd(2019, 2, 19); // a Tuesday
        for (phrase, want) in [
            ("last month", "2019-01"),
            ("in December", "2018-12"),
            ("in early December", "2018-12"),
            ("last year", "2018"),
            ("late last year", "2018"),
            ("earlier this month", "2019-02"),
            ("a year ago", "2018"),
            ("on Wednesday", "2019-02-13"),
            ("on Tuesday", "2019-02-19"),
            ("yesterday", "2019-02-18"),
            ("on Dec. 1", "2018-12-01"),
            ("on 5 February", "2019-02-05"),
            ("on January 28, 2019", "2019-01-28"),
            ("in August 2018", "2018-08"),
            ("in 2017", "2017"),
            ("next year", "2020"),
            ("two years ago", "2017"),
        ] {
            assert_eq!(
                resolve_date(phrase, published).map(|d| d.to_string()),
                Some(want.into()),
                "{phrase}"
            );
        }
    }

    /// The phrases read form by form are the ones the whole pattern's capture groups give.
    #[test]
    fn forms_read_what_the_whole_pattern_reads() {
        let whole = Regex::new(&format!(
            r"(?-u:\b)(?:{})(?-u:\b)",
            phrase_forms().join("|")
        ))
        .expect("valid regex");
        let names = [
            "md", "md_day", "md_year", "dm_day", "dm", "dm_year", "part", "m", "m_year", "weekday",
            "iso", "rel", "year",
        ];
        for text in [
            "On Dec. 1, 2018 and on 5 February, late on Friday, in early March 2019, 2019-02-03.",
            "Two years ago, since 2017, earlier this month, mid-June, the end of May 2020 and 12th Oct",
            "In May 2019 May said 3 months earlier it had been 10 June, last week, yesterday, today.",
            "Sept. 30th 2020 vs 30 Sept, 2020; in the middle of last year; 7 years earlier; Jan.",
        ] {
            let want: Vec<Vec<Option<&str>>> = whole
                .captures_iter(text)
                .map(|c| {
                    names
                        .iter()
                        .map(|n| c.name(n).map(|m| m.as_str()))
                        .collect()
                })
                .collect();
            let got: Vec<Vec<Option<&str>>> = PHRASE
                .find_iter(text)
                .map(|m| {
                    let caps = phrase_parts(text, m.start(), m.pattern().as_usize())
                        .expect("its form matches");
                    assert_eq!(caps.get_match().map(|c| c.range()), Some(m.range()));
                    names
                        .iter()
                        .map(|n| caps.get_group_by_name(n).map(|s| &text[s.range()]))
                        .collect()
                })
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// Forms 3 to 6 are read without their capture groups: the weekday and the year are the
    /// phrase's last word, the date and the relative phrase the whole phrase.
    #[test]
    fn parts_without_captures() {
        let text = "On Monday, late on\u{a0}Friday, this past  Sunday, 2019-02-03, in\t2017, \
                    Since 2020, last month, two years ago, Tuesday, by 20\u{663}\u{664} and in 1999.";
        let mut seen = [0; 7];
        for m in PHRASE.find_iter(text) {
            let form = m.pattern().as_usize();
            let phrase = &text[m.range()];
            let caps = phrase_parts(text, m.start(), form).expect("its form matches");
            let part = caps.get_group(1).map(|s| &text[s.range()]);
            match form {
                3 | 6 => assert_eq!(part, Some(last_word(phrase)), "{phrase:?}"),
                4 | 5 => assert_eq!(part, Some(phrase), "{phrase:?}"),
                _ => {}
            }
            seen[form] += 1;
        }
        assert_eq!(seen[3..], [4, 1, 2, 3], "{seen:?}");
    }

    /// `find_time_phrases` reads each form's parts by group number.
    #[test]
    fn each_form_numbers_its_groups_as_read() {
        let want: [&[&str]; 7] = [
            &["md", "md_day", "md_year"],
            &["dm_day", "dm", "dm_year"],
            &["part", "m", "m_year"],
            &["weekday"],
            &["iso"],
            &["rel"],
            &["year"],
        ];
        assert_eq!(FORMS.len(), want.len());
        for (form, names) in FORMS.iter().zip(want) {
            let info = form.group_info();
            let got: Vec<Option<&str>> = (1..info.group_len(regex_automata::PatternID::ZERO))
                .map(|i| info.to_name(regex_automata::PatternID::ZERO, i))
                .collect();
            let names: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
            assert_eq!(got, names);
        }
    }

    #[test]
    fn may_the_verb_is_no_month() {
        let published = ymd(2019, 6, 1);
        assert_eq!(resolve_date("the risks may be managed", published), None);
        assert_eq!(
            resolve_date("in May", published).map(|d| d.to_string()),
            Some("2019-05".into())
        );
    }
}
