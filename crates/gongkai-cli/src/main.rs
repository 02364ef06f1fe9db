//! `gongkai`: check and render government information-disclosure annual reports.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};
use gongkai::{Lang, Options, Outcome, Registry, Report};

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Check 政府信息公开工作年度报告 against the national forms and rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports; exit 0 when all are valid, 1 when any has errors, 2 on bad usage or input.
    Check {
        /// Report files — published text, HTML, Markdown or report JSON, in
        /// UTF-8 or GBK — or directories of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The same body's report of the previous year, for the cross-year rules.
        #[arg(long)]
        prev: Option<PathBuf>,
        /// Language of messages: zh-CN or en.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Load a form definition (JSON) before checking; may be repeated.
        #[arg(long = "form-file")]
        form_files: Vec<PathBuf>,
    },
    /// Read a published report (text, HTML, Markdown) and print the canonical report JSON.
    Parse {
        file: PathBuf,
        /// Load a form definition (JSON) first; may be repeated.
        #[arg(long = "form-file")]
        form_files: Vec<PathBuf>,
    },
    /// Render a report's tables as the official form prints them.
    Render {
        /// A report file: published text, HTML, Markdown or report JSON.
        file: PathBuf,
        #[arg(long = "to", value_enum, default_value_t = RenderTo::Html)]
        to: RenderTo,
        /// Check the report and mark the findings on their cells.
        #[arg(long)]
        findings: bool,
        /// The previous year's report, for the cross-year rules (with --findings).
        #[arg(long)]
        prev: Option<PathBuf>,
        /// HTML: only the tables, not a whole page with its stylesheet.
        #[arg(long)]
        fragment: bool,
        /// Print zero tokens (无, —, /) as 0, and every value in its canonical form.
        #[arg(long)]
        normalize: bool,
        /// Language of the words gongkai adds: zh-CN or en.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        /// Write to this file instead of standard output (CSV gets a BOM for Excel/WPS).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Load a form definition (JSON) first; may be repeated.
        #[arg(long = "form-file")]
        form_files: Vec<PathBuf>,
    },
    /// Check several years of reports: matched by body and year, each
    /// against the one before (cross-year rules, copied tables C-2, copied
    /// text C-1). Exit 1 when any has errors.
    Series {
        /// Report files or directories (walked recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Share of a report's text found in the previous one from which C-1 is reported.
        #[arg(long, default_value_t = 0.9)]
        threshold: f64,
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Find near-duplicate texts between the reports of different bodies (C-1).
    Similar {
        /// Report files or directories (walked recursively).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Share of one report's text found in the other from which a pair is reported.
        #[arg(long, default_value_t = 0.9)]
        threshold: f64,
        /// Compare a body's own reports too (by default only different bodies).
        #[arg(long)]
        same_body: bool,
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Add reports of one form cell by cell (a city's departments); with
    /// --against, check a summary report against the sum (A-1; exit 1 on a difference).
    Sum {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The summary report to check against the sum of FILES.
        #[arg(long)]
        against: Option<PathBuf>,
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        /// text: the summed tables (or the check); json: the sum as report JSON with its findings (or the outcome).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List every rule: id, severity, the forms that run it, and its basis.
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Load a form definition (JSON) first; may be repeated.
        #[arg(long = "form-file")]
        form_files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RenderTo {
    Html,
    Text,
    Md,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Writes to standard output; when the reader has gone (`gongkai … | head`),
/// exits quietly instead of panicking as `println!` does.
macro_rules! outln {
    ($($arg:tt)*) => { emit(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! out {
    ($($arg:tt)*) => { emit(format_args!($($arg)*)) };
}

fn emit(args: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("gongkai: cannot write output: {e}");
        std::process::exit(2);
    }
}

/// An input that could not be read as a report: exit 2.
struct BadInput(String);

fn read_text(path: &Path) -> Result<String, BadInput> {
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
    decode(path, &bytes)
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String, BadInput> {
    match gongkai::decode::decode(bytes) {
        Some((text, _)) => Ok(text),
        None => Err(BadInput(format!(
            "{}: not a Word document, a PDF, or UTF-8, UTF-16 or GBK text",
            path.display()
        ))),
    }
}

/// A report file of any kind, sniffed by content: Word, PDF, or text.
fn read_with(reg: &Registry, path: &Path) -> Result<Report, BadInput> {
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
    match gongkai::sniff_bytes(&bytes) {
        gongkai::FileKind::Text => reg.parse(&decode(path, &bytes)?),
        _ => reg.parse_bytes(&bytes),
    }
    .map_err(|e| BadInput(format!("{}: {e}", path.display())))
}

/// Report files given on the command line: files as they are, directories
/// walked recursively for .txt, .html, .htm, .md, .json, .docx and .pdf files, sorted.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, BadInput> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| BadInput(format!("{}: {e}", p.display())))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
            [
                "txt", "html", "htm", "md", "markdown", "json", "docx", "pdf",
            ]
            .contains(&x.to_ascii_lowercase().as_str())
        }) {
            out.push(p);
        }
    }
    Ok(())
}

fn read_report(path: &Path) -> Result<Report, BadInput> {
    read_with(Registry::builtin(), path)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            files,
            prev,
            lang,
            format,
            form_files,
        } => {
            let lang: Lang = match lang.parse() {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("gongkai: {e}");
                    return ExitCode::from(2);
                }
            };
            match check(&files, prev.as_deref(), lang, format, &form_files) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(BadInput(m)) => {
                    eprintln!("gongkai: {m}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Parse { file, form_files } => {
            let result = registry(&form_files).and_then(|reg| read_with(&reg, &file));
            match result {
                Ok(report) => {
                    outln!("{}", report.to_json_pretty());
                    ExitCode::SUCCESS
                }
                Err(BadInput(m)) => {
                    eprintln!("gongkai: {m}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Render {
            file,
            to,
            findings,
            prev,
            fragment,
            normalize,
            lang,
            output,
            form_files,
        } => {
            let result = lang
                .parse::<Lang>()
                .map_err(|e| BadInput(e.to_string()))
                .and_then(|lang| {
                    let options = gongkai::RenderOptions {
                        format: match to {
                            RenderTo::Html => gongkai::Format::Html,
                            RenderTo::Text => gongkai::Format::Text,
                            RenderTo::Md => gongkai::Format::Markdown,
                            RenderTo::Csv => gongkai::Format::Csv,
                        },
                        lang,
                        page: !fragment,
                        normalize,
                    };
                    render(&file, prev.as_deref(), findings, &options, &form_files)
                });
            match result.and_then(|text| write_out(output.as_deref(), to, &text)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(BadInput(m)) => {
                    eprintln!("gongkai: {m}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Series {
            files,
            threshold,
            lang,
            format,
        } => finish(parse_lang(&lang).and_then(|lang| series(&files, threshold, lang, format))),
        Command::Similar {
            files,
            threshold,
            same_body,
            lang,
            format,
        } => finish(
            parse_lang(&lang).and_then(|lang| similar(&files, threshold, same_body, lang, format)),
        ),
        Command::Sum {
            files,
            against,
            lang,
            format,
        } => {
            finish(parse_lang(&lang).and_then(|lang| sum(&files, against.as_deref(), lang, format)))
        }
        Command::Rules { format, form_files } => match rules(format, &form_files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(BadInput(m)) => {
                eprintln!("gongkai: {m}");
                ExitCode::from(2)
            }
        },
    }
}

fn render(
    file: &Path,
    prev: Option<&Path>,
    findings: bool,
    options: &gongkai::RenderOptions,
    form_files: &[PathBuf],
) -> Result<String, BadInput> {
    let reg = registry(form_files)?;
    let parse = |p: &Path| read_with(&reg, p);
    let report = parse(file)?;
    let found = if findings {
        let opts = Options { lang: options.lang };
        match prev {
            Some(p) => reg.validate_pair(&parse(p)?, &report, &opts),
            None => reg.validate(&report, &opts),
        }
        .findings
    } else {
        Vec::new()
    };
    reg.render(&report, &found, options)
        .map_err(|e| BadInput(format!("{}: {e}", file.display())))
}

/// Writes rendered output; a CSV file gets a UTF-8 BOM so Excel and WPS
/// read it as UTF-8.
fn write_out(path: Option<&Path>, to: RenderTo, text: &str) -> Result<(), BadInput> {
    match path {
        None => {
            out!("{text}");
            Ok(())
        }
        Some(p) => {
            let bom = if matches!(to, RenderTo::Csv) {
                "\u{feff}"
            } else {
                ""
            };
            std::fs::write(p, format!("{bom}{text}"))
                .map_err(|e| BadInput(format!("{}: {e}", p.display())))
        }
    }
}

fn parse_lang(lang: &str) -> Result<Lang, BadInput> {
    lang.parse()
        .map_err(|e: gongkai::Error| BadInput(e.to_string()))
}

/// Exit 0 when all is valid, 1 when not, 2 on bad input.
fn finish(result: Result<bool, BadInput>) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(BadInput(m)) => {
            eprintln!("gongkai: {m}");
            ExitCode::from(2)
        }
    }
}

/// Every report under the paths, read first: a bad file is a usage error
/// before any output.
fn read_all(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Report>), BadInput> {
    let files = expand(paths)?;
    let reports = files
        .iter()
        .map(|f| read_report(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((files, reports))
}

fn series(paths: &[PathBuf], threshold: f64, lang: Lang, format: Format) -> Result<bool, BadInput> {
    let (files, reports) = read_all(paths)?;
    let reg = Registry::builtin();
    let options = gongkai::SeriesOptions {
        lang,
        threshold,
        ..Default::default()
    };
    let mut entries = reg.series(&reports, &options);
    // By body, then year: each body's series reads top to bottom.
    entries.sort_by(|a, b| {
        let key = |e: &gongkai::SeriesEntry| (e.body.clone().unwrap_or_default(), e.year, e.index);
        key(a).cmp(&key(b))
    });
    let mut all_valid = true;
    for e in &entries {
        all_valid &= e.outcome.valid;
        let name = files[e.index].display().to_string();
        let prev = e.previous.map(|j| files[j].display().to_string());
        match format {
            Format::Text => {
                let text =
                    gongkai::summary::outcome_text(&name, &reports[e.index], &e.outcome, reg, lang);
                match &prev {
                    Some(p) => {
                        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
                        let word = match lang {
                            Lang::ZhCn => "对照",
                            Lang::En => "against",
                        };
                        out!("{head}\n  （{word} {p}）\n{rest}");
                    }
                    None => out!("{text}"),
                }
            }
            Format::Json => outln!(
                "{}",
                serde_json::json!({
                    "report": name,
                    "body": e.body,
                    "year": e.year,
                    "previous": prev,
                    "valid": e.outcome.valid,
                    "findings": e.outcome.findings,
                    "counts": e.outcome.counts,
                })
            ),
        }
    }
    Ok(all_valid)
}

fn similar(
    paths: &[PathBuf],
    threshold: f64,
    same_body: bool,
    lang: Lang,
    format: Format,
) -> Result<bool, BadInput> {
    let (files, reports) = read_all(paths)?;
    let options = gongkai::SimilarOptions {
        lang,
        threshold,
        different_bodies: !same_body,
    };
    let pairs = Registry::builtin().similar(&reports, &options);
    for p in &pairs {
        let (a, b) = (files[p.a].display(), files[p.b].display());
        match format {
            Format::Text => {
                outln!("{a}\n  ≈ {b}\n  ! {} {}", p.finding.rule, p.finding.message);
                for passage in p.passages.iter().skip(1) {
                    outln!("    “{passage}”");
                }
            }
            Format::Json => outln!(
                "{}",
                serde_json::json!({
                    "report": a.to_string(),
                    "other": b.to_string(),
                    "similarity": p.similarity,
                    "passages": p.passages,
                    "finding": p.finding,
                })
            ),
        }
    }
    if format == Format::Text {
        let n = reports.len();
        match lang {
            Lang::ZhCn => outln!("{n} 份报告，{} 对正文近似", pairs.len()),
            Lang::En => outln!("{n} reports, {} near-duplicate pairs", pairs.len()),
        }
    }
    Ok(true)
}

fn sum(
    paths: &[PathBuf],
    against: Option<&Path>,
    lang: Lang,
    format: Format,
) -> Result<bool, BadInput> {
    let (files, parts) = read_all(paths)?;
    let reg = Registry::builtin();
    if let Some(summary_path) = against {
        let summary = read_report(summary_path)?;
        let outcome = reg
            .check_sum(&summary, &parts, lang)
            .map_err(|e| BadInput(e.to_string()))?;
        let name = summary_path.display().to_string();
        match format {
            Format::Text => out!(
                "{}",
                gongkai::summary::outcome_text(&name, &summary, &outcome, reg, lang)
            ),
            Format::Json => outln!(
                "{}",
                serde_json::json!({
                    "report": name,
                    "parts": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                    "valid": outcome.valid,
                    "findings": outcome.findings,
                    "counts": outcome.counts,
                })
            ),
        }
        return Ok(outcome.valid);
    }
    let sum = reg
        .aggregate(&parts, lang)
        .map_err(|e| BadInput(e.to_string()))?;
    match format {
        Format::Text => {
            let options = gongkai::RenderOptions {
                format: gongkai::Format::Text,
                lang,
                ..Default::default()
            };
            let text = reg
                .render(&sum.report, &sum.findings, &options)
                .map_err(|e| BadInput(e.to_string()))?;
            out!("{text}");
        }
        Format::Json => outln!(
            "{}",
            serde_json::json!({
                "report": sum.report,
                "parts": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                "findings": sum.findings,
            })
        ),
    }
    Ok(true)
}

fn registry(form_files: &[PathBuf]) -> Result<Registry, BadInput> {
    let mut reg = Registry::with_builtins();
    for f in form_files {
        reg.load_form(&read_text(f)?)
            .map_err(|e| BadInput(format!("{}: {e}", f.display())))?;
    }
    Ok(reg)
}

/// One line per rule id: the forms that run it, its severity and basis.
fn rules(format: Format, form_files: &[PathBuf]) -> Result<(), BadInput> {
    let reg = registry(form_files)?;
    let mut rows: Vec<(String, String, Vec<String>, String, String)> = Vec::new();
    let common = reg.common_rules().iter().map(|r| (r, "*".to_string()));
    let own = reg
        .forms()
        .flat_map(|f| f.def().rules.iter().map(move |r| (r, f.id().to_string())));
    for (r, form) in common.chain(own) {
        match rows.iter_mut().find(|row| row.0 == r.id) {
            Some(row) => {
                if !row.2.contains(&form) {
                    row.2.push(form)
                }
            }
            None => rows.push((
                r.id.clone(),
                r.severity.as_str().to_string(),
                vec![form],
                r.message.zh_cn.clone(),
                r.basis.clone().unwrap_or_default(),
            )),
        }
    }
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, sev, forms, msg, basis)| {
                    serde_json::json!({"rule": id, "severity": sev, "forms": forms, "message": msg, "basis": basis})
                })
                .collect();
            outln!("{}", serde_json::Value::Array(v));
        }
        Format::Text => {
            outln!("| rule | severity | forms | basis |");
            outln!("|---|---|---|---|");
            for (id, sev, forms, _, basis) in &rows {
                outln!(
                    "| {id} | {sev} | {} | {} |",
                    forms.join(", "),
                    basis.replace('|', "\\|")
                );
            }
        }
    }
    Ok(())
}

/// Checks every file; `Ok(all valid)`.
fn check(
    files: &[PathBuf],
    prev: Option<&Path>,
    lang: Lang,
    format: Format,
    form_files: &[PathBuf],
) -> Result<bool, BadInput> {
    let mut reg = Registry::with_builtins();
    for f in form_files {
        reg.load_form(&read_text(f)?)
            .map_err(|e| BadInput(format!("{}: {e}", f.display())))?;
    }
    let prev = prev.map(read_report).transpose()?;
    // Read everything first: a bad file is a usage error before any output.
    let files = expand(files)?;
    let reports = files
        .iter()
        .map(|f| read_report(f).map(|r| (f, r)))
        .collect::<Result<Vec<_>, _>>()?;
    let options = Options { lang };
    let mut all_valid = true;
    for (path, report) in &reports {
        let outcome: Outcome = match &prev {
            Some(p) => reg.validate_pair(p, report, &options),
            None => reg.validate(report, &options),
        };
        all_valid &= outcome.valid;
        let name = path.display().to_string();
        match format {
            Format::Text => out!(
                "{}",
                gongkai::summary::outcome_text(&name, report, &outcome, &reg, lang)
            ),
            Format::Json => {
                let line = serde_json::json!({
                    "report": name,
                    "valid": outcome.valid,
                    "findings": outcome.findings,
                    "counts": outcome.counts,
                });
                outln!("{line}");
            }
        }
    }
    Ok(all_valid)
}
