//! Word documents (.docx): the zip's main part (`word/document.xml`) is
//! turned into HTML — a `<p>` per paragraph, a `<table>` per table with
//! `colspan` from `w:gridSpan` and `rowspan` from `w:vMerge` — and read by
//! the HTML reader, so form matching, digit solving and sections are the same
//! code as for a web page. Tracked changes are read as accepted: inserted
//! text (`w:ins`, `w:moveTo`) is kept, deleted text (`w:del`, `w:delText`,
//! `w:moveFrom`) and deleted rows and cells are dropped; the old properties a
//! change records (`w:tcPrChange`, …) are ignored.
//!
//! A damaged zip or XML, or a main part over 64 MB unpacked (a zip bomb),
//! is an error, never a panic; memory stays bounded by the caps.

use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

#[cfg(feature = "docx")]
impl Registry {
    /// Reads a report from a Word document's bytes (.docx). Spans are in
    /// chars of the HTML the document is turned into.
    pub fn parse_docx(&self, bytes: &[u8]) -> Result<Report, Error> {
        let html = docx_to_html(bytes)?;
        self.parse(&html)
    }
}

#[cfg(not(feature = "docx"))]
impl Registry {
    /// Reads a report from a Word document's bytes: this build has no Word
    /// reader (the `docx` feature).
    pub fn parse_docx(&self, _bytes: &[u8]) -> Result<Report, Error> {
        Err(Error::Usage(
            "this build reads no Word documents (feature `docx`)".into(),
        ))
    }
}

#[cfg(feature = "docx")]
use imp::docx_to_html;

#[cfg(feature = "docx")]
mod imp {
    use std::io::{Cursor, Read};

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::name::ResolveResult;
    use quick_xml::NsReader;

    use crate::error::Error;

    /// The most bytes the main part may unpack to (a report is well under
    /// 5 MB of XML); more is refused as a zip bomb.
    const MAX_XML: u64 = 64 << 20;
    /// The most bytes a relationships part may unpack to.
    const MAX_RELS: u64 = 1 << 20;
    /// The deepest element nesting read.
    const MAX_DEPTH: usize = 4096;
    /// The widest `w:gridSpan` taken.
    const MAX_SPAN: usize = 1024;

    const W_TRANSITIONAL: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
    const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

    fn bad(m: impl std::fmt::Display) -> Error {
        Error::Usage(format!("not a readable Word document (.docx): {m}"))
    }

    /// The document body of a .docx as HTML: what `Registry::parse` reads.
    pub fn docx_to_html(bytes: &[u8]) -> Result<String, Error> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad(format_args!("the zip is damaged ({e})")))?;
        let main = main_part(&mut zip);
        let xml = read_part(&mut zip, &main, MAX_XML)?
            .ok_or_else(|| bad(format_args!("the zip has no {main}")))?;
        xml_to_html(&xml)
    }

    /// The main part's name, from `_rels/.rels` (usually `word/document.xml`).
    fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> String {
        let fallback = "word/document.xml".to_string();
        let Ok(Some(rels)) = read_part(zip, "_rels/.rels", MAX_RELS) else {
            return fallback;
        };
        let mut reader = NsReader::from_reader(rels.as_slice());
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == b"Relationship" =>
                {
                    let ty = attr(&e, b"Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument") {
                        if let Some(target) = attr(&e, b"Target") {
                            let t = target.trim_start_matches('/');
                            if !t.is_empty() && zip.index_for_name(t).is_some() {
                                return t.to_string();
                            }
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => return fallback,
                _ => {}
            }
        }
    }

    /// A part's bytes, at most `cap` of them; `None` when the zip has no
    /// such part.
    fn read_part(
        zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
        name: &str,
        cap: u64,
    ) -> Result<Option<Vec<u8>>, Error> {
        let file = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(bad(format_args!("{name}: {e}"))),
        };
        // The declared size may lie; `take` bounds what is unpacked.
        let declared = file.size().min(cap);
        let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(1 << 24));
        file.take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| bad(format_args!("{name}: {e}")))?;
        if out.len() as u64 > cap {
            return Err(bad(format_args!(
                "{name} unpacks to more than {} MB",
                cap >> 20
            )));
        }
        Ok(Some(out))
    }

    fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
        e.attributes().flatten().find_map(|a| {
            (a.key.local_name().as_ref() == local)
                .then(|| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.into_owned())
                })
                .flatten()
        })
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Merge {
        None,
        Restart,
        Continue,
    }

    #[derive(Debug)]
    struct Cell {
        /// Paragraphs of the cell.
        paras: Vec<String>,
        span: usize,
        vmerge: Merge,
        /// `w:hMerge` continue: part of the cell before it.
        hcont: bool,
        deleted: bool,
        rowspan: usize,
    }

    #[derive(Debug, Default)]
    struct Row {
        cells: Vec<Cell>,
        before: usize,
        deleted: bool,
    }

    /// What an element is to the converter.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Tag {
        P,
        T,
        Tbl,
        Tr,
        TrPr,
        Tc,
        TcPr,
        Other,
    }

    #[derive(Default)]
    struct Conv {
        html: String,
        /// Open paragraphs (a text box's paragraphs nest in one).
        paras: Vec<String>,
        /// Tables open, outermost first; only the outermost is a table, the
        /// text of tables in its cells is its cells' text.
        tables: Vec<Vec<Row>>,
        row: Option<Row>,
        cell: Option<Cell>,
    }

    impl Conv {
        fn text(&mut self, s: &str) {
            if let Some(p) = self.paras.last_mut() {
                p.push_str(s);
            }
        }

        fn end_para(&mut self) {
            let Some(p) = self.paras.pop() else { return };
            if let Some(outer) = self.paras.last_mut() {
                // A text box's paragraph inside a paragraph: its own line.
                if !outer.is_empty() && !p.is_empty() {
                    outer.push('\n');
                }
                outer.push_str(&p);
            } else if let Some(cell) = self.cell.as_mut() {
                if self.tables.len() > 1 {
                    // A nested table's paragraph: words of the outer cell.
                    match cell.paras.last_mut() {
                        Some(last) if !p.trim().is_empty() => {
                            if !last.is_empty() {
                                last.push(' ');
                            }
                            last.push_str(&p);
                        }
                        None => cell.paras.push(p),
                        _ => {}
                    }
                } else {
                    cell.paras.push(p);
                }
            } else {
                self.html.push_str("<p>");
                escape_into(&mut self.html, &p);
                self.html.push_str("</p>\n");
            }
        }

        fn end_table(&mut self) {
            let Some(rows) = self.tables.pop() else {
                return;
            };
            if !self.tables.is_empty() {
                return;
            }
            table_html(&mut self.html, rows);
        }
    }

    fn escape_into(out: &mut String, s: &str) {
        for c in s.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\n' => out.push_str("<br>"),
                c => out.push(c),
            }
        }
    }

    /// A table as HTML: `w:vMerge` continuations fold into the rowspan of
    /// the cell that starts them in the same grid column.
    fn table_html(out: &mut String, mut rows: Vec<Row>) {
        rows.retain(|r| !r.deleted);
        for r in &mut rows {
            r.cells.retain(|c| !c.deleted);
            // hMerge continuations widen the cell before them.
            let mut kept: Vec<Cell> = Vec::with_capacity(r.cells.len());
            for c in r.cells.drain(..) {
                match kept.last_mut() {
                    Some(prev) if c.hcont => prev.span = (prev.span + c.span).min(MAX_SPAN),
                    _ => kept.push(c),
                }
            }
            r.cells = kept;
        }
        absorb_split_labels(&mut rows);
        // Grid column → (row, cell) of the merge open there.
        let mut open: std::collections::HashMap<usize, (usize, usize)> =
            std::collections::HashMap::new();
        let mut hidden: Vec<Vec<bool>> = Vec::with_capacity(rows.len());
        for ri in 0..rows.len() {
            let mut next = std::collections::HashMap::new();
            let mut col = rows[ri].before;
            let cells: Vec<(usize, Merge)> =
                rows[ri].cells.iter().map(|c| (c.span, c.vmerge)).collect();
            let mut hide = vec![false; cells.len()];
            for (ci, (span, vmerge)) in cells.into_iter().enumerate() {
                match (vmerge, open.get(&col).copied()) {
                    (Merge::Continue, Some((r0, c0))) => {
                        rows[r0].cells[c0].rowspan += 1;
                        next.insert(col, (r0, c0));
                        hide[ci] = true;
                    }
                    (Merge::Restart | Merge::Continue, _) => {
                        next.insert(col, (ri, ci));
                    }
                    (Merge::None, _) => {}
                }
                col += span;
            }
            open = next;
            hidden.push(hide);
        }
        out.push_str("<table>\n");
        for (r, hide) in rows.iter().zip(hidden) {
            out.push_str("<tr>");
            for (c, &h) in r.cells.iter().zip(&hide) {
                if h {
                    continue;
                }
                out.push_str("<td");
                if c.span > 1 {
                    out.push_str(&format!(" colspan=\"{}\"", c.span));
                }
                if c.rowspan > 1 {
                    out.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
                }
                out.push('>');
                escape_into(out, &c.paras.join("\n"));
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }

    /// What a cell holds, for telling labels from values.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Holds {
        Empty,
        /// Digits, or a mark that stands for a value (无, —).
        Value,
        Label,
    }

    fn holds(c: &Cell) -> Holds {
        let mut any = false;
        let mut value_like = true;
        for ch in c.paras.iter().flat_map(|p| p.chars()) {
            if ch.is_whitespace() || ch == '\u{3000}' {
                continue;
            }
            any = true;
            if !(ch.is_ascii_digit() || ".,，、%％-—－/／无無".contains(ch)) {
                value_like = false;
            }
        }
        match (any, value_like) {
            (false, _) => Holds::Empty,
            (true, true) => Holds::Value,
            (true, false) => Holds::Label,
        }
    }

    /// A label merged across columns can be written as the label and empty
    /// cells after it (converters do): in the grid columns where some row
    /// has a label with values after it, an empty cell right after a label
    /// is part of that label, not a blank value.
    fn absorb_split_labels(rows: &mut [Row]) {
        let mut label_cols = std::collections::HashSet::new();
        for r in rows.iter() {
            let mut col = r.before;
            let mut labels: Vec<(usize, usize)> = Vec::new();
            for c in &r.cells {
                match holds(c) {
                    Holds::Label => labels.push((col, c.span)),
                    Holds::Value => {
                        for (at, span) in labels.drain(..) {
                            label_cols.extend(at..at + span);
                        }
                    }
                    Holds::Empty => {}
                }
                col += c.span;
            }
        }
        if label_cols.is_empty() {
            return;
        }
        for r in rows.iter_mut() {
            let mut col = r.before;
            let mut kept: Vec<Cell> = Vec::with_capacity(r.cells.len());
            for c in r.cells.drain(..) {
                let here = col;
                col += c.span;
                if let Some(prev) = kept.last_mut() {
                    if c.vmerge == Merge::None
                        && holds(&c) == Holds::Empty
                        && label_cols.contains(&here)
                        && holds(prev) == Holds::Label
                    {
                        prev.span = (prev.span + c.span).min(MAX_SPAN);
                        continue;
                    }
                }
                kept.push(c);
            }
            r.cells = kept;
        }
    }

    fn is_w(ns: &ResolveResult<'_>) -> bool {
        matches!(ns, ResolveResult::Bound(n) if n.as_ref() == W_TRANSITIONAL || n.as_ref() == W_STRICT)
    }

    /// Elements whose content is not the document's text as it stands.
    fn skipped(local: &[u8]) -> bool {
        matches!(
            local,
            b"del"
                | b"moveFrom"
                | b"delText"
                | b"delInstrText"
                | b"instrText"
                | b"pPr"
                | b"rPr"
                | b"sdtPr"
                | b"tblPr"
                | b"tblGrid"
                | b"footnoteReference"
                | b"endnoteReference"
        ) || local.ends_with(b"Change")
    }

    fn span_of(e: &BytesStart<'_>) -> usize {
        attr(e, b"val")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_SPAN)
    }

    /// The body of `word/document.xml` as HTML.
    fn xml_to_html(xml: &[u8]) -> Result<String, Error> {
        let mut reader = NsReader::from_reader(xml);
        let mut conv = Conv::default();
        let mut stack: Vec<Tag> = Vec::new();
        // Depth at which a skipped element opened.
        let mut skip: Option<usize> = None;
        loop {
            let (ns, ev) = reader
                .read_resolved_event()
                .map_err(|e| bad(format_args!("word/document.xml: {e}")))?;
            let w = is_w(&ns);
            let mc = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == MC);
            match ev {
                Event::Start(e) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(bad("word/document.xml nests too deeply"));
                    }
                    let local = e.local_name();
                    let local = local.as_ref();
                    if skip.is_some() {
                        stack.push(Tag::Other);
                        continue;
                    }
                    let parent = stack.last().copied();
                    if w && local == b"del" && parent == Some(Tag::TrPr) {
                        if let Some(r) = conv.row.as_mut() {
                            r.deleted = true;
                        }
                    }
                    if (w && skipped(local)) || (mc && local == b"Fallback") {
                        skip = Some(stack.len());
                        stack.push(Tag::Other);
                        continue;
                    }
                    let tag = if w {
                        start(&mut conv, local, &e, parent)
                    } else {
                        Tag::Other
                    };
                    stack.push(tag);
                }
                Event::Empty(e) => {
                    if skip.is_some() || !w {
                        continue;
                    }
                    let parent = stack.last().copied();
                    empty(&mut conv, e.local_name().as_ref(), &e, parent);
                }
                Event::End(_) => {
                    let Some(tag) = stack.pop() else {
                        return Err(bad("word/document.xml: unbalanced tags"));
                    };
                    if let Some(d) = skip {
                        if stack.len() == d {
                            skip = None;
                        }
                        continue;
                    }
                    end(&mut conv, tag);
                }
                Event::Text(t) if skip.is_none() && stack.last() == Some(&Tag::T) => {
                    let s = t
                        .xml_content(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| bad(format_args!("word/document.xml: {e}")))?;
                    conv.text(&s);
                }
                Event::CData(t) if skip.is_none() && stack.last() == Some(&Tag::T) => {
                    let s = t
                        .decode()
                        .map_err(|e| bad(format_args!("word/document.xml: {e}")))?;
                    conv.text(&s);
                }
                Event::GeneralRef(r) if skip.is_none() && stack.last() == Some(&Tag::T) => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        conv.text(c.encode_utf8(&mut [0; 4]));
                    } else if let Ok(name) = r.decode() {
                        if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                            conv.text(s);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(bad("word/document.xml ends early"));
        }
        Ok(conv.html)
    }

    fn start(conv: &mut Conv, local: &[u8], e: &BytesStart<'_>, parent: Option<Tag>) -> Tag {
        match local {
            b"p" => {
                conv.paras.push(String::new());
                Tag::P
            }
            b"t" => Tag::T,
            b"tbl" => {
                conv.tables.push(Vec::new());
                Tag::Tbl
            }
            b"tr" if conv.tables.len() == 1 => {
                conv.row = Some(Row::default());
                Tag::Tr
            }
            b"trPr" if conv.tables.len() == 1 => Tag::TrPr,
            b"tc" if conv.tables.len() == 1 => {
                conv.cell = Some(Cell {
                    paras: Vec::new(),
                    span: 1,
                    vmerge: Merge::None,
                    hcont: false,
                    deleted: false,
                    rowspan: 1,
                });
                Tag::Tc
            }
            b"tcPr" if conv.tables.len() == 1 && parent == Some(Tag::Tc) => Tag::TcPr,
            _ => {
                // Properties written as start/end pairs.
                empty(conv, local, e, parent);
                Tag::Other
            }
        }
    }

    fn empty(conv: &mut Conv, local: &[u8], e: &BytesStart<'_>, parent: Option<Tag>) {
        match (local, parent) {
            (b"tab" | b"ptab", _) => conv.text("\t"),
            (b"br" | b"cr", _) => conv.text("\n"),
            (b"noBreakHyphen", _) => conv.text("-"),
            // An empty paragraph.
            (b"p", _) => {
                conv.paras.push(String::new());
                conv.end_para();
            }
            (b"gridSpan", Some(Tag::TcPr)) => {
                if let Some(c) = conv.cell.as_mut() {
                    c.span = span_of(e);
                }
            }
            (b"vMerge", Some(Tag::TcPr)) => {
                if let Some(c) = conv.cell.as_mut() {
                    c.vmerge = match attr(e, b"val").as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                }
            }
            (b"hMerge", Some(Tag::TcPr)) => {
                if let Some(c) = conv.cell.as_mut() {
                    c.hcont = attr(e, b"val").as_deref() != Some("restart");
                }
            }
            (b"cellDel", Some(Tag::TcPr)) => {
                if let Some(c) = conv.cell.as_mut() {
                    c.deleted = true;
                }
            }
            (b"gridBefore", Some(Tag::TrPr)) => {
                if let Some(r) = conv.row.as_mut() {
                    r.before = attr(e, b"val")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0)
                        .min(MAX_SPAN);
                }
            }
            (b"del", Some(Tag::TrPr)) => {
                if let Some(r) = conv.row.as_mut() {
                    r.deleted = true;
                }
            }
            (b"tc", _) if conv.tables.len() == 1 => {
                // An empty cell element: a cell with nothing in it.
                if let Some(r) = conv.row.as_mut() {
                    r.cells.push(Cell {
                        paras: Vec::new(),
                        span: 1,
                        vmerge: Merge::None,
                        hcont: false,
                        deleted: false,
                        rowspan: 1,
                    });
                }
            }
            _ => {}
        }
    }

    fn end(conv: &mut Conv, tag: Tag) {
        match tag {
            Tag::P => conv.end_para(),
            Tag::Tbl => conv.end_table(),
            Tag::Tr => {
                if let (Some(r), Some(t)) = (conv.row.take(), conv.tables.first_mut()) {
                    t.push(r);
                }
            }
            Tag::Tc => {
                if let (Some(c), Some(r)) = (conv.cell.take(), conv.row.as_mut()) {
                    r.cells.push(c);
                }
            }
            Tag::T | Tag::TrPr | Tag::TcPr | Tag::Other => {}
        }
    }
}
