//! A small element tree over quick-xml's event reader: MSPDI is data in
//! nested elements (no attributes that matter, no mixed content), so a tree of
//! local names, text and line numbers is all the reader needs.
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::ExchangeError;

#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// Local name (any namespace prefix removed).
    pub name: String,
    /// 1-based line of the start tag.
    pub line: usize,
    /// The element's own character data, entities resolved.
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child element of that name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child element of that name.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child of that name, if present and not
    /// empty.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|s| !s.is_empty())
    }
}

/// Deepest nesting accepted (MSPDI needs 6; this only stops a hostile file
/// from exhausting the stack).
const MAX_DEPTH: usize = 256;

/// Maps byte offsets to line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Parses a whole document into its root element.
pub(crate) fn parse(text: &str) -> Result<Node, ExchangeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => return Err(ExchangeError::new("文件是空的")),
        Some('<') => {}
        Some(_) => return Err(ExchangeError::new("文件内容不是 XML（应以 < 开头）")),
    }
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    let cfg = reader.config_mut();
    cfg.trim_text(false);
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;

    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let at = reader.buffer_position() as usize;
        // Where the event starts: skip whitespace so that a start tag on a new
        // line gets that line.
        let start_line = || {
            let skip = text[at.min(text.len())..]
                .bytes()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            lines.line(at + skip)
        };
        let event = reader.read_event().map_err(|e| {
            let pos = reader.error_position() as usize;
            ExchangeError::at(Some(lines.line(pos)), xml_message(&e))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                return Err(ExchangeError::at(
                    Some(start_line()),
                    "根元素之后还有别的元素",
                ));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ExchangeError::at(
                        Some(start_line()),
                        format!("元素嵌套超过 {MAX_DEPTH} 层，不是计划文件"),
                    ));
                }
                stack.push(Node {
                    name: e.local_name().as_ref().to_string(),
                    line: start_line(),
                    ..Node::default()
                });
            }
            Event::Empty(e) => {
                let node = Node {
                    name: e.local_name().as_ref().to_string(),
                    line: start_line(),
                    ..Node::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                // check_end_names has matched the names already.
                if let Some(node) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                match stack.last_mut() {
                    Some(node) => node.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => {
                        return Err(ExchangeError::at(
                            Some(start_line()),
                            if root.is_some() {
                                "根元素之后还有文字"
                            } else {
                                "文件内容不是 XML（根元素之前有文字）"
                            },
                        ))
                    }
                }
            }
            Event::CData(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let Some(c) = resolved else {
                    return Err(ExchangeError::at(
                        Some(start_line()),
                        format!("无法识别的字符引用 &{};", &*r),
                    ));
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push(c);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(ExchangeError::at(
            Some(open.line),
            format!("元素 <{}> 没有结束标签（文件不完整）", open.name),
        ));
    }
    root.ok_or_else(|| ExchangeError::new("文件内容不是 XML（没有根元素）"))
}

fn xml_message(e: &XmlError) -> String {
    match e {
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("结束标签 </{found}> 与开始标签 <{expected}> 不匹配")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("多余的结束标签 </{name}>")
        }
        XmlError::IllFormed(IllFormedError::MissingEndTag(name)) => {
            format!("元素 <{name}> 没有结束标签")
        }
        XmlError::IllFormed(IllFormedError::UnclosedReference) => {
            "字符 & 后缺少实体名和分号（文字中的 & 应写作 &amp;）".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedTag) => "标签没有闭合（缺少 >）".to_string(),
        XmlError::Syntax(SyntaxError::UnclosedComment) => "注释没有闭合".to_string(),
        XmlError::Syntax(SyntaxError::UnclosedCData) => "CDATA 段没有闭合".to_string(),
        XmlError::Syntax(
            SyntaxError::UnclosedDoubleQuotedAttributeValue
            | SyntaxError::UnclosedSingleQuotedAttributeValue,
        ) => "属性值的引号没有闭合".to_string(),
        other => format!("XML 格式错误：{other}"),
    }
}

/// Text as it may stand in element content: the five XML specials escaped,
/// and the characters XML 1.0 forbids (most C0 controls) dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            // A bare CR would be read back as LF; keep it as a reference.
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
