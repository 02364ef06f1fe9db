//! Normalising text for matching labels: full-width forms folded, traditional
//! characters mapped to simplified, punctuation variants unified.

/// Traditional → simplified, for the characters of the forms' labels,
/// section headings and the phrases the reader looks for (pairs of chars).
const T2S: &str = "佔占來来個个傳传億亿內内兩两別别動动務务區区卻却參参員员問问單单國国圍围執执報报實实審审寫写專专對对屬属廢废廳厅強强後后徑径從从復复應应採采據据數数於于時时會会條条業业構构標标機机權权歷历決决沒没況况減减滿满濟济為为無无熱热爲为獲获現现當当發发眾众確确祕秘稱称穩稳範范糾纠納纳級级組组結结絡络統统經经綜综維维網网線线編编縣县總总織织繳缴繼继續续罰罚聞闻聯联職职與与舉举華华萬万處处號号衆众補补見见規规計计訓训訟讼訪访設设許许訴诉評评詢询試试話话認认談谈請请識识議议護护讀读負负責责費费購购載载輯辑輿舆轉转辦办這这進进過过適适郵邮鄉乡鄰邻錯错鎮镇長长門门開开間间閩闽閱阅關关隱隐電电項项題题額额類类駁驳驗验體体點点";

/// The pairs, sorted by the traditional character, for a binary search.
static T2S_TABLE: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
    let cs: Vec<char> = T2S.chars().collect();
    let mut v: Vec<(char, char)> = cs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    v.sort_unstable();
    v
});

fn t2s(c: char) -> char {
    match T2S_TABLE.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => T2S_TABLE[i].1,
        Err(_) => c,
    }
}

/// Folds one character for matching; `None` drops it (spaces, quotes).
pub fn fold(c: char) -> Option<char> {
    let c = match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '（' | '〔' | '［' | '【' | '[' => '(',
        '）' | '〕' | '］' | '】' | ']' => ')',
        '：' => ':',
        '，' | '、' => ',',
        '．' | '。' => '.',
        '；' => ';',
        '／' => '/',
        '－' | '—' | '―' | '–' | '−' | '﹣' => '-',
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》' | '<' | '>' => {
            return None
        }
        c if c.is_whitespace()
            || c == '\u{a0}'
            || c == '\u{3000}'
            || c == '\u{200b}'
            || c == '\u{feff}' =>
        {
            return None
        }
        c if (c as u32) >= 0x3400 => t2s(c),
        c => c,
    };
    Some(c)
}

/// A label folded for matching, with digits dropped (the reader drops them
/// from the text too, since they are glued to numbers there).
pub fn label_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if digit {
            prev_digit = true;
            continue;
        }
        // "1、" numbers an item like "1.".
        let c = if prev_digit && matches!(c, '、' | '，' | ',' | '．') {
            '.'
        } else {
            c
        };
        prev_digit = false;
        if let Some(f) = fold(c) {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants_alike() {
        assert_eq!(label_key("（一）予以公开"), label_key("(一)予以公开"));
        assert_eq!(
            label_key("2、其他法律行政法规禁止公开"),
            label_key("2.其他法律行政法规禁止公开")
        );
        assert_eq!(
            label_key("3.危及“三安全一稳定”"),
            label_key("3.危及三安全一稳定")
        );
        assert_eq!(
            label_key("收到和處理政府信息公開申請情況"),
            label_key("收到和处理政府信息公开申请情况")
        );
        assert_eq!(label_key("统 计 指 标"), "统计指标");
        assert_eq!(label_key("计1条"), "计条");
    }
}
