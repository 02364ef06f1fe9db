//! Meta data and section headings as reports print them in the wild: a
//! collector's header before the report, a portal's 发布日期 line, the date
//! signed at the end, headings in other words, spaced out or broken over two
//! lines, OCR noise in the body's name. The reader must take the date that
//! belongs to the report, find the sections that are there, and never make
//! an error (S-1, D-1) of its own misreading.

#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai::{Options, Outcome, Registry, Report, Severity};

/// The six official headings of the 2021 form.
const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The 2021 tables, tab-separated as a portal's text copy prints them;
/// every sum holds.
const TABLE2: &str = "\
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t5\t2\t31
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t1520
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t310
行政强制\t12
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0
";

const TABLE3: &str = "\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
自然人\t法人或其他组织\t总计
商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量\t40\t5\t0\t0\t1\t0\t46
二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2
三、本年度办理结果\t（一）予以公开\t18\t2\t0\t0\t1\t0\t21
（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t0\t0\t0\t0\t0\t3
（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1
3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
6.属于四类过程性信息\t1\t0\t0\t0\t0\t0\t1
7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
（四）无法提供\t1.本机关不掌握相关政府信息\t10\t2\t0\t0\t0\t0\t12
2.没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1
3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
（五）不予处理\t1.信访举报投诉类申请\t3\t0\t0\t0\t0\t0\t3
2.重复申请\t1\t0\t0\t0\t0\t0\t1
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t2\t1\t0\t0\t0\t0\t3
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
3.其他\t0\t0\t0\t0\t0\t0\t0
（七）总计\t40\t5\t0\t0\t1\t0\t46
四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2
";

const TABLE4: &str = "\
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
";

/// The parts of a report that a test changes.
struct Shape<'a> {
    /// What precedes the title: a collector's or a portal's lines.
    header: &'a str,
    title: &'a str,
    /// Between the title and the preamble (a portal's 发布日期 line).
    portal: &'a str,
    headings: [&'a str; 6],
    /// What follows the last section (the signature).
    signature: &'a str,
}

const BODY: &str = "某某县交通运输局";
const TITLE: &str = "某某县交通运输局2023年政府信息公开工作年度报告";

impl Default for Shape<'_> {
    fn default() -> Self {
        Shape {
            header: "",
            title: TITLE,
            portal: "",
            headings: HEADINGS,
            signature: "",
        }
    }
}

/// A department's 2023 report as a portal's text copy prints it.
fn text(s: &Shape) -> String {
    let [h1, h2, h3, h4, h5, h6] = s.headings;
    format!(
        "{header}{title}\n{portal}\n\
本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与{BODY}办公室联系。\n\n\
{h1}\n\
2023年，县交通运输局围绕道路运输管理、交通综合执法等重点工作，扎实做好政府信息公开工作。\n\
（一）主动公开。在局门户网站公开通知公告、行政执法等政府信息。\n\
（二）依申请公开。严格按照法定时限答复申请人。\n\
（三）政府信息管理。落实公开审查制度，明确公开属性。\n\n\
{h2}\n{TABLE2}\n\
{h3}\n{TABLE3}\n\
{h4}\n{TABLE4}\n\
{h5}\n\
（一）存在的问题。政策解读的形式还不够丰富，以文字解读为主。\n\
（二）改进措施。推出图解、短视频等解读形式，提高政策解读的可读性。\n\n\
{h6}\n\
本年度未收取政府信息公开信息处理费。无其他需要报告的事项。\n\n\
{signature}",
        header = s.header,
        title = s.title,
        portal = s.portal,
        signature = s.signature,
    )
}

fn parse(input: &str) -> Report {
    Registry::builtin().parse(input).unwrap()
}

fn check(report: &Report) -> Outcome {
    Registry::builtin().validate(report, &Options::default())
}

/// The rule ids of the outcome's errors.
fn errors(o: &Outcome) -> Vec<String> {
    o.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect()
}

fn fired(o: &Outcome, rule: &str) -> bool {
    o.findings.iter().any(|f| f.rule == rule)
}

fn keys(r: &Report) -> Vec<&str> {
    r.sections
        .iter()
        .map(|s| s.key.as_str())
        .filter(|k| *k != "preamble")
        .collect()
}

const ALL: [&str; 6] = [
    "overview",
    "active",
    "requests",
    "review_litigation",
    "problems",
    "other",
];

/// The plain report reads without any error: the base the other tests vary.
#[test]
fn the_plain_report_is_read_whole_and_valid() {
    let r = parse(&text(&Shape::default()));
    assert_eq!(r.form.as_deref(), Some("2021"));
    assert_eq!(r.meta.body.as_deref(), Some(BODY));
    assert_eq!(r.meta.year, Some(2023));
    assert_eq!(r.meta.published, None);
    assert_eq!(keys(&r), ALL);
    assert_eq!(r.cells.len(), 200, "{:?}", r.notes);
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
}

#[test]
fn a_collectors_date_is_never_the_publication_date() {
    for label in [
        "采集时间",
        "抓取时间",
        "归档日期",
        "下载时间",
        "访问日期",
        "入库时间",
        "更新时间",
    ] {
        let header = format!(
            "单位：{BODY}\n来源：某某县人民政府门户网站\n栏目：政府信息公开年报\n{label}：2026-03-01 10:22\n"
        );
        // Signed at the end: the report's own date decides.
        let signed = text(&Shape {
            header: &header,
            signature: &format!("{BODY}\n2024年1月17日\n"),
            ..Shape::default()
        });
        let r = parse(&signed);
        assert_eq!(r.meta.title.as_deref(), Some(TITLE), "{label}");
        assert_eq!(r.meta.year, Some(2023), "{label}");
        assert_eq!(r.meta.published.as_deref(), Some("2024-01-17"), "{label}");
        assert_eq!(
            r.meta.published_from.as_deref(),
            Some("signature"),
            "{label}"
        );
        let o = check(&r);
        assert!(!fired(&o, "D-1"), "{label}: {:?}", o.findings);
        assert!(errors(&o).is_empty(), "{label}: {:?}", errors(&o));
        // Not signed: no date at all, rather than the collector's.
        let unsigned = text(&Shape {
            header: &header,
            ..Shape::default()
        });
        let r = parse(&unsigned);
        assert_eq!(r.meta.published, None, "{label}");
        assert_eq!(r.meta.published_from, None, "{label}");
        assert!(!fired(&check(&r), "D-1"), "{label}");
    }
}

#[test]
fn a_collectors_date_inline_is_not_a_portal_time() {
    // 时间： inside 采集时间： on a line of several fields.
    let header = format!("来源：{BODY}　采集时间：2026-03-01 10:22　字数：3210\n");
    let r = parse(&text(&Shape {
        header: &header,
        ..Shape::default()
    }));
    assert_eq!(r.meta.published, None);
}

#[test]
fn a_portal_line_and_the_signature_that_agree_give_the_portals_date() {
    let r = parse(&text(&Shape {
        header: "单位：某某县交通运输局\n采集时间：2026-03-01 10:22\n",
        portal: "发布日期：2024-01-22　　浏览次数：216　　【打印】【关闭】\n",
        signature: "某某县交通运输局\n2024年1月17日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-22"));
    assert_eq!(r.meta.published_from.as_deref(), Some("portal"));
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
    assert!(!fired(&o, "D-1"));
}

#[test]
fn a_portal_line_alone_is_read_and_a_late_one_still_warns() {
    let r = parse(&text(&Shape {
        portal: "来源：某某县交通运输局  发布时间：2024-01-25 09:12\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-25"));
    assert_eq!(r.meta.published_from.as_deref(), Some("portal"));
    assert!(!fired(&check(&r), "D-1"));
    // A department's report published in March, and signed in March: late.
    let r = parse(&text(&Shape {
        portal: "发布时间：2024-03-06 09:12\n",
        signature: "某某县交通运输局\n2024年3月1日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-03-06"));
    assert!(fired(&check(&r), "D-1"));
}

#[test]
fn a_label_in_a_cell_of_its_own_has_its_value_on_the_next_line() {
    let r = parse(&text(&Shape {
        header: "索引号\n000000000/2024-00012\n发布机构\n某某县交通运输局\n发布日期\n2024-01-19\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-19"));
    assert_eq!(r.meta.published_from.as_deref(), Some("portal"));
}

#[test]
fn candidates_that_disagree_leave_the_date_unknown() {
    // The page says September, the report says January: which is the
    // publication is not for the reader to guess.
    let r = parse(&text(&Shape {
        portal: "发布时间：2024-09-02\n",
        signature: "某某县交通运输局\n2024年1月17日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published, None);
    assert_eq!(r.meta.published_from, None);
    assert!(!fired(&check(&r), "D-1"));
}

#[test]
fn a_date_that_cannot_be_the_publication_is_passed_over() {
    // Signed with the report year (a slip for 2024): the portal's date.
    let r = parse(&text(&Shape {
        portal: "发布日期：2024-01-22\n",
        signature: "某某县交通运输局\n2023年1月17日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-22"));
    assert_eq!(r.meta.published_from.as_deref(), Some("portal"));
    // A page re-dated years later (a site moved), the report signed on time.
    let r = parse(&text(&Shape {
        portal: "发布时间：2026-03-01 10:22\n",
        signature: "某某县交通运输局\n2024年1月17日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-17"));
    assert_eq!(r.meta.published_from.as_deref(), Some("signature"));
    assert!(!fired(&check(&r), "D-1"));
    // The same page not signed: nothing to go by.
    let r = parse(&text(&Shape {
        portal: "发布时间：2026-03-01 10:22\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published, None);
    // 统计时间 is not a publication time; a bare 时间 before the year's end is not one either.
    let r = parse(&text(&Shape {
        portal: "统计时间：2024-01-05\n时间：2023-06-30\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published, None);
}

#[test]
fn signatures_as_they_are_printed() {
    let cases = [
        // Chinese numerals, as older documents date themselves.
        ("某某县交通运输局\n二〇二四年一月十七日\n", "2024-01-17"),
        ("某某县交通运输局\n二○二四年一月二十二日\n", "2024-01-22"),
        // Extracted PDF text: right-aligned, digits spaced off, a page number after.
        (
            "                              某某县交通运输局\n                              2024 年 1 月 17 日\n\n- 6 -\n",
            "2024-01-17",
        ),
        // Name and date on one line.
        ("某某县交通运输局　2024年1月17日\n", "2024-01-17"),
        // Full-width digits; the name spaced out.
        ("某 某 县 交 通 运 输 局\n２０２４年１月１７日\n", "2024-01-17"),
        // Two bodies signing.
        (
            "某某县人民政府办公室\n某某县交通运输局\n2024年1月17日\n",
            "2024-01-17",
        ),
    ];
    for (signature, date) in cases {
        let r = parse(&text(&Shape {
            signature,
            ..Shape::default()
        }));
        assert_eq!(r.meta.published.as_deref(), Some(date), "{signature}");
        assert_eq!(r.meta.published_from.as_deref(), Some("signature"));
    }
    // A date after words that are not a body's name is no signature.
    for not_signed in [
        "本报告于\n2024年1月17日\n",
        "附件：某某县交通运输局2023年政府信息公开工作年度报告（2024年1月17日）\n",
    ] {
        let r = parse(&text(&Shape {
            signature: not_signed,
            ..Shape::default()
        }));
        assert_eq!(r.meta.published, None, "{not_signed}");
    }
}

#[test]
fn a_portals_written_date_stands_in_for_a_signature() {
    let r = parse(&text(&Shape {
        header: "索引号：000000000/2024-00012\n成文日期：2024-01-16\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-16"));
    assert_eq!(r.meta.published_from.as_deref(), Some("written"));
}

#[test]
fn headings_in_other_words_are_the_sections() {
    let variants: [[&str; 6]; 3] = [
        [
            "一、总体概述",
            "二、主动公开情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及整改措施",
            "六、其他需要报告的事项说明",
        ],
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、依申请公开情况",
            "四、行政复议和行政诉讼情况",
            "五、存在问题和改进措施",
            "六、需要说明的其他事项",
        ],
        // Other numbering and punctuation.
        [
            "第一部分 总体概况",
            "第二部分 主动公开政府信息情况",
            "第三部分 收到和处理政府信息公开申请情况",
            "第四部分 政府信息公开行政复议、行政诉讼情况",
            "第五部分 存在的主要问题及改进措施",
            "第六部分 其他需要报告的事项",
        ],
    ];
    for headings in variants {
        let r = parse(&text(&Shape {
            headings,
            ..Shape::default()
        }));
        assert_eq!(keys(&r), ALL, "{headings:?}");
        assert!(r.doubts.keys().all(|k| !k.starts_with("section/")));
        let o = check(&r);
        assert!(!fired(&o, "S-1"), "{headings:?}: {:?}", o.findings);
        assert!(errors(&o).is_empty(), "{headings:?}: {:?}", errors(&o));
    }
}

#[test]
fn a_section_holds_its_own_text_under_other_words() {
    let r = parse(&text(&Shape {
        headings: [
            "一、总体概述",
            HEADINGS[1],
            HEADINGS[2],
            HEADINGS[3],
            "五、存在问题和改进措施",
            HEADINGS[5],
        ],
        ..Shape::default()
    }));
    let problems = r.section("problems").unwrap();
    assert!(
        problems.text.contains("政策解读的形式"),
        "{}",
        problems.text
    );
    assert!(!problems.text.contains("信息处理费"), "{}", problems.text);
    let review = r.section("review_litigation").unwrap();
    assert!(!review.text.contains("政策解读"), "{}", review.text);
}

#[test]
fn headings_spaced_out_or_in_mixed_widths() {
    let headings = [
        "一、总 体 情 况",
        "二．主动公开政府信息情况",
        "三，收到和处理政府信息公开申请情况",
        "四、 政府信息公开行政复议、行政诉讼情况",
        "五 、存 在 的 主 要 问 题 及 改 进 情 况",
        "六 其他需要报告的事项",
    ];
    let r = parse(&text(&Shape {
        headings,
        ..Shape::default()
    }));
    assert_eq!(keys(&r), ALL);
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
}

#[test]
fn headings_broken_over_two_lines() {
    let headings = [
        "一、总体\n情况",
        "二、主动公开政府\n信息情况",
        "三、收到和处理政府信息公开\n申请情况",
        "四、政府信息公开行政复议、\n行政诉讼情况",
        "五、存在的主要问题\n及整改措施",
        "六、\n其他需要报告的事项",
    ];
    let r = parse(&text(&Shape {
        headings,
        ..Shape::default()
    }));
    assert_eq!(keys(&r), ALL);
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
}

#[test]
fn a_numbered_heading_in_unrelated_words_is_not_the_section() {
    let r = parse(&text(&Shape {
        headings: [
            HEADINGS[0],
            HEADINGS[1],
            HEADINGS[2],
            HEADINGS[3],
            "五、下一步工作打算",
            HEADINGS[5],
        ],
        ..Shape::default()
    }));
    // Not read as the section: the words are not its words.
    assert!(r.section("problems").is_none());
    assert_eq!(
        keys(&r),
        [
            "overview",
            "active",
            "requests",
            "review_litigation",
            "other"
        ]
    );
}

/// The reader records its doubt about the section (parse/mod.rs stores what
/// `meta::read_sections_doubts` finds), and validate makes the S-1 a
/// reading note instead of an error.
#[test]
fn a_numbered_heading_in_unrelated_words_is_a_doubt_not_an_error() {
    let r = parse(&text(&Shape {
        headings: [
            HEADINGS[0],
            HEADINGS[1],
            HEADINGS[2],
            HEADINGS[3],
            "五、下一步工作打算",
            HEADINGS[5],
        ],
        ..Shape::default()
    }));
    let why = r.doubts.get("section/problems").expect("a doubt");
    assert!(why.contains("五、下一步工作打算"), "{why}");
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
}

#[test]
fn a_section_really_missing_stays_an_error() {
    // Section 五 not printed at all, nor any line numbered 五.
    let full = text(&Shape::default());
    let start = full.find(HEADINGS[4]).unwrap();
    let end = full.find(HEADINGS[5]).unwrap();
    let cut = format!("{}{}", &full[..start], &full[end..]);
    let r = parse(&cut);
    assert!(r.section("problems").is_none());
    assert!(!r.doubts.contains_key("section/problems"));
    let o = check(&r);
    let s1: Vec<_> = o.findings.iter().filter(|f| f.rule == "S-1").collect();
    assert_eq!(s1.len(), 1, "{:?}", o.findings);
    assert_eq!(s1[0].severity, Severity::Error);
    assert_eq!(s1[0].expected.as_deref(), Some(HEADINGS[4]));
}

#[test]
fn the_golden_case_without_sections_keeps_its_s1_errors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/cases/synthetic-text-rows-unmatched/input.md"
    );
    let r = parse(&std::fs::read_to_string(path).unwrap());
    assert_eq!(keys(&r), ["requests", "review_litigation"]);
    assert!(
        r.doubts.keys().all(|k| !k.starts_with("section/")),
        "{:?}",
        r.doubts
    );
    let o = check(&r);
    let s1 = o
        .findings
        .iter()
        .filter(|f| f.rule == "S-1" && f.severity == Severity::Error)
        .count();
    assert_eq!(s1, 4);
}

#[test]
fn markdown_with_headings_in_other_words() {
    let md = format!(
        "# {TITLE}\n\n发布日期：2024-01-22\n\n\
## 一、总体概述\n\n2023年，县交通运输局扎实做好政府信息公开工作。\n\n\
## 二、主动公开情况\n\n\
| 第二十条第（一）项 | | | |\n|---|---|---|---|\n\
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 5 | 2 | 31 |\n\n\
| 第二十条第（五）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 1520 |\n\n\
| 第二十条第（六）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政处罚 | 310 |\n| 行政强制 | 12 |\n\n\
| 第二十条第（八）项 | |\n|---|---|\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 0 |\n\n\
## **三、收到和处理政府信息公开申请情况**\n\n{t3}\n\
## 四、行政复议、行政诉讼情况\n\n\
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n\
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n\
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n\
## 五、存在的主要问题及整改措施\n\n政策解读的形式还不够丰富。下一步将推出图解等解读形式。\n\n\
## 六、其他需要报告的事项说明\n\n本年度未收取信息处理费。\n\n{BODY}\n\n2024年1月17日\n",
        t3 = markdown_table3(),
    );
    let r = parse(&md);
    assert_eq!(r.form.as_deref(), Some("2021"));
    assert_eq!(keys(&r), ALL);
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-22"));
    assert_eq!(r.meta.published_from.as_deref(), Some("portal"));
    let o = check(&r);
    assert!(!fired(&o, "S-1") && !fired(&o, "D-1"), "{:?}", o.findings);
}

/// TABLE3 as a Markdown table.
fn markdown_table3() -> String {
    let mut out = String::from("| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n");
    for line in TABLE3.lines().skip(3) {
        let cells: Vec<&str> = line.split('\t').collect();
        // The label is the cell before the seven values.
        let n = cells.len();
        out.push_str(&format!(
            "| {} | {} |\n",
            cells[n - 8],
            cells[n - 7..].join(" | ")
        ));
    }
    out
}

#[test]
fn a_body_name_with_ocr_noise_is_read_as_printed() {
    // 沐 for 沭: read as printed, not corrected.
    let r = parse(&text(&Shape {
        title: "沐阳县交通运输局2023年政府信息公开工作年度报告",
        ..Shape::default()
    }));
    assert_eq!(r.meta.body.as_deref(), Some("沐阳县交通运输局"));
    assert_eq!(r.meta.year, Some(2023));
    assert_eq!(r.meta.kind, Some(gongkai::BodyKind::Department));
}

#[test]
fn titles_spaced_out_in_full_width_or_broken() {
    for title in [
        "某 某 县 交 通 运 输 局 2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告",
        "某某县交通运输局２０２３年政府信息公开工作年度报告",
        "某某县交通运输局\n2023年政府信息公开工作年度报告",
        "某某县交通运输局2023年政府信息公开工作年度\n报告",
        "文件名：某某县交通运输局2023年政府信息公开工作年度报告.pdf",
    ] {
        let r = parse(&text(&Shape {
            title,
            ..Shape::default()
        }));
        assert_eq!(r.meta.body.as_deref(), Some(BODY), "{title}");
        assert_eq!(r.meta.year, Some(2023), "{title}");
        assert_eq!(r.meta.kind, Some(gongkai::BodyKind::Department), "{title}");
    }
}

#[test]
fn collector_header_signature_and_other_headings_together() {
    let r = parse(&text(&Shape {
        header: "单位：沐阳县交通运输局\n来源：沐阳县人民政府网\n采集时间：2026-03-01 10:22\n",
        title: "沐阳县交通运输局2023年政府信息公开工作年度报告",
        headings: [
            "一、总 体 情 况",
            "二、主动公开情况",
            HEADINGS[2],
            HEADINGS[3],
            "五、存在的主要问题及整改措施",
            "六、其他需要报告的事项说明",
        ],
        signature: "沭阳县交通运输局\n2024年1月17日\n",
        ..Shape::default()
    }));
    assert_eq!(r.meta.body.as_deref(), Some("沐阳县交通运输局"));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-17"));
    assert_eq!(r.meta.published_from.as_deref(), Some("signature"));
    assert_eq!(keys(&r), ALL);
    let o = check(&r);
    assert!(errors(&o).is_empty(), "{:?}", errors(&o));
    assert!(!fired(&o, "D-1"));
}
