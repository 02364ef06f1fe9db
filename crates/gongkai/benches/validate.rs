//! Validation speed on real reports (the README quotes these numbers).

use criterion::{criterion_group, criterion_main, Criterion};
use gongkai::{Options, Registry, Report};

fn load(case: &str) -> Report {
    let path = format!(
        "{}/../../tests/cases/{case}/report.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Report::from_json(&std::fs::read_to_string(path).expect("golden case")).expect("report JSON")
}

fn bench(c: &mut Criterion) {
    let reg = Registry::builtin();
    let options = Options::default();
    for (name, case) in [
        ("validate 2021 (huaian-szf-2024, clean)", "huaian-szf-2024"),
        (
            "validate 2019 (pingtan-syq-2020, 2 errors)",
            "pingtan-syq-2020",
        ),
        ("validate legacy (gejiu-2018, 1 warning)", "gejiu-2018"),
    ] {
        let report = load(case);
        c.bench_function(name, |b| {
            b.iter(|| reg.validate(std::hint::black_box(&report), &options))
        });
    }
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/cases/huaian-szf-2024/report.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("case");
    c.bench_function("read JSON + validate 2021 (huaian-szf-2024)", |b| {
        b.iter(|| gongkai::validate_json(std::hint::black_box(&text), &options))
    });
}

/// parse + validate of every real report in `../shared/corpus` (text and HTML).
fn corpus(c: &mut Criterion) {
    let dir = format!("{}/../../../shared/corpus", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut texts: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let reg = Registry::builtin();
    let options = Options::default();
    let mut group = c.benchmark_group("corpus");
    group.throughput(criterion::Throughput::Elements(texts.len() as u64));
    group.bench_function(
        format!("parse + validate, all {} corpus reports", texts.len()),
        |b| {
            b.iter(|| {
                for t in &texts {
                    if let Ok((_, o)) = reg.check(std::hint::black_box(t), &options) {
                        std::hint::black_box(o);
                    }
                }
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench, corpus);
criterion_main!(benches);
