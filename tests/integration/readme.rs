//! The README's rule table lists exactly the rules of the pack, each with its category.

use charterlint::rules;

#[test]
fn the_readme_rule_table_matches_the_pack() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let mut listed: Vec<(String, String)> = readme
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let id = cells.get(1)?;
            let looks_like_id =
                id.len() > 3 && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            (looks_like_id && id.bytes().last().is_some_and(|b| b.is_ascii_digit()))
                .then(|| (id.to_string(), cells.get(2).copied().unwrap_or_default().to_string()))
        })
        .collect();
    listed.sort();
    let pack = rules::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut expected: Vec<(String, String)> =
        pack.iter().map(|r| (r.id.clone(), r.category.as_str().to_string())).collect();
    expected.sort();
    assert_eq!(listed, expected, "README.md's rule table and rules/*.yaml disagree");
}
