//! The fused measures read from the rows fusion writes beside them (see
//! [`crate::store::ban_row`]), through SPARQL SELECTs that project the literals alone, so the
//! store decodes one term per group of rows (format 3: a scan of the properties of the types
//! asked for, `gek:banRows` and `gek:sanctionRows`; an agent filter reads that agent's groups, a
//! target filter the groups of its bucket; format 2, written by an older geokg: every type under
//! `gek:banRows`) or one per measure (format 1, `gek:banRow`: a filter starts from that actor's
//! `gek:agent` or `gek:target` statements).
//!
//! The entry point is [`read_rows`], which [`super::who_banned_whom`] calls first.

use super::bans::{Measure, PairMeasure};
use crate::model::{Actor, ActorId};
use crate::store::ban_row::{
    self, BAN_ROW_FORMAT, BanRow, MEASURE_ROW_FORMAT, RowFields, TypeGroup, UNTYPED_GROUP_FORMAT,
    target_bucket,
};
use crate::store::{
    QueryAnswer, SparqlEndpoint, StoreError, mapping, sparql_string, term_text, vocab,
};
use oxigraph::model::Term;
use rustc_hash::FxHashMap;

/// Hands `add` the measures of the filter's agent and target (at least; all when none is
/// given), and returns true; or returns false, having handed nothing, when the fused graph does
/// not state that every measure has its row (a store written by an older geokg, or a rebuild
/// that was interrupted). Dates, and actors of the same group as the filter's, are left to the
/// caller's filter.
///
/// # Errors
/// [`StoreError`] when a query fails.
pub(super) fn read_rows(
    endpoint: &dyn SparqlEndpoint,
    filter: &super::BanFilter,
    add: &mut (dyn FnMut(PairMeasure) + Send),
) -> Result<bool, StoreError> {
    let graph = mapping::fused_graph_iri().into_string();
    let gek = |local: &str| format!("<{}{local}>", vocab::GEK);
    let states = |format: u32| -> Result<bool, StoreError> {
        let ask = format!(
            "ASK {{ GRAPH <{graph}> {{ <{graph}> {} {format} }} }}",
            gek(vocab::gek::BAN_ROW_FORMAT)
        );
        Ok(endpoint.query(&ask)? == QueryAnswer::Boolean(true))
    };
    for (format, by_type) in [(BAN_ROW_FORMAT, true), (UNTYPED_GROUP_FORMAT, false)] {
        if states(format)? {
            read_groups(endpoint, &graph, filter, by_type, add)?;
            return Ok(true);
        }
    }
    if !states(MEASURE_ROW_FORMAT)? {
        return Ok(false);
    }
    // Each filter actor's nodes in the fused graph (`None`: any actor).
    let nodes = |id: &Option<ActorId>| -> Result<Vec<Option<String>>, StoreError> {
        Ok(match id {
            None => vec![None],
            Some(id) => actor_nodes(endpoint, &graph, id)?
                .into_iter()
                .map(Some)
                .collect(),
        })
    };
    let (agents, targets) = (nodes(&filter.agent)?, nodes(&filter.target)?);
    for agent in &agents {
        for target in &targets {
            let mut patterns = String::new();
            if let Some(agent) = agent {
                patterns.push_str(&format!("?measure {} <{agent}> . ", gek(vocab::gek::AGENT)));
            }
            if let Some(target) = target {
                patterns.push_str(&format!(
                    "?measure {} <{target}> . ",
                    gek(vocab::gek::TARGET)
                ));
            }
            let select = format!(
                "SELECT ?row WHERE {{ GRAPH <{graph}> {{ {patterns}?measure {} ?row }} }}",
                gek(vocab::gek::BAN_ROW)
            );
            let QueryAnswer::Solutions { rows, .. } = endpoint.query(&select)? else {
                continue;
            };
            for row in rows {
                let Some(Some(term)) = row.first() else {
                    continue;
                };
                if let Some(row) = BanRow::from_text(&term_text(term)) {
                    add(measure_of(row));
                }
            }
        }
    }
    Ok(true)
}

/// Hands `add` the rows of the filter's types in the groups that may hold the filter's agent,
/// target and types (every group when none is given; `by_type` false for format 2, whose
/// `gek:banRows` groups hold every type), group by group as the store reads them: one SELECT per
/// type group asked for, each a scan of its property's index. The rows are read and handed over
/// on a second thread while this one reads the store (each is about half of the work at 1M
/// events).
fn read_groups(
    endpoint: &dyn SparqlEndpoint,
    graph: &str,
    filter: &super::BanFilter,
    by_type: bool,
    add: &mut (dyn FnMut(PairMeasure) + Send),
) -> Result<(), StoreError> {
    let gek = |local: &str| format!("<{}{local}>", vocab::GEK);
    let mut patterns = String::new();
    if let Some(agent) = &filter.agent {
        patterns.push_str(&format!(
            "?group {} {} . ",
            gek(vocab::gek::BAN_ROWS_AGENT),
            sparql_string(&agent.as_str().to_ascii_lowercase())
        ));
    }
    if let Some(target) = &filter.target {
        patterns.push_str(&format!(
            "?group {} {} . ",
            gek(vocab::gek::BAN_ROWS_BUCKET),
            target_bucket(target.as_str())
        ));
    }
    let types = filter.types();
    let properties: Vec<&str> = if by_type {
        TypeGroup::ALL
            .into_iter()
            .filter(|group| types.iter().any(|t| TypeGroup::of(*t) == *group))
            .map(TypeGroup::property)
            .collect()
    } else {
        vec![vocab::gek::BAN_ROWS]
    };
    let selects = properties.into_iter().map(|property| {
        format!(
            "SELECT ?rows WHERE {{ GRAPH <{graph}> {{ {patterns}?group {} ?rows }} }}",
            gek(property)
        )
    });
    let types: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    std::thread::scope(|scope| {
        let (groups, received) = std::sync::mpsc::sync_channel::<String>(64);
        let reader = scope.spawn(move || read_group_rows(received, &types, add));
        let mut read = Ok(());
        for select in selects {
            read = endpoint.each_solution(&select, &mut |values| {
                if let Some(Some(Term::Literal(group))) = values.first() {
                    // The reader stops early only by panicking, which the join below passes on.
                    let _ = groups.send(group.value().to_string());
                }
                Ok(())
            });
            if read.is_err() {
                break;
            }
        }
        drop(groups);
        if let Err(panic) = reader.join() {
            std::panic::resume_unwind(panic);
        }
        read
    })
}

/// Reads the rows of each group as it arrives and hands `add` those of the asked `types`. A
/// row's type is its second field (never escaped): rows of other types are skipped before
/// anything is copied (sanctions are about half the rows, and not asked for by default).
fn read_group_rows(
    groups: std::sync::mpsc::Receiver<String>,
    types: &[&str],
    add: &mut (dyn FnMut(PairMeasure) + Send),
) {
    // Each actor once, shared by its rows, found by its fields as written.
    let mut actors: FxHashMap<Box<str>, Actor> = FxHashMap::default();
    for group in groups {
        for text in ban_row::group_lines(&group) {
            if !RowFields::type_of(text).is_some_and(|t| types.contains(&t)) {
                continue;
            }
            let Some(fields) = RowFields::split(text) else {
                continue;
            };
            let (Some(agent), Some(target)) = (
                shared_actor(&mut actors, fields.agent_text()),
                shared_actor(&mut actors, fields.target_text()),
            ) else {
                continue;
            };
            if let Some(row) = fields.with_actors(agent, target) {
                add(measure_of(row));
            }
        }
    }
}

/// The actor of a row's three actor fields, made once for all the rows that write it alike.
fn shared_actor(actors: &mut FxHashMap<Box<str>, Actor>, text: &str) -> Option<Actor> {
    if let Some(actor) = actors.get(text) {
        return Some(actor.clone());
    }
    let actor = ban_row::actor_of(text)?;
    actors.insert(text.into(), actor.clone());
    Some(actor)
}

/// The nodes of the fused graph's actors whose id is `id`, ignoring ASCII case as the filter
/// does (ids that differ in case alone are distinct actors).
fn actor_nodes(
    endpoint: &dyn SparqlEndpoint,
    graph: &str,
    id: &ActorId,
) -> Result<Vec<String>, StoreError> {
    let select = format!(
        "SELECT ?actor ?id WHERE {{ GRAPH <{graph}> {{ ?actor <{}{}> ?id }} }}",
        vocab::GEK,
        vocab::gek::ACTOR_ID
    );
    let mut nodes: Vec<String> = endpoint
        .query(&select)?
        .text_rows()
        .into_iter()
        .filter(|row| row.get("id").eq_ignore_ascii_case(id.as_str()))
        .filter_map(|row| row.value("actor").map(str::to_string))
        .collect();
    nodes.sort();
    nodes.dedup();
    Ok(nodes)
}

/// A row as the agent, target and measure the grouping takes.
fn measure_of(row: BanRow) -> PairMeasure {
    let measure = Measure {
        id: row.id,
        event_type: row.event_type,
        status: row.status,
        date: row.date,
        date_conflict: row.date_conflict,
        mentions: row.mentions,
        sources: row.sources,
    };
    (row.agent, row.target, measure)
}

#[cfg(test)]
mod tests {
    use super::super::bans::read_nodes;
    use super::super::{BanFilter, MEASURE_TYPES, histories};
    use super::*;
    use crate::EventStore;
    use crate::model::Event;
    use crate::synth::Extracted;
    use std::collections::BTreeMap;

    type Measures = Vec<PairMeasure>;

    /// Synthetic articles with their events.
    fn articles(count: u64) -> Result<Extracted, Box<dyn std::error::Error>> {
        crate::synth::extracted(7, 0..count)
    }

    fn every_type() -> BanFilter {
        BanFilter {
            types: MEASURE_TYPES.to_vec(),
            ..BanFilter::default()
        }
    }

    /// The measures [`read_rows`] hands over, or `None` when it finds no rows.
    fn rows_of(store: &EventStore, filter: &BanFilter) -> Result<Option<Measures>, StoreError> {
        let mut rows = Vec::new();
        let found = read_rows(store, filter, &mut |measure| rows.push(measure))?;
        Ok(found.then_some(rows))
    }

    /// Both readers' measures, sorted; the rows' reader must find the rows.
    fn both(
        store: &EventStore,
        filter: &BanFilter,
    ) -> Result<(Measures, Measures), Box<dyn std::error::Error>> {
        let key = |(a, t, m): &PairMeasure| {
            (
                a.id.as_str().to_string(),
                t.id.as_str().to_string(),
                m.id.clone(),
            )
        };
        let mut rows = rows_of(store, filter)?.ok_or("the store has rows")?;
        let mut nodes = read_nodes(store, filter)?;
        rows.retain(|(a, t, m)| filter.matches(a, t, m));
        nodes.retain(|(a, t, m)| filter.matches(a, t, m));
        rows.sort_by_key(key);
        nodes.sort_by_key(key);
        Ok((rows, nodes))
    }

    #[test]
    fn rows_give_what_the_statements_give_through_puts_replacements_and_removals()
    -> Result<(), Box<dyn std::error::Error>> {
        let articles = articles(120)?;
        // On disk: the rebuild reads mentions agent by agent from the `gek:agent` index, in
        // the order RocksDB keeps (the in-memory store keeps no order).
        let dir = tempfile::tempdir()?;
        let store = EventStore::open(dir.path())?;
        for (article, events) in &articles {
            store.put_article(article, events)?;
        }
        let (rows, nodes) = both(&store, &every_type())?;
        assert!(
            rows.len() > 50,
            "the articles give measures: {}",
            rows.len()
        );
        assert_eq!(rows, nodes);

        // A new version of an article without its first measure, and an article removed: the
        // rows of the keys they touch are rewritten.
        let (article, events) = &articles[3];
        let kept: Vec<Event> = events
            .iter()
            .filter(|e| !e.event_type.is_measure())
            .cloned()
            .collect();
        assert!(kept.len() < events.len(), "article 3 states a measure");
        let mut edited = article.clone();
        edited.id.0 = format!("{}-edited", article.id.0);
        store.put_article(&edited, &kept)?;
        store.remove_article(&articles[5].0.source)?;
        let (rows, nodes) = both(&store, &every_type())?;
        assert_eq!(rows, nodes);

        // The same from a rebuild, and the same histories with an agent and a target filter.
        store.fuse_all()?;
        assert_eq!(both(&store, &every_type())?.0, rows);
        let (agent, target) = (rows[0].0.id.clone(), rows[0].1.id.clone());
        for filter in [
            BanFilter {
                agent: Some(ActorId::new(agent.as_str().to_ascii_lowercase())),
                ..every_type()
            },
            BanFilter {
                target: Some(target.clone()),
                ..every_type()
            },
            BanFilter {
                agent: Some(agent.clone()),
                target: Some(target.clone()),
                ..every_type()
            },
            BanFilter::default(),
        ] {
            let (rows, nodes) = both(&store, &filter)?;
            assert!(!rows.is_empty(), "{filter:?}");
            assert_eq!(histories(rows, &filter), histories(nodes, &filter));
        }
        Ok(())
    }

    /// Every group of rows as stated: node, property and text, with its agent and bucket.
    fn group_statements(store: &EventStore) -> Result<Vec<Vec<String>>, StoreError> {
        let answer = store.query(
            "SELECT ?group ?property ?rows ?agent ?bucket WHERE { GRAPH geo:fused { ?group \
             ?property ?rows ; gek:banRowsAgent ?agent ; gek:banRowsBucket ?bucket \
             FILTER(?property IN (gek:banRows, gek:sanctionRows)) } } ORDER BY ?group",
        )?;
        Ok(answer
            .text_rows()
            .iter()
            .map(|row| {
                ["group", "property", "rows", "agent", "bucket"]
                    .map(|name| row.get(name).to_string())
                    .to_vec()
            })
            .collect())
    }

    /// Replaces the fused graph's row groups and format mark with `insert` (Turtle-like triples
    /// for `INSERT DATA`) and the mark of `format`, as an older geokg wrote them.
    fn write_as_format(
        store: &EventStore,
        insert: &str,
        format: u32,
    ) -> Result<(), Box<dyn std::error::Error>> {
        store.update(&format!(
            "DELETE WHERE {{ GRAPH geo:fused {{ ?group gek:banRowsAgent ?agent ; ?p ?o }} }} ; \
             DELETE WHERE {{ GRAPH geo:fused {{ geo:fused gek:banRowFormat ?format }} }} ; \
             INSERT DATA {{ GRAPH geo:fused {{ {insert} geo:fused gek:banRowFormat {format} }} }}"
        ))
    }

    #[test]
    fn a_format_2_store_is_read_from_its_groups_of_every_type_and_upgraded_when_opened_to_write()
    -> Result<(), Box<dyn std::error::Error>> {
        let articles = articles(60)?;
        let dir = tempfile::tempdir()?;
        let (every, default, groups) = {
            let store = EventStore::open(dir.path())?;
            for (article, events) in &articles {
                store.put_article(article, events)?;
            }
            let every = both(&store, &every_type())?;
            let default = both(&store, &BanFilter::default())?;
            assert!(every.0.len() > default.0.len() && !default.0.is_empty());
            let groups = group_statements(&store)?;

            // What geokg wrote before the split by type: one group per agent and bucket, at
            // `ban-rows/AGENT/BUCKET`, its rows of every type under `gek:banRows`.
            let mut merged: BTreeMap<String, (String, String, Vec<String>)> = BTreeMap::new();
            for group in &groups {
                let node = group[0]
                    .rsplit_once('/')
                    .ok_or("a group node")?
                    .0
                    .to_string();
                let entry = merged
                    .entry(node)
                    .or_insert_with(|| (group[3].clone(), group[4].clone(), Vec::new()));
                entry.2.extend(group[2].split('\n').map(str::to_string));
            }
            let mut insert = String::new();
            for (node, (agent, bucket, rows)) in merged {
                insert.push_str(&format!(
                    "<{node}> gek:banRows {} ; gek:banRowsAgent {} ; gek:banRowsBucket {bucket} . ",
                    crate::store::sparql_string(&ban_row::group_text(rows)),
                    crate::store::sparql_string(&agent),
                ));
            }
            write_as_format(&store, &insert, 2)?;
            assert!(store.needs_fusion_rebuild()?);
            let old_groups = group_statements(&store)?;
            assert!(old_groups.iter().all(|g| g[1].ends_with("#banRows")));
            assert!(
                old_groups.len() < groups.len(),
                "some group holds two types"
            );
            assert_eq!(both(&store, &every_type())?, every);
            assert_eq!(both(&store, &BanFilter::default())?, default);
            (every, default, groups)
        };

        // Opened to write, it holds the groups fusion wrote, and says so.
        let store = EventStore::open(dir.path())?;
        assert!(!store.needs_fusion_rebuild()?);
        assert_eq!(group_statements(&store)?, groups);
        assert_eq!(both(&store, &every_type())?, every);
        assert_eq!(both(&store, &BanFilter::default())?, default);
        Ok(())
    }

    #[test]
    fn a_format_1_store_is_read_from_its_rows_until_a_put_and_a_rebuild_upgrades_it()
    -> Result<(), Box<dyn std::error::Error>> {
        let articles = articles(80)?;
        let store = EventStore::in_memory()?;
        for (article, events) in &articles[..70] {
            store.put_article(article, events)?;
        }
        let (rows, nodes) = both(&store, &every_type())?;
        assert!(rows.len() > 30, "{}", rows.len());
        assert_eq!(rows, nodes);

        // What geokg wrote before groups: one `gek:banRow` per measure, marked format 1.
        let mut insert = String::new();
        for group in store
            .query(
                "SELECT ?rows WHERE { GRAPH geo:fused { ?group gek:banRows|gek:sanctionRows \
                 ?rows } }",
            )?
            .text_rows()
        {
            for line in group.get("rows").split('\n') {
                let row = BanRow::from_text(line).ok_or("a row")?;
                let node = mapping::fused_iri(&row.id);
                insert.push_str(&format!(
                    "<{}> gek:banRow {} . ",
                    node.as_str(),
                    crate::store::sparql_string(line)
                ));
            }
        }
        write_as_format(&store, &insert, 1)?;
        assert!(store.needs_fusion_rebuild()?);
        assert_eq!(both(&store, &every_type())?, (rows, nodes));

        // A put writes no `gek:banRow`, so the mark of format 1 goes: the statements answer.
        for (article, events) in &articles[70..] {
            store.put_article(article, events)?;
        }
        assert_eq!(rows_of(&store, &every_type())?, None);
        assert!(store.needs_fusion_rebuild()?);

        store.fuse_all()?;
        assert!(!store.needs_fusion_rebuild()?);
        let (rows, nodes) = both(&store, &every_type())?;
        assert!(rows.len() > 30);
        assert_eq!(rows, nodes);
        Ok(())
    }
}
