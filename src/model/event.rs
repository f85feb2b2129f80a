//! Events: type, agent, target, date, status and the evidence that states them.

use super::{Actor, EventDate, Evidence};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The eleven event types of `SCHEMA.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// An outright prohibition or exclusion.
    Ban,
    /// A partial limit short of a ban.
    Restriction,
    /// Sanctions, export controls, entity-list designations, asset freezes.
    Sanction,
    /// A person is arrested or detained.
    Arrest,
    /// Criminal charges or an indictment.
    Charge,
    /// An extradition request, hearing or ruling.
    Extradition,
    /// An official body's conclusion about how risky a firm or technology is.
    RiskAssessment,
    /// A probe, review or inquiry by a government body.
    Investigation,
    /// A public allegation of wrongdoing or of a threat.
    Accusation,
    /// A rejection of an allegation; the target is the accuser.
    Denial,
    /// One party sues another.
    Lawsuit,
}

impl EventType {
    /// All types, in schema order.
    pub const ALL: [Self; 11] = [
        Self::Ban,
        Self::Restriction,
        Self::Sanction,
        Self::Arrest,
        Self::Charge,
        Self::Extradition,
        Self::RiskAssessment,
        Self::Investigation,
        Self::Accusation,
        Self::Denial,
        Self::Lawsuit,
    ];

    /// The measures one state takes against another party: what `geokg bans` answers about.
    pub const MEASURES: [Self; 3] = [Self::Ban, Self::Restriction, Self::Sanction];

    /// True for ban, restriction and sanction (see [`EventType::MEASURES`]).
    pub fn is_measure(self) -> bool {
        Self::MEASURES.contains(&self)
    }

    /// The snake-case name used in data files, JSON and RDF (`"risk_assessment"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ban => "ban",
            Self::Restriction => "restriction",
            Self::Sanction => "sanction",
            Self::Arrest => "arrest",
            Self::Charge => "charge",
            Self::Extradition => "extradition",
            Self::RiskAssessment => "risk_assessment",
            Self::Investigation => "investigation",
            Self::Accusation => "accusation",
            Self::Denial => "denial",
            Self::Lawsuit => "lawsuit",
        }
    }

    /// True for acts only a state or public body performs (so a bare country in the sentence can
    /// stand as agent when the syntax names none).
    pub fn is_state_act(self) -> bool {
        matches!(
            self,
            Self::Ban
                | Self::Restriction
                | Self::Sanction
                | Self::Arrest
                | Self::Charge
                | Self::Extradition
                | Self::Investigation
                | Self::RiskAssessment
        )
    }
}

/// Whether an event happened, is planned, is being considered, or is said not to have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It happened.
    Actual,
    /// Announced or intended for the future, not yet adopted.
    Planned,
    /// Under consideration.
    Considered,
    /// The text says it did not happen.
    Negated,
}

impl EventStatus {
    /// All statuses.
    pub const ALL: [Self; 4] = [Self::Actual, Self::Planned, Self::Considered, Self::Negated];

    /// The lower-case name (`"actual"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Actual => "actual",
            Self::Planned => "planned",
            Self::Considered => "considered",
            Self::Negated => "negated",
        }
    }
}

/// A name that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {name:?}")]
pub struct ParseEnumError {
    /// "event type" or "status".
    pub what: &'static str,
    /// The name given.
    pub name: String,
}

impl FromStr for EventType {
    type Err = ParseEnumError;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == name.trim())
            .ok_or_else(|| ParseEnumError {
                what: "event type",
                name: name.to_string(),
            })
    }
}

impl FromStr for EventStatus {
    type Err = ParseEnumError;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == name.trim())
            .ok_or_else(|| ParseEnumError {
                what: "status",
                name: name.to_string(),
            })
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for EventStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One event as stated in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The article's file name (what the scorer joins on).
    pub article: String,
    /// Ban, sanction, arrest...
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Who acts.
    pub agent: Actor,
    /// Whom it acts on.
    pub target: Actor,
    /// Who asked for it, when the text says ("at the behest of the U.S.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Actor>,
    /// When it happened; `None` when the text gives no time at all.
    pub date: Option<EventDate>,
    /// Actual, planned, considered or negated.
    pub status: EventStatus,
    /// The sentence that states it.
    pub evidence: Evidence,
    /// The trigger word or phrase as it appears in the text.
    pub trigger: String,
    /// The extraction rule that fired, for `explain`.
    pub rule: String,
    /// How the date was reasoned, for `explain`.
    pub date_reason: String,
}

impl Event {
    /// An event known only by what, who, whom, when and status: no evidence, trigger or
    /// reasons, as `geokg analyze` reads events back from the store's outline.
    pub fn outline(
        article: String,
        event_type: EventType,
        agent: Actor,
        target: Actor,
        date: Option<EventDate>,
        status: EventStatus,
    ) -> Self {
        Self {
            article,
            event_type,
            agent,
            target,
            requester: None,
            date,
            status,
            evidence: Evidence {
                start: 0,
                end: 0,
                text: String::new(),
            },
            trigger: String::new(),
            rule: String::new(),
            date_reason: String::new(),
        }
    }
}
