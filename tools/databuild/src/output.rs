//! Deterministic JSON output: compact, fields in schema order, maps sorted, whole numbers written
//! without a trailing `.0` (the bundle is mostly numbers, so this matters for its size), and the
//! gzip size report.

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;
use std::io::{self, Write};

/// serde_json formatter that writes integral floats as integers.
struct CompactNumbers;

impl serde_json::ser::Formatter for CompactNumbers {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        if value.fract() == 0.0 && value.abs() < 1e15 {
            write!(writer, "{}", value as i64)
        } else {
            writer.write_all(ryu_like(value).as_bytes())
        }
    }
}

/// Shortest round-trip text of a finite float (Rust's `Display` is shortest round-trip).
fn ryu_like(value: f64) -> String {
    format!("{value}")
}

/// Serialises `value` as compact JSON with a trailing newline.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, CompactNumbers);
    value.serialize(&mut ser)?;
    out.push(b'\n');
    Ok(out)
}

/// Size of `bytes` after gzip at the best compression level (what a web server would send).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    if enc.write_all(bytes).is_err() {
        return 0;
    }
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_floats_are_written_as_integers() {
        let v = vec![Some(380.0), Some(40.5), None, Some(0.0001)];
        let text = String::from_utf8(to_json(&v).expect("serialises")).expect("utf8");
        assert_eq!(text, "[380,40.5,null,0.0001]\n");
        let back: Vec<Option<f64>> = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, v);
    }
}
