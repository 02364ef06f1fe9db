//! PDF and Word reading speed. The real Huai'an 2024 report (6 pages): the whole
//! read (text layer + layout + reader), the text layer alone, and the layout
//! and reader alone from its runs (what the browser runs after pdf.js); and
//! the official Word template.

use criterion::{criterion_group, criterion_main, Criterion};
use gongkai::Registry;

fn bench(c: &mut Criterion) {
    let path = format!(
        "{}/../../../shared/corpus/020-huaian-szf-2024.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("../shared/corpus/020-huaian-szf-2024.pdf not found; skipped");
        return;
    };
    let reg = Registry::builtin();
    let Ok(runs) = reg.pdf_runs(&bytes) else {
        eprintln!("the PDF does not read; skipped");
        return;
    };
    let pages = runs.iter().map(|r| r.page).max().unwrap_or(1);
    eprintln!("{pages} pages, {} runs", runs.len());
    c.bench_function("PDF parse_bytes (huaian-szf-2024, 6 pages)", |b| {
        b.iter(|| reg.parse_bytes(std::hint::black_box(&bytes)))
    });
    c.bench_function("PDF text layer only (huaian-szf-2024, 6 pages)", |b| {
        b.iter(|| reg.pdf_runs(std::hint::black_box(&bytes)))
    });
    c.bench_function(
        "parse_runs: layout + reader (huaian-szf-2024, 6 pages)",
        |b| b.iter(|| reg.parse_runs(std::hint::black_box(&runs))),
    );
}

/// The official 2021 Word template (three tables, 200 cells, six sections).
fn docx(c: &mut Criterion) {
    let path = format!(
        "{}/../../../shared/corpus/template-2021.docx",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("../shared/corpus/template-2021.docx not found; skipped");
        return;
    };
    let reg = Registry::builtin();
    c.bench_function("Word parse_bytes (template-2021.docx)", |b| {
        b.iter(|| reg.parse_bytes(std::hint::black_box(&bytes)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, docx
}
criterion_main!(benches);
