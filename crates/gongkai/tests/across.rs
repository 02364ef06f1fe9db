//! Across reports: the Pingtan series of `../shared/corpus` (one body,
//! 2011–2025), synthetic collections with planted copies, copied tables, and
//! sums of reports checked against a summary.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::fs;
use std::path::PathBuf;

use gongkai::{CellValue, Lang, Options, Registry, Report, SeriesOptions, SimilarOptions};
use support::synthetic;

fn corpus() -> Vec<(String, String, Report)> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            let r = Registry::builtin().parse(&text).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                text,
                r,
            )
        })
        .collect()
}

fn case(name: &str) -> Report {
    let path = format!(
        "{}/../../tests/cases/{name}/report.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Report::from_json(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_pingtan_series_links_each_year_to_the_one_before() {
    let all = corpus();
    let names: Vec<&str> = all.iter().map(|(n, _, _)| n.as_str()).collect();
    let reports: Vec<Report> = all.iter().map(|(_, _, r)| r.clone()).collect();
    let series = Registry::builtin().series(&reports, &SeriesOptions::default());
    let at = |file: &str| names.iter().position(|n| *n == file).unwrap();
    let prev_of = |file: &str| series[at(file)].previous.map(|j| names[j]);
    // The same body under both of its titles (平潭综合实验区 / …管委会).
    assert_eq!(
        prev_of("008-pingtan-syq-2014.txt"),
        Some("007-pingtan-syq-2013.txt")
    );
    assert_eq!(
        prev_of("009-pingtan-syq-2015.txt"),
        Some("008-pingtan-syq-2014.txt")
    );
    // A missing year (2017, 2022) links to the latest earlier report.
    assert_eq!(
        prev_of("012-pingtan-syq-2018.txt"),
        Some("010-pingtan-syq-2016.txt")
    );
    assert_eq!(
        prev_of("017-pingtan-syq-2023.txt"),
        Some("015-pingtan-syq-2021.txt")
    );
    assert_eq!(
        prev_of("003-pingtan-xian-2012.txt"),
        Some("002-pingtan-xian-2011.txt")
    );
    // Other bodies are not in the series.
    assert_eq!(prev_of("020-huaian-szf-2024.txt"), None);
    assert_eq!(prev_of("006-pingtan-dishuiju-2013.txt"), None);
    for e in &series {
        assert!(
            !e.outcome.findings.iter().any(|f| f.rule == "P-1"),
            "{}: {:?}",
            names[e.index],
            e.outcome
        );
    }
    // Consecutive years run the cross-year rules: exactly validate_pair's
    // findings, after the C-* ones; a gap runs validate alone.
    let opts = Options::default();
    let i = at("015-pingtan-syq-2021.txt");
    let j = at("014-pingtan-syq-2020.txt");
    let pair = Registry::builtin().validate_pair(&reports[j], &reports[i], &opts);
    let own: Vec<_> = series[i]
        .outcome
        .findings
        .iter()
        .filter(|f| !f.rule.starts_with("C-"))
        .cloned()
        .collect();
    assert_eq!(own, pair.findings);
    let i = at("017-pingtan-syq-2023.txt");
    let own: Vec<_> = series[i]
        .outcome
        .findings
        .iter()
        .filter(|f| !f.rule.starts_with("C-"))
        .cloned()
        .collect();
    assert_eq!(
        own,
        Registry::builtin().validate(&reports[i], &opts).findings
    );
}

#[test]
fn near_copies_of_the_previous_year_are_found_with_their_passages() {
    let all = corpus();
    let reports: Vec<Report> = all.iter().map(|(_, _, r)| r.clone()).collect();
    let series = Registry::builtin().series(&reports, &SeriesOptions::default());
    let mut copied: Vec<(&str, String)> = Vec::new();
    for e in &series {
        for f in e.outcome.findings.iter().filter(|f| f.rule == "C-1") {
            copied.push((all[e.index].0.as_str(), f.actual.clone().unwrap()));
        }
    }
    // Checked by reading them: the county's 2012 report repeats its 2011
    // text but for the numbers; the zone's 2013 report its 2012 text.
    let files: Vec<&str> = copied.iter().map(|c| c.0).collect();
    assert_eq!(
        files,
        ["003-pingtan-xian-2012.txt", "007-pingtan-syq-2013.txt"]
    );
    for (_, share) in &copied {
        assert!(share.parse::<f64>().unwrap() >= 0.9);
    }
    for e in &series {
        for f in e.outcome.findings.iter().filter(|f| f.rule == "C-1") {
            let quote = f.quote.as_deref().unwrap();
            let quote = quote.trim_end_matches('…');
            assert!(quote.chars().count() >= 40, "{quote}");
            // The passage is in both texts (whitespace and numbers aside: a
            // copy with this year's numbers is still a copy).
            let squash = |s: &str| {
                s.chars()
                    .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
                    .collect::<String>()
            };
            let prev = &all[e.previous.unwrap()].1;
            assert!(squash(&all[e.index].1).contains(&squash(quote)), "{quote}");
            assert!(squash(prev).contains(&squash(quote)), "{quote}");
            assert!(f.message.contains("相似度为 9"), "{}", f.message);
        }
    }
}

#[test]
fn copies_between_bodies_are_found_in_the_corpus() {
    let all = corpus();
    let reports: Vec<Report> = all.iter().map(|(_, _, r)| r.clone()).collect();
    let pairs = Registry::builtin().similar(&reports, &SimilarOptions::default());
    let found: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (all[p.a].0.as_str(), all[p.b].0.as_str()))
        .collect();
    // SOURCES.tsv: the county's 2011 report has the same statistics as the
    // zone's; its text is the zone's too, but for the numbers.
    assert_eq!(
        found,
        [("002-pingtan-xian-2011.txt", "001-pingtan-syq-2011.txt")]
    );
    assert!(pairs[0].similarity >= 0.9 && pairs[0].finding.rule == "C-1");
    assert_eq!(
        pairs[0].finding.quote.as_deref(),
        pairs[0].passages.first().map(String::as_str)
    );
}

#[test]
fn planted_copies_are_found_and_nothing_else() {
    let (reports, planted) = synthetic::collection(400, 12, 7);
    let pairs = Registry::builtin().similar(&reports, &SimilarOptions::default());
    // Copy and original share all but two sentences either way: which is
    // `a` (more of its text in the other) is not fixed, the pair is.
    let unordered = |(a, b): (usize, usize)| (a.min(b), a.max(b));
    let mut found: Vec<(usize, usize)> = pairs.iter().map(|p| unordered((p.a, p.b))).collect();
    found.sort();
    let mut want: Vec<(usize, usize)> = planted.iter().copied().map(unordered).collect();
    want.sort();
    assert_eq!(found, want);
    for p in &pairs {
        assert!(
            p.similarity >= 0.9 && p.similarity < 1.0,
            "{}",
            p.similarity
        );
        assert!((1..=3).contains(&p.passages.len()) && p.passages[0].chars().count() >= 100);
    }
    // With the threshold at 100%, edited copies are not reported.
    let strict = SimilarOptions {
        threshold: 1.0,
        ..SimilarOptions::default()
    };
    assert!(Registry::builtin().similar(&reports, &strict).is_empty());
    // A body's own years are left to series unless asked.
    let mut same = reports.to_vec();
    let (copy, original) = planted[0];
    same[copy].meta.body = same[original].meta.body.clone();
    let pairs = Registry::builtin().similar(&same, &SimilarOptions::default());
    assert_eq!(pairs.len(), planted.len() - 1);
    let all = SimilarOptions {
        different_bodies: false,
        ..SimilarOptions::default()
    };
    assert_eq!(
        Registry::builtin().similar(&same, &all).len(),
        planted.len()
    );
}

#[test]
fn a_table_copied_from_the_previous_year_is_reported() {
    let prev = case("huaian-szf-2024");
    let mut cur = prev.clone();
    cur.meta.year = Some(2025);
    // Table 3 changes; Tables 2 and 4 are the previous year's.
    cur.cells
        .insert("requests/new/natural".into(), CellValue::from(3002));
    let series =
        Registry::builtin().series(&[prev.clone(), cur.clone()], &SeriesOptions::default());
    let c2: Vec<&str> = series[1]
        .outcome
        .findings
        .iter()
        .filter(|f| f.rule == "C-2")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(c2.len(), 2, "{c2:?}");
    assert!(
        c2[0].starts_with("“主动公开政府信息情况”的 10 个数值与上一份报告（2024 年度）完全相同"),
        "{}",
        c2[0]
    );
    assert!(
        c2[1].contains("政府信息公开行政复议、行政诉讼情况"),
        "{}",
        c2[1]
    );
    assert!(series[0].outcome.findings.iter().all(|f| f.rule != "C-2"));
    // A table of zeros repeated is not a copy.
    let mut zeros_prev = prev.clone();
    let mut zeros_cur = cur.clone();
    for r in [&mut zeros_prev, &mut zeros_cur] {
        for (a, v) in r.cells.iter_mut() {
            if a.starts_with("appeals/") {
                *v = CellValue::from(0);
            }
        }
    }
    let series = Registry::builtin().series(&[zeros_prev, zeros_cur], &SeriesOptions::default());
    let c2 = series[1]
        .outcome
        .findings
        .iter()
        .filter(|f| f.rule == "C-2")
        .count();
    assert_eq!(c2, 1);
}

#[test]
fn sums_add_cell_by_cell_and_a_summary_is_checked_against_them() {
    let base = case("huaian-szf-2024");
    let mut b = base.clone();
    b.cells
        .insert("requests/new/natural".into(), CellValue::from(1));
    b.cells
        .insert("active/fees/amount".into(), CellValue::Text("0.4".into()));
    let parts = vec![base.clone(), b.clone()];
    let reg = Registry::builtin();
    let sum = reg.aggregate(&parts, Lang::ZhCn).unwrap();
    assert!(sum.findings.is_empty());
    assert_eq!(sum.report.form.as_deref(), Some("2021"));
    assert_eq!(sum.report.meta.year, Some(2024));
    assert_eq!(
        sum.report.cells["requests/new/natural"],
        CellValue::from(3001 + 1)
    );
    assert_eq!(
        sum.report.cells["requests/new/total"],
        CellValue::from(3119 * 2)
    );
    // Money adds exactly: 96171.6 + 0.4.
    assert_eq!(
        sum.report.cells["active/fees/amount"],
        CellValue::Text("96172".into())
    );
    // The sum is a report like any other.
    assert!(!gongkai::validate(&sum.report, &Options::default())
        .findings
        .is_empty());

    let summary = sum.report.clone();
    assert_eq!(
        reg.check_sum(&summary, &parts, Lang::ZhCn)
            .unwrap()
            .findings,
        []
    );
    let mut wrong = summary.clone();
    wrong
        .cells
        .insert("requests/total/natural".into(), CellValue::from(1));
    wrong.cells.remove("appeals/review/total");
    let out = reg.check_sum(&wrong, &parts, Lang::ZhCn).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.cell.as_deref().unwrap(),
                f.expected.as_deref().unwrap(),
                f.actual.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A-1", "requests/total/natural", "5864", "1"),
            ("A-1", "appeals/review/total", "702", "0"),
        ]
    );
    assert!(!out.valid);
    assert_eq!(
        out.findings[0].message,
        "（七）总计·自然人 汇总为 1，各报告之和为 5864"
    );

    // A value that is not a number is named and left out.
    let mut c = base.clone();
    c.cells
        .insert("appeals/review/upheld".into(), CellValue::Text("一".into()));
    let sum = reg.aggregate(&[base.clone(), c], Lang::ZhCn).unwrap();
    assert_eq!(sum.findings.len(), 1);
    assert_eq!(sum.findings[0].rule, "A-2");
    assert_eq!(
        sum.findings[0].message,
        "行政复议·结果维持 在第 2 份报告中为“一”，不是数值，未计入合计"
    );
    assert_eq!(
        sum.report.cells["appeals/review/upheld"],
        CellValue::from(72)
    );

    // Different forms, unknown forms or nothing: an error of the call.
    let legacy = case("gejiu-2018");
    assert_eq!(
        reg.aggregate(&[base.clone(), legacy], Lang::ZhCn)
            .unwrap_err()
            .code(),
        "usage"
    );
    assert_eq!(reg.aggregate(&[], Lang::ZhCn).unwrap_err().code(), "usage");
}
