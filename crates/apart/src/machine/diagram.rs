//! Diagrams drawn from the transition table, so they cannot go stale.

use std::fmt::Write as _;

use super::table::is_terminal;
use super::{EventKind, Guard, Machine, State, Transition};

/// The machine as a Mermaid `stateDiagram-v2`: `[*] -->` the initial state, `--> [*]` from
/// each terminal state, and one edge per row labelled `Event [guards] / actors`.
/// See the [module example](crate::machine) for a machine to draw.
pub fn mermaid<M: Machine>() -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let _ = writeln!(out, "    [*] --> {}", M::initial().name());
    for row in M::table() {
        let _ = writeln!(
            out,
            "    {} --> {}: {}",
            row.from.name(),
            row.to.name(),
            label(row)
        );
    }
    for state in M::State::ALL {
        if is_terminal::<M>(*state) && reachable::<M>(*state) {
            let _ = writeln!(out, "    {} --> [*]", state.name());
        }
    }
    out
}

/// The machine as a Graphviz `digraph`, with the same labels as [`mermaid`].
pub fn dot<M: Machine>() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", M::ID);
    let _ = writeln!(out, "    rankdir=LR;");
    let _ = writeln!(out, "    __start [shape=point];");
    let _ = writeln!(out, "    __start -> \"{}\";", M::initial().name());
    for state in M::State::ALL {
        if is_terminal::<M>(*state) && reachable::<M>(*state) {
            let _ = writeln!(out, "    \"{}\" [shape=doublecircle];", state.name());
        }
    }
    for row in M::table() {
        let _ = writeln!(
            out,
            "    \"{}\" -> \"{}\" [label=\"{}\"];",
            row.from.name(),
            row.to.name(),
            label(row).replace('"', "\\\"")
        );
    }
    out.push_str("}\n");
    out
}

fn label<M: Machine>(row: &Transition<M>) -> String {
    let mut label = row.event.name().to_owned();
    if !row.guards.is_empty() {
        let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
        let _ = write!(label, " [{}]", names.join(", "));
    }
    if !row.actors.is_empty() {
        let names: Vec<&str> = row.actors.iter().map(|a| a.as_str()).collect();
        let _ = write!(label, " / {}", names.join(", "));
    }
    label
}

/// Whether some row enters `state` or it is the initial state (unreachable states are not
/// drawn as terminals).
fn reachable<M: Machine>(state: M::State) -> bool {
    state == M::initial() || M::table().iter().any(|row| row.to == state)
}
