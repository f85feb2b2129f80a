//! One function per analysis: run it on one graph and lay the result out as rows (for tables,
//! CSV and JSON) and as a graph to draw (for DOT and GraphML).

use super::render::{Cell, GraphView, Section, ViewEdge, ViewNode};
use geokg::analysis::{
    self, Act, ActorGraph, ActorNode, Affiliations, CascadeOptions, EventEdge, Score,
};
use geokg::model::ActorId;
use std::collections::BTreeMap;

fn date_text(event: &EventEdge) -> String {
    event.date.map(|d| d.to_string()).unwrap_or_default()
}

fn node(actor: &ActorNode, attributes: Vec<(&'static str, Cell)>) -> ViewNode {
    ViewNode {
        id: actor.id.to_string(),
        label: format!("{}\n{}", actor.label, actor.id),
        group: None,
        attributes,
    }
}

/// The "acts against" graph as drawn: one edge per (agent, target) pair, with the types and
/// mentions of its events; `attributes` adds per-actor values.
fn acts_against_view(
    graph: &ActorGraph,
    mut attributes: BTreeMap<ActorId, Vec<(&'static str, Cell)>>,
) -> GraphView {
    let nodes = graph
        .actors()
        .map(|actor| node(actor, attributes.remove(&actor.id).unwrap_or_default()))
        .collect();
    let mut pairs: BTreeMap<(&ActorId, &ActorId), (Vec<&str>, usize)> = BTreeMap::new();
    for edge in graph.edges() {
        let entry = pairs.entry((&edge.agent.id, &edge.target.id)).or_default();
        if !entry.0.contains(&edge.event.event_type.as_str()) {
            entry.0.push(edge.event.event_type.as_str());
        }
        entry.1 += edge.event.mentions;
    }
    let edges = pairs
        .into_iter()
        .map(|((agent, target), (types, mentions))| ViewEdge {
            source: agent.to_string(),
            target: target.to_string(),
            label: format!("{} ({mentions})", types.join(", ")),
            attributes: vec![
                ("types", Cell::text(types.join(","))),
                ("mentions", Cell::count(mentions)),
            ],
        })
        .collect();
    GraphView {
        directed: true,
        nodes,
        edges,
    }
}

/// Actors by total mentions (as agent and target), most active first; for each an `all` row,
/// then one row per event type. `top` keeps that many actors.
pub fn activity(graph: &ActorGraph, top: Option<usize>) -> Section {
    let mut found = analysis::activity(graph);
    let attributes = found
        .iter()
        .map(|a| {
            let degrees = vec![
                ("out", Cell::count(a.total.out_edges)),
                ("in", Cell::count(a.total.in_edges)),
                ("out_mentions", Cell::count(a.total.out_mentions)),
                ("in_mentions", Cell::count(a.total.in_mentions)),
            ];
            (a.actor.id.clone(), degrees)
        })
        .collect();
    found.sort_by(|a, b| {
        let total = |x: &analysis::ActorActivity| x.total.out_mentions + x.total.in_mentions;
        total(b)
            .cmp(&total(a))
            .then_with(|| a.actor.id.cmp(&b.actor.id))
    });
    found.truncate(top.unwrap_or(usize::MAX));
    let mut rows = Vec::new();
    for actor in &found {
        let by_type = actor.by_type.iter().map(|(t, d)| (t.as_str(), d));
        for (kind, degrees) in std::iter::once(("all", &actor.total)).chain(by_type) {
            rows.push(vec![
                Cell::text(actor.actor.id.as_str()),
                Cell::text(&actor.actor.label),
                Cell::text(actor.actor.kind.as_str()),
                Cell::text(kind),
                Cell::count(degrees.out_edges),
                Cell::count(degrees.in_edges),
                Cell::count(degrees.out_mentions),
                Cell::count(degrees.in_mentions),
            ]);
        }
    }
    Section {
        rows,
        graph: acts_against_view(graph, attributes),
        ..Section::default()
    }
}

/// Ranked scores (PageRank or betweenness), the score also on each drawn node.
pub fn scores(graph: &ActorGraph, scores: &[Score], top: Option<usize>) -> Section {
    let attributes = scores
        .iter()
        .map(|s| (s.actor.id.clone(), vec![("score", Cell::Float(s.value))]))
        .collect();
    let rows = scores
        .iter()
        .take(top.unwrap_or(usize::MAX))
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell::count(i + 1),
                Cell::text(s.actor.id.as_str()),
                Cell::text(&s.actor.label),
                Cell::text(s.actor.kind.as_str()),
                Cell::Float(s.value),
            ]
        })
        .collect();
    Section {
        rows,
        graph: acts_against_view(graph, attributes),
        ..Section::default()
    }
}

fn act_text(act: &Act) -> String {
    let date = act.date.map(|d| d.to_string()).unwrap_or_default();
    let via = if act.against == act.target {
        String::new()
    } else {
        format!(" (of {})", act.against)
    };
    format!(
        "{} {} {}{via} {date}",
        act.agent, act.event_type, act.target
    )
    .trim_end()
    .to_string()
}

/// One row per reciprocal pair; drawn as the pairs with their act counts each way.
pub fn reciprocity(graph: &ActorGraph, affiliations: &Affiliations) -> Section {
    let pairs = analysis::reciprocity(graph, affiliations);
    let mut rows = Vec::new();
    let mut view = GraphView {
        directed: true,
        ..GraphView::default()
    };
    let mut drawn: BTreeMap<ActorId, ViewNode> = BTreeMap::new();
    for pair in &pairs {
        let (a, b) = (&pair.actors.0, &pair.actors.1);
        let by = |agent: &ActorId| pair.acts.iter().filter(|act| &act.agent == agent).count();
        let sequence: Vec<String> = pair
            .turns
            .iter()
            .map(|turn| {
                let acts: Vec<String> = turn.acts.iter().map(act_text).collect();
                acts.join("; ")
            })
            .collect();
        rows.push(vec![
            Cell::text(a.as_str()),
            Cell::text(b.as_str()),
            Cell::count(by(a)),
            Cell::count(by(b)),
            pair.first
                .as_ref()
                .map_or(Cell::Empty, |x| Cell::text(act_text(x))),
            pair.response
                .as_ref()
                .map_or(Cell::Empty, |x| Cell::text(act_text(x))),
            Cell::days(pair.lag_days),
            Cell::days(pair.lag_max_days),
            Cell::count(pair.turns.len()),
            Cell::text(sequence.join(" | ")),
        ]);
        for (from, to) in [(a, b), (b, a)] {
            for id in [from, to] {
                if let Some(actor) = graph.actor(id) {
                    drawn
                        .entry(id.clone())
                        .or_insert_with(|| node(actor, Vec::new()));
                }
            }
            view.edges.push(ViewEdge {
                source: from.to_string(),
                target: to.to_string(),
                label: format!("{} acts", by(from)),
                attributes: vec![
                    ("acts", Cell::count(by(from))),
                    ("lag_days", Cell::days(pair.lag_days)),
                ],
            });
        }
    }
    view.nodes = drawn.into_values().collect();
    Section {
        rows,
        graph: view,
        ..Section::default()
    }
}

/// One row per agent in cascade order; drawn as the "followed" graph (later → earlier).
pub fn cascade(graph: &ActorGraph, target: &ActorId, options: CascadeOptions) -> Section {
    let found = analysis::cascade(graph, target, options);
    let mut section = Section::default();
    let mut view = GraphView {
        directed: true,
        ..GraphView::default()
    };
    for (i, step) in found.steps.iter().enumerate() {
        let followed: Vec<String> = step
            .followed
            .iter()
            .map(|(agent, days)| format!("{agent}+{days}"))
            .collect();
        section.rows.push(vec![
            Cell::count(i + 1),
            Cell::text(step.agent.id.as_str()),
            Cell::text(&step.agent.label),
            Cell::text(step.date.to_string()),
            Cell::text(step.anchor.format("%Y-%m-%d").to_string()),
            Cell::text(step.event_type.as_str()),
            Cell::days(step.lag_days),
            Cell::days(Some(step.elapsed_days)),
            Cell::text(followed.join(" ")),
        ]);
        let mut drawn = node(&step.agent, vec![("rank", Cell::count(i + 1))]);
        drawn.label = format!(
            "{}. {}\n{} {}",
            i + 1,
            step.agent.label,
            step.event_type,
            step.date
        );
        view.nodes.push(drawn);
        for (earlier, days) in &step.followed {
            view.edges.push(ViewEdge {
                source: step.agent.id.to_string(),
                target: earlier.to_string(),
                label: format!("+{days} d"),
                attributes: vec![("lag_days", Cell::Int(*days))],
            });
        }
    }
    if let (Some(first), Some(last)) = (found.steps.first(), found.steps.last()) {
        section.notes.push(format!(
            "{} agents acted against {target} over {} days, {} ({}) to {} ({})",
            found.steps.len(),
            found.duration_days,
            first.agent.id,
            first.anchor,
            last.agent.id,
            last.anchor
        ));
    }
    if !found.undated.is_empty() {
        let undated: Vec<&str> = found.undated.iter().map(ActorId::as_str).collect();
        section
            .notes
            .push(format!("undated, left out: {}", undated.join(", ")));
    }
    section.graph = view;
    section
}

/// One row per bloc member, largest bloc first; drawn as the co-action graph with the blocs
/// as clusters.
pub fn blocs(graph: &ActorGraph, countries_only: bool) -> Section {
    let co = analysis::co_action(graph, countries_only);
    let found = analysis::blocs(&co);
    let mut rows = Vec::new();
    let mut bloc_of: BTreeMap<&ActorId, &ActorId> = BTreeMap::new();
    for bloc in &found {
        for member in &bloc.members {
            bloc_of.insert(&member.actor.id, &bloc.id);
            rows.push(vec![
                Cell::text(bloc.id.as_str()),
                Cell::count(bloc.members.len()),
                Cell::text(member.actor.id.as_str()),
                Cell::text(&member.actor.label),
                Cell::count(member.shared_targets),
            ]);
        }
    }
    let co_graph = &co.graph;
    let nodes = co_graph
        .node_indices()
        .map(|i| {
            let actor = &co_graph[i];
            let bloc = bloc_of.get(&actor.id).map(|b| b.to_string());
            let mut drawn = node(
                actor,
                vec![("bloc", Cell::text(bloc.clone().unwrap_or_default()))],
            );
            drawn.group = bloc.map(|b| format!("bloc {b}"));
            drawn
        })
        .collect();
    let edges = co_graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = co_graph.edge_endpoints(e)?;
            let shared: Vec<&str> = co_graph[e].iter().map(ActorId::as_str).collect();
            Some(ViewEdge {
                source: co_graph[a].id.to_string(),
                target: co_graph[b].id.to_string(),
                label: shared.join(", "),
                attributes: vec![("shared_targets", Cell::count(shared.len()))],
            })
        })
        .collect();
    Section {
        rows,
        graph: GraphView {
            directed: false,
            nodes,
            edges,
        },
        ..Section::default()
    }
}

/// One row per event along the shortest path; drawn as the path with its events.
pub fn path(graph: &ActorGraph, from: &ActorId, to: &ActorId) -> Section {
    let mut section = Section::default();
    let Some(found) = analysis::shortest_path(graph, from, to) else {
        section
            .notes
            .push(format!("no path between {from} and {to}"));
        return section;
    };
    let mut view = GraphView {
        directed: true,
        nodes: found.actors.iter().map(|a| node(a, Vec::new())).collect(),
        edges: Vec::new(),
    };
    for (i, step) in found.steps.iter().enumerate() {
        for (forward, event) in &step.events {
            let (agent, target) = if *forward {
                (&step.from, &step.to)
            } else {
                (&step.to, &step.from)
            };
            section.rows.push(vec![
                Cell::count(i + 1),
                Cell::text(step.from.id.as_str()),
                Cell::text(step.to.id.as_str()),
                Cell::text(if *forward { "->" } else { "<-" }),
                Cell::text(event.event_type.as_str()),
                Cell::text(date_text(event)),
                Cell::text(event.status.as_str()),
                Cell::count(event.mentions),
                Cell::text(event.articles.join(" ")),
            ]);
            view.edges.push(ViewEdge {
                source: agent.id.to_string(),
                target: target.id.to_string(),
                label: format!("{} {}", event.event_type, date_text(event))
                    .trim_end()
                    .to_string(),
                attributes: vec![("mentions", Cell::count(event.mentions))],
            });
        }
    }
    section.graph = view;
    section
}
