//! The bundle in packed binary form (`data/atlas.bin`): the same [`Bundle`] as the JSON schema,
//! written column by column as variable-length integers so that it is smaller after gzip and is
//! read by a few hundred bytes of code instead of a JSON or serde deserialiser per type.
//!
//! Why a format of our own: the widget's first view carries its data, and the JSON path cost the
//! map module a deserialiser for every schema type (tens of kB of wasm) plus the text itself. The
//! layout follows the ideas of TopoJSON (quantised, delta-encoded shared arcs) and of column
//! stores (each field of a list stored together, so gzip sees like beside like).
//!
//! Layout (all integers LEB128 varints; signed ones zig-zag encoded; `f64` little-endian):
//! - magic `WHAB`, then the format version byte [`PACKED_VERSION`];
//! - the bundle's fields in schema order; a string is its UTF-8 length then its bytes; a list is
//!   its length then its items; an `Option` is a flag byte (0 or 1) then the value; a bool a byte;
//! - areas column-wise: all codes, all names, all parents, all polygons;
//! - arcs (version 2, [`shapes`]): their count, every arc's point count, then every x, then
//!   every y; an arc's first coordinate is stored from the end of the arc before it (arcs follow
//!   one another along the rings, so most start where the last one ended) and the rest as the
//!   deltas the schema holds. Version 1 stored each arc as its point count then x, y pairs;
//! - a ring is its arc count then its references, each coded against the arc the ring is most
//!   likely to take next (version 2, [`shapes::RefCoder`]; version 1 stored the references
//!   themselves, zig-zag);
//! - a column of optional numbers is its length, a scale byte `d`, then per item 0 for missing or
//!   zigzag(round(v × 10^d)) + 1; `d` = 255 stores raw `f64`s (flag byte, then 8 bytes). The
//!   writer picks the smallest `d` ≤ 9 that gives back every value bit for bit. A column of
//!   mostly whole numbers with a few fractions (apportioned counts) is written split instead,
//!   scale byte `128 + d`: per item 0 for missing or zigzag(⌊k ÷ 10^d⌋) + 1, then for each present
//!   item the remainder k mod 10^d (k = round(v × 10^d)); the zeros of the whole items cost gzip
//!   next to nothing, where scaling every item by 10^d would lengthen each one.
//!
//! - optionally, after the bundle, *extension sections* (see [`split`]): magic `WHAX`, the
//!   version byte, then a list of indicators, each preceded by its position in the whole list.
//!   A bundle followed by sections reads as the bundle with those indicators put in place, so a
//!   first view can carry a few indicators and the rest can come later as a file of its own,
//!   merged by plain concatenation (or by [`decode_sections`] into a loaded dataset).
//!
//! The reader checks every length against the bytes left, so a damaged or hostile file is
//! refused with the byte offset of the problem and never allocates more than it holds.

mod shapes;

use super::bundle::{
    Area, Bundle, BundleMeta, Comparator, ComparatorValue, Geography, Indicator, Parents, Period, Polarity, Series,
    Source, Theme, Topology, Unit,
};

/// The four bytes every packed bundle starts with.
pub const PACKED_MAGIC: &[u8; 4] = b"WHAB";
/// The layout version this crate writes (the byte after the magic). It reads this one and every
/// earlier one, so that a file packed by an older data builder still loads.
pub const PACKED_VERSION: u8 = 2;
/// The oldest layout version this crate reads.
const OLDEST_VERSION: u8 = 1;
/// Scale byte of a column stored as raw `f64`s.
const RAW: u8 = 255;
/// Flag added to the scale byte of a split column (whole parts, then remainders).
const SPLIT: u8 = 128;
/// Largest decimal scale tried for a column of numbers.
const MAX_SCALE: u8 = 9;
/// Integers up to 2^53 are exact in an `f64`.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The four bytes every extension section starts with.
pub const SECTION_MAGIC: &[u8; 4] = b"WHAX";

/// True when the bytes start like a packed bundle (so a reader can tell it from JSON).
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.starts_with(PACKED_MAGIC)
}

/// Writes a bundle in packed form.
pub fn encode(bundle: &Bundle) -> Vec<u8> {
    encode_version(bundle, PACKED_VERSION)
}

/// Writes a bundle in the packed layout of `version` (older ones only to test reading them).
fn encode_version(bundle: &Bundle, version: u8) -> Vec<u8> {
    let mut w = Writer { out: Vec::with_capacity(1 << 16), version };
    w.out.extend_from_slice(PACKED_MAGIC);
    w.out.push(w.version);
    w.str(&bundle.schema);
    w.uint(u64::from(bundle.version));
    w.meta(&bundle.meta);
    w.topology(&bundle.topology);
    w.list(&bundle.geographies, Writer::geography);
    w.list(&bundle.comparators, |w, c| {
        w.str(&c.code);
        w.str(&c.name);
    });
    w.list(&bundle.indicators, Writer::indicator);
    w.out
}

/// Writes a bundle in two parts: the bundle with only the indicators `first` keeps, and one
/// extension section with every other indicator and its position. `first ++ rest` reads as the
/// whole bundle (the data builder writes both; the widget embeds the first part and fetches the
/// rest after its first paint).
pub fn split(bundle: &Bundle, first: impl Fn(&Indicator) -> bool) -> (Vec<u8>, Vec<u8>) {
    let (kept, later): (Vec<_>, Vec<_>) = bundle.indicators.iter().enumerate().partition(|(_, i)| first(i));
    let head = Bundle { indicators: kept.into_iter().map(|(_, i)| i.clone()).collect(), ..bundle.clone() };
    let mut w = Writer::new(Vec::with_capacity(1 << 16));
    w.out.extend_from_slice(SECTION_MAGIC);
    w.out.push(PACKED_VERSION);
    w.list(&later, |w, (position, indicator)| {
        w.len(*position);
        w.indicator(indicator);
    });
    (encode(&head), w.out)
}

/// Reads a packed bundle. Structure only: the caller validates the content as for JSON.
///
/// # Errors
/// A message naming what could not be read and at which byte.
pub fn decode(bytes: &[u8]) -> Result<Bundle, String> {
    if !is_packed(bytes) {
        return Err("not a packed bundle (it does not start with WHAB)".into());
    }
    let mut r = Reader { bytes, pos: PACKED_MAGIC.len(), version: PACKED_VERSION };
    r.version = r.byte()?;
    if !(OLDEST_VERSION..=PACKED_VERSION).contains(&r.version) {
        return Err(format!(
            "packed bundle version {} is not supported (this reader knows {OLDEST_VERSION} to {PACKED_VERSION})",
            r.version
        ));
    }
    let bundle = Bundle {
        schema: r.str()?,
        version: r.u32()?,
        meta: r.meta()?,
        topology: r.topology()?,
        geographies: r.list(Reader::geography)?,
        comparators: r.list(|r| Ok(Comparator { code: r.str()?, name: r.str()? }))?,
        indicators: r.list(Reader::indicator)?,
    };
    let mut bundle = bundle;
    if r.pos != bytes.len() && !bytes[r.pos..].starts_with(SECTION_MAGIC) {
        return Err(r.fail("unexpected bytes after the end of the bundle"));
    }
    insert_indicators(&mut bundle.indicators, r.sections()?).map_err(|e| r.fail(&e))?;
    Ok(bundle)
}

/// Reads a file of extension sections alone (what [`split`] writes second): each indicator with
/// the position it takes in the whole list, in ascending order of position.
///
/// # Errors
/// A message naming what could not be read and at which byte.
pub fn decode_sections(bytes: &[u8]) -> Result<Vec<(usize, Indicator)>, String> {
    let mut r = Reader { bytes, pos: 0, version: PACKED_VERSION };
    if !bytes.starts_with(SECTION_MAGIC) {
        return Err(r.fail("not a file of indicators (it does not start with WHAX)"));
    }
    r.sections()
}

/// Puts each indicator at its position (ascending) in the list.
///
/// # Errors
/// When a position lies beyond the end of the list it would be put in.
pub fn insert_indicators(list: &mut Vec<Indicator>, more: Vec<(usize, Indicator)>) -> Result<(), String> {
    for (position, indicator) in more {
        if position > list.len() {
            return Err(format!("indicator position {position} beyond the {} indicators before it", list.len()));
        }
        list.insert(position, indicator);
    }
    Ok(())
}

/// Writes the packed layout of `version` (the current one, or an older one for tests of reading it).
struct Writer {
    out: Vec<u8>,
    version: u8,
}

impl Writer {
    fn new(out: Vec<u8>) -> Self {
        Writer { out, version: PACKED_VERSION }
    }

    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn flag(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }

    fn f64(&mut self, x: f64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    fn option<T>(&mut self, value: Option<&T>, write: impl FnOnce(&mut Self, &T)) {
        self.flag(value.is_some());
        if let Some(v) = value {
            write(self, v);
        }
    }

    fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.len(items.len());
        for item in items {
            write(self, item);
        }
    }

    fn strings(&mut self, items: &[String]) {
        self.list(items, |w, s| w.str(s));
    }

    fn numbers(&mut self, column: &[Option<f64>]) {
        self.len(column.len());
        let scale = (0..=MAX_SCALE).find(|d| column.iter().flatten().all(|x| scaled(*x, *d).is_some()));
        match scale {
            Some(d) if d > 0 && mostly_whole(column, d) => {
                let unit = 10i64.pow(u32::from(d));
                let ks: Vec<Option<i64>> = column.iter().map(|x| x.and_then(|x| scaled(x, d))).collect();
                self.out.push(SPLIT | d);
                for k in &ks {
                    match k {
                        Some(k) => {
                            let w = k.div_euclid(unit);
                            self.uint(((w << 1) ^ (w >> 63)) as u64 + 1)
                        }
                        None => self.uint(0),
                    }
                }
                for k in ks.iter().flatten() {
                    self.uint(k.rem_euclid(unit) as u64);
                }
            }
            Some(d) => {
                self.out.push(d);
                for x in column {
                    match x.and_then(|x| scaled(x, d)) {
                        Some(k) => self.uint(((k << 1) ^ (k >> 63)) as u64 + 1),
                        None => self.uint(0),
                    }
                }
            }
            None => {
                self.out.push(RAW);
                for x in column {
                    self.option(x.as_ref(), |w, x| w.f64(*x));
                }
            }
        }
    }

    fn meta(&mut self, m: &BundleMeta) {
        self.str(&m.title);
        self.str(&m.licence);
        self.strings(&m.attribution);
        self.strings(&m.notes);
        self.flag(m.synthetic);
        self.str(&m.vintage);
    }

    fn topology(&mut self, t: &Topology) {
        for x in t.scale.iter().chain(&t.translate) {
            self.f64(*x);
        }
        if self.version == 1 {
            self.list(&t.arcs, |w, arc| {
                w.list(arc, |w, [x, y]| {
                    w.int(*x);
                    w.int(*y);
                });
            });
        } else {
            shapes::write_arcs(self, &t.arcs);
        }
    }

    fn geography(&mut self, g: &Geography) {
        self.str(&g.id);
        self.str(&g.label);
        self.str(&g.noun_plural);
        self.str(&g.vintage);
        self.flag(g.approximate);
        self.str(&g.note);
        self.option(g.dissolved_from.as_ref(), |w, s| w.str(s));
        self.len(g.areas.len());
        for a in &g.areas {
            self.str(&a.code);
        }
        for a in &g.areas {
            self.str(&a.name);
        }
        for a in &g.areas {
            self.len(a.parents.len());
            for (layer, code) in &a.parents {
                self.str(layer);
                self.str(code);
            }
        }
        let mut refs = shapes::RefCoder::default();
        for a in &g.areas {
            self.list(&a.polygons, |w, polygon| {
                w.list(polygon, |w, ring| {
                    w.list(ring, |w, r| match w.version {
                        1 => w.int(*r),
                        _ => w.uint(refs.encode(*r)),
                    })
                })
            });
        }
    }

    fn indicator(&mut self, i: &Indicator) {
        for s in [&i.id, &i.label, &i.title, &i.definition, &i.unit.symbol, &i.unit.label] {
            self.str(s);
        }
        self.f64(i.unit.multiplier);
        self.out.push(i.decimals);
        self.out.push(match i.polarity {
            Polarity::HigherIsWorse => 0,
            Polarity::HigherIsBetter => 1,
            Polarity::Neither => 2,
        });
        self.out.push(match i.theme {
            Theme::Work => 0,
            Theme::Health => 1,
            Theme::Care => 2,
            Theme::Deprivation => 3,
        });
        for s in [&i.source.producer, &i.source.dataset, &i.source.edition, &i.licence, &i.geography_vintage] {
            self.str(s);
        }
        self.list(&i.periods, |w, p| {
            w.str(&p.id);
            w.str(&p.label);
            w.str(&p.reference);
            w.option(p.change_note.as_ref(), |w, s| w.str(s));
        });
        self.list(&i.series, |w, s| {
            w.str(&s.geography);
            w.str(&s.period);
            w.numbers(&s.values);
            w.option(s.numerators.as_ref(), |w, c| w.numbers(c));
            w.option(s.denominators.as_ref(), |w, c| w.numbers(c));
            w.flag(s.estimated);
            w.str(&s.method);
        });
        self.list(&i.comparator_values, |w, c| {
            w.str(&c.code);
            w.str(&c.period);
            w.f64(c.value);
            w.option(c.numerator.as_ref(), |w, x| w.f64(*x));
            w.option(c.denominator.as_ref(), |w, x| w.f64(*x));
            w.flag(c.estimated);
            w.str(&c.method);
        });
    }
}

/// `x` as an integer count of 10^-d steps, when that gives `x` back exactly.
/// True when at least half the present items of a column are whole numbers at scale `d`.
fn mostly_whole(column: &[Option<f64>], d: u8) -> bool {
    let unit = 10i64.pow(u32::from(d));
    let ks: Vec<i64> = column.iter().filter_map(|x| x.and_then(|x| scaled(x, d))).collect();
    2 * ks.iter().filter(|k| *k % unit == 0).count() >= ks.len()
}

fn scaled(x: f64, d: u8) -> Option<i64> {
    let factor = 10f64.powi(i32::from(d));
    let k = (x * factor).round();
    (k.abs() < EXACT_LIMIT && (k / factor).to_bits() == x.to_bits()).then_some(k as i64)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The layout version being read (from the file's header).
    version: u8,
}

type Read<T> = Result<T, String>;

impl Reader<'_> {
    fn fail(&self, what: &str) -> String {
        format!("packed bundle: {what} at byte {}", self.pos)
    }

    /// Every extension section from here to the end, positions ascending across them.
    fn sections(&mut self) -> Read<Vec<(usize, Indicator)>> {
        let mut all: Vec<(usize, Indicator)> = Vec::new();
        while self.pos < self.bytes.len() {
            if !self.bytes[self.pos..].starts_with(SECTION_MAGIC) {
                return Err(self.fail("unexpected bytes between indicator sections"));
            }
            self.pos += SECTION_MAGIC.len();
            // Indicators are written alike in every version so far.
            let version = self.byte()?;
            if !(OLDEST_VERSION..=PACKED_VERSION).contains(&version) {
                return Err(self.fail("an indicator section of another version"));
            }
            let items = self.list(|r| Ok((r.position()?, r.indicator()?)))?;
            for (position, indicator) in items {
                if all.last().is_some_and(|(last, _)| *last >= position) {
                    return Err(self.fail("indicator positions out of order"));
                }
                all.push((position, indicator));
            }
        }
        Ok(all)
    }

    fn byte(&mut self) -> Read<u8> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| self.fail("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Read<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.fail("an integer longer than 64 bits"))
    }

    fn int(&mut self) -> Read<i64> {
        let n = self.uint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    fn u32(&mut self) -> Read<u32> {
        let n = self.uint()?;
        u32::try_from(n).map_err(|_| self.fail("a number too large"))
    }

    /// A position in a list (checked against the list where it is used).
    fn position(&mut self) -> Read<usize> {
        let n = self.u32()?;
        usize::try_from(n).map_err(|_| self.fail("a position too large"))
    }

    /// A length, which can never exceed the bytes left (every item takes at least one).
    fn len(&mut self) -> Read<usize> {
        let n = self.uint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.pos => Ok(n),
            _ => Err(self.fail("a length longer than the file")),
        }
    }

    fn flag(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.fail("a flag that is neither 0 nor 1")),
        }
    }

    fn f64(&mut self) -> Read<f64> {
        let end = self.pos + 8;
        let raw = self.bytes.get(self.pos..end).ok_or_else(|| self.fail("unexpected end"))?;
        let mut le = [0u8; 8];
        le.copy_from_slice(raw);
        self.pos = end;
        Ok(f64::from_le_bytes(le))
    }

    fn str(&mut self) -> Read<String> {
        let n = self.len()?;
        let raw = &self.bytes[self.pos..self.pos + n];
        let text = std::str::from_utf8(raw).map_err(|_| self.fail("text that is not UTF-8"))?;
        self.pos += n;
        Ok(text.to_owned())
    }

    fn option<T>(&mut self, read: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        if self.flag()? {
            read(self).map(Some)
        } else {
            Ok(None)
        }
    }

    fn list<T>(&mut self, read: impl FnMut(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let n = self.len()?;
        self.repeat(n, read)
    }

    /// `n` items (a length already checked against the bytes left). Collecting an iterator of
    /// `Result`s would not know its length and grow the vector by copying: a tenth of a cold
    /// load of 10,000 areas.
    fn repeat<T>(&mut self, n: usize, mut read: impl FnMut(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(read(self)?);
        }
        Ok(items)
    }

    fn strings(&mut self) -> Read<Vec<String>> {
        self.list(Reader::str)
    }

    fn numbers(&mut self) -> Read<Vec<Option<f64>>> {
        let n = self.len()?;
        let scale = self.byte()?;
        if scale == RAW {
            return self.repeat(n, |r| r.option(Reader::f64));
        }
        let d = scale & !SPLIT;
        if d > MAX_SCALE {
            return Err(self.fail("an unknown number scale"));
        }
        let factor = 10f64.powi(i32::from(d));
        let split = scale & SPLIT != 0;
        let mut column = self.repeat(n, |r| {
            let n = r.uint()?;
            Ok((n > 0).then(|| {
                let z = n - 1;
                let k = ((z >> 1) as i64 ^ -((z & 1) as i64)) as f64;
                if split {
                    k
                } else {
                    k / factor
                }
            }))
        })?;
        if split {
            // Whole part × 10^d + remainder: exact in an f64 for every value the writer splits.
            for k in column.iter_mut().flatten() {
                *k = (*k * factor + self.uint()? as f64) / factor;
            }
        }
        Ok(column)
    }

    fn meta(&mut self) -> Read<BundleMeta> {
        Ok(BundleMeta {
            title: self.str()?,
            licence: self.str()?,
            attribution: self.strings()?,
            notes: self.strings()?,
            synthetic: self.flag()?,
            vintage: self.str()?,
        })
    }

    fn topology(&mut self) -> Read<Topology> {
        let scale = [self.f64()?, self.f64()?];
        let translate = [self.f64()?, self.f64()?];
        let arcs = match self.version {
            1 => self.list(|r| r.list(|r| Ok([r.int()?, r.int()?])))?,
            _ => shapes::read_arcs(self)?,
        };
        Ok(Topology { scale, translate, arcs })
    }

    fn geography(&mut self) -> Read<Geography> {
        let (id, label, noun_plural, vintage) = (self.str()?, self.str()?, self.str()?, self.str()?);
        let approximate = self.flag()?;
        let note = self.str()?;
        let dissolved_from = self.option(Reader::str)?;
        let n = self.len()?;
        let codes = self.repeat(n, Reader::str)?;
        let names = self.repeat(n, Reader::str)?;
        let parents = self.repeat(n, |r| {
            let mut parents = Parents::new();
            for _ in 0..r.len()? {
                parents.insert(r.str()?, r.str()?);
            }
            Ok(parents)
        })?;
        let mut refs = shapes::RefCoder::default();
        let mut areas = Vec::with_capacity(n);
        for ((code, name), parents) in codes.into_iter().zip(names).zip(parents) {
            let polygons = self.list(|r| {
                r.list(|r| {
                    r.list(|r| match r.version {
                        1 => r.int(),
                        _ => r.uint().map(|code| refs.decode(code)),
                    })
                })
            })?;
            areas.push(Area { code, name, parents, polygons });
        }
        Ok(Geography { id, label, noun_plural, vintage, approximate, note, dissolved_from, areas })
    }

    fn indicator(&mut self) -> Read<Indicator> {
        let (id, label, title, definition) = (self.str()?, self.str()?, self.str()?, self.str()?);
        let unit = Unit { symbol: self.str()?, label: self.str()?, multiplier: self.f64()? };
        let decimals = self.byte()?;
        let polarity = match self.byte()? {
            0 => Polarity::HigherIsWorse,
            1 => Polarity::HigherIsBetter,
            2 => Polarity::Neither,
            _ => return Err(self.fail("an unknown polarity")),
        };
        let theme = match self.byte()? {
            0 => Theme::Work,
            1 => Theme::Health,
            2 => Theme::Care,
            3 => Theme::Deprivation,
            _ => return Err(self.fail("an unknown theme")),
        };
        let source = Source { producer: self.str()?, dataset: self.str()?, edition: self.str()? };
        let (licence, geography_vintage) = (self.str()?, self.str()?);
        let periods = self.list(|r| {
            Ok(Period { id: r.str()?, label: r.str()?, reference: r.str()?, change_note: r.option(Reader::str)? })
        })?;
        let series = self.list(|r| {
            Ok(Series {
                geography: r.str()?,
                period: r.str()?,
                values: r.numbers()?,
                numerators: r.option(Reader::numbers)?,
                denominators: r.option(Reader::numbers)?,
                estimated: r.flag()?,
                method: r.str()?,
            })
        })?;
        let comparator_values = self.list(|r| {
            Ok(ComparatorValue {
                code: r.str()?,
                period: r.str()?,
                value: r.f64()?,
                numerator: r.option(Reader::f64)?,
                denominator: r.option(Reader::f64)?,
                estimated: r.flag()?,
                method: r.str()?,
            })
        })?;
        Ok(Indicator {
            id,
            label,
            title,
            definition,
            unit,
            decimals,
            polarity,
            theme,
            source,
            licence,
            geography_vintage,
            periods,
            series,
            comparator_values,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Bundle {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/atlas.json")).expect("bundle");
        serde_json::from_str(&text).expect("the shipped bundle parses")
    }

    #[test]
    fn the_shipped_bundle_round_trips_exactly() {
        let bundle = shipped();
        let packed = encode(&bundle);
        assert!(is_packed(&packed));
        assert_eq!(decode(&packed), Ok(bundle));
    }

    #[test]
    fn a_bundle_packed_by_an_older_data_builder_still_reads() {
        let bundle = shipped();
        let old = encode_version(&bundle, 1);
        assert_eq!(old[4], 1);
        assert_eq!(decode(&old), Ok(bundle.clone()));
        assert!(encode(&bundle).len() < old.len(), "version 2 is the smaller");
    }

    #[test]
    fn numbers_keep_every_bit_missing_values_and_awkward_floats() {
        let mut bundle = shipped();
        let column = vec![Some(31.2), None, Some(-0.0), Some(1e-300), Some(f64::MAX), Some(0.1 + 0.2), Some(-7.0)];
        bundle.indicators[0].series[0].values = column.clone();
        bundle.indicators[0].series[1].numerators = Some(vec![Some(265.0), None, Some(-3.0)]);
        let back = decode(&encode(&bundle)).expect("decodes");
        let got = &back.indicators[0].series[0].values;
        assert_eq!(got.len(), column.len());
        for (a, b) in got.iter().zip(&column) {
            assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits));
        }
        assert_eq!(back.indicators[0].series[1].numerators, Some(vec![Some(265.0), None, Some(-3.0)]));
    }

    #[test]
    fn decimal_columns_are_stored_as_small_integers() {
        let mut w = Writer::new(Vec::new());
        w.numbers(&[Some(31.2), None, Some(4.05)]);
        // length 3, scale 2, then 3120 (zigzag 6240 + 1 → two bytes), missing, 405 (zigzag 810 + 1).
        assert_eq!(w.out[..2], [3, 2]);
        assert_eq!(w.out.len(), 2 + 2 + 1 + 2);
    }

    #[test]
    fn mostly_whole_columns_are_split_into_whole_parts_and_remainders() {
        // Apportioned counts: whole numbers and a few shares with two decimals.
        let column = vec![Some(280.0), Some(187.56), None, Some(1613.0), Some(-3.0), Some(0.25)];
        let mut w = Writer::new(Vec::new());
        w.numbers(&column);
        // length 6, scale 128 + 2; whole parts 280, 187, –, 1613, -3, 0; remainders 0, 56, 0, 0, 25.
        assert_eq!(w.out[..2], [6, SPLIT | 2]);
        assert_eq!(w.out.len(), 2 + (2 + 2 + 1 + 2 + 1 + 1) + 5, "{:?}", w.out);
        let mut r = Reader { bytes: &w.out, pos: 0, version: PACKED_VERSION };
        let back = r.numbers().expect("decodes");
        assert_eq!(
            back.iter().map(|v| v.map(f64::to_bits)).collect::<Vec<_>>(),
            column.iter().map(|v| v.map(f64::to_bits)).collect::<Vec<_>>()
        );
        // Mostly fractions: one scaled column, as before.
        let mut w = Writer::new(Vec::new());
        w.numbers(&[Some(31.2), Some(4.05), Some(7.0)]);
        assert_eq!(w.out[1], 2);
    }

    #[test]
    fn a_first_part_and_its_rest_read_as_the_whole_bundle() {
        let bundle = shipped();
        let (first, rest) = split(&bundle, |i| i.id == "employment-deprivation");
        let head = decode(&first).expect("the first part is a bundle of its own");
        assert_eq!(head.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["employment-deprivation"]);
        let whole = [first.as_slice(), rest.as_slice()].concat();
        assert_eq!(decode(&whole), Ok(bundle.clone()));
        // The rest alone, put into the first part's list, gives the same order.
        let mut list = head.indicators;
        insert_indicators(&mut list, decode_sections(&rest).expect("sections")).expect("in place");
        assert_eq!(list, bundle.indicators);
    }

    #[test]
    fn damaged_sections_are_refused() {
        let bundle = shipped();
        let (first, rest) = split(&bundle, |i| i.id == "employment-deprivation");
        assert!(decode_sections(&first).unwrap_err().contains("WHAX"));
        for end in (0..rest.len()).step_by(499) {
            assert!(decode(&[first.as_slice(), &rest[..end]].concat()).is_err() || end == 0, "cut at {end}");
        }
        // A position past the end of the list.
        let mut w = Writer::new(Vec::new());
        w.out.extend_from_slice(SECTION_MAGIC);
        w.out.push(PACKED_VERSION);
        w.list(&bundle.indicators[..1], |w, i| {
            w.len(40);
            w.indicator(i);
        });
        assert!(decode(&[first.as_slice(), &w.out].concat()).unwrap_err().contains("beyond"));
        // Two sections whose positions go backwards.
        let mut twice = rest.clone();
        twice.extend_from_slice(&rest);
        assert!(decode_sections(&twice).unwrap_err().contains("out of order"));
    }

    #[test]
    fn every_truncation_is_refused_without_panicking() {
        let packed = encode(&shipped());
        // Every prefix of the first 4 kB, then a sample of longer ones.
        for end in (0..4096).chain((4096..packed.len()).step_by(997)) {
            assert!(decode(&packed[..end]).is_err(), "a file cut at byte {end} was accepted");
        }
    }

    #[test]
    fn damaged_bytes_are_refused_or_read_without_panicking() {
        let packed = encode(&shipped());
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            // xorshift: repeatable, no dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut damaged = packed.clone();
            let at = (state % damaged.len() as u64) as usize;
            damaged[at] ^= (state >> 32) as u8 | 1;
            let _ = decode(&damaged);
        }
    }

    #[test]
    fn other_files_are_named_for_what_they_are() {
        assert!(decode(b"{\"schema\":1}").unwrap_err().contains("not a packed bundle"));
        let mut packed = encode(&shipped());
        packed[4] = 9;
        assert!(decode(&packed).unwrap_err().contains("version 9 is not supported (this reader knows 1 to 2)"));
        packed[4] = PACKED_VERSION;
        packed.push(0);
        assert!(decode(&packed).unwrap_err().contains("after the end"));
    }

    #[test]
    fn a_huge_length_is_refused_before_allocating() {
        let mut w = Writer::new(Vec::new());
        w.out.extend_from_slice(PACKED_MAGIC);
        w.out.push(PACKED_VERSION);
        w.uint(u64::MAX >> 1);
        assert!(decode(&w.out).unwrap_err().contains("longer than the file"));
    }
}
