//! The article header: masthead, title, byline author and publication date, and where the body starts.

use chrono::NaiveDate;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// What the lines before the body say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The first header line, when it is not the title.
    pub masthead: Option<String>,
    /// The headline: the longest header paragraph that is neither byline, date nor section label.
    pub title: Option<String>,
    /// The name after "By", when it names a person.
    pub author: Option<String>,
    /// The first full date in the header.
    pub published: Option<NaiveDate>,
    /// Byte offset of the first body paragraph.
    pub body_start: usize,
}

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").expect("valid regex"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b){MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?-u:\b)").expect("valid regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(\d{4})(?-u:\b)").expect("valid regex")
});

/// The month number of an English month name or abbreviation (`"Sept"` → 9).
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let number = match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

fn number<T: std::str::FromStr>(text: Option<regex::Match<'_>>) -> Option<T> {
    text?.as_str().parse().ok()
}

/// The first full calendar date written in `line`, in any of the usual byline forms:
/// `Feb 19, 2019 07:11 AM`, `28 November 2018`, `2018-11-28 09:15 UTC`,
/// `Published: Wednesday 28 November 2018`, `06/30/20 04:31 PM EDT`, `30.06.2020`.
///
/// ```
/// use geokg::ingest::find_date;
/// assert_eq!(find_date("By Han Wei / Feb 19, 2019 07:11 AM").map(|d| d.to_string()), Some("2019-02-19".into()));
/// assert_eq!(find_date("no date here"), None);
/// ```
pub fn find_date(line: &str) -> Option<NaiveDate> {
    // Every form has digits: a line without any (most titles and mastheads) needs no regex. A
    // non-ASCII byte may start a digit of another script, which `\d` also matches.
    if !line.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii()) {
        return None;
    }
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |start: usize, date: Option<NaiveDate>| {
        if let Some(date) = date
            && best.is_none_or(|(s, _)| start < s)
        {
            best = Some((start, date));
        }
    };
    for c in ISO_DATE.captures_iter(line) {
        let date = NaiveDate::from_ymd_opt(number(c.get(1))?, number(c.get(2))?, number(c.get(3))?);
        consider(c.get(0)?.start(), date);
    }
    for c in MONTH_DAY_YEAR.captures_iter(line) {
        let month = month_number(c.get(1)?.as_str())?;
        consider(
            c.get(0)?.start(),
            NaiveDate::from_ymd_opt(number(c.get(3))?, month, number(c.get(2))?),
        );
    }
    for c in DAY_MONTH_YEAR.captures_iter(line) {
        let month = month_number(c.get(2)?.as_str())?;
        consider(
            c.get(0)?.start(),
            NaiveDate::from_ymd_opt(number(c.get(3))?, month, number(c.get(1))?),
        );
    }
    for c in SLASHED.captures_iter(line) {
        let (a, b): (u32, u32) = (number(c.get(1))?, number(c.get(2))?);
        let year_text = c.get(3)?.as_str();
        let mut year: i32 = year_text.parse().ok()?;
        if year_text.len() == 2 {
            year += 2000;
        }
        // US order (month first) unless the first number cannot be a month.
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        consider(c.get(0)?.start(), NaiveDate::from_ymd_opt(year, month, day));
    }
    for c in DOTTED.captures_iter(line) {
        consider(
            c.get(0)?.start(),
            NaiveDate::from_ymd_opt(number(c.get(3))?, number(c.get(2))?, number(c.get(1))?),
        );
    }
    best.map(|(_, date)| date)
}

/// Paragraphs of `text` as (byte offset, trimmed text), split at blank lines.
pub fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                push_trimmed(&mut out, text, s, offset);
            }
        } else if start.is_none() {
            start = Some(offset);
        }
        offset += line.len();
    }
    if let Some(s) = start {
        push_trimmed(&mut out, text, s, text.len());
    }
    out
}

fn push_trimmed<'a>(out: &mut Vec<(usize, &'a str)>, text: &'a str, start: usize, end: usize) {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    out.push((start + lead, raw.trim()));
}

/// The number of words in `text`, counted up to `limit`: the callers compare it with a few
/// words, and a body paragraph has hundreds (#6 profile).
fn word_count(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit).count()
}

/// Body prose: a long paragraph with a sentence end, not a byline.
fn is_body(paragraph: &str) -> bool {
    word_count(paragraph, 18) >= 18
        && paragraph.contains(['.', '?', '!', '"', '”'])
        && !paragraph.starts_with("By ")
}

/// A short prose sentence: six words or more, ending like a sentence.
fn is_sentence(paragraph: &str) -> bool {
    word_count(paragraph, 6) >= 6
        && paragraph.ends_with(['.', '?', '!', '"', '”'])
        && !paragraph.starts_with("By ")
}

fn is_section_label(paragraph: &str) -> bool {
    let words = word_count(paragraph, 5);
    words <= 4
        && (paragraph
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            || paragraph.contains(['|', '\\', '>', '/'])
            || words <= 2)
}

static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^By\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})").expect("valid regex")
});

/// Reads the header of an article text.
pub fn parse_header(text: &str) -> Header {
    let paragraphs = paragraphs(text);
    // Each test below asks for the date of the same few opening paragraphs: find each once
    // (#6 profile).
    let dates: Vec<OnceCell<Option<NaiveDate>>> =
        paragraphs.iter().map(|_| OnceCell::new()).collect();
    let date_of = |i: usize| *dates[i].get_or_init(|| find_date(paragraphs[i].1));
    let is_byline = |i: usize| date_of(i).is_some() || paragraphs[i].1.starts_with("By ");
    // The body starts at the first long prose paragraph, or at a short prose sentence right after
    // the byline ("RIGA - Police detained a man on Monday."); failing both, after the last byline
    // or date line of the opening paragraphs; failing that, after the title.
    let first_long = paragraphs.iter().position(|(_, p)| is_body(p));
    let opening_sentence = (0..first_long.unwrap_or(0).min(6))
        .rposition(is_byline)
        .map(|byline| byline + 1)
        .filter(|&next| next < paragraphs.len() && is_sentence(paragraphs[next].1));
    let body_index = opening_sentence
        .or(first_long)
        .or_else(|| {
            let opening = paragraphs.len().min(6);
            let first = (0..opening).position(is_byline)?;
            // After the first byline, a prose sentence is body even when it states a date.
            let end = paragraphs[first + 1..opening]
                .iter()
                .position(|(_, p)| is_sentence(p))
                .map_or(opening, |i| first + 1 + i);
            (0..end).rposition(is_byline).map(|i| i + 1)
        })
        // A lone paragraph is all body (a wire snippet, one sentence).
        .unwrap_or(usize::from(paragraphs.len() > 1));
    let head = &paragraphs[..body_index.min(paragraphs.len())];
    let mut header = Header {
        body_start: paragraphs.get(body_index).map_or(text.len(), |(o, _)| *o),
        ..Header::default()
    };
    header.published = (0..head.len()).find_map(date_of).or_else(|| {
        paragraphs
            .get(body_index)
            .and_then(|(_, p)| dateline_date(p))
    });
    header.author = head.iter().find_map(|(_, p)| {
        let name = AUTHOR.captures(p)?.get(1)?.as_str().trim().to_string();
        let staff = [
            "Staff",
            "Correspondent",
            "Reporter",
            "Agencies",
            "Wire",
            "AFP",
            "AP",
        ];
        (!staff.iter().any(|s| name.contains(s))).then_some(name)
    });
    let title = head
        .iter()
        .enumerate()
        .filter(|&(i, (_, p))| {
            date_of(i).is_none()
                && !p.starts_with("By ")
                && !is_section_label(p)
                && word_count(p, 3) >= 3
        })
        .map(|(_, paragraph)| paragraph)
        .max_by_key(|(_, p)| word_count(p, 25) * 1000 + (1000 - p.len().min(999)));
    header.title = title.map(|(_, p)| p.to_string());
    if let Some((offset, first)) = head.first()
        && title.is_none_or(|(t, _)| t != offset)
        && date_of(0).is_none()
        && !first.starts_with("By ")
    {
        header.masthead = Some(first.lines().next().unwrap_or(first).trim().to_string());
    }
    header
}

/// A full date at the start of the first body paragraph ("WASHINGTON, Oct. 7, 2019 -").
fn dateline_date(paragraph: &str) -> Option<NaiveDate> {
    let opening: String = paragraph.chars().take(60).collect();
    let dash = opening.find(['-', '—', '–'])?;
    find_date(&opening[..dash])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_dates_in_their_many_forms() {
        for (line, want) in [
            (
                "By Han Wei / Feb 19, 2019 07:11 AM / Business & Tech",
                "2019-02-19",
            ),
            ("28 November 2018", "2018-11-28"),
            ("2018-11-28 09:15 UTC", "2018-11-28"),
            ("Published: Wednesday 28 November 2018", "2018-11-28"),
            ("Reuters · Posted: Jan 28, 2020 8:12 AM ET", "2020-01-28"),
            ("06/30/20 04:31 PM EDT", "2020-06-30"),
            ("Thursday 6 December 2018, 8:22am", "2018-12-06"),
            (
                "By Post staff | April 16, 2018 at 7:41 p.m. EDT",
                "2018-04-16",
            ),
            ("Updated: Sept. 3rd, 2021", "2021-09-03"),
            ("31.12.2020 10:00", "2020-12-31"),
        ] {
            assert_eq!(
                find_date(line).map(|d| d.to_string()),
                Some(want.to_string()),
                "{line}"
            );
        }
        for line in [
            "Tokyo, Dec. 10 (Jiji Press)",
            "Feb 30, 2019",
            "The Canadian Press",
        ] {
            assert_eq!(find_date(line), None, "{line}");
        }
    }

    #[test]
    fn the_header_names_masthead_title_author_and_body() {
        let text = "The Daily Example\n\nWorld\n\nNorway bars a vendor from its networks\n\nBy Kari Holm / Mar 4, 2021 08:30 AM\n\nOSLO - Norway's government on Thursday barred the equipment maker from its mobile networks, citing the risk to national security.\n";
        let header = parse_header(text);
        assert_eq!(header.masthead.as_deref(), Some("The Daily Example"));
        assert_eq!(
            header.title.as_deref(),
            Some("Norway bars a vendor from its networks")
        );
        assert_eq!(header.author.as_deref(), Some("Kari Holm"));
        assert_eq!(
            header.published.map(|d| d.to_string()),
            Some("2021-03-04".into())
        );
        assert!(text[header.body_start..].starts_with("OSLO"));
    }

    #[test]
    fn a_short_first_sentence_with_a_date_is_body_not_byline() {
        let text = "Harbour Wire\nA vendor is shut out\nBy Rui Matos / Mar 3, 2021 08:30 AM\n\nNorway barred the vendor from its network on March 2, 2021.\n\nThe vendor said it would appeal.\n";
        let header = parse_header(text);
        assert_eq!(
            header.published.map(|d| d.to_string()),
            Some("2021-03-03".into())
        );
        assert!(text[header.body_start..].starts_with("Norway barred"));
        let dated_lines = "Harbour Wire\n\nA vendor is shut out\n\nBy Rui Matos\n\nUpdated: March 3, 2021\n\nShort body.\n";
        let header = parse_header(dated_lines);
        assert!(dated_lines[header.body_start..].starts_with("Short body"));
    }

    #[test]
    fn a_short_opening_sentence_before_the_long_paragraphs_is_body() {
        let text = "HARBOUR WIRE\n\nA vendor is shut out of the network\n\n3 March 2021\n\nOSLO - Norway barred the vendor from its network on Monday.\n\nThe vendor, which sells radio gear to three of the country's operators, said it would appeal the decision in court and expected to win.\n";
        let header = parse_header(text);
        assert_eq!(
            header.published.map(|d| d.to_string()),
            Some("2021-03-03".into())
        );
        assert!(text[header.body_start..].starts_with("OSLO - Norway barred"));
    }

    #[test]
    fn month_names_and_abbreviations() {
        for (name, want) in [("Jan", 1), ("September", 9), ("Sept.", 9), ("dec", 12)] {
            assert_eq!(month_number(name), Some(want), "{name}");
        }
        assert_eq!(month_number("Monday"), None);
    }
}
