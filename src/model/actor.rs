//! Actors: countries, firms, people and other bodies, each with a stable id.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A stable actor id: an ISO 3166-1 alpha-3 code for countries (`"GBR"`), a lower-case slug otherwise
/// (`"huawei"`, `"meng-wanzhou"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(Arc<str>);

impl ActorId {
    /// Wraps an id as it is (codes and slugs from the gazetteers).
    pub fn new(id: impl Into<String>) -> Self {
        Self(Arc::from(id.into()))
    }

    /// Makes a slug id from a free-form name: lower case, ASCII letters and digits, words joined by `-`.
    ///
    /// ```
    /// assert_eq!(geokg::model::ActorId::from_name("Meng Wanzhou").as_str(), "meng-wanzhou");
    /// assert_eq!(geokg::model::ActorId::from_name("Nokia Corp.").as_str(), "nokia-corp");
    /// ```
    pub fn from_name(name: &str) -> Self {
        let mut slug = String::with_capacity(name.len());
        for word in name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !slug.is_empty() {
                slug.push('-');
            }
            for c in word.chars() {
                slug.extend(fold_char(c).to_lowercase());
            }
        }
        Self(Arc::from(slug))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Folds common Latin letters with diacritics to ASCII so slugs stay ASCII.
fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        other => other,
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of actor an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state, with its agencies, officials and sub-national governments folded in.
    Country,
    /// A company.
    Firm,
    /// A natural person.
    Person,
    /// Any other body: an international organisation, a party, a court outside any state.
    Body,
}

impl ActorKind {
    /// The lower-case name used in data files and RDF (`"country"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Firm => "firm",
            Self::Person => "person",
            Self::Body => "body",
        }
    }

    /// Reads the lower-case name used in data files.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "country" => Self::Country,
            "firm" => Self::Firm,
            "person" => Self::Person,
            "body" => Self::Body,
            _ => return None,
        })
    }
}

/// An actor as resolved in one article: id, display label, kind, and what else the text says of it.
///
/// Its id, label and Wikidata item are shared strings: extraction copies actors many times per
/// sentence, and a copy then allocates nothing for them (#6 profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id.
    pub id: ActorId,
    /// Human-readable name ("United States", "Meng Wanzhou").
    pub label: Arc<str>,
    /// Country, firm, person or body.
    pub kind: ActorKind,
    /// Wikidata item (`"Q160120"`) where the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<Arc<str>>,
    /// A person's role as the text gives it ("CFO", "founder").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A person's employer or principal as the text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<ActorId>,
}

impl Actor {
    /// An actor with no Wikidata link, role or employer.
    pub fn new(id: ActorId, label: impl Into<Arc<str>>, kind: ActorKind) -> Self {
        Self {
            id,
            label: label.into(),
            kind,
            wikidata: None,
            role: None,
            employer: None,
        }
    }

    /// True for countries; ISO codes are their ids.
    pub fn is_country(&self) -> bool {
        self.kind == ActorKind::Country
    }
}
