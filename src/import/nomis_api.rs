//! Nomis API / bulk CSVs (`https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?…`): one
//! row per area, date, sex, age and measure, with `GEOGRAPHY_CODE`, `DATE_CODE` and `OBS_VALUE`.
//! Header names are matched in any case with `_` read as a space, so `geography code` is the same
//! column.
//!
//! Only the plain count of everyone is kept: rows whose `MEASURES_NAME` is not "Value", whose
//! `GENDER_NAME` is not "Total", whose `AGE_NAME` does not start "All", or whose `MEASURE_NAME` is
//! a proportion, rate or percentage are breakdowns, counted and skipped. An `OBS_STATUS` other
//! than `A` withholds the figure.

use super::csv::Record;
use super::nomis_web::is_rate_measure;
use super::period::PeriodKey;
use super::problem::{Kind, Problems};
use super::reading::{
    normalise_header, says_2011_boundaries, says_synthetic, Category, Known, Measure, Observation, Reading,
};
use super::wide_table::count_slot;

const DATE: [&str; 3] = ["date code", "date", "date name"];
const AREA: [&str; 2] = ["geography code", "geography name"];

const MISSING_COLUMN: Kind = Kind::error(
    "missing-column",
    "download the CSV from the Nomis API with its standard columns (GEOGRAPHY_CODE, DATE_CODE, OBS_VALUE)",
);
const NOT_A_PERIOD: Kind =
    Kind::error("not-a-period", "write months as 2024-03 or March 2024, quarters as 2024-Q1, years as 2024");
const SHORT_ROW: Kind = Kind::error("short-row", "the row has fewer cells than the header; download the file again");
const ONLY_BREAKDOWNS: Kind = Kind::error(
    "only-breakdowns",
    "choose the measure \"Claimant count\", sex \"Total\" and all ages (16+) in the Nomis query",
);

/// Positions of the columns the reader uses.
struct Columns {
    date: Option<usize>,
    area: Option<usize>,
    value: Option<usize>,
    status: Option<usize>,
    geography_type: Option<usize>,
    measures_name: Option<usize>,
    gender_name: Option<usize>,
    age_name: Option<usize>,
    measure_name: Option<usize>,
}

impl Columns {
    fn find(headers: &[String]) -> Columns {
        let one = |name: &str| headers.iter().position(|h| h == name);
        let first = |names: &[&str]| names.iter().find_map(|n| one(n));
        Columns {
            date: first(&DATE),
            area: first(&AREA),
            value: one("obs value"),
            status: one("obs status"),
            geography_type: one("geography type"),
            measures_name: one("measures name"),
            gender_name: first(&["gender name", "sex name", "c sex name"]),
            age_name: first(&["age name", "c age name"]),
            measure_name: one("measure name"),
        }
    }

    /// True when the row is a breakdown or a rate rather than the count of everyone. Compares
    /// without allocating: a Nomis file has tens of thousands of rows.
    fn is_breakdown(&self, row: &Record, rate_measure: &mut (String, bool)) -> bool {
        let all = |t: &str| t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("all"));
        let cell = |c: Option<usize>| c.map(|i| row.cell(i));
        if cell(self.measures_name).is_some_and(|m| !m.eq_ignore_ascii_case("value"))
            || cell(self.gender_name).is_some_and(|g| !g.eq_ignore_ascii_case("total") && !all(g))
            || cell(self.age_name).is_some_and(|a| !all(a))
        {
            return true;
        }
        let Some(measure) = cell(self.measure_name) else { return false };
        if rate_measure.0 != measure {
            *rate_measure = (measure.to_string(), is_rate_measure(measure));
        }
        rate_measure.1
    }
}

/// Reads a Nomis API CSV.
pub fn read(records: &[Record], file_name: &str, problems: &mut Problems) -> Reading {
    let mut reading = Reading::new(Measure::Counts);
    let mut rows = records.iter().skip_while(|r| r.is_blank());
    let Some(head) = rows.next() else { return reading };
    let headers: Vec<String> = head.cells().map(normalise_header).collect();
    reading.columns = head.cells().map(|c| c.trim().trim_start_matches('\u{feff}').to_string()).collect();
    let cols = Columns::find(&headers);
    let (Some(date), Some(area), Some(value)) = (cols.date, cols.area, cols.value) else {
        for (found, name) in [(cols.date, "DATE_CODE"), (cols.area, "GEOGRAPHY_CODE"), (cols.value, "OBS_VALUE")] {
            if found.is_none() {
                problems.file(MISSING_COLUMN, Some(name), None, format!("no {name} column"));
            }
        }
        return reading;
    };
    reading.synthetic = says_synthetic(file_name);
    reading.known = file_name.to_lowercase().contains("nm_162").then_some(Known::ClaimantCount);
    let needed = date.max(area).max(value);
    // The last measure and geography type seen, with what they mean (rows repeat them).
    let mut rate_measure = (String::new(), false);
    let mut geography_type = String::new();
    for row in rows {
        if row.is_blank() {
            continue;
        }
        reading.rows_read += 1;
        if cols.measure_name.is_some_and(|i| row.cell(i).eq_ignore_ascii_case("claimant count")) {
            reading.known = Some(Known::ClaimantCount);
        }
        if let Some(kind) = cols.geography_type.map(|i| row.cell(i)).filter(|k| *k != geography_type) {
            reading.boundaries_2011 |= says_2011_boundaries(kind);
            geography_type = kind.to_string();
        }
        if row.len() <= needed {
            let message = format!("{} cells; the header has {}", row.len(), head.len());
            problems.at(SHORT_ROW, row.line, "", row.cell(0), message);
            continue;
        }
        if cols.is_breakdown(row, &mut rate_measure) {
            reading.rows_skipped += 1;
            continue;
        }
        let period = PeriodKey::parse(row.cell(date));
        if period.is_none() {
            problems.at(NOT_A_PERIOD, row.line, reading.column(date), row.cell(date), "not a period");
        }
        let status = cols.status.map(|i| row.cell(i));
        let slot = count_slot(row.cell(value), status, row.line, reading.column(value), problems);
        reading.rows.push(Observation {
            line: row.line,
            area: row.cell(area).to_string(),
            area_column: area,
            period,
            period_column: date,
            period_text: row.cell(date).to_string(),
            category: Category::All,
            slot,
            value_column: value,
        });
    }
    if reading.rows.is_empty() && reading.rows_skipped > 0 {
        let message = format!("all {} rows are breakdowns or rates", reading.rows_skipped);
        problems.file(ONLY_BREAKDOWNS, None, None, message);
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::parse;
    use crate::import::period::Mark;
    use crate::import::reading::Slot;

    const HEADER: &str = "DATE,DATE_NAME,DATE_CODE,DATE_TYPE,DATE_TYPECODE,DATE_SORTORDER,GEOGRAPHY,GEOGRAPHY_NAME,GEOGRAPHY_CODE,GEOGRAPHY_TYPE,GEOGRAPHY_TYPECODE,GEOGRAPHY_SORTORDER,GENDER,GENDER_NAME,GENDER_CODE,GENDER_TYPE,GENDER_TYPECODE,GENDER_SORTORDER,AGE,AGE_NAME,AGE_CODE,AGE_TYPE,AGE_TYPECODE,AGE_SORTORDER,MEASURE,MEASURE_NAME,MEASURE_CODE,MEASURE_TYPE,MEASURE_TYPECODE,MEASURE_SORTORDER,MEASURES,MEASURES_NAME,OBS_VALUE,OBS_STATUS,OBS_STATUS_NAME,OBS_CONF,OBS_CONF_NAME,URI,RECORD_OFFSET,RECORD_COUNT";

    fn row(
        code: &str,
        geography_type: &str,
        gender: &str,
        measure: &str,
        measures: &str,
        value: &str,
        status: &str,
    ) -> String {
        format!("2024-01,January 2024,2024-01,date,0,0,1249902593,Liverpool 001A,{code},{geography_type},298,0,0,{gender},0,sex,0,0,0,All categories: Age 16+,0,age,0,0,1,{measure},1,measure,0,0,20100,{measures},{value},{status},Normal Value,F,Free (free of disclosure control),Nm-162d1/x,0,4")
    }

    fn read_rows(rows: &[String], name: &str) -> (Reading, Vec<crate::import::problem::Problem>) {
        let text = format!("{HEADER}\n{}\n", rows.join("\n"));
        let mut problems = Problems::new(name);
        let reading = read(&parse(&text).expect("csv"), name, &mut problems);
        (reading, problems.finish())
    }

    const LSOA21: &str = "2021 super output areas - lower layer";

    #[test]
    fn the_count_of_everyone_is_kept_and_breakdowns_skipped() {
        let (r, p) = read_rows(
            &[
                row("E01006512", LSOA21, "Total", "Claimant count", "Value", "25", "A"),
                row("E01006512", LSOA21, "Male", "Claimant count", "Value", "15", "A"),
                row(
                    "E01006512",
                    LSOA21,
                    "Total",
                    "Claimants as a proportion of residents aged 16-64",
                    "Value",
                    "2.5",
                    "A",
                ),
                row("E01006512", LSOA21, "Total", "Claimant count", "Percent", "100", "A"),
                row("E01006513", LSOA21, "Total", "Claimant count", "Value", "5", "Q"),
            ],
            "data.csv",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!((r.rows_read, r.rows_skipped, r.rows.len()), (5, 3, 2));
        assert_eq!(r.known, Some(Known::ClaimantCount));
        assert_eq!(r.rows[0].period, Some((PeriodKey::Month(2024, 1), Mark::None)));
        assert_eq!(r.rows[0].slot, Some(Slot::Count(25.0)));
        assert_eq!(r.rows[1].slot, Some(Slot::Withheld), "status Q withholds");
        assert_eq!(r.column(r.rows[0].area_column), "GEOGRAPHY_CODE");
    }

    #[test]
    fn recognised_by_file_name_and_2011_boundaries() {
        let (r, _) = read_rows(
            &[row("E01006512", "2011 super output areas - lower layer", "Total", "Jobseekers", "Value", "25", "A")],
            "NM_162_1_SYNTHETIC.data.csv",
        );
        assert_eq!(r.known, Some(Known::ClaimantCount));
        assert!(r.boundaries_2011 && r.synthetic);
        let (r, _) = read_rows(&[row("E01006512", LSOA21, "Total", "Jobseekers", "Value", "25", "A")], "other.csv");
        assert_eq!(r.known, None);
    }

    #[test]
    fn bad_rows_and_missing_columns() {
        let (r, p) = read_rows(
            &[row("E01006512", LSOA21, "Total", "Claimant count", "Value", "abc", "A"), "2024-01,x".into()],
            "f.csv",
        );
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].slot, None);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].column.as_deref(), Some("OBS_VALUE"));
        let mut problems = Problems::new("f.csv");
        let r = read(&parse("OBS_VALUE,foo\n1,2\n").expect("csv"), "f.csv", &mut problems);
        assert!(r.rows.is_empty());
        assert_eq!(problems.finish().len(), 2, "date and area columns are missing");
    }

    #[test]
    fn a_file_of_only_rates_says_so() {
        let (r, p) = read_rows(&[row("E01006512", LSOA21, "Total", "Claimant count", "Percent", "2.5", "A")], "f.csv");
        assert!(r.rows.is_empty());
        assert_eq!(p.len(), 1);
    }
}
