//! Ontology and data IRIs. Every `gek:` term here is declared in `ontology/geo-event.ttl`
//! (checked by a test).

/// The geokg ontology namespace.
pub const GEK: &str = "https://w3id.org/geokg/ontology#";
/// Where data IRIs (articles, events, actors, graphs) live.
pub const DATA: &str = "https://w3id.org/geokg/id/";
/// The named graph that holds the ontology itself.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/geokg/ontology";
/// Simple Event Model.
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// W3C Web Annotation.
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// Wikidata entities.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// Local names of the `gek:` classes and properties the store writes.
pub mod gek {
    /// Class of all events.
    pub const EVENT: &str = "Event";
    /// Class of all actors.
    pub const ACTOR: &str = "Actor";
    /// Class of articles.
    pub const ARTICLE: &str = "Article";
    /// Class of evidence annotations.
    pub const EVIDENCE: &str = "Evidence";
    /// Event type as a plain name ("ban").
    pub const EVENT_TYPE: &str = "eventType";
    /// Who acts.
    pub const AGENT: &str = "agent";
    /// Whom it acts on.
    pub const TARGET: &str = "target";
    /// Who asked for it.
    pub const REQUESTER: &str = "requester";
    /// actual / planned / considered / negated.
    pub const STATUS: &str = "status";
    /// The date as in SCHEMA.md ("2019-01", "<2019-02-19").
    pub const DATE_TEXT: &str = "dateText";
    /// The date as xsd:date, xsd:gYearMonth or xsd:gYear.
    pub const DATE: &str = "date";
    /// "Before" this day.
    pub const BEFORE: &str = "before";
    /// day / month / year / before.
    pub const DATE_PRECISION: &str = "datePrecision";
    /// First day the date may denote.
    pub const EARLIEST: &str = "earliest";
    /// Last day the date may denote.
    pub const LATEST: &str = "latest";
    /// The trigger word as written.
    pub const TRIGGER: &str = "trigger";
    /// The extraction rule that fired.
    pub const RULE: &str = "rule";
    /// How the date was reasoned.
    pub const DATE_REASON: &str = "dateReason";
    /// Link from an event to its evidence.
    pub const EVIDENCE_PROPERTY: &str = "evidence";
    /// The actor id ("USA", "huawei").
    pub const ACTOR_ID: &str = "actorId";
    /// ISO 3166-1 alpha-3 code of a country.
    pub const ISO_CODE: &str = "isoCode";
    /// country / firm / person / body.
    pub const ACTOR_KIND: &str = "actorKind";
    /// A person's role ("CFO").
    pub const ROLE: &str = "role";
    /// A person's employer.
    pub const EMPLOYER: &str = "employer";
    /// The file name an article came from.
    pub const SOURCE_FILE: &str = "sourceFile";
    /// SHA-256 prefix of the article text.
    pub const CONTENT_HASH: &str = "contentHash";
    /// Class of fused events: one per real-world event, with its mentions.
    pub const FUSED_EVENT: &str = "FusedEvent";
    /// Link from a fused event to each event mention (one article's statement of it).
    pub const MENTION: &str = "mention";
    /// How many mentions a fused event has.
    pub const MENTION_COUNT: &str = "mentionCount";
    /// How many articles report a fused event.
    pub const SOURCE_COUNT: &str = "sourceCount";
    /// True when a fused event's mentions state different days.
    pub const DATE_CONFLICT: &str = "dateConflict";
    /// The file name of an article that reports a fused event.
    pub const SOURCE: &str = "source";
    /// A fused event's key, `type|agent|target|status`.
    pub const FUSION_KEY: &str = "fusionKey";
    /// A fused measure's whole `geokg bans` row in one literal: a cache of its other statements
    /// (see `store::ban_row`); written by format 1 only, still read.
    pub const BAN_ROW: &str = "banRow";
    /// On the fused graph: the encoding of its `geokg bans` rows, stated once every fused
    /// measure has its row.
    pub const BAN_ROW_FORMAT: &str = "banRowFormat";
    /// On the ontology graph: a digest of the ontology text loaded into it, so that opening
    /// the store reloads the ontology only when the binary's differs.
    pub const ONTOLOGY_DIGEST: &str = "ontologyDigest";
    /// A group of `geokg bans` rows (one agent's, of one target bucket) in one literal, one row
    /// per line: of bans and restrictions (format 3) or of every type (format 2); see
    /// `store::ban_row`.
    pub const BAN_ROWS: &str = "banRows";
    /// The ASCII-lower-cased id of the agent of a group of rows (what `--agent` asks).
    pub const BAN_ROWS_AGENT: &str = "banRowsAgent";
    /// The target bucket of a group of rows (what `--target` asks).
    pub const BAN_ROWS_BUCKET: &str = "banRowsBucket";
    /// A group of the `geokg bans` rows of sanctions (format 3; `gek:banRows` then holds the
    /// rows of bans and restrictions).
    pub const SANCTION_ROWS: &str = "sanctionRows";
    /// Class names per event type, in `EventType::ALL` order.
    pub const TYPE_CLASSES: [&str; 11] = [
        "Ban",
        "Restriction",
        "Sanction",
        "Arrest",
        "Charge",
        "Extradition",
        "RiskAssessment",
        "Investigation",
        "Accusation",
        "Denial",
        "Lawsuit",
    ];
    /// Class names per actor kind.
    pub const KIND_CLASSES: [(&str, &str); 4] = [
        ("country", "Country"),
        ("firm", "Firm"),
        ("person", "Person"),
        ("body", "Body"),
    ];
    /// Every `gek:` local name the store writes.
    pub const ALL: [&str; 42] = [
        SOURCE,
        ONTOLOGY_DIGEST,
        BAN_ROW,
        BAN_ROW_FORMAT,
        BAN_ROWS,
        BAN_ROWS_AGENT,
        BAN_ROWS_BUCKET,
        SANCTION_ROWS,
        FUSED_EVENT,
        MENTION,
        MENTION_COUNT,
        SOURCE_COUNT,
        DATE_CONFLICT,
        FUSION_KEY,
        EVENT,
        ACTOR,
        ARTICLE,
        EVIDENCE,
        EVENT_TYPE,
        AGENT,
        TARGET,
        REQUESTER,
        STATUS,
        DATE_TEXT,
        DATE,
        BEFORE,
        DATE_PRECISION,
        EARLIEST,
        LATEST,
        TRIGGER,
        RULE,
        DATE_REASON,
        EVIDENCE_PROPERTY,
        ACTOR_ID,
        ISO_CODE,
        ACTOR_KIND,
        ROLE,
        EMPLOYER,
        SOURCE_FILE,
        CONTENT_HASH,
        "Country",
        "Firm",
    ];
}

/// The ontology, as Turtle.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/geo-event.ttl");
