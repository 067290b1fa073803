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

/// A JS `Error` with `code` and, for invalid data, the full list of `issues`.
#[cfg(feature = "map-shell")]
pub fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    if let Error::Load(LoadError::InvalidData(issues)) = error {
        let list = js_sys::Array::new();
        for issue in issues {
            list.push(&JsValue::from_str(&issue.to_string()));
        }
        let _ = js_sys::Reflect::set(&js, &"issues".into(), &list);
    }
    js.into()
}

/// Panics on purpose so end-to-end tests can check that panics are reported in the widget.
/// Not part of the public API.
#[cfg(feature = "map-shell")]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("deliberate panic requested by a test");
}
