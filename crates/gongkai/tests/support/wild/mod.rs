//! The wild-shapes generator of `tests/wild.rs`: random consistent reports
//! (`truth`), laid out as a document with every artefact portals, OCR/LLM
//! Markdown converters and PDF converters produce (`paper`), and printed as
//! Markdown, HTML or text (`render`).
//!
//! Every artefact is one byte of `Case::art` (0 = off, so a shrunk failure
//! names only the artefacts it needs); every finer choice is a byte of
//! `Case::knobs` (0 = the plainest choice).

pub mod paper;
pub mod render;
pub mod truth;

use proptest::prelude::*;

pub use paper::{compose, expect, Block, Want};
pub use render::render;
pub use truth::{build, Truth};

/// The base shape the report is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An OCR/LLM converter's Markdown (pipe tables).
    Markdown,
    /// A portal's HTML page (tables without merges, as many CMSs print them).
    Html,
    /// Text of a PDF converter (pdftotext-like rows) or a portal's text copy.
    Text,
}

impl Shape {
    pub fn ext(self) -> &'static str {
        match self {
            Shape::Markdown => "md",
            Shape::Html => "html",
            Shape::Text => "txt",
        }
    }
}

/// The artefacts, one byte each in `Case::art`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Art {
    /// Table 3's row groups each a small table of its own, with a generic
    /// header row (`| 类别 | 数据1 | … | 数据6 | 总计 |`) and a heading
    /// (`### (三) 不予公开`).
    SplitGroups,
    /// Table 3's applicant header holding only `-` (merged cells, or the
    /// whole header lost, or a header table of its own).
    HeaderDashes,
    /// A foreign header row (`| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | … |`)
    /// inside Table 3 before its last rows.
    ForeignHeader,
    /// Row labels detached from their values: a block of label rows, then
    /// a block of value rows (Table 3, Table 2 or both).
    Detached,
    /// Value cells left empty. The generator empties only cells whose true
    /// value is 0 (so the report stays consistent): the reader may give
    /// blank or 0. In text, an empty cell leaves no trace: its value is
    /// then not printed at all.
    EmptyCell,
    /// Table 2 rows with a value lost (two numbers where three are printed):
    /// the row's cells cannot all be read, and must be named as unread.
    LostColumn,
    /// Page breaks inside the tables, with a footer (`— 4 —`, `第4页`, `4/9`),
    /// in Markdown sometimes as a row of the table.
    PageFooters,
    /// Each table's heading (`## 表二：主动公开政府信息情况`) before it and
    /// again after every page break, with its header rows now and then.
    RepeatedHeadings,
    /// Check-box glyphs `□ ☑` inside table rows.
    CheckBoxes,
    /// A 2021-form report (2021 Table 2) printing the 2019 form's single
    /// `（六）其他处理` row instead of the three 2021 rows: its values are the
    /// sums of the three, and the reader should read the 2021 form with a
    /// T3-8 warning.
    OldOtherRow,
    /// 沐 for 沭 in names.
    NameNoise,
    /// Full-width and half-width digits and brackets mixed.
    WidthNoise,
    /// Spaces between the characters of a label.
    SpacedLabels,
    /// A label broken across two lines (Markdown: `<br>` or a second row).
    BrokenLabels,
    /// A collector's header before the report (单位/来源/采集时间, a crawl date).
    Collector,
    /// The report signed at its end (body and date).
    Signature,
    /// Section headings in other words (五、存在的主要问题及整改措施).
    OtherHeadings,
}

pub const ARTS: [Art; 17] = [
    Art::SplitGroups,
    Art::HeaderDashes,
    Art::ForeignHeader,
    Art::Detached,
    Art::EmptyCell,
    Art::LostColumn,
    Art::PageFooters,
    Art::RepeatedHeadings,
    Art::CheckBoxes,
    Art::OldOtherRow,
    Art::NameNoise,
    Art::WidthNoise,
    Art::SpacedLabels,
    Art::BrokenLabels,
    Art::Collector,
    Art::Signature,
    Art::OtherHeadings,
];

/// The random input of one case.
#[derive(Clone)]
pub struct Case {
    pub form: &'static str,
    pub shape: Shape,
    pub year: i32,
    pub body: usize,
    /// Leaf counts; totals are derived, so the form's sums hold.
    pub leaves: Vec<u64>,
    /// Signs, cents, which applicant columns are used.
    pub aux: Vec<u8>,
    /// The report's prose: 0 = headings and tables only.
    pub prose: u8,
    /// One byte per artefact of `ARTS` (below 128 = off).
    pub art: [u8; 17],
    /// Finer choices (0 = plainest).
    pub knobs: Vec<u8>,
}

impl Case {
    /// The artefact's byte: 0 when it is off (below 128), else 128–255.
    pub fn on(&self, a: Art) -> u8 {
        let b = self.art[a as usize];
        if b >= 0x80 {
            b
        } else {
            0
        }
    }
    /// The artefacts that are on.
    pub fn arts(&self) -> Vec<Art> {
        ARTS.iter().copied().filter(|&a| self.on(a) != 0).collect()
    }
    /// Whether no artefact is on: the plainest publication.
    pub fn plain(&self) -> bool {
        ARTS.iter().all(|&a| self.on(a) == 0)
    }
}

/// Only the artefacts that are on, and the non-zero leaves and knobs, by index.
impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn nz<T: Copy + Default + PartialEq + std::fmt::Debug>(v: &[T]) -> Vec<(usize, T)> {
            v.iter()
                .copied()
                .enumerate()
                .filter(|(_, x)| *x != T::default())
                .collect()
        }
        let arts: Vec<String> = self
            .arts()
            .iter()
            .map(|&a| format!("{a:?}={}", self.on(a)))
            .collect();
        write!(
            f,
            "Case {{ form: {:?}, shape: {:?}, year: {}, body: {}, prose: {}, art: [{}], leaves: {:?}, aux: {:?}, knobs: {:?} }}",
            self.form,
            self.shape,
            self.year,
            self.body,
            self.prose,
            arts.join(", "),
            nz(&self.leaves),
            nz(&self.aux),
            nz(&self.knobs)
        )
    }
}

/// Counts as real reports have them: many zeros, small numbers, a few large.
fn leaf() -> impl Strategy<Value = u64> {
    prop_oneof![
        8 => Just(0u64),
        4 => 1u64..10,
        3 => 10u64..1000,
        1 => 1000u64..200_000,
    ]
}

/// Cases of a form in a shape. `only`: None for any artefacts (each on in
/// about half the cases, so every case combines several); or just these
/// (each on, when `forced`).
///
/// An artefact's byte is on from 128 up (`Case::on`), so that shrinking,
/// which halves it, turns it off first; the artefacts come first in the
/// tuple, so they are shrunk first.
pub fn case(
    form: &'static str,
    shape: Shape,
    only: Option<Vec<Art>>,
    forced: bool,
) -> impl Strategy<Value = Case> {
    let years = match form {
        "legacy" => 2014..=2018,
        "2019" => 2019..=2020,
        _ => 2021..=2025,
    };
    (
        prop::array::uniform17(any::<u8>()),
        any::<u8>(),
        prop::collection::vec(leaf(), 200),
        prop::collection::vec(any::<u8>(), 64),
        prop::collection::vec(any::<u8>(), 384),
        years,
        0..truth::BODIES.len(),
    )
        .prop_map(move |(mut art, prose, leaves, aux, knobs, year, body)| {
            for (i, a) in ARTS.iter().enumerate() {
                let allowed = only.as_ref().is_none_or(|o| o.contains(a))
                    && (*a != Art::OldOtherRow || form == "2021");
                if !allowed {
                    art[i] = 0;
                } else if only.is_some() && forced {
                    art[i] |= 0x80;
                }
            }
            Case {
                form,
                shape,
                year,
                body,
                leaves,
                aux,
                prose,
                art,
                knobs,
            }
        })
}

/// Style bytes, cycling: 0 is the plainest choice.
pub struct Knobs<'a> {
    k: &'a [u8],
    i: usize,
}

impl<'a> Knobs<'a> {
    pub fn new(k: &'a [u8]) -> Knobs<'a> {
        Knobs { k, i: 0 }
    }
    pub fn byte(&mut self) -> u8 {
        if self.k.is_empty() {
            return 0;
        }
        let b = self.k[self.i % self.k.len()];
        self.i += 1;
        b
    }
    pub fn pick(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }
    /// True with probability `p`/256; false for byte 0.
    pub fn chance(&mut self, p: u16) -> bool {
        u16::from(self.byte()) + p >= 256
    }
}
