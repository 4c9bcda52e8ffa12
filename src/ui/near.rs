//! Watching an element come near the viewport: a sharded collection's results compute their
//! snippets, and so fetch their texts, only then ([`super::results`]).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How near counts as near: within this margin of the viewport, above or below, so that a
/// reader scrolling at a normal pace finds the snippets there.
const MARGIN: &str = "800px 0px";

type Callback = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

/// Calls a function, once, when an element is near the viewport; stops watching when dropped.
pub struct Watch {
    observer: IntersectionObserver,
    _callback: Callback,
}

impl Watch {
    /// Watches `element`; `near` runs the first time it is near (or in) the viewport. None
    /// where the browser has no `IntersectionObserver`.
    pub fn new(element: &Element, near: impl FnOnce() + 'static) -> Option<Watch> {
        let mut near = Some(near);
        let callback: Callback = Closure::new(
            move |entries: js_sys::Array, observer: IntersectionObserver| {
                let is_near = entries.iter().any(|e| {
                    e.dyn_into::<IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if is_near && let Some(near) = near.take() {
                    observer.disconnect();
                    near();
                }
            },
        );
        let options = IntersectionObserverInit::new();
        options.set_root_margin(MARGIN);
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
                .ok()?;
        observer.observe(element);
        Some(Watch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
