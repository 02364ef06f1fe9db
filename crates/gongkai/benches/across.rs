//! Near-duplicate search over a synthetic collection of 10,000 reports
//! built from the corpus's sentences, with 100 planted copies (the README
//! quotes this number).

use criterion::{criterion_group, criterion_main, Criterion};
use gongkai::{Registry, SimilarOptions};

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn bench(c: &mut Criterion) {
    let (reports, planted) = synthetic::collection(10_000, 100, 7);
    let reg = Registry::builtin();
    let options = SimilarOptions::default();
    assert_eq!(reg.similar(&reports, &options).len(), planted.len());
    let mut group = c.benchmark_group("similar");
    group.sample_size(10);
    group.bench_function("10,100 reports, 100 planted copies", |b| {
        b.iter(|| reg.similar(std::hint::black_box(&reports), &options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
