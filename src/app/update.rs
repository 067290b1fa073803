//! [`Update`]: what a change to the atlas asks the page to redraw, so that the page never has to
//! guess (and never repaints or re-describes more than changed).
//!
//! The atlas keeps what it last reported as shown ([`Shown`]: the view's ids, the viewport, the
//! hover and focus, and revisions of the fills and the patch outlines).
//! [`Atlas::take_update`] compares that with what it shows now and reports the difference, so any
//! number of calls between two takes (a drag's many pans) give one update, and an operation cannot
//! forget to say what it touched.

use super::atlas::{Atlas, ViewState};
use crate::geom::Viewport;
use serde::Serialize;

/// What needs redrawing after a change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Update {
    /// The fills and borders (the base canvas).
    pub base: bool,
    /// The hover, focus, selection and patch outlines (the overlay canvas).
    pub overlay: bool,
    /// The words: caption, legend, controls, panel and table.
    pub text: bool,
    /// The view that `atlas-change` reports: indicator, layer, period, area, classes, change mode.
    pub state: bool,
}

/// What the page was last told is shown.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Shown {
    state: ViewState,
    viewport: Viewport,
    hovered: Option<usize>,
    focused: Option<usize>,
    fills: u32,
    marks: u32,
    labels: bool,
}

impl Update {
    fn between(before: &Shown, now: &Shown) -> Update {
        let state = before.state != now.state;
        // The place names live on the base and keep clear of the selection's outline.
        let names = before.labels != now.labels || (now.labels && before.state.area != now.state.area);
        let base = before.viewport != now.viewport || before.fills != now.fills || names;
        let overlay = base
            || state
            || before.hovered != now.hovered
            || before.focused != now.focused
            || before.marks != now.marks;
        Update { base, overlay, text: state, state }
    }
}

impl Atlas {
    /// What is shown now, to compare with what was shown at the last take.
    pub(super) fn shown(&self) -> Shown {
        Shown {
            state: self.state(),
            viewport: *self.viewport(),
            hovered: self.hovered,
            focused: self.focused,
            fills: self.fills_revision,
            marks: self.marks_revision,
            labels: self.labels_on,
        }
    }

    /// What changed since the last take (or since the atlas was made): see the module docs.
    pub fn take_update(&mut self) -> Update {
        let now = self.shown();
        let everything = Update { base: true, overlay: true, text: true, state: true };
        let update = self.last_shown.as_ref().map_or(everything, |before| Update::between(before, &now));
        self.last_shown = Some(now);
        update
    }
}
