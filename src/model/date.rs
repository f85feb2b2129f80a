//! Fuzzy event dates: a day, a month, a year, or "before a day".

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// When an event happened, as precisely as the text allows.
///
/// Displays and parses as in `SCHEMA.md`: `2019`, `2019-01`, `2019-01-28`, `<2019-02-19`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventDate {
    /// A known day.
    Day(NaiveDate),
    /// A month of a year.
    Month {
        /// Year.
        year: i32,
        /// Month, 1-12.
        month: u32,
    },
    /// A year.
    Year(i32),
    /// Some time before this day (usually the publication day).
    Before(NaiveDate),
}

/// A date string that is none of the four forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad date {0:?}: expected YYYY, YYYY-MM, YYYY-MM-DD or <YYYY-MM-DD")]
pub struct DateParseError(pub String);

impl EventDate {
    /// The month `year-month`, or `None` if `month` is not 1-12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then_some(Self::Month { year, month })
    }

    /// The first day the date may denote (`None` for "before", which has no lower bound).
    pub fn earliest(self) -> Option<NaiveDate> {
        match self {
            Self::Day(day) => Some(day),
            Self::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            Self::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
            Self::Before(_) => None,
        }
    }

    /// The last day the date may denote.
    pub fn latest(self) -> Option<NaiveDate> {
        match self {
            Self::Day(day) => Some(day),
            Self::Month { year, month } => {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                };
                next.and_then(|d| d.pred_opt())
            }
            Self::Year(year) => NaiveDate::from_ymd_opt(year, 12, 31),
            Self::Before(day) => day.pred_opt(),
        }
    }

    /// `"day"`, `"month"`, `"year"` or `"before"`.
    pub fn precision(self) -> &'static str {
        match self {
            Self::Day(_) => "day",
            Self::Month { .. } => "month",
            Self::Year(_) => "year",
            Self::Before(_) => "before",
        }
    }

    /// A key that sorts dates chronologically, fuzzy ones at the start of their span and "before X"
    /// just before X.
    pub fn sort_key(self) -> (NaiveDate, u8) {
        match self {
            Self::Before(day) => (day.pred_opt().unwrap_or(day), 0),
            Self::Year(_) => (self.earliest().unwrap_or(NaiveDate::MIN), 1),
            Self::Month { .. } => (self.earliest().unwrap_or(NaiveDate::MIN), 2),
            Self::Day(day) => (day, 3),
        }
    }
}

impl EventDate {
    /// The day a range bound written `YYYY-MM-DD`, `YYYY-MM` or `YYYY` stands for: the first day
    /// of its span, or the last with `last`. `None` for other text, "before" dates included.
    pub fn bound_day(text: &str, last: bool) -> Option<NaiveDate> {
        match text.trim().parse::<Self>().ok()? {
            Self::Before(_) => None,
            date if last => date.latest(),
            date => date.earliest(),
        }
    }

    /// True when the date may fall within `from..=to` (either bound may be open): its span
    /// overlaps the range. "Before X" spans up to the day before X and has no start, so it passes
    /// any `from` only if X comes after it, and any `to` from the day before X on.
    pub fn may_fall_within(self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
        let after_from = from.is_none_or(|from| self.latest().is_some_and(|last| last >= from));
        let first = self.earliest().or_else(|| self.latest());
        let before_to = to.is_none_or(|to| first.is_some_and(|first| first <= to));
        after_from && before_to
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Day(day) => write_day(f, *day),
            Self::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Self::Year(year) => write!(f, "{year:04}"),
            Self::Before(day) => {
                f.write_str("<")?;
                write_day(f, *day)
            }
        }
    }
}

/// `YYYY-MM-DD` as chrono's `%Y-%m-%d` writes it, without parsing that format string for
/// every date (a million-row answer writes three dates per row).
fn write_day(f: &mut fmt::Formatter<'_>, day: NaiveDate) -> fmt::Result {
    with_day_text(day, |text| f.write_str(text))
}

/// Appends `YYYY-MM-DD`, as chrono writes a day, to `out`: faster than `write!` for the many
/// dates of a large answer.
pub fn push_day(out: &mut String, day: NaiveDate) {
    with_day_text(day, |text| out.push_str(text));
}

/// Calls `use_text` with the day as chrono's `%Y-%m-%d` writes it: from [`day_digits`] without
/// an allocation, or from chrono for the years those do not cover.
fn with_day_text<R>(day: NaiveDate, use_text: impl FnOnce(&str) -> R) -> R {
    let digits = day_digits(day);
    match digits.as_ref().and_then(|d| std::str::from_utf8(d).ok()) {
        Some(text) => use_text(text),
        None => use_text(&day.format("%Y-%m-%d").to_string()),
    }
}

/// `YYYY-MM-DD` of a day of the years 0 to 9999 as ten ASCII digits and dashes; `None` for
/// other years, which chrono writes with a sign.
fn day_digits(day: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(day.year())
        .ok()
        .filter(|year| *year <= 9999)?;
    let mut out = *b"0000-00-00";
    for (end, mut value) in [(4, year), (7, day.month()), (10, day.day())] {
        let width = if end == 4 { 4 } else { 2 };
        for slot in out[end - width..end].iter_mut().rev() {
            // `value % 10` is a digit: the cast cannot truncate.
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    Some(out)
}

/// The day of text written `YYYY-MM-DD` with exactly those digits, read without chrono's format
/// parser: `None` when the text has another shape, `Some(None)` when it is no day of the
/// calendar. For these texts the answer is chrono's `%Y-%m-%d`.
fn plain_day(text: &str) -> Option<Option<NaiveDate>> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        month,
        day,
    ))
}

impl FromStr for EventDate {
    type Err = DateParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || DateParseError(text.to_string());
        let trimmed = text.trim();
        let day = |text: &str| match plain_day(text) {
            Some(day) => day.ok_or_else(bad),
            None => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad()),
        };
        if let Some(rest) = trimmed.strip_prefix('<') {
            return day(rest).map(Self::Before);
        }
        let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
        let year = |y: &str| i32::try_from(number(y)?).map_err(|_| bad());
        match trimmed.bytes().filter(|&b| b == b'-').count() {
            0 if trimmed.len() == 4 => Ok(Self::Year(year(trimmed)?)),
            1 => match trimmed.split_once('-') {
                Some((y, m)) if y.len() == 4 && m.len() == 2 => {
                    Self::month(year(y)?, number(m)?).ok_or_else(bad)
                }
                _ => Err(bad()),
            },
            2 => day(trimmed).map(Self::Day),
            _ => Err(bad()),
        }
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl From<NaiveDate> for EventDate {
    fn from(day: NaiveDate) -> Self {
        Self::Day(day)
    }
}

/// The year and month of a day, as a month date.
impl EventDate {
    /// The month that contains `day`.
    pub fn month_of(day: NaiveDate) -> Self {
        Self::Month {
            year: day.year(),
            month: day.month(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_display_and_parse_in_the_schema_forms() -> Result<(), DateParseError> {
        for text in ["2019", "2019-01", "2019-01-28", "<2019-02-19"] {
            assert_eq!(text.parse::<EventDate>()?.to_string(), text, "{text}");
        }
        for bad in ["19", "2019-13", "2019-02-30", "<2019-02", "", "yesterday"] {
            assert!(bad.parse::<EventDate>().is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn days_read_and_write_as_chrono_reads_and_writes_them() {
        let chrono_day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        for year in [0, 1, 999, 1900, 2000, 2019, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(plain_day(&text), Some(chrono_day(&text)), "{text}");
                    let parsed = text.parse::<EventDate>().ok();
                    assert_eq!(parsed, chrono_day(&text).map(EventDate::Day), "{text}");
                    if let Some(date) = parsed {
                        assert_eq!(date.to_string(), text);
                        let mut pushed = String::from("on ");
                        push_day(&mut pushed, chrono_day(&text).unwrap_or_default());
                        assert_eq!(pushed, format!("on {text}"));
                        let before = EventDate::Before(chrono_day(&text).unwrap_or_default());
                        assert_eq!(before.to_string(), format!("<{text}"));
                    }
                }
            }
        }
        // Other shapes are left to chrono, which reads some of them too.
        for text in [
            "2019-1-5",
            "12019-01-05",
            "2019-01-5x",
            " 2019-01-05",
            "+2019-01-05",
        ] {
            assert_eq!(plain_day(text), None, "{text}");
        }
        assert_eq!(
            "2019-1-5".parse::<EventDate>().ok(),
            chrono_day("2019-1-5").map(EventDate::Day)
        );
        let far = NaiveDate::from_ymd_opt(12_019, 1, 5).unwrap_or_default();
        assert_eq!(EventDate::Day(far).to_string(), "+12019-01-05");
        let mut pushed = String::new();
        push_day(&mut pushed, far);
        assert_eq!(pushed, far.to_string());
    }

    #[test]
    fn spans_cover_the_whole_month_or_year() -> Result<(), DateParseError> {
        let feb: EventDate = "2020-02".parse()?;
        assert_eq!(
            feb.latest().map(|d| d.to_string()),
            Some("2020-02-29".into())
        );
        let year: EventDate = "2018".parse()?;
        assert_eq!(
            year.earliest().map(|d| d.to_string()),
            Some("2018-01-01".into())
        );
        let before: EventDate = "<2019-02-19".parse()?;
        assert_eq!(
            before.latest().map(|d| d.to_string()),
            Some("2019-02-18".into())
        );
        assert_eq!(before.earliest(), None);
        Ok(())
    }

    #[test]
    fn fuzzy_dates_overlap_a_range_by_their_span() -> Result<(), DateParseError> {
        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
        for (date, from, to, want) in [
            ("2019-01", "2019-01-15", "2019-03-01", true),
            ("2019-01", "2019-02-01", "2019-03-01", false),
            ("2018", "2018-12-31", "2019-01-01", true),
            ("<2019-02-19", "2019-02-19", "2019-12-31", false),
            ("<2019-02-19", "2019-02-18", "2019-12-31", true),
            ("<2019-02-19", "2010-01-01", "2019-02-17", false),
        ] {
            let parsed: EventDate = date.parse()?;
            assert_eq!(
                parsed.may_fall_within(day(from), day(to)),
                want,
                "{date} in {from}..{to}"
            );
        }
        Ok(())
    }

    #[test]
    fn fuzzy_dates_sort_at_the_start_of_their_span() -> Result<(), DateParseError> {
        let mut dates: Vec<EventDate> = ["2019-02-03", "2019-02", "<2019-02-01", "2019"]
            .iter()
            .map(|t| t.parse())
            .collect::<Result<_, _>>()?;
        dates.sort_by_key(|d| d.sort_key());
        let order: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(order, ["2019", "<2019-02-01", "2019-02", "2019-02-03"]);
        Ok(())
    }
}
