//! Rendering a rule's message template with a finding's values.
//! Templates come from the form files; only the few words the engine itself
//! supplies (kind names, "blank") are here.

use crate::finding::Lang;
use crate::form::{Messages, ValueKind};

/// Named values a template may use as `{name}`.
#[derive(Debug, Default)]
pub(crate) struct Args {
    pub pairs: Vec<(&'static str, String)>,
}

impl Args {
    pub fn new() -> Self {
        Args::default()
    }

    pub fn set(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.pairs.push((k, v.into()));
        self
    }
}

pub(crate) fn render(m: &Messages, lang: Lang, args: &Args) -> String {
    let tpl = match lang {
        Lang::ZhCn => &m.zh_cn,
        Lang::En => &m.en,
    };
    let mut out = String::with_capacity(tpl.len() + 32);
    let mut rest = tpl.as_str();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.pairs.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a value of a kind must be, in words.
pub(crate) fn kind_words(kind: ValueKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ValueKind::Count, Lang::ZhCn) => "非负整数",
        (ValueKind::Count, Lang::En) => "a non-negative integer",
        (ValueKind::Money, Lang::ZhCn) => "非负金额",
        (ValueKind::Money, Lang::En) => "a non-negative amount",
        (ValueKind::Signed, Lang::ZhCn) => "整数（可带正负号）",
        (ValueKind::Signed, Lang::En) => "a signed integer",
    }
}

/// How a blank cell reads in a message.
pub(crate) fn blank_word(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "空",
        Lang::En => "blank",
    }
}

/// Joins labels for a message, eliding after `max`.
pub(crate) fn join_list(items: &[String], lang: Lang, max: usize) -> String {
    let sep = match lang {
        Lang::ZhCn => "、",
        Lang::En => ", ",
    };
    let mut s = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(sep);
    if items.len() > max {
        match lang {
            Lang::ZhCn => s.push_str(&format!("等{}项", items.len())),
            Lang::En => s.push_str(&format!(" and {} more", items.len() - max)),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_others() {
        let m = Messages {
            zh_cn: "{cell} 应为 {expected}，报告为 {actual}{x}".into(),
            en: "{cell".into(),
        };
        let a = Args::new()
            .set("cell", "（七）总计·自然人")
            .set("expected", "27")
            .set("actual", "21");
        assert_eq!(
            render(&m, Lang::ZhCn, &a),
            "（七）总计·自然人 应为 27，报告为 21{x}"
        );
        assert_eq!(render(&m, Lang::En, &a), "{cell");
    }
}
