//! Normalising text for matching labels: full-width forms folded, traditional
//! characters mapped to simplified, punctuation variants unified.

/// Traditional → simplified, for the characters of the forms' labels,
/// section headings and the phrases the reader looks for (pairs of chars).
const T2S: &str = "丟丢並并亂乱佈布佔占來来個个們们備备傳传債债傾倾僅仅價价儀仪償偿優优兌兑內内兩两冊册別别刪删則则創创劃划動动務务勞劳勢势勵励匯汇區区協协卻却參参員员問问啓启啟启單单嚴严國国圍围園园圓圆圖图團团執执堅坚報报場场塊块壓压夠够學学實实審审寫写寬宽將将專专對对導导屆届層层屬属島岛崗岗嵐岚嶼屿帥帅師师帶带幫帮幹干幾几庫库廢废廣广廳厅張张強强後后徑径從从復复徵征徹彻惡恶態态慣惯慮虑應应戰战戶户掃扫掛挂採采換换揮挥撐撑撥拨撫抚擁拥擊击擔担據据擬拟擴扩敗败數数斷断於于時时暢畅暫暂曉晓書书會会東东條条業业極极構构樂乐樓楼標标樣样樹树機机橫横檔档檢检櫥橱欄栏權权歡欢歷历歸归殘残殺杀氣气汙污決决沒没況况洩泄淺浅減减測测準准溝沟溫温滾滚滿满潔洁濟济瀏浏灣湾災灾為为無无煩烦熱热營营爭争爲为牆墙狀状獎奖獨独獲获現现環环產产畢毕異异當当疇畴療疗發发盡尽監监眾众確确碼码礎础礙碍礦矿祕秘稅税種种稱称積积穩稳競竞箇个節节範范築筑簡简籌筹籤签糞粪糾纠紀纪約约紅红納纳紙纸級级細细紹绍終终組组結结絕绝絡络給给統统絲丝綁绑經经綜综維维綱纲網网緊紧線线編编練练縣县縫缝縮缩縱纵總总績绩織织繞绕繪绘繳缴繼继續续罰罚羅罗羣群義义習习聞闻聯联聲声職职聽听肅肃脫脱臨临臺台與与舉举舊旧莊庄華华萬万著着蓋盖薦荐藥药蘇苏處处虛虚號号衆众術术衛卫裏里補补裝装裡里見见規规視视親亲覺觉覽览觀观觸触訂订計计訊讯討讨訓训託托記记訟讼訪访設设許许訴诉診诊詐诈評评詞词詢询試试詮诠話话該该詳详認认語语誠诚說说説说誰谁課课調调談谈請请論论諧谐諮咨講讲謹谨證证識识議议護护讀读變变讓让豐丰豬猪負负財财貧贫貫贯責责買买貸贷費费貼贴貿贸賃赁資资賣卖質质賬账購购贈赠踐践蹤踪車车軟软較较載载輔辅輕轻輪轮輯辑輸输輻辐輿舆轄辖轉转辦办農农這这連连進进遊游運运過过達达違违遞递遠远適适遷迁選选遺遗還还邊边郵邮鄉乡鄰邻醫医釋释針针鈎钩鉤钩銜衔銷销錄录錢钱錯错鍵键鍾钟鎮镇鏈链鏡镜長长門门開开間间閩闽閱阅閲阅關关闡阐闢辟陣阵陸陆陽阳隊队階阶際际隨随險险隱隐雖虽雙双雜杂離离難难雲云電电靈灵鞏巩響响頁页頂顶項项順顺須须預预領领頭头頸颈頻频題题額额願愿類类顯显風风飲饮養养餘余館馆饋馈駁驳駐驻驗验驥骥體体鬥斗魚鱼鮑鲍鮮鲜鴻鸿點点黨党齊齐龍龙";

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

/// Traditional characters mapped to simplified, everything else kept: for
/// reading words in a 繁體 copy of a report.
pub fn simplify(s: &str) -> String {
    s.chars()
        .map(|c| if (c as u32) >= 0x3400 { t2s(c) } else { c })
        .collect()
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
        assert_eq!(
            simplify("發佈時間：箇舊市政府信息公開"),
            "发布时间：个旧市政府信息公开"
        );
    }
}
