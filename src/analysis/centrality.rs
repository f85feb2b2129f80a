//! Centrality on the "acts against" graph: PageRank (petgraph's) and betweenness (Brandes).
//!
//! Both work on the simple graph behind an [`ActorGraph`]: one edge from A to B when A acted on B
//! at least once, whatever the type, date or mentions; an actor acting on itself is left out.
//!
//! Betweenness is our own Brandes (2001) rather than `rustworkx-core`: that crate does build on
//! petgraph 0.8, but it brings about 25 more crates (ndarray, rayon, rand...) for one function,
//! and its parallel accumulation does not promise the same float sums on every run.

use super::{ActorGraph, ActorNode};
use petgraph::algo::page_rank;
use petgraph::graph::DiGraph;
use std::collections::{BTreeSet, VecDeque};

/// PageRank's damping factor: the chance of following an edge rather than jumping anywhere.
pub const DAMPING: f64 = 0.85;
/// PageRank's power iterations; ample for graphs of a few hundred actors.
pub const ITERATIONS: usize = 100;

/// An actor's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The actor.
    pub actor: ActorNode,
    /// The score (see the function that computed it).
    pub value: f64,
}

/// Whether betweenness follows edges from agent to target only, or both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Paths follow "acts against" from agent to target.
    Directed,
    /// Paths ignore who acted on whom.
    Undirected,
}

/// The distinct (agent, target) pairs as index pairs, agent ≠ target, sorted.
fn acts_against(graph: &ActorGraph) -> (Vec<&ActorNode>, BTreeSet<(usize, usize)>) {
    let actors: Vec<&ActorNode> = graph.actors().collect();
    let position = |id| actors.binary_search_by(|a: &&ActorNode| a.id.cmp(id)).ok();
    let pairs = graph
        .edges()
        .filter_map(|e| Some((position(&e.agent.id)?, position(&e.target.id)?)))
        .filter(|(a, t)| a != t)
        .collect();
    (actors, pairs)
}

/// Sorts by score, highest first; scores equal to 1e-9 tie and go by actor id.
fn ranked(actors: &[&ActorNode], values: &[f64]) -> Vec<Score> {
    let mut scores: Vec<Score> = actors
        .iter()
        .zip(values)
        .map(|(actor, &value)| Score {
            actor: (*actor).clone(),
            value,
        })
        .collect();
    // Rounded keys make near-equal sums (different addition orders) tie exactly.
    #[allow(clippy::cast_possible_truncation)]
    let key = |s: &Score| -(s.value * 1e9).round() as i64;
    scores.sort_by(|a, b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a.actor.id.cmp(&b.actor.id))
    });
    scores
}

/// PageRank on the "acts against" graph (agent → target), by `petgraph::algo::page_rank` with
/// damping [`DAMPING`] and [`ITERATIONS`] iterations. Rank flows from agent to target, so a high
/// score means "acted against a lot, by actors that are themselves acted against"; scores sum to
/// 1. Highest first, ties by actor id.
///
/// # Complexity
/// O(k · n · (n + m)) for k iterations, n actors and m distinct (agent, target) pairs: petgraph's
/// implementation scans every node pair in each iteration.
pub fn pagerank(graph: &ActorGraph) -> Vec<Score> {
    let (actors, pairs) = acts_against(graph);
    let mut simple: DiGraph<(), ()> = DiGraph::with_capacity(actors.len(), pairs.len());
    let nodes: Vec<_> = actors.iter().map(|_| simple.add_node(())).collect();
    for &(a, t) in &pairs {
        simple.add_edge(nodes[a], nodes[t], ());
    }
    let values = page_rank(&simple, DAMPING, ITERATIONS);
    ranked(&actors, &values)
}

/// Betweenness centrality (Brandes' algorithm, unweighted): for each actor, the share of shortest
/// paths between two other actors that pass through it, summed over all pairs and normalised by
/// (n − 1)(n − 2) so it lies in [0, 1] (0 for fewer than three actors). On the directed graph a
/// high score marks an actor that is both acted against and acting: a relay in chains of
/// measures. Highest first, ties by actor id.
///
/// # Complexity
/// O(n · (n + m)) time and O(n + m) memory for n actors and m distinct pairs.
pub fn betweenness(graph: &ActorGraph, orientation: Orientation) -> Vec<Score> {
    let (actors, pairs) = acts_against(graph);
    let mut adjacency: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); actors.len()];
    for &(a, t) in &pairs {
        adjacency[a].insert(t);
        if orientation == Orientation::Undirected {
            adjacency[t].insert(a);
        }
    }
    let adjacency: Vec<Vec<usize>> = adjacency
        .into_iter()
        .map(|s| s.into_iter().collect())
        .collect();
    let mut values = brandes(&adjacency);
    let n = actors.len();
    // Undirected sums count each pair from both ends; halving and dividing by the
    // (n-1)(n-2)/2 pairs gives the same divisor as the directed case.
    #[allow(clippy::cast_precision_loss)]
    let pairs_through = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    for value in &mut values {
        *value /= pairs_through;
    }
    ranked(&actors, &values)
}

/// Brandes (2001): BFS from every source, counting shortest paths, then accumulating
/// dependencies in reverse BFS order. Neighbours are visited in the order given (sorted).
fn brandes(adjacency: &[Vec<usize>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    for source in 0..n {
        let mut order = Vec::with_capacity(n);
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0_f64; n];
        let mut distance = vec![usize::MAX; n];
        paths[source] = 1.0;
        distance[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &adjacency[v] {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0; n];
        while let Some(w) = order.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != source {
                centrality[w] += dependency[w];
            }
        }
    }
    centrality
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Filter;
    use crate::analysis::graph::tests::event;
    use crate::model::{Event, EventType};

    fn graph(pairs: &[(&str, &str)]) -> ActorGraph {
        let events: Vec<Event> = pairs
            .iter()
            .map(|(a, t)| event(EventType::Ban, a, t, "2019"))
            .collect();
        ActorGraph::from_events(&events, &Filter::default())
    }

    fn order(scores: &[Score]) -> Vec<&str> {
        scores.iter().map(|s| s.actor.id.as_str()).collect()
    }

    #[test]
    fn pagerank_puts_the_most_targeted_first() {
        // x is acted on by three agents, y by one; the agents are never acted on.
        let scores = pagerank(&graph(&[("A", "x"), ("B", "x"), ("C", "x"), ("A", "y")]));
        assert_eq!(order(&scores), ["x", "y", "A", "B", "C"]);
        let total: f64 = scores.iter().map(|s| s.value).sum();
        assert!((total - 1.0).abs() < 1e-9, "sums to 1, got {total}");
        assert_eq!(scores[2].value, scores[4].value, "A, B and C are alike");
    }

    #[test]
    fn pagerank_counts_pairs_not_mentions() {
        let once = pagerank(&graph(&[("A", "x"), ("B", "y")]));
        let often = pagerank(&graph(&[("A", "x"), ("A", "x"), ("B", "y")]));
        assert_eq!(once, often);
        assert_eq!(pagerank(&ActorGraph::default()), []);
    }

    #[test]
    fn betweenness_finds_the_relay_of_a_chain() {
        // A acts on B, B on C: only B lies between two others.
        let chain = graph(&[("A", "B"), ("B", "C")]);
        let directed = betweenness(&chain, Orientation::Directed);
        assert_eq!(order(&directed), ["B", "A", "C"]);
        assert!(
            (directed[0].value - 0.5).abs() < 1e-12,
            "1 of (3-1)(3-2) pairs"
        );
        // Undirected, the centre of a star is on every path between leaves.
        let star = graph(&[("H", "a"), ("H", "b"), ("H", "c")]);
        let undirected = betweenness(&star, Orientation::Undirected);
        assert_eq!(undirected[0].actor.id.as_str(), "H");
        assert!((undirected[0].value - 1.0).abs() < 1e-12);
        assert!(undirected[1..].iter().all(|s| s.value == 0.0));
        let none = betweenness(&star, Orientation::Directed);
        assert!(
            none.iter().all(|s| s.value == 0.0),
            "no directed path of two"
        );
    }
}
