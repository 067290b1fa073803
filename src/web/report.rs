//! Errors and panics as JavaScript values. A panic is a bug; its message is recorded so the custom
//! element can show it inside its box and fire `atlas-error` with code `panic`, instead of leaving
//! only a console line.

#[cfg(feature = "map-shell")]
use crate::{model::LoadError, Error};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook once, when the module starts.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message.clone()));
        web_sys::console::error_1(&JsValue::from_str(&format!("work-health-atlas panicked: {message}")));
    }));
}

/// The message of the last panic, if any (the element reads it after a call traps).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The JS `Error` every module throws: `message`, a stable `code` and, when there are any, the
/// located `issues` as an array of strings. The one place that builds it, so the element and the
/// tests read the same shape from the map, chart, analysis and import modules.
#[cfg(any(feature = "map-shell", feature = "chart-shell", feature = "analysis-shell", feature = "import-shell"))]
pub(crate) fn js_error(code: &str, message: &str, issues: &[String]) -> JsValue {
    let js = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&js, &"code".into(), &code.into());
    if !issues.is_empty() {
        let list = js_sys::Array::new();
        for issue in issues {
            list.push(&JsValue::from_str(issue));
        }
        let _ = js_sys::Reflect::set(&js, &"issues".into(), &list);
    }
    js.into()
}

/// A crate [`Error`] as a JS `Error` with its `code` and, for invalid data, the full list of
/// `issues` (never empty: the loader reports invalid data only with at least one issue).
#[cfg(feature = "map-shell")]
pub fn to_js_error(error: &Error) -> JsValue {
    let issues: Vec<String> = match error {
        Error::Load(LoadError::InvalidData(issues)) => issues.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    };
    js_error(error.code(), &error.to_string(), &issues)
}

/// Panics on purpose so end-to-end tests can check that panics are reported in the widget.
/// Not part of the public API.
#[cfg(feature = "map-shell")]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("deliberate panic requested by a test");
}
