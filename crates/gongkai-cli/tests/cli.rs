//! The `gongkai` binary as a user runs it: exit codes, JSON and text output.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn case(name: &str, file: &str) -> String {
    format!("tests/cases/{name}/{file}")
}

fn golden_cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.json").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn json_output_of_every_golden_case_equals_its_expected_outcome() {
    for name in golden_cases() {
        let meta: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(case(&name, "case.json"))).unwrap(),
        )
        .unwrap();
        let report = meta["input"]
            .as_str()
            .map_or_else(|| case(&name, "report.json"), str::to_string);
        let prev = case(&name, "prev.json");
        let mut args = vec!["check", "--format", "json", report.as_str()];
        if root().join(&prev).exists() {
            args.extend(["--prev", prev.as_str()]);
        }
        let out = gongkai(&args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let got: Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{name}: {e}: {stdout}"));
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(case(&name, "expected.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(got["report"], Value::String(report.clone()));
        for key in ["valid", "findings", "counts"] {
            assert_eq!(got[key], want[key], "{name}: {key}");
        }
        let code = if want["valid"] == Value::Bool(true) {
            0
        } else {
            1
        };
        assert_eq!(out.status.code(), Some(code), "{name}: exit code");
    }
}

#[test]
fn text_output_groups_findings_by_table_with_labels() {
    let out = gongkai(&["check", &case("pingtan-syq-2020", "report.json")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("平潭综合实验区管委会 2020 年度（2019 表式）"),
        "{text}"
    );
    assert!(
        text.contains("\n  收到和处理政府信息公开申请情况\n"),
        "{text}"
    );
    assert!(
        text.contains("（七）总计·自然人 应为 26（各项之和），报告为 20"),
        "{text}"
    );
    assert!(
        text.contains("未通过：2 个错误，0 个警告，0 条提示"),
        "{text}"
    );

    let en = gongkai(&[
        "check",
        "--lang",
        "en",
        &case("pingtan-syq-2020", "report.json"),
    ]);
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(text.contains("Applications received and handled"), "{text}");
    assert!(
        text.contains(
            "III(7) total · natural persons should be 26 (the sum of its parts), reported 20"
        ),
        "{text}"
    );
}

#[test]
fn several_files_print_one_json_line_each_and_exit_1_if_any_invalid() {
    let a = case("huaian-szf-2024", "report.json");
    let b = case("pingtan-syq-2020", "report.json");
    let out = gongkai(&["check", "--format", "json", &a, &b]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], Value::Bool(true));
    assert_eq!(lines[1]["valid"], Value::Bool(false));

    let ok = gongkai(&["check", &a]);
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn usage_errors_and_unreadable_input_exit_2_with_a_message() {
    let dir = std::env::temp_dir().join(format!("gongkai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, "{\"form\": \"2021\", \"cells\": [").unwrap();
    let pdf = dir.join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x01").unwrap();
    let bad_form = dir.join("form.json");
    std::fs::write(&bad_form, "{\"id\": \"x\"}").unwrap();

    for (args, needle) in [
        (vec!["check", "no/such/file.json"], "no/such/file.json"),
        (
            vec!["check", bad_json.to_str().unwrap()],
            "invalid report JSON",
        ),
        (vec!["check", pdf.to_str().unwrap()], "PDF"),
        (
            vec![
                "check",
                "--lang",
                "fr",
                "tests/cases/gejiu-2018/report.json",
            ],
            "unknown language",
        ),
        (
            vec![
                "check",
                "--form-file",
                bad_form.to_str().unwrap(),
                "tests/cases/gejiu-2018/report.json",
            ],
            "invalid form definition",
        ),
        (vec!["check"], "FILES"),
        (vec!["frobnicate"], "unrecognized subcommand"),
    ] {
        let out = gongkai(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: no partial output");
    }
}

#[test]
fn a_utf8_bom_is_accepted() {
    let dir = std::env::temp_dir().join(format!("gongkai-cli-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bom.json");
    let text =
        std::fs::read_to_string(root().join(case("huaian-szf-2024", "report.json"))).unwrap();
    std::fs::write(&p, format!("\u{feff}{text}")).unwrap();
    assert_eq!(
        gongkai(&["check", p.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn published_text_in_gbk_and_whole_directories_are_checked() {
    let dir = std::env::temp_dir().join(format!("gongkai-cli-dir-{}", std::process::id()));
    let sub = dir.join("2018");
    std::fs::create_dir_all(&sub).unwrap();
    // The seed report as a GBK file, the way office PCs save it.
    let text = std::fs::read_to_string(root().join("../shared/corpus/gejiu-2018.txt")).unwrap();
    let gbk: Vec<u8> = text
        .chars()
        .flat_map(|c| {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            gbk_bytes(s)
        })
        .collect();
    std::fs::write(sub.join("gejiu.txt"), gbk).unwrap();
    std::fs::copy(
        root().join("tests/cases/huaian-szf-2024/report.json"),
        dir.join("huaian.json"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.xlsx"), b"PK\x03\x04").unwrap();
    let out = gongkai(&["check", "--format", "json", dir.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0]["report"].as_str().unwrap().ends_with("gejiu.txt"));
    let rules: Vec<&str> = lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"L13") && rules.contains(&"X-4"),
        "{rules:?}"
    );
    assert_eq!(lines[1]["valid"], Value::Bool(true));
    assert_eq!(out.status.code(), Some(0));
}

/// GBK bytes of a short string, via the table the test needs (ASCII and the
/// encoder of the `encoding_rs` crate the core uses).
fn gbk_bytes(s: &str) -> Vec<u8> {
    gongkai::decode::encode_gbk(s)
}

#[test]
fn render_prints_the_tables_in_each_format() {
    let pub_text = "../shared/corpus/014-pingtan-syq-2020.txt";
    let out = gongkai(&["render", pub_text, "--to", "html", "--findings"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Pingtan 2020's （七）总计 row does not add up: marked on the cell.
    assert!(html.contains("<td id=\"gk-requests/total/total\" data-cell=\"requests/total/total\" class=\"gk-value gk-error\""));
    let out = gongkai(&["render", pub_text, "--to", "html", "--fragment"]);
    let frag = String::from_utf8(out.stdout).unwrap();
    assert!(frag.starts_with("<div class=\"gk-report\"") && !frag.contains("gk-error"));
    let out = gongkai(&["render", pub_text, "--to", "md"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("| 结果维持 |"));
    let out = gongkai(&[
        "render",
        pub_text,
        "--to",
        "text",
        "--lang",
        "en",
        "--findings",
    ]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("Findings:"));
}

#[test]
fn render_to_a_csv_file_writes_a_bom_for_excel() {
    let dir = std::env::temp_dir().join(format!("gongkai-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cells.csv");
    let out = gongkai(&[
        "render",
        "../shared/corpus/gejiu-2018.txt",
        "--to",
        "csv",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}单元格,表,行,列,数值,原文\r\n".as_bytes()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_of_a_text_with_no_table_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("gongkai-render-none-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("note.txt");
    std::fs::write(&file, "关于开展政府信息公开工作的通知\n").unwrap();
    let out = gongkai(&["render", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names no form"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "check",
            "../shared/corpus",
            "tests/cases",
            "--format",
            "json",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up, as `| head -c 1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn series_checks_each_year_against_the_one_before() {
    let out = gongkai(&["series", "../shared/corpus", "--format", "json"]);
    // Reports without a known form have errors (F-0): exit 1.
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let entry = |file: &str| {
        lines
            .iter()
            .find(|l| l["report"].as_str().unwrap().ends_with(file))
            .unwrap()
            .clone()
    };
    let e = entry("003-pingtan-xian-2012.txt");
    assert!(e["previous"]
        .as_str()
        .unwrap()
        .ends_with("002-pingtan-xian-2011.txt"));
    assert_eq!(e["findings"][0]["rule"], "C-1");
    let e = entry("015-pingtan-syq-2021.txt");
    assert!(e["previous"]
        .as_str()
        .unwrap()
        .ends_with("014-pingtan-syq-2020.txt"));
    assert_eq!(entry("020-huaian-szf-2024.txt")["previous"], Value::Null);
}

#[test]
fn similar_finds_the_copied_text_between_bodies() {
    let out = gongkai(&["similar", "../shared/corpus", "--lang", "en"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("002-pingtan-xian-2011.txt\n  ≈ ../shared/corpus/001-pingtan-syq-2011.txt")
    );
    assert!(
        text.ends_with("21 reports, 1 near-duplicate pairs\n"),
        "{text}"
    );
}

#[test]
fn sum_adds_reports_and_checks_a_summary() {
    let part = case("huaian-szf-2024", "report.json");
    let out = gongkai(&["sum", &part, &part, "--format", "json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["cells"]["requests/new/total"], 6238);
    // The summary is one report, not the sum of two: A-1 on every non-zero cell.
    let out = gongkai(&["sum", &part, &part, "--against", &part]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "✗ 错误 A-1 [requests/new/total]  一、本年新收申请·总计 汇总为 3119，各报告之和为 6238"
        ),
        "{text}"
    );
    let out = gongkai(&["sum", &part, &case("gejiu-2018", "report.json")]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_pdf_and_a_word_file_are_read_by_content() {
    let json = |file: &str| -> Value {
        let out = gongkai(&["check", "--format", "json", file]);
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{file}"
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // The published PDF gives what its pdftotext text gives.
    let pdf = json("../shared/corpus/020-huaian-szf-2024.pdf");
    let txt = json("../shared/corpus/020-huaian-szf-2024.txt");
    assert_eq!(pdf["findings"], txt["findings"]);
    // The blank Word template: the 2021 form, every cell blank.
    let out = gongkai(&["parse", "../shared/corpus/template-2021.docx"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["form"], "2021");
    assert_eq!(report["cells"].as_object().unwrap().len(), 200);
}
