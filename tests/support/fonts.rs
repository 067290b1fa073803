//! Native chart tests need a TrueType font for plotters' text metrics (the browser measures text
//! itself). DejaVu Sans comes from Debian's `fonts-dejavu-core`, which `make test` installs.

use std::sync::Once;

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// Registers DejaVu Sans as plotters' "sans-serif" once per test process.
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let bytes = std::fs::read(FONT)
            .unwrap_or_else(|e| panic!("{FONT}: {e} — install fonts-dejavu-core (make setup-browser does)"));
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        if plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, bytes).is_err() {
            panic!("{FONT} is not a usable TrueType font");
        }
    });
}
