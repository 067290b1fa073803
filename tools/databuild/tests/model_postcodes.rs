//! Runs the widget's postcode-index reader (`work_health_atlas::model::postcodes`) against the
//! built `data/postcodes.json`.

use work_health_atlas::model::postcodes::PostcodeIndex;

#[test]
fn built_index_answers_every_raw_postcode() {
    let root = databuild::workspace_root();
    let Ok(text) = std::fs::read_to_string(root.join("data/postcodes.json")) else {
        println!("skipped: data/postcodes.json not built");
        return;
    };
    let index = PostcodeIndex::from_json(&text).expect("the built index parses");
    assert_eq!(index.attribution.len(), 4);
    let raw = std::env::var("ATLAS_RAW_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/data/raw"));
    let Ok(csv) = std::fs::read_to_string(raw.join("postcodes/lcr_postcodes.csv")) else {
        println!("skipped: raw data folder not found");
        return;
    };
    let mut n = 0;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let m = index.lookup(&f[0].to_lowercase().replace(' ', "")).unwrap_or_else(|| panic!("{} not found", f[0]));
        assert_eq!(m.lsoa, f[1], "{}", f[0]);
        assert_eq!(m.estimated, f[6] == "estimated_nearest_postcode", "{}", f[0]);
        n += 1;
    }
    assert_eq!(n, 37_837);
    assert_eq!(index.len(), 37_837);
}
