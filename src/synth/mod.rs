//! Synthetic news articles for benchmarks: seeded, deterministic, in the plain-text format that
//! [`crate::ingest`] reads (masthead, headline, byline with a date, paragraphs).
//!
//! Paragraphs mix event sentences of all eleven types with background sentences that state no
//! event. Actors come from the bundled gazetteer (`data/gazetteers/actors.tsv`), sentences from
//! the editable `data/synth/templates.toml`. Article `i` depends only on the seed and `i`, so a
//! corpus of 10k articles is the first 10k of a corpus of 1M with the same seed, and any article
//! can be made without the others (streaming, in any order).
//!
//! The entry point is [`Generator::article`].

mod templates;

pub use templates::{Templates, fill};

use crate::model::EventType;
use chrono::{Datelike, Days, NaiveDate};

/// Why the generator could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// The templates file does not parse.
    #[error("templates: {0}")]
    Templates(#[from] toml::de::Error),
    /// A list the generator draws from is empty.
    #[error("templates: the list `{0}` is empty")]
    EmptyList(String),
    /// A template names a placeholder the generator does not fill.
    #[error("templates: unknown placeholder {{{placeholder}}} in {template:?}")]
    UnknownPlaceholder {
        /// The placeholder, without braces.
        placeholder: String,
        /// The template it is in.
        template: String,
    },
    /// The gazetteer has no actor of a kind the templates need.
    #[error("gazetteer: no actor of kind {0}")]
    NoActors(&'static str),
}

/// One generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticArticle {
    /// Its index in the corpus.
    pub index: u64,
    /// File name, `publisher-YYYY-MM-DD-slug-NNNNNNN.txt`.
    pub file_name: String,
    /// Text: masthead, headline, byline, paragraphs separated by blank lines.
    pub text: String,
    /// Event sentences written (a denial template counts once), by type.
    pub events_written: Vec<EventType>,
}

impl SyntheticArticle {
    /// The folder a corpus on disk keeps it in: one per 1000 articles (`0000`, `0001`...), so
    /// that no folder grows huge.
    pub fn folder(&self) -> String {
        format!("{:04}", self.index / 1000)
    }
}

/// Actor names by kind, from the gazetteer.
#[derive(Debug, Clone, Default)]
struct Cast {
    countries: Vec<String>,
    firms: Vec<String>,
    people: Vec<String>,
    bodies: Vec<String>,
}

impl Cast {
    /// Labels by kind from `actors.tsv` (`id  label  kind  wikidata`). Labels with a full stop
    /// are left out: the sentence splitter could cut a sentence at them.
    fn from_actors_tsv(text: &str) -> Result<Self, SynthError> {
        let mut cast = Self::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut columns = line.split('\t');
            let (Some(_id), Some(label), Some(kind)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            if label.contains('.') || label.trim().is_empty() {
                continue;
            }
            let list = match kind.trim() {
                "country" => &mut cast.countries,
                "firm" => &mut cast.firms,
                "person" => &mut cast.people,
                "body" => &mut cast.bodies,
                _ => continue,
            };
            list.push(label.trim().to_string());
        }
        for (list, kind) in [
            (&cast.countries, "country"),
            (&cast.firms, "firm"),
            (&cast.people, "person"),
            (&cast.bodies, "body"),
        ] {
            if list.is_empty() {
                return Err(SynthError::NoActors(kind));
            }
        }
        Ok(cast)
    }
}

/// Makes synthetic articles from templates and a gazetteer, deterministically from a seed.
#[derive(Debug, Clone)]
pub struct Generator {
    templates: Templates,
    cast: Cast,
    seed: u64,
}

/// Publication dates are spread over these years, inclusive.
const FIRST_YEAR: i32 = 2010;
const LAST_YEAR: i32 = 2026;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Generator {
    /// The generator with the bundled templates and gazetteer.
    ///
    /// # Errors
    /// [`SynthError`] if a bundled file is broken (the synth tests guard against this).
    pub fn bundled(seed: u64) -> Result<Self, SynthError> {
        Self::from_files(
            include_str!("../../data/synth/templates.toml"),
            include_str!("../../data/gazetteers/actors.tsv"),
            seed,
        )
    }

    /// A generator from the text of a templates file and of an `actors.tsv`.
    ///
    /// # Errors
    /// [`SynthError`] when the templates do not parse, a list is empty, a placeholder is
    /// unknown, or the gazetteer lacks a kind of actor.
    pub fn from_files(templates: &str, actors_tsv: &str, seed: u64) -> Result<Self, SynthError> {
        Ok(Self {
            templates: Templates::from_toml(templates)?,
            cast: Cast::from_actors_tsv(actors_tsv)?,
            seed,
        })
    }

    /// Article number `index` of the corpus: the same seed and index give the same article.
    pub fn article(&self, index: u64) -> SyntheticArticle {
        let mut rng = fastrand::Rng::with_seed(mix(self.seed, index));
        let published = random_day(&mut rng);
        let cast = self.article_cast(&mut rng);
        let t = &self.templates;
        let publisher = pick(&mut rng, &t.publishers);
        let mut events_written = Vec::new();
        let mut paragraphs = Vec::new();
        let paragraph_count = rng.usize(3..=6);
        for _ in 0..paragraph_count {
            let mut sentences = Vec::new();
            for _ in 0..rng.usize(2..=4) {
                // About half the sentences state an event.
                let template = if rng.bool() {
                    let (event_type, list) = &t.events[rng.usize(..t.events.len())];
                    events_written.push(*event_type);
                    pick(&mut rng, list)
                } else {
                    pick(&mut rng, &t.background)
                };
                sentences.push(self.fill_template(template, &cast, published, &mut rng));
            }
            paragraphs.push(sentences.join(" "));
        }
        let headline = self.fill_template(pick(&mut rng, &t.headlines), &cast, published, &mut rng);
        let byline = byline(pick(&mut rng, &t.authors), published, &mut rng);
        let masthead = if rng.bool() {
            publisher.to_uppercase()
        } else {
            publisher.clone()
        };
        let text = format!(
            "{masthead}\n\n{headline}\n\n{byline}\n\n{}\n",
            paragraphs.join("\n\n")
        );
        let file_name = format!(
            "{}-{}-{}-{index:07}.txt",
            slug(publisher, 3),
            published.format("%Y-%m-%d"),
            slug(&headline, 6)
        );
        SyntheticArticle {
            index,
            file_name,
            text,
            events_written,
        }
    }

    /// A few actors of each kind that the article's sentences draw from, so an article keeps
    /// coming back to the same parties as real ones do.
    fn article_cast(&self, rng: &mut fastrand::Rng) -> Cast {
        let choose = |rng: &mut fastrand::Rng, list: &[String], n: usize| -> Vec<String> {
            let mut chosen: Vec<String> = Vec::with_capacity(n);
            while chosen.len() < n.min(list.len()) {
                let name = pick(rng, list);
                if !chosen.contains(name) {
                    chosen.push(name.clone());
                }
            }
            chosen
        };
        Cast {
            countries: choose(rng, &self.cast.countries, 4),
            firms: choose(rng, &self.cast.firms, 3),
            people: choose(rng, &self.cast.people, 3),
            bodies: choose(rng, &self.cast.bodies, 1),
        }
    }

    fn fill_template(
        &self,
        template: &str,
        cast: &Cast,
        published: NaiveDate,
        rng: &mut fastrand::Rng,
    ) -> String {
        let (country, country2) = two(rng, &cast.countries);
        let (firm, firm2) = two(rng, &cast.firms);
        let person = pick(rng, &cast.people).clone();
        let body = pick(rng, &cast.bodies).clone();
        let date = date_phrase(published, rng);
        let year = (published.year() - rng.i32(1..=8)).to_string();
        let sector = pick(rng, &self.templates.sectors).clone();
        let number = rng.u32(2..=98).to_string();
        fill(template, |name| {
            Some(match name {
                "country" => country.as_str(),
                "country2" => country2.as_str(),
                "firm" => firm.as_str(),
                "firm2" => firm2.as_str(),
                "person" => person.as_str(),
                "body" => body.as_str(),
                "date" => date.as_str(),
                "year" => year.as_str(),
                "sector" => sector.as_str(),
                "number" => number.as_str(),
                _ => return None,
            })
        })
        .expect("placeholders are checked in Templates::from_toml")
    }
}

/// The placeholders [`Generator`] fills.
pub const PLACEHOLDERS: [&str; 10] = [
    "country", "country2", "firm", "firm2", "person", "body", "date", "year", "sector", "number",
];

/// A per-article seed: SplitMix64 of the corpus seed and the index, so neighbouring articles get
/// unrelated streams.
fn mix(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &'a [String]) -> &'a String {
    &list[rng.usize(..list.len())]
}

/// Two different entries (the same one only when the list has one).
fn two(rng: &mut fastrand::Rng, list: &[String]) -> (String, String) {
    let first = rng.usize(..list.len());
    let mut second = rng.usize(..list.len());
    if list.len() > 1 && second == first {
        second = (first + 1) % list.len();
    }
    (list[first].clone(), list[second].clone())
}

fn random_day(rng: &mut fastrand::Rng) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a valid first day");
    let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("a valid last day");
    let span = u64::try_from((last - first).num_days()).unwrap_or(0);
    first + Days::new(rng.u64(0..=span))
}

/// A date phrase for an event some days before publication.
fn date_phrase(published: NaiveDate, rng: &mut fastrand::Rng) -> String {
    let day = published - Days::new(rng.u64(1..=90));
    let month = MONTHS[day.month0() as usize];
    match rng.u8(0..4) {
        0 | 1 => format!("on {} {month} {}", day.day(), day.year()),
        2 => format!("in {month} {}", day.year()),
        _ => "last week".to_string(),
    }
}

/// A byline in one of the forms real articles use.
fn byline(author: &str, published: NaiveDate, rng: &mut fastrand::Rng) -> String {
    let hour = rng.u32(1..=11);
    let minute = rng.u32(0..60);
    match rng.u8(0..3) {
        0 => format!(
            "{} {} {}",
            published.day(),
            MONTHS[published.month0() as usize],
            published.year()
        ),
        1 => format!(
            "By {author} / {} {}, {} {hour:02}:{minute:02} AM",
            &MONTHS[published.month0() as usize][..3],
            published.day(),
            published.year()
        ),
        _ => format!(
            "By {author}\n{} {hour:02}:{minute:02} UTC",
            published.format("%Y-%m-%d")
        ),
    }
}

/// Lower-case ASCII words joined by `-`, at most `words` of them.
fn slug(text: &str, words: usize) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(words)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Articles with their events, as the store's tests put them.
#[cfg(test)]
pub(crate) type Extracted = Vec<(crate::model::Article, Vec<crate::model::Event>)>;

/// Generated articles of `seed` at `indexes`, read and extracted as an ingest does: what the
/// tests of the store put into it.
#[cfg(test)]
pub(crate) fn extracted(
    seed: u64,
    indexes: std::ops::Range<u64>,
) -> Result<Extracted, Box<dyn std::error::Error>> {
    let generator = Generator::bundled(seed)?;
    let extractor = crate::extract::Extractor::bundled()?;
    indexes
        .map(|index| {
            let made = generator.article(index);
            let options = crate::ingest::ReadOptions::default();
            let article = crate::ingest::parse_article(&made.file_name, made.text, &options)
                .map_err(|e| format!("{e:?}"))?;
            let events = extractor.extract(&article);
            Ok((article, events))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::ingest::{ReadOptions, parse_article};
    use std::collections::BTreeSet;

    #[test]
    fn the_same_seed_gives_the_same_articles_and_another_seed_others() -> Result<(), SynthError> {
        let a = Generator::bundled(7)?;
        let b = Generator::bundled(7)?;
        let c = Generator::bundled(8)?;
        for index in [0, 1, 999, 123_456] {
            assert_eq!(a.article(index), b.article(index), "article {index}");
            assert_ne!(
                a.article(index).text,
                c.article(index).text,
                "article {index}"
            );
        }
        // A fixed article pins the output across releases of the generator's dependencies.
        let first = a.article(0);
        assert!(
            first.file_name.ends_with("-0000000.txt"),
            "{}",
            first.file_name
        );
        assert_eq!(first.folder(), "0000");
        assert_eq!(a.article(12_345).folder(), "0012");
        Ok(())
    }

    #[test]
    fn generated_articles_parse_and_yield_every_event_type()
    -> Result<(), Box<dyn std::error::Error>> {
        let generator = Generator::bundled(42)?;
        let extractor = Extractor::bundled()?;
        let mut types = BTreeSet::new();
        let mut written = BTreeSet::new();
        let mut years = BTreeSet::new();
        for index in 0..300 {
            let synthetic = generator.article(index);
            written.extend(synthetic.events_written.iter().copied());
            let article = parse_article(
                &synthetic.file_name,
                synthetic.text.clone(),
                &ReadOptions::default(),
            )
            .map_err(|e| format!("{}: {e:?}", synthetic.file_name))?;
            assert!(
                synthetic
                    .file_name
                    .contains(&article.published.format("-%Y-%m-%d-").to_string()),
                "{}: byline date {} differs from the file name",
                synthetic.file_name,
                article.published
            );
            years.insert(article.published.year());
            types.extend(extractor.extract(&article).iter().map(|e| e.event_type));
        }
        assert_eq!(written.len(), EventType::ALL.len(), "types written");
        let missing: Vec<_> = EventType::ALL
            .iter()
            .filter(|t| !types.contains(*t))
            .collect();
        assert!(missing.is_empty(), "types never extracted: {missing:?}");
        assert!(years.len() >= 10, "publication years: {years:?}");
        Ok(())
    }
}
