//! Hydration in turns. The prerendered first view is taken over by parts, each in a task of
//! its own, so that no task of the page's start is long (at 100,000 articles the whole view
//! hydrated in one task of 58-107 ms in traces, which kept the page from taking input as long).
//!
//! The explorer's shell (header, search box, status lines) hydrates at once. The parts below
//! it (the facets, the timeline, the results five at a time) each wait for their turn
//! ([`use_turn`]): while hydrating, their first render suspends inside a yew `Suspense`,
//! which keeps the prerendered markup on screen meanwhile, and [`Turns::run`] resumes one turn
//! per task, in order; the explorer applies the URL and what the reader did before the app
//! ran once every part has hydrated, and only then says it is ready (`data-ready`).
//!
//! Only a sharded build hydrates in turns ([`enabled`]). Nothing waits when the explorer
//! renders rather than hydrates (a debug build, kept imports), nor in the server renderer (the
//! prerender renders every part at once).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;
use yew::suspense::{Suspension, SuspensionHandle, SuspensionResult};

use super::context::use_shared;

/// Whether the view hydrates in turns: in a sharded build, whose large collections took 58-107
/// ms to hydrate at once. An embedded collection's view hydrates at once, and its wasm is
/// without yew's `Suspense` (about 11 KB gzip).
pub fn enabled() -> bool {
    crate::sharded()
}

#[derive(Default)]
struct Inner {
    /// Whether parts still wait for a turn when they first render.
    hydrating: Cell<bool>,
    /// The parts waiting, by turn.
    waiting: RefCell<BTreeMap<usize, Vec<SuspensionHandle>>>,
}

/// The turns of one explorer's hydration. Equal only to itself (the explorer's context
/// compares by identity).
#[derive(Clone, Default)]
pub struct Turns(Rc<Inner>);

impl PartialEq for Turns {
    fn eq(&self, other: &Turns) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Turns {
    /// Turns for an explorer that hydrates prerendered markup (`hydrating`), or renders.
    pub fn new(hydrating: bool) -> Turns {
        let turns = Turns::default();
        turns.0.hydrating.set(hydrating);
        turns
    }

    /// Whether parts wait for their turn.
    pub fn hydrating(&self) -> bool {
        self.0.hydrating.get()
    }

    /// A part's first render waits for `turn`: the suspension it returns resumes then.
    fn wait(&self, turn: usize) -> Suspension {
        let (suspension, handle) = Suspension::new();
        self.0
            .waiting
            .borrow_mut()
            .entry(turn)
            .or_default()
            .push(handle);
        suspension
    }

    /// Resumes the waiting parts turn by turn, each turn in a task of its own (a resumed part
    /// hydrates in the task that resumed it), until none waits, then waits for the next frame
    /// to be painted; parts rendered later render at once.
    pub async fn run(&self) {
        loop {
            super::next_task().await;
            let next = self.0.waiting.borrow_mut().pop_first();
            let Some((_, handles)) = next else { break };
            for handle in handles {
                handle.resume();
            }
        }
        // The last turn swapped the hydrated copy in: the page lays it out before it says it
        // is ready, rather than in the frame of the reader's first keystroke.
        super::after_paint().await;
        self.0.hydrating.set(false);
    }
}

/// Waits for `turn` before the component's first render while the explorer hydrates: use it
/// first in the component (`use_turn(n)?;`), inside a `Suspense`.
#[hook]
pub fn use_turn(turn: usize) -> SuspensionResult<()> {
    let turns = use_shared().turns;
    // A constant: an embedded build's wasm compiles the waiting out.
    if !enabled() {
        return Ok(());
    }
    let waiting = use_mut_ref(|| None::<Suspension>);
    let mut waiting = waiting.borrow_mut();
    match &*waiting {
        Some(s) if !s.resumed() => Err(s.clone()),
        Some(_) => Ok(()),
        None if turns.hydrating() => {
            let s = turns.wait(turn);
            *waiting = Some(s.clone());
            Err(s)
        }
        None => Ok(()),
    }
}
