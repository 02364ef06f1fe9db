//! A form's table laid out as the official form prints it: rows of cells
//! with row and column spans, the way HTML holds a table. HTML is written
//! from it directly; text and Markdown flatten it to a matrix.

use crate::form::{Form, Layout, RowDef, TableDef, ValueKind};
use crate::model::Report;

/// What a laid-out cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The top-left corner: the stub heading.
    Corner,
    /// The top-left corner holding the table's note (勾稽关系).
    Note,
    /// A column heading (a merged group heading or a column's own label).
    ColHead,
    /// A row label, or a merged label over a group of rows.
    RowHead,
    /// A sub-table's caption row (第二十条第（一）项).
    Caption,
    /// The printed unit of a row (legacy table).
    Unit,
    /// A value: the index of the form's cell.
    Value(usize),
    /// Printed empty (a header row's value).
    Empty,
}

#[derive(Debug, Clone)]
pub(crate) struct GCell {
    pub role: Role,
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

impl GCell {
    fn new(role: Role, text: impl Into<String>) -> GCell {
        GCell {
            role,
            text: text.into(),
            rowspan: 1,
            colspan: 1,
        }
    }

    fn span(mut self, rowspan: usize, colspan: usize) -> GCell {
        self.rowspan = rowspan.max(1);
        self.colspan = colspan.max(1);
        self
    }
}

/// One table: each row lists the cells that start in it, as `<tr>` does.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub table: usize,
    pub caption: String,
    pub width: usize,
    /// How many leading rows are headings (`<thead>`).
    pub head_rows: usize,
    pub rows: Vec<Vec<GCell>>,
}

/// The tables of `form` as printed, with the optional rows and columns
/// only where the report has cells in them. A table the report leaves out
/// is left out, unless the report has no cells at all (a blank form).
pub(crate) fn grids(form: &Form, report: &Report) -> Vec<Grid> {
    let index = CellIndex { form };
    let has_table = |id: &str| {
        let prefix = format!("{id}/");
        report.cells.keys().any(|a| a.starts_with(&prefix))
    };
    form.def()
        .tables
        .iter()
        .enumerate()
        .filter(|(_, table)| report.cells.is_empty() || has_table(&table.id))
        .map(|(t, table)| {
            let shown = Shown::of(table, report);
            let mut grid = match table.layout {
                Layout::SingleRow => single_row(table, &shown, &index),
                Layout::List => list(table, &shown, &index),
                Layout::Grid if shown.rows.iter().any(|r| r.columns.is_some()) => {
                    sectioned(table, &shown, &index)
                }
                Layout::Grid => grid(table, &shown, &index),
            };
            grid.table = t;
            grid.caption = match &table.section {
                Some(s) => format!("{s}、{}", table.title),
                None => table.title.clone(),
            };
            grid
        })
        .collect()
}

struct CellIndex<'a> {
    form: &'a Form,
}

impl CellIndex<'_> {
    fn value(&self, table: &TableDef, row: &RowDef, col: &str) -> GCell {
        let address = format!("{}/{}/{}", table.id, row.key, col);
        match self.form.cell_index(&address) {
            Some(i) => GCell::new(Role::Value(i), ""),
            None => GCell::new(Role::Empty, ""),
        }
    }
}

/// The rows and columns printed for one report.
struct Shown<'a> {
    rows: Vec<&'a RowDef>,
    cols: Vec<&'a crate::form::ColumnDef>,
}

impl<'a> Shown<'a> {
    fn of(table: &'a TableDef, report: &Report) -> Shown<'a> {
        let has = |row: Option<&str>, col: Option<&str>| {
            let prefix = format!("{}/", table.id);
            report.cells.keys().any(|a| {
                let Some(rest) = a.strip_prefix(&prefix) else {
                    return false;
                };
                let (r, c) = rest.rsplit_once('/').unwrap_or((rest, ""));
                row.is_none_or(|k| k == r) && col.is_none_or(|k| k == c)
            })
        };
        Shown {
            rows: table
                .rows
                .iter()
                .filter(|r| !r.optional || has(Some(&r.key), None))
                .collect(),
            cols: table
                .columns
                .iter()
                .filter(|c| !c.optional || has(None, Some(&c.key)))
                .collect(),
        }
    }
}

/// A column heading with its unit when the label does not print it.
fn col_label(table: &TableDef, col: &crate::form::ColumnDef) -> String {
    let kind = col.kind.unwrap_or(table.kind);
    match col.unit.as_ref().or(table.unit.as_ref()) {
        Some(u) if kind == ValueKind::Money && !col.label.contains(u.as_str()) => {
            format!("{}（单位：{u}）", col.label)
        }
        _ => col.label.clone(),
    }
}

/// Heading rows over leaves with label paths (groups, outermost first, then
/// the leaf's label): merged group cells above, each leaf's label spanning
/// down to the last heading row.
fn heading_rows(paths: &[Vec<String>]) -> Vec<Vec<GCell>> {
    let depth = paths.iter().map(Vec::len).max().unwrap_or(1);
    let mut rows = vec![Vec::new(); depth];
    for (d, row) in rows.iter_mut().enumerate() {
        let mut i = 0;
        while i < paths.len() {
            let p = &paths[i];
            if d + 1 == p.len() {
                row.push(GCell::new(Role::ColHead, &p[d]).span(depth - d, 1));
                i += 1;
            } else if d + 1 < p.len() {
                let run = paths[i..]
                    .iter()
                    .take_while(|q| q.len() > d + 1 && q[..=d] == p[..=d])
                    .count();
                row.push(GCell::new(Role::ColHead, &p[d]).span(1, run));
                i += run;
            } else {
                i += 1;
            }
        }
    }
    rows
}

/// Label paths of rows: a row that is its group's optional subtotal
/// (（三）不予公开 before 1.属于国家秘密…) prints inside the group as 小计.
fn row_paths(rows: &[&RowDef]) -> Vec<Vec<String>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut path = r.group.clone();
            path.push(r.label.clone());
            let heads_next = rows
                .get(i + 1)
                .is_some_and(|n| n.group.len() == path.len() && n.group == path);
            if r.optional && heads_next {
                path.push("小计".to_string());
            }
            path
        })
        .collect()
}

/// The label cells of each row: merged group labels where a group starts,
/// the row's own label spanning to the last label column.
fn label_cells(paths: &[Vec<String>], label_cols: usize) -> Vec<Vec<GCell>> {
    (0..paths.len())
        .map(|i| {
            let p = &paths[i];
            let mut cells = Vec::new();
            for d in 0..p.len() - 1 {
                let starts = i == 0 || paths[i - 1].get(..=d) != Some(&p[..=d]);
                if starts {
                    let run = paths[i..]
                        .iter()
                        .take_while(|q| q.len() > d + 1 && q[..=d] == p[..=d])
                        .count();
                    cells.push(GCell::new(Role::RowHead, &p[d]).span(run, 1));
                }
            }
            let d = p.len() - 1;
            cells.push(GCell::new(Role::RowHead, &p[d]).span(1, label_cols - d));
            cells
        })
        .collect()
}

/// Rows × columns under merged headings (Table 3).
fn grid(table: &TableDef, shown: &Shown, index: &CellIndex) -> Grid {
    let col_paths: Vec<Vec<String>> = shown
        .cols
        .iter()
        .map(|c| {
            let mut p = c.group.clone();
            p.push(col_label(table, c));
            p
        })
        .collect();
    let mut head = heading_rows(&col_paths);
    let paths = row_paths(&shown.rows);
    let label_cols = paths.iter().map(Vec::len).max().unwrap_or(1);
    let corner = match (&table.note, &table.stub) {
        (Some(note), _) => GCell::new(Role::Note, note),
        (None, stub) => GCell::new(Role::Corner, stub.clone().unwrap_or_default()),
    };
    let head_rows = head.len();
    if let Some(first) = head.first_mut() {
        first.insert(0, corner.span(head_rows, label_cols));
    }
    let mut rows = head;
    for (row, mut cells) in shown.rows.iter().zip(label_cells(&paths, label_cols)) {
        for col in &shown.cols {
            cells.push(index.value(table, row, &col.key));
        }
        rows.push(cells);
    }
    Grid {
        table: 0,
        caption: String::new(),
        width: label_cols + shown.cols.len(),
        head_rows,
        rows,
    }
}

/// Sub-tables, one per group of rows, each with its caption row and its
/// own column headings (Table 2): the last value cell spans what is left.
fn sectioned(table: &TableDef, shown: &Shown, index: &CellIndex) -> Grid {
    let cols_of = |r: &RowDef| -> Vec<&crate::form::ColumnDef> {
        shown
            .cols
            .iter()
            .copied()
            .filter(|c| r.columns.as_ref().is_none_or(|cs| cs.contains(&c.key)))
            .collect()
    };
    let mut blocks: Vec<(&[String], Vec<&RowDef>)> = Vec::new();
    for r in &shown.rows {
        match blocks.last_mut() {
            Some((g, rows)) if *g == r.group.as_slice() => rows.push(r),
            _ => blocks.push((&r.group, vec![r])),
        }
    }
    let block_cols: Vec<Vec<&crate::form::ColumnDef>> = blocks
        .iter()
        .map(|(_, rows)| {
            shown
                .cols
                .iter()
                .copied()
                .filter(|c| {
                    rows.iter()
                        .any(|r| cols_of(r).iter().any(|x| x.key == c.key))
                })
                .collect()
        })
        .collect();
    let values = block_cols.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = values + 1;
    let stub = table.stub.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for ((group, block_rows), cols) in blocks.iter().zip(&block_cols) {
        if !group.is_empty() {
            rows.push(vec![
                GCell::new(Role::Caption, group.join(" ")).span(1, width)
            ]);
        }
        let mut head = vec![GCell::new(Role::ColHead, &stub)];
        head.extend(spread(
            cols.iter()
                .map(|c| GCell::new(Role::ColHead, col_label(table, c))),
            values,
        ));
        rows.push(head);
        for r in block_rows {
            let mut cells = vec![GCell::new(Role::RowHead, &r.label)];
            cells.extend(spread(
                cols.iter().map(|c| index.value(table, r, &c.key)),
                values,
            ));
            rows.push(cells);
        }
    }
    Grid {
        table: 0,
        caption: String::new(),
        width,
        head_rows: 0,
        rows,
    }
}

/// Cells across `width` columns: the last one spans what the others leave.
fn spread(cells: impl Iterator<Item = GCell>, width: usize) -> Vec<GCell> {
    let mut out: Vec<GCell> = cells.collect();
    let used = out.len();
    match out.last_mut() {
        Some(last) if used < width => last.colspan = width - used + 1,
        Some(_) => {}
        None => out.push(GCell::new(Role::Empty, "").span(1, width)),
    }
    out
}

/// All cells in one printed row under three levels of headings (Table 4):
/// each row of the form is a group of columns.
fn single_row(table: &TableDef, shown: &Shown, index: &CellIndex) -> Grid {
    let mut paths = Vec::new();
    let mut values = Vec::new();
    for r in &shown.rows {
        for c in &shown.cols {
            if r.columns.as_ref().is_some_and(|cs| !cs.contains(&c.key)) {
                continue;
            }
            let mut p = r.group.clone();
            p.push(r.label.clone());
            p.push(col_label(table, c));
            paths.push(p);
            values.push(index.value(table, r, &c.key));
        }
    }
    let mut rows = heading_rows(&paths);
    let head_rows = rows.len();
    let width = values.len();
    rows.push(values);
    Grid {
        table: 0,
        caption: String::new(),
        width,
        head_rows,
        rows,
    }
}

/// One value column with a unit column (the legacy 统计表): header rows
/// print —— as their unit and no value.
fn list(table: &TableDef, shown: &Shown, index: &CellIndex) -> Grid {
    let paths = row_paths(&shown.rows);
    let label_cols = paths.iter().map(Vec::len).max().unwrap_or(1);
    let mut head = vec![
        GCell::new(Role::Corner, table.stub.clone().unwrap_or_default()).span(1, label_cols),
        GCell::new(Role::ColHead, "单位"),
    ];
    head.extend(
        shown
            .cols
            .iter()
            .map(|c| GCell::new(Role::ColHead, col_label(table, c))),
    );
    let mut rows = vec![head];
    for (row, mut cells) in shown.rows.iter().zip(label_cells(&paths, label_cols)) {
        if row.header {
            cells.push(GCell::new(Role::Unit, "——"));
            cells.extend(shown.cols.iter().map(|_| GCell::new(Role::Empty, "")));
        } else {
            let unit = row.unit.as_ref().or(table.unit.as_ref());
            cells.push(GCell::new(Role::Unit, unit.cloned().unwrap_or_default()));
            cells.extend(shown.cols.iter().map(|c| index.value(table, row, &c.key)));
        }
        rows.push(cells);
    }
    Grid {
        table: 0,
        caption: String::new(),
        width: label_cols + 1 + shown.cols.len(),
        head_rows: 1,
        rows,
    }
}

/// A grid as a matrix: each spanned cell at its top-left position, the
/// positions it covers `None`.
pub(crate) fn matrix(grid: &Grid) -> Vec<Vec<Option<&GCell>>> {
    let mut m: Vec<Vec<Option<&GCell>>> = vec![vec![None; grid.width]; grid.rows.len()];
    let mut taken = vec![vec![false; grid.width]; grid.rows.len()];
    for (r, row) in grid.rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while c < grid.width && taken[r][c] {
                c += 1;
            }
            if c >= grid.width {
                break;
            }
            m[r][c] = Some(cell);
            let end = (c + cell.colspan).min(grid.width);
            for row in taken.iter_mut().skip(r).take(cell.rowspan) {
                row[c..end].fill(true);
            }
            c += cell.colspan;
        }
    }
    m
}
