//! CJK line breaking for official documents (pure: no fonts, no PDF).
//!
//! The rules (GB/T 15834 punctuation usage, as applied by GB/T 9704 layouts):
//! - no line starts with closing punctuation (，。、；：？！）》」』”’ and the like);
//! - no line ends with opening punctuation (（《「『“‘〔 and the like);
//! - half-width runs stay whole: Latin words, numbers with their decimal point,
//!   thousands separators, percent sign and the like (`3.5`, `85%`, `GB/T`, `0355-1234567`);
//! - a number stays with the one CJK character that follows it (`2026年`, `7号`, `3项`),
//!   so a date or a document number never splits between the digits and their unit;
//! - the two-character dash `——` and ellipsis `……` never split.
//!
//! [`break_lines`] fills lines greedily with unbreakable boxes. When the box that
//! would overflow a line carries closing punctuation glued to its first character,
//! the whole box moves to the next line and the short line is justified by the
//! renderer (推出法), which is how Chinese typesetting keeps the right edge straight.

use std::ops::Range;

/// Punctuation that must not begin a line (行首禁则).
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〗'
            | '〙'
            | '〟'
            | '”'
            | '’'
            | '．'
            | '…'
            | '‥'
            | '·'
            | '・'
            | 'ー'
            | '々'
            | '〃'
            | '％'
            | '‰'
            | '℃'
            | '°'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '»'
            | '›'
    )
}

/// Punctuation (and prefix signs) that must not end a line (行尾禁则).
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〖'
            | '〘'
            | '〝'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '￥'
            | '¥'
            | '$'
            | '£'
            | '€'
            | '№'
    )
}

/// Characters of a half-width run (a Latin word or a number).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || (c.is_alphabetic() && (c as u32) < 0x0250) // Latin letters with diacritics
        || ('\u{0370}'..='\u{03FF}').contains(&c) // Greek
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Characters that join two word characters into one run when they stand between
/// them: `3.5`, `1,000`, `GB/T`, `0355-1234567`, `e-mail`, `a_b`, `x@y`, `10:30`, `it's`.
fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '-' | '/' | '_' | '@' | ':' | '\'' | '+' | '&' | '#' | '~' | '=' | '·'
    )
}

/// Characters that close a half-width run without being word characters: `85%`, `3‰`.
fn is_word_suffix(c: char) -> bool {
    matches!(c, '%' | '‰' | '℃' | '°')
}

/// A CJK ideograph (a character a number may be glued to: `2026年`, `7号`).
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// One unbreakable unit of text: a range of char indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Char index range inside the text.
    pub range: Range<usize>,
    /// True when the segment is a space: a break opportunity that disappears at a
    /// line boundary.
    pub is_space: bool,
}

/// Splits `chars` into the smallest units that must stay together on a line
/// (before the punctuation rules glue them further).
fn atoms(chars: &[char]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        let start = i;
        if is_space(c) {
            while i < n && is_space(chars[i]) {
                i += 1;
            }
            out.push(Segment {
                range: start..i,
                is_space: true,
            });
            continue;
        }
        if is_word_char(c) {
            let mut ends_with_digit = is_digit(c);
            i += 1;
            loop {
                if i < n && is_word_char(chars[i]) {
                    ends_with_digit = is_digit(chars[i]);
                    i += 1;
                } else if i + 1 < n && is_word_joiner(chars[i]) && is_word_char(chars[i + 1]) {
                    i += 1;
                } else if i < n && is_word_suffix(chars[i]) {
                    i += 1;
                    ends_with_digit = false;
                    break;
                } else {
                    break;
                }
            }
            // A number keeps the character that counts it: 2026年, 7号, 3项.
            if ends_with_digit && i < n && is_cjk_ideograph(chars[i]) {
                i += 1;
            }
            out.push(Segment {
                range: start..i,
                is_space: false,
            });
            continue;
        }
        // The dash —— and the ellipsis …… are one mark of two characters.
        if c == '—' || c == '…' || c == '⸺' {
            i += 1;
            while i < n && chars[i] == c {
                i += 1;
            }
            out.push(Segment {
                range: start..i,
                is_space: false,
            });
            continue;
        }
        // Anything else (an ideograph, a punctuation mark, a symbol) is one unit;
        // combining marks and variation selectors stay with their base.
        i += 1;
        while i < n && is_combining(chars[i]) {
            i += 1;
        }
        out.push(Segment {
            range: start..i,
            is_space: false,
        });
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x200D)
}

/// Splits text into unbreakable boxes: [`atoms`] glued by the punctuation rules.
/// A break is allowed between any two consecutive boxes.
pub fn segments(chars: &[char]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for atom in atoms(chars) {
        if let Some(prev) = out.last_mut() {
            let first = chars[atom.range.start];
            let prev_last = chars[prev.range.end - 1];
            // 〔〕 only appear in document numbers: 〔2026〕7号 is one unit.
            let glue = !atom.is_space
                && !prev.is_space
                && (is_closing(first)
                    || is_opening(prev_last)
                    || prev_last == '〕' && is_word_char(first));
            // An opening mark before a space still must not end the line: glue the
            // space away (it is dropped at a line end anyway) — rare, so keep it simple
            // and only glue non-space boxes.
            if glue {
                prev.range.end = atom.range.end;
                continue;
            }
        }
        out.push(atom);
    }
    out
}

/// One line chosen by [`break_lines`].
#[derive(Debug, Clone, PartialEq)]
pub struct LineBreak {
    /// Char index range of the line, without the spaces dropped at its ends.
    pub range: Range<usize>,
    /// Natural width of the line (sum of the widths of its chars).
    pub width: f32,
    /// True for the last line of the text (a paragraph's last line is not justified).
    pub last: bool,
}

/// Breaks `text` into lines. `first_width` is the room on the first line (after a
/// first-line indent), `width` on every other line; `width_of` gives each char's
/// advance in the same unit. Returns at least one line (an empty one for empty text).
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    width_of: impl Fn(char) -> f32,
) -> Vec<LineBreak> {
    let chars: Vec<char> = text.chars().collect();
    let widths: Vec<f32> = chars.iter().map(|&c| width_of(c)).collect();
    break_chars(&chars, &widths, first_width, width)
}

/// [`break_lines`] over a char slice with one width per char (the renderer's
/// entry point: a paragraph mixing fonts and sizes knows each char's advance).
pub fn break_chars(chars: &[char], widths: &[f32], first_width: f32, width: f32) -> Vec<LineBreak> {
    const EPS: f32 = 1e-3;
    debug_assert_eq!(chars.len(), widths.len());
    let segs = segments(chars);
    let seg_width = |r: &Range<usize>| -> f32 { widths[r.clone()].iter().sum() };
    let mut lines: Vec<LineBreak> = Vec::new();
    let mut start: Option<usize> = None; // first char index of the current line
    let mut end = 0usize; // end of the last non-space segment on the line
    let mut line_w = 0.0f32; // width up to `end`
    let mut pending_space_w = 0.0f32; // spaces after `end` not yet committed
    let room = |lines: &Vec<LineBreak>| if lines.is_empty() { first_width } else { width };

    let mut i = 0;
    while i < segs.len() {
        let seg = &segs[i];
        if seg.is_space {
            if start.is_some() {
                pending_space_w += seg_width(&seg.range);
            }
            i += 1;
            continue;
        }
        let w = seg_width(&seg.range);
        match start {
            None => {
                if w > room(&lines) + EPS {
                    // A box wider than a whole line: break it by characters; its
                    // tail opens the next line.
                    let (tail, tail_w) = split_long(
                        chars,
                        seg.range.clone(),
                        widths,
                        &mut lines,
                        first_width,
                        width,
                    );
                    start = Some(tail);
                    end = seg.range.end;
                    line_w = tail_w;
                    pending_space_w = 0.0;
                    i += 1;
                    continue;
                }
                start = Some(seg.range.start);
                end = seg.range.end;
                line_w = w;
                pending_space_w = 0.0;
                i += 1;
            }
            Some(s) => {
                if line_w + pending_space_w + w <= room(&lines) + EPS {
                    end = seg.range.end;
                    line_w += pending_space_w + w;
                    pending_space_w = 0.0;
                    i += 1;
                } else {
                    lines.push(LineBreak {
                        range: s..end,
                        width: line_w,
                        last: false,
                    });
                    start = None;
                    pending_space_w = 0.0;
                    // Re-examine the same segment on the new line.
                }
            }
        }
    }
    if let Some(s) = start {
        lines.push(LineBreak {
            range: s..end,
            width: line_w,
            last: true,
        });
    } else if let Some(l) = lines.last_mut() {
        l.last = true;
    } else {
        lines.push(LineBreak {
            range: 0..0,
            width: 0.0,
            last: true,
        });
    }
    lines
}

/// Breaks one over-long box (a very long URL or number) by characters, at the
/// last position of each line where the punctuation rules allow it (anywhere if
/// there is none). Pushes the full lines; returns the start and width of the tail.
fn split_long(
    chars: &[char],
    range: Range<usize>,
    widths: &[f32],
    lines: &mut Vec<LineBreak>,
    first_width: f32,
    width: f32,
) -> (usize, f32) {
    let legal = |e: usize| e >= range.end || !is_closing(chars[e]) && !is_opening(chars[e - 1]);
    let mut s = range.start;
    loop {
        let room = if lines.is_empty() { first_width } else { width };
        let rest: f32 = widths[s..range.end].iter().sum();
        if rest <= room + 1e-3 {
            return (s, rest);
        }
        // The furthest end that fits, then back to a legal one.
        let mut w = 0.0;
        let mut fit = s;
        while fit < range.end && w + widths[fit] <= room + 1e-3 {
            w += widths[fit];
            fit += 1;
        }
        let fit = fit.max(s + 1);
        let e = (s + 1..=fit).rev().find(|&e| legal(e)).unwrap_or(fit);
        lines.push(LineBreak {
            range: s..e,
            width: widths[s..e].iter().sum(),
            last: false,
        });
        s = e;
    }
}

/// Words of Party-building and dispatch titles that a title line must not split
/// (a small lexicon stands in for word segmentation; longest match wins).
const TITLE_WORDS: &[&str] = &[
    "标准化",
    "规范化",
    "制度化",
    "程序化",
    "表格化",
    "常态化",
    "长效化",
    "信息化",
    "网格化",
    "党支部",
    "党委",
    "党组织",
    "党员",
    "党建",
    "党风廉政",
    "党费",
    "党小组",
    "先锋岗",
    "责任区",
    "基层",
    "支部",
    "委员会",
    "调度室",
    "调度令",
    "调度会",
    "通知单",
    "通知",
    "通报",
    "总结",
    "工作",
    "建设",
    "管理",
    "检查",
    "整改",
    "落实",
    "推进",
    "开展",
    "完成",
    "加强",
    "做好",
    "全面",
    "深入",
    "限期",
    "专项",
    "行动",
    "台账",
    "积分制",
    "积分",
    "三会一课",
    "主题党日",
    "组织生活会",
    "民主评议",
    "谈心谈话",
    "安全生产",
    "网络推进图",
    "实施方案",
    "考核",
    "办法",
    "细则",
    "规范",
    "标准",
    "制度",
    "春节",
    "期间",
    "值守",
    "创建",
    "情况",
    "报送",
    "反馈",
    "督办",
    "销号",
    "验收",
    "帮扶",
    "包保",
    "值班",
    "带班",
    "交接班",
    "综采",
    "掘进",
    "机电",
    "运输",
    "通风",
    "洗煤厂",
    "后勤",
    "煤矿",
    "矿井",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "年度",
    "上半年",
    "下半年",
];

/// Char indices where a title must not break: inside a lexicon word, a number or
/// a Latin word.
fn title_no_break(chars: &[char]) -> Vec<bool> {
    let mut no = vec![false; chars.len() + 1];
    let mut i = 0;
    while i < chars.len() {
        let mut best = 0;
        for w in TITLE_WORDS {
            let wc: Vec<char> = w.chars().collect();
            if wc.len() > best && chars[i..].starts_with(&wc) {
                best = wc.len();
            }
        }
        if best > 1 {
            no[i + 1..i + best].fill(true);
            i += best;
        } else {
            i += 1;
        }
    }
    no
}

/// Breaks a title into lines of balanced length ("a symmetric shape"): the fewest
/// lines that fit `max_width`, each break near an equal share, at a legal break
/// (the punctuation rules, numbers and Latin words whole) outside the words of a
/// small lexicon, preferring breaks after 的, 和, 与, 及, 、 and the like.
pub fn balanced_title(
    text: &str,
    max_width: f32,
    width_of: impl Fn(char) -> f32,
) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let total: f32 = chars.iter().map(|&c| width_of(c)).sum();
    if total <= max_width + 1e-3 {
        return std::iter::once(0..chars.len()).collect();
    }
    let segs = segments(&chars);
    let no_break = title_no_break(&chars);
    // Break opportunities: the char index at the start of each segment but the first.
    let all: Vec<usize> = segs.iter().skip(1).map(|s| s.range.start).collect();
    let preferred: Vec<usize> = all.iter().copied().filter(|&o| !no_break[o]).collect();
    let prefix: Vec<f32> = std::iter::once(0.0)
        .chain(chars.iter().scan(0.0f32, |acc, &c| {
            *acc += width_of(c);
            Some(*acc)
        }))
        .collect();
    let em = width_of('中').max(1e-3);
    let attempt = |opportunities: &[usize], n: usize| -> Option<Vec<Range<usize>>> {
        let target = total / n as f32;
        let mut breaks = Vec::new();
        let mut from = 0usize;
        for k in 1..n {
            let ideal = target * k as f32;
            let mut best: Option<(f32, usize)> = None;
            for &o in opportunities.iter().filter(|&&o| o > from) {
                if prefix[o] - prefix[from] > max_width + 1e-3 {
                    break;
                }
                let mut cost = (prefix[o] - ideal).abs();
                if matches!(
                    chars[o - 1],
                    '的' | '和' | '与' | '及' | '、' | '；' | '，' | '：'
                ) {
                    cost -= em * 1.5;
                }
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, o));
                }
            }
            let (_, o) = best?;
            breaks.push(o);
            from = o;
        }
        if prefix[chars.len()] - prefix[from] > max_width + 1e-3 {
            return None;
        }
        let mut out = Vec::new();
        let mut s = 0;
        for b in breaks {
            out.push(s..b);
            s = b;
        }
        out.push(s..chars.len());
        Some(out)
    };
    let mut n = (total / max_width).ceil().max(2.0) as usize;
    while n <= chars.len() {
        if let Some(r) = attempt(&preferred, n).or_else(|| attempt(&all, n)) {
            return r;
        }
        n += 1;
    }
    // Cannot happen with a sane width; fall back to greedy breaking.
    let widths: Vec<f32> = chars.iter().map(|&c| width_of(c)).collect();
    break_chars(&chars, &widths, max_width, max_width)
        .into_iter()
        .map(|l| l.range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Grid widths: full-width chars 1 cell, half-width chars half a cell.
    fn grid(c: char) -> f32 {
        if (c as u32) < 0x2E80
            && c != '—'
            && c != '…'
            && c != '“'
            && c != '”'
            && c != '‘'
            && c != '’'
        {
            0.5
        } else {
            1.0
        }
    }

    fn lines(text: &str, first: f32, width: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        break_lines(text, first, width, grid)
            .into_iter()
            .map(|l| chars[l.range].iter().collect())
            .collect()
    }

    const BODY: &str = "为深入贯彻落实矿党委关于加强基层党组织建设的部署要求，切实解决部分党支部“三会一课”记录不规范、台账不完整等问题，经研究，现就有关事项调度如下。各党支部要对照《党支部工作条例》逐项自查，于2026年1月20日前将整改情况以文字、图片形式报党建调度室（联系电话：0355-6021234）。";

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        for width in 5..=30 {
            for l in lines(BODY, width as f32 - 2.0, width as f32) {
                let first = l.chars().next().unwrap();
                assert!(
                    !is_closing(first),
                    "line starts with {first}: {l} (width {width})"
                );
            }
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        for width in 5..=30 {
            for l in lines(BODY, width as f32, width as f32) {
                let last = l.chars().last().unwrap();
                assert!(
                    !is_opening(last),
                    "line ends with {last}: {l} (width {width})"
                );
            }
        }
    }

    #[test]
    fn closing_punctuation_pushes_its_character_down() {
        // 28 cells: the 29th char is a comma; the char before it moves with it.
        let text = format!("{}，后文", "字".repeat(28));
        let l = lines(&text, 28.0, 28.0);
        assert_eq!(l[0].chars().count(), 27);
        assert_eq!(l[1], "字，后文");
    }

    #[test]
    fn opening_punctuation_moves_to_the_next_line() {
        let text = format!("{}《党支部工作条例》", "字".repeat(27));
        let l = lines(&text, 28.0, 28.0);
        assert_eq!(l[0], "字".repeat(27));
        assert!(l[1].starts_with("《党"));
    }

    #[test]
    fn consecutive_closing_marks_stay_together() {
        let text = format!("{}“好”。下", "字".repeat(26));
        let l = lines(&text, 28.0, 28.0);
        for line in &l {
            assert!(!is_closing(line.chars().next().unwrap()), "{l:?}");
        }
        assert!(l[1].contains("”。"), "{l:?}");
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        let cases = [
            "2026年",
            "0355-6021234",
            "3.75",
            "1,250",
            "85%",
            "GB/T",
            "9704-2012",
            "WebDriver",
            "PDF",
        ];
        // Widths from 8 cells: every unit of the text fits a line.
        for width in 8..=28 {
            let text = "下发GB/T 9704-2012标准，完成率85%，金额1,250元，用时3.75小时，联系0355-6021234，通过WebDriver生成PDF文件，于2026年完成。";
            let chars: Vec<char> = text.chars().collect();
            let br = break_lines(text, width as f32, width as f32, grid);
            for case in cases {
                let pos = text.find(case).unwrap();
                let ci = text[..pos].chars().count();
                let range = ci..ci + case.chars().count();
                let holder = br
                    .iter()
                    .filter(|l| l.range.start < range.end && range.start < l.range.end)
                    .count();
                assert_eq!(
                    holder,
                    1,
                    "{case} split at width {width}: {:?}",
                    br.iter()
                        .map(|l| chars[l.range.clone()].iter().collect::<String>())
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn a_number_keeps_its_counter_character() {
        let segs: Vec<String> = {
            let chars: Vec<char> = "于2026年1月5日前报送晋党调令〔2026〕7号".chars().collect();
            segments(&chars)
                .into_iter()
                .map(|s| chars[s.range].iter().collect())
                .collect()
        };
        for unit in ["2026年", "1月", "5日", "〔2026〕7号"] {
            assert!(
                segs.iter().any(|s| s.contains(unit)),
                "{unit} not whole in {segs:?}"
            );
        }
    }

    #[test]
    fn document_number_never_splits() {
        let text = "现将晋党调令〔2026〕17号文件转发给你们";
        for width in 8..=20 {
            let l = lines(text, width as f32, width as f32);
            assert!(
                l.iter().any(|x| x.contains("〔2026〕17号")),
                "width {width}: {l:?}"
            );
        }
    }

    #[test]
    fn dash_and_ellipsis_never_split() {
        let text = format!("{}——下一句……结束", "字".repeat(27));
        let l = lines(&text, 28.0, 28.0);
        assert!(l.iter().any(|x| x.contains("——")), "{l:?}");
        let text = format!("{}……结束", "字".repeat(27));
        let l = lines(&text, 28.0, 28.0);
        assert!(l.iter().any(|x| x.contains("……")), "{l:?}");
    }

    #[test]
    fn body_grid_is_28_characters() {
        // A paragraph of plain ideographs: first line 26 (two-char indent), then 28.
        let text = "字".repeat(100);
        let l = lines(&text, 26.0, 28.0);
        assert_eq!(l[0].chars().count(), 26);
        assert_eq!(l[1].chars().count(), 28);
        assert_eq!(l[2].chars().count(), 28);
        assert_eq!(l[3].chars().count(), 18);
        let br = break_lines(&text, 26.0, 28.0, grid);
        assert!(br.last().unwrap().last);
        assert!(!br[0].last);
    }

    #[test]
    fn spaces_vanish_at_line_ends() {
        let text = "aaaa bbbb cccc dddd";
        let l = lines(text, 5.0, 5.0);
        assert_eq!(l, vec!["aaaa bbbb", "cccc dddd"]);
    }

    #[test]
    fn overlong_word_is_split_by_characters() {
        let text = "x".repeat(30);
        let l = lines(&text, 10.0, 10.0);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].len(), 20);
        // The tail continues with what follows.
        let l = lines(&format!("{}字字", "x".repeat(30)), 10.0, 10.0);
        assert_eq!(l, vec!["x".repeat(20), format!("{}字字", "x".repeat(10))]);
        // Even a split word keeps closing punctuation off the line start.
        let l = lines(&format!("{}）。", "9".repeat(16)), 9.0, 9.0);
        for line in &l {
            assert!(!is_closing(line.chars().next().unwrap()), "{l:?}");
        }
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        let br = break_lines("", 28.0, 28.0, grid);
        assert_eq!(br.len(), 1);
        assert!(br[0].last);
        assert_eq!(br[0].range, 0..0);
    }

    #[test]
    fn titles_break_into_balanced_lines() {
        let title = "关于限期完成基层党支部“三会一课”台账整改和党员发展材料补正工作的调度令";
        let chars: Vec<char> = title.chars().collect();
        let ranges = balanced_title(title, 20.0, grid);
        assert_eq!(ranges.len(), 2);
        let a = chars[ranges[0].clone()].len() as i32;
        let b = chars[ranges[1].clone()].len() as i32;
        assert!((a - b).abs() <= 4, "unbalanced {a} / {b}");
        // Short titles stay on one line.
        assert_eq!(balanced_title("关于开展检查的通知", 20.0, grid).len(), 1);
        // Words stay whole: not 规范 | 化.
        let title = "关于全面推进基层党支部标准化规范化建设和党员积分制管理工作的调度令";
        let chars: Vec<char> = title.chars().collect();
        let ranges = balanced_title(title, 20.0, grid);
        let first: String = chars[ranges[0].clone()].iter().collect();
        assert_eq!(ranges.len(), 2);
        assert!(
            first.ends_with("规范化") || first.ends_with("建设和"),
            "{first}"
        );
        // A number in a title stays whole.
        let title = "关于报送晋源煤矿2026年第一季度党建工作任务完成情况和下一步工作安排的通知";
        let chars: Vec<char> = title.chars().collect();
        for r in balanced_title(title, 20.0, grid) {
            let line: String = chars[r].iter().collect();
            assert!(!line.starts_with('6') && !line.ends_with('2'), "{line}");
        }
    }
}
