//! Time windows: months, quarters, years, sliding windows and snapshots, so that every analysis
//! can be run per window as a time series.
//!
//! The entry point is [`windows`].

use super::{AnalysisError, Filter};
use crate::model::{Event, EventDate};
use chrono::{Datelike, Months, NaiveDate};

/// The day an event is placed on in time: the first day of its span, or the day before X for
/// "before X" (the latest it may have happened). This is [`EventDate::sort_key`]'s day.
pub fn anchor_day(date: EventDate) -> NaiveDate {
    date.sort_key().0
}

/// How to cut time into windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Windowing {
    /// Calendar months (`2019-03`).
    Month,
    /// Calendar quarters (`2019-Q1`).
    Quarter,
    /// Calendar years (`2019`).
    Year,
    /// Windows of `months` months, starting every `step` months from the first event's month
    /// (`2019-01..2019-06`); they overlap when `step < months`.
    Sliding {
        /// Length in months (at least 1).
        months: u32,
        /// Months from one window's start to the next (at least 1).
        step: u32,
    },
}

/// A span of days, both ends included, with a label for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// `2019`, `2019-Q1`, `2019-03`, `2019-01..2019-06`, or `..2019-06-30` for a snapshot.
    pub label: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Window {
    /// Everything up to and including `day`: the snapshot of the relationships at that date.
    pub fn up_to(day: NaiveDate) -> Self {
        Self {
            label: format!("..{}", day.format("%Y-%m-%d")),
            start: NaiveDate::MIN,
            end: day,
        }
    }

    /// True when the event is dated and its [`anchor_day`] falls in the window. Undated events
    /// are in no window.
    pub fn contains(&self, event: &Event) -> bool {
        event
            .date
            .map(anchor_day)
            .is_some_and(|day| self.start <= day && day <= self.end)
    }
}

/// The first day of the calendar month, quarter or year holding `day`.
fn period_start(day: NaiveDate, months: u32) -> NaiveDate {
    let month0 = day.month0() - day.month0() % months;
    NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1).unwrap_or(day)
}

fn label(start: NaiveDate, windowing: Windowing, end: NaiveDate) -> String {
    match windowing {
        Windowing::Month => start.format("%Y-%m").to_string(),
        Windowing::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        Windowing::Year => start.format("%Y").to_string(),
        Windowing::Sliding { .. } => {
            format!("{}..{}", start.format("%Y-%m"), end.format("%Y-%m"))
        }
    }
}

/// The windows covering the events that pass `filter`, from the one holding the earliest
/// [`anchor_day`] to the one holding the latest, empty windows in between included so that a
/// time series has no gaps. Each dated event lies in exactly one calendar window (in several
/// sliding ones when they overlap); undated events lie in none. No dated events, no windows.
///
/// # Errors
/// [`AnalysisError::BadWindow`] for sliding windows of zero months or a zero step.
///
/// # Complexity
/// O(e + w) for e events and w windows.
pub fn windows(
    events: &[Event],
    filter: &Filter,
    windowing: Windowing,
) -> Result<Vec<Window>, AnalysisError> {
    let (length, step) = match windowing {
        Windowing::Month => (1, 1),
        Windowing::Quarter => (3, 3),
        Windowing::Year => (12, 12),
        Windowing::Sliding { months, step } => {
            if months == 0 || step == 0 {
                return Err(AnalysisError::BadWindow { months, step });
            }
            (months, step)
        }
    };
    let anchors = events
        .iter()
        .filter(|e| filter.matches(e))
        .filter_map(|e| e.date.map(anchor_day));
    let (Some(first), Some(last)) = (anchors.clone().min(), anchors.max()) else {
        return Ok(Vec::new());
    };
    let mut start = match windowing {
        Windowing::Sliding { .. } => period_start(first, 1),
        _ => period_start(first, length),
    };
    let mut out = Vec::new();
    while start <= last {
        let Some(next) = start.checked_add_months(Months::new(length)) else {
            break;
        };
        let end = next.pred_opt().unwrap_or(next);
        out.push(Window {
            label: label(start, windowing, end),
            start,
            end,
        });
        match start.checked_add_months(Months::new(step)) {
            Some(following) => start = following,
            None => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::graph::tests::event;
    use crate::model::EventType;

    fn labels(windows: &[Window]) -> Vec<&str> {
        windows.iter().map(|w| w.label.as_str()).collect()
    }

    #[test]
    fn calendar_windows_cover_the_events_without_gaps() -> Result<(), AnalysisError> {
        let events = [
            event(EventType::Ban, "USA", "huawei", "2018-11-20"),
            event(EventType::Ban, "AUS", "huawei", "<2019-02-19"),
            event(EventType::Ban, "GBR", "huawei", "2019-07"),
        ];
        let filter = Filter::default();
        let months = windows(&events, &filter, Windowing::Month)?;
        assert_eq!(months.len(), 9, "{:?}", labels(&months));
        assert_eq!(months[0].label, "2018-11");
        assert_eq!(months[8].label, "2019-07");
        let quarters = windows(&events, &filter, Windowing::Quarter)?;
        assert_eq!(
            labels(&quarters),
            ["2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3"]
        );
        let years = windows(&events, &filter, Windowing::Year)?;
        assert_eq!(labels(&years), ["2018", "2019"]);
        let in_each: Vec<usize> = quarters
            .iter()
            .map(|w| events.iter().filter(|e| w.contains(e)).count())
            .collect();
        assert_eq!(
            in_each,
            [1, 1, 0, 1],
            "before 2019-02-19 lies on 2019-02-18"
        );
        Ok(())
    }

    #[test]
    fn sliding_windows_overlap_by_their_step() -> Result<(), AnalysisError> {
        let events = [
            event(EventType::Ban, "USA", "huawei", "2019-01-15"),
            event(EventType::Ban, "GBR", "huawei", "2019-08-01"),
        ];
        let sliding = Windowing::Sliding { months: 6, step: 3 };
        let found = windows(&events, &Filter::default(), sliding)?;
        assert_eq!(
            labels(&found),
            ["2019-01..2019-06", "2019-04..2019-09", "2019-07..2019-12"]
        );
        let holding_august = found.iter().filter(|w| w.contains(&events[1])).count();
        assert_eq!(holding_august, 2);
        let bad = Windowing::Sliding { months: 6, step: 0 };
        assert!(windows(&events, &Filter::default(), bad).is_err());
        Ok(())
    }

    #[test]
    fn a_snapshot_holds_every_dated_event_up_to_its_day() {
        let day = NaiveDate::from_ymd_opt(2019, 1, 31).expect("valid day");
        let snapshot = Window::up_to(day);
        let inside = |date: &str| snapshot.contains(&event(EventType::Ban, "A", "b", date));
        assert!(inside("2018"));
        assert!(inside("2019-01"));
        assert!(inside("<2019-02-01"));
        assert!(!inside("2019-02-01"));
        assert!(!inside("undated"));
        assert_eq!(snapshot.label, "..2019-01-31");
    }
}
