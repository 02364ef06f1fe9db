//! CSV: one row per cell of the form, with its address, the table, row and
//! column as the form prints them, the value and the printed token.

use super::grid::grids;
use super::Ctx;

/// A CSV field (RFC 4180). Text that a spreadsheet would run as a formula
/// (=, +, -, @ first) is prefixed with `'`, unless it is a plain number.
fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub(super) fn render(ctx: &Ctx) -> String {
    let mut heads = vec![
        ctx.word("单元格", "cell"),
        ctx.word("表", "table"),
        ctx.word("行", "row"),
        ctx.word("列", "column"),
        ctx.word("数值", "value"),
        ctx.word("原文", "printed"),
    ];
    let with_findings = !ctx.findings.is_empty();
    if with_findings {
        heads.push(ctx.word("问题", "findings"));
    }
    let mut out = heads.join(",");
    out.push_str("\r\n");
    let def = ctx.form.def();
    // The grids say which optional rows and columns the report prints.
    let mut shown = vec![false; ctx.form.cells().len()];
    for grid in grids(ctx.form, ctx.report) {
        for row in &grid.rows {
            for cell in row {
                if let super::grid::Role::Value(i) = cell.role {
                    shown[i] = true;
                }
            }
        }
    }
    let labelled = ctx
        .form
        .cells()
        .iter()
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .map(|(_, cell)| {
            let table = &def.tables[cell.table];
            let row = &table.rows[cell.row];
            let col = &table.columns[cell.col];
            let mut row_label = row.group.clone();
            row_label.push(row.label.clone());
            let mut col_label = col.group.clone();
            col_label.push(col.label.clone());
            (
                cell.address.as_str(),
                [
                    table.title.clone(),
                    row_label.join(" / "),
                    col_label.join(" / "),
                ],
            )
        });
    // Cells the form does not have keep their address, with no labels.
    let extra = ctx.extra().into_iter().map(|a| (a, Default::default()));
    for (address, labels) in labelled.chain(extra) {
        let value = ctx
            .report
            .cells
            .get(address)
            .map(|v| v.as_text())
            .unwrap_or_default();
        let raw = ctx.report.raw.get(address).cloned().unwrap_or_default();
        let mut fields = vec![field(address)];
        fields.extend(labels.iter().map(|l: &String| field(l)));
        fields.push(field(&value));
        fields.push(field(&raw));
        if with_findings {
            let rules: Vec<String> = ctx
                .by_cell
                .get(address)
                .into_iter()
                .flatten()
                .map(|&n| {
                    let f = &ctx.findings[n];
                    format!("{} {}", f.rule, f.message)
                })
                .collect();
            fields.push(field(&rules.join("\n")));
        }
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}
