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

criterion_group!(benches, bench);
criterion_main!(benches);
