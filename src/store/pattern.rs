//! Statements by pattern, as plain text: what typed readers follow one node at a time instead of
//! running one large SPARQL join (`queries/fused-events.rq` joined every fused event with every
//! mention's article graph: 9 s at 10k events).
//!
//! The entry point is [`SparqlEndpoint::statements`]: the embedded store answers it from its
//! indexes ([`EventStore`]); any other endpoint through a SPARQL SELECT ([`statements_by_sparql`]).

use super::{EventStore, QueryAnswer, SparqlEndpoint, StoreError, term_text};
use oxigraph::model::{
    BlankNodeRef, GraphNameRef, Literal, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef,
};

/// The object of a statement pattern: an IRI or a plain string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object<'a> {
    /// An IRI.
    Iri(&'a str),
    /// A string literal without language or datatype (`"ban"`).
    Literal(&'a str),
}

/// A pattern over the statements of the named graphs; a `None` field matches anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pattern<'a> {
    /// The subject's IRI (or `_:id` for a blank node).
    pub subject: Option<&'a str>,
    /// The predicate's IRI.
    pub predicate: Option<&'a str>,
    /// The object.
    pub object: Option<Object<'a>>,
    /// The named graph's IRI; `None` is every named graph.
    pub graph: Option<&'a str>,
}

impl<'a> Pattern<'a> {
    /// Every statement about `subject`.
    pub fn about(subject: &'a str) -> Self {
        Self {
            subject: Some(subject),
            ..Self::default()
        }
    }

    /// Every statement with this predicate and object: the subjects that have them.
    pub fn having(predicate: &'a str, object: Object<'a>) -> Self {
        Self {
            predicate: Some(predicate),
            object: Some(object),
            ..Self::default()
        }
    }

    /// The same pattern with this predicate.
    pub fn with_predicate(self, predicate: &'a str) -> Self {
        Self {
            predicate: Some(predicate),
            ..self
        }
    }

    /// The same pattern within one named graph.
    pub fn in_graph(self, graph: &'a str) -> Self {
        Self {
            graph: Some(graph),
            ..self
        }
    }
}

/// One statement of a named graph as plain text: IRIs, and literals by their value (as
/// [`term_text`] writes them).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Statement {
    /// The subject.
    pub subject: String,
    /// The predicate.
    pub predicate: String,
    /// The object.
    pub object: String,
    /// The named graph.
    pub graph: String,
}

impl EventStore {
    /// The statements matching `pattern`, read from the store's indexes.
    pub(super) fn statements_from_indexes(
        &self,
        pattern: Pattern<'_>,
    ) -> Result<Vec<Statement>, StoreError> {
        // A term that is not a valid IRI cannot be stored, so it matches nothing.
        let (Some(subject), Some(predicate), Some(graph)) = (
            parsed(pattern.subject, subject_ref),
            parsed(pattern.predicate, |p| NamedNodeRef::new(p).ok()),
            parsed(pattern.graph, |g| NamedNodeRef::new(g).ok()),
        ) else {
            return Ok(Vec::new());
        };
        let literal = match pattern.object {
            Some(Object::Literal(text)) => Some(Literal::new_simple_literal(text)),
            _ => None,
        };
        let object = match (pattern.object, &literal) {
            (Some(Object::Iri(iri)), _) => match NamedNodeRef::new(iri) {
                Ok(node) => Some(TermRef::from(node)),
                Err(_) => return Ok(Vec::new()),
            },
            (Some(Object::Literal(_)), Some(literal)) => Some(TermRef::from(literal.as_ref())),
            _ => None,
        };
        let mut out = Vec::new();
        for quad in self.store.quads_for_pattern(
            subject,
            predicate,
            object,
            graph.map(GraphNameRef::NamedNode),
        ) {
            let quad = quad?;
            let graph = match quad.graph_name.as_ref() {
                GraphNameRef::NamedNode(node) => node.as_str().to_string(),
                GraphNameRef::BlankNode(node) => format!("_:{}", node.as_str()),
                GraphNameRef::DefaultGraph => continue,
            };
            out.push(Statement {
                subject: term_text(&quad.subject.into()),
                predicate: quad.predicate.into_string(),
                object: term_text(&quad.object),
                graph,
            });
        }
        Ok(out)
    }
}

/// `Some(None)` when nothing is given, `Some(Some(term))` when `given` parses, `None` when not.
fn parsed<'a, T>(
    given: Option<&'a str>,
    parse: impl Fn(&'a str) -> Option<T>,
) -> Option<Option<T>> {
    match given {
        None => Some(None),
        Some(text) => parse(text).map(Some),
    }
}

/// A subject as stored: `_:id` is a blank node, anything else an IRI (`None` when invalid).
fn subject_ref(text: &str) -> Option<NamedOrBlankNodeRef<'_>> {
    match text.strip_prefix("_:") {
        Some(id) => BlankNodeRef::new(id).ok().map(Into::into),
        None => NamedNodeRef::new(text).ok().map(Into::into),
    }
}

/// A term of a pattern in SPARQL syntax.
fn sparql_term(text: &str) -> String {
    if text.starts_with("_:") {
        // Blank nodes are not addressable across queries; nothing matches.
        return "<urn:geokg:no-such-node>".into();
    }
    format!("<{text}>")
}

/// The statements matching `pattern` through one SPARQL SELECT: what [`SparqlEndpoint::statements`]
/// does for endpoints without indexes of their own.
///
/// # Errors
/// [`StoreError`] when the query fails.
pub fn statements_by_sparql(
    endpoint: &(impl SparqlEndpoint + ?Sized),
    pattern: Pattern<'_>,
) -> Result<Vec<Statement>, StoreError> {
    let subject = pattern.subject.map_or("?s".into(), sparql_term);
    let predicate = pattern.predicate.map_or("?p".into(), sparql_term);
    let object = match pattern.object {
        None => "?o".into(),
        Some(Object::Iri(iri)) => sparql_term(iri),
        Some(Object::Literal(text)) => Literal::new_simple_literal(text).to_string(),
    };
    let graph = pattern.graph.map_or("?g".into(), sparql_term);
    let sparql = format!("SELECT * WHERE {{ GRAPH {graph} {{ {subject} {predicate} {object} }} }}");
    let QueryAnswer::Solutions { variables, rows } = endpoint.query(&sparql)? else {
        return Ok(Vec::new());
    };
    let cell = |row: &[Option<Term>], name: &str| -> Option<String> {
        let index = variables.iter().position(|v| v == name)?;
        row.get(index)?.as_ref().map(term_text)
    };
    let mut out = Vec::new();
    for row in &rows {
        let fixed = |given: Option<&str>, name: &str| match given {
            Some(text) => Some(text.to_string()),
            None => cell(row, name),
        };
        let object = match pattern.object {
            Some(Object::Iri(text) | Object::Literal(text)) => Some(text.to_string()),
            None => cell(row, "o"),
        };
        if let (Some(subject), Some(predicate), Some(object), Some(graph)) = (
            fixed(pattern.subject, "s"),
            fixed(pattern.predicate, "p"),
            object,
            fixed(pattern.graph, "g"),
        ) {
            out.push(Statement {
                subject,
                predicate,
                object,
                graph,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::vocab;

    /// An endpoint that only answers SPARQL, like a remote one.
    struct SparqlOnly<'a>(&'a EventStore);

    impl SparqlEndpoint for SparqlOnly<'_> {
        fn query(&self, sparql: &str) -> Result<QueryAnswer, StoreError> {
            self.0.query(sparql)
        }
    }

    #[test]
    fn indexes_and_sparql_give_the_same_statements() -> Result<(), Box<dyn std::error::Error>> {
        let store = EventStore::in_memory()?;
        store.store.update(
            "INSERT DATA { GRAPH <http://g/1> { <http://s/1> <http://p/a> \"ban\", <http://o/1> . \
             <http://s/2> <http://p/a> \"ban\" } GRAPH <http://g/2> { <http://s/1> <http://p/b> 3 } }",
        )?;
        let remote = SparqlOnly(&store);
        let patterns = [
            Pattern::about("http://s/1"),
            Pattern::about("http://s/1").in_graph("http://g/2"),
            Pattern::having("http://p/a", Object::Literal("ban")),
            Pattern::having("http://p/a", Object::Iri("http://o/1")).in_graph("http://g/1"),
            Pattern::about("http://s/2").with_predicate("http://p/b"),
        ];
        for pattern in patterns {
            let mut indexed = store.statements(pattern)?;
            let mut sparql = remote.statements(pattern)?;
            indexed.sort();
            sparql.sort();
            assert_eq!(indexed, sparql, "{pattern:?}");
        }
        assert_eq!(store.statements(Pattern::about("http://s/1"))?.len(), 3);
        assert!(store.statements(Pattern::about("not an IRI"))?.is_empty());
        // The ontology graph is a named graph like any other.
        let ontology = store.statements(Pattern::default().in_graph(vocab::ONTOLOGY_GRAPH))?;
        assert!(!ontology.is_empty());
        Ok(())
    }
}
