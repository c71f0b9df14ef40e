//! Malformed inputs are refused with a Chinese message that says what and
//! where.
mod common;

use diaodu_exchange::{detect_and_parse, from_json, from_mspdi, to_json, ExchangeError};

const MS_PROJECT_2016: &str = include_str!("data/msproject2016.xml");

fn xml_err(xml: &str) -> ExchangeError {
    from_mspdi(xml).expect_err("should be refused")
}

fn json_err(json: &str) -> ExchangeError {
    from_json(json).expect_err("should be refused")
}

const HEAD: &str = "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n<StartDate>2026-03-02T08:00:00</StartDate>\n<Tasks>\n";
const TAIL: &str = "</Tasks>\n</Project>\n";

fn project(tasks: &str) -> String {
    format!("{HEAD}{tasks}{TAIL}")
}

#[test]
fn task_without_uid() {
    let xml = project("<Task><UID>1</UID><Name>甲</Name><OutlineLevel>1</OutlineLevel></Task>\n<Task>\n<Name>乙</Name>\n</Task>\n");
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(6));
    assert_eq!(e.to_string(), "第6行：任务缺少 UID");
}

#[test]
fn dangling_predecessor() {
    let xml = project(
        "<Task><UID>1</UID><Name>甲</Name></Task>\n<Task><UID>2</UID><Name>乙</Name>\n<PredecessorLink>\n<PredecessorUID>7</PredecessorUID></PredecessorLink></Task>\n",
    );
    let e = xml_err(&xml);
    assert!(e.message.contains("前置任务 UID 7 不存在"), "{e}");
    assert_eq!(
        e.to_string(),
        "第7行：任务“乙”（UID 2）的前置任务 UID 7 不存在"
    );
}

#[test]
fn bad_dates() {
    let xml =
        project("<Task><UID>1</UID><Name>甲</Name>\n<Start>2026-02-30T08:00:00</Start></Task>\n");
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(6));
    assert!(
        e.message
            .contains("<Start> 的日期“2026-02-30T08:00:00”不对"),
        "{e}"
    );

    let xml = project("<Task><UID>1</UID><Name>甲</Name>\n<Deadline>下周五</Deadline></Task>\n");
    assert!(xml_err(&xml)
        .message
        .contains("<Deadline> 的日期“下周五”不对"));

    let xml = HEAD.replace("2026-03-02T08:00:00", "2026/03/02") + TAIL;
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("<StartDate>"), "{e}");
}

#[test]
fn bad_numbers_and_durations() {
    let xml = project("<Task><UID>1</UID><Name>甲</Name>\n<Duration>三天</Duration></Task>\n");
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(6));
    assert!(e.message.contains("工期“三天”不对"), "{e}");
    let xml =
        project("<Task><UID>1</UID><Name>甲</Name>\n<OutlineLevel>一</OutlineLevel></Task>\n");
    assert!(xml_err(&xml)
        .message
        .contains("<OutlineLevel> 的值“一”不是数字"));
    let xml = project("<Task><UID>1</UID><Name>甲</Name></Task><Task><UID>2</UID><Name>乙</Name>\n<PredecessorLink><PredecessorUID>1</PredecessorUID>\n<Type>5</Type></PredecessorLink></Task>\n");
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(7));
    assert!(e.message.contains("前置关系类型 5 不对"), "{e}");
}

#[test]
fn not_xml_at_all() {
    let e = xml_err("这不是 XML 文件");
    assert_eq!(e.to_string(), "文件内容不是 XML（应以 < 开头）");
    assert_eq!(xml_err("").to_string(), "文件是空的");
    let e = detect_and_parse("任务,工期\n甲,3\n".as_bytes(), "plan.csv").unwrap_err();
    assert!(e.message.starts_with("无法识别文件“plan.csv”的格式"), "{e}");
    let e = detect_and_parse(&[0x80, 0x81, 0x82], "plan.xml").unwrap_err();
    assert!(e.message.contains("不是 UTF-8 编码"), "{e}");
}

#[test]
fn broken_xml() {
    let e = xml_err("<Project>\n<Name>甲</Name>\n<Tasks>\n</Project>\n");
    assert_eq!(e.line, Some(4));
    assert!(
        e.message
            .contains("结束标签 </Project> 与开始标签 <Tasks> 不匹配"),
        "{e}"
    );

    let e = xml_err("<Project>\n<Name>甲 & 乙</Name>\n</Project>\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("&amp;"), "{e}");

    let e = xml_err("<Project>\n<Tasks>\n<Task>\n");
    assert!(e.message.contains("没有结束标签"), "{e}");

    let e = xml_err("<Project>\n<Name>甲</Name>\n</Project>\n<Project/>\n");
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("根元素之后"), "{e}");

    // Truncated halfway through the MS Project file.
    let cut = &MS_PROJECT_2016[..MS_PROJECT_2016.len() / 2];
    let e = xml_err(cut);
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn wrong_root() {
    let e = xml_err("<?xml version=\"1.0\"?>\n<project>\n<tasks/>\n</project>");
    assert_eq!(
        e.to_string(),
        "第2行：不是 MS Project XML 文件：根元素是 <project>，应为 <Project>"
    );
}

#[test]
fn duplicate_uid() {
    let xml = project(
        "<Task><UID>1</UID><Name>甲</Name></Task>\n<Task><UID>1</UID><Name>乙</Name></Task>\n",
    );
    let e = xml_err(&xml);
    assert_eq!(e.to_string(), "第6行：任务 UID 1 重复");
}

#[test]
fn outline_jump() {
    let xml = project("<Task><UID>1</UID><Name>甲</Name><OutlineLevel>1</OutlineLevel></Task>\n<Task><UID>2</UID><Name>乙</Name><OutlineLevel>3</OutlineLevel></Task>\n");
    let e = xml_err(&xml);
    assert_eq!(e.line, Some(6));
    assert!(e.message.contains("大纲级别从上一任务的 1 跳到 3"), "{e}");
    let xml = project("<Task><UID>1</UID><Name>甲</Name><OutlineLevel>2</OutlineLevel></Task>\n");
    assert!(xml_err(&xml).message.contains("第一个任务"));
}

#[test]
fn cycle() {
    let xml = project(
        "<Task><UID>1</UID><Name>甲</Name><PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink></Task>\n\
         <Task><UID>2</UID><Name>乙</Name><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>\n\
         <Task><UID>3</UID><Name>丙</Name><PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task>\n",
    );
    assert_eq!(
        xml_err(&xml).to_string(),
        "前置关系形成循环：甲 → 乙 → 丙 → 甲"
    );
    let xml = project("<Task><UID>1</UID><Name>甲</Name><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>\n");
    assert!(xml_err(&xml).message.contains("不能作为自己的前置任务"));
}

#[test]
fn json_errors() {
    let e = json_err("这不是 JSON");
    assert_eq!(e.to_string(), "第1行第1列：不是 JSON 文件");

    let e = json_err("{\"title\": \"计划\",\n \"tasks\": []}");
    assert!(e.message.contains("缺少字段 start"), "{e}");

    let e = json_err("{\"title\": \"计划\",\n \"start\": \"2026-02-30\"}");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("日期“2026-02-30”不对"), "{e}");

    let e = json_err(r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"name": "甲"}]}"#);
    assert!(e.message.contains("缺少字段 uid"), "{e}");

    let e = json_err(
        r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": "1"}], "links": [{"pred": "7", "succ": "1"}]}"#,
    );
    assert_eq!(e.to_string(), "任务 UID 1的前置任务 UID 7 不存在");

    let e = json_err(
        r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": "1"}], "links": [{"pred": "1", "succ": "9"}]}"#,
    );
    assert_eq!(e.to_string(), "后续任务 UID 9 不存在");

    let e = json_err(
        r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": "1"}, {"uid": "2"}], "links": [{"pred": "1", "succ": "2", "kind": "XX"}]}"#,
    );
    assert!(
        e.message.contains("取值“XX”不对，应为 FS, SS, FF, SF"),
        "{e}"
    );

    let e = json_err(r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": ""}]}"#);
    assert_eq!(e.to_string(), "第1个任务缺少 UID");

    let e = json_err(r#"{"format": "gantt", "title": "计划", "start": "2026-03-02"}"#);
    assert!(e.message.contains("不是调度台的计划文件"), "{e}");
    let e = json_err(r#"{"version": 2, "title": "计划", "start": "2026-03-02"}"#);
    assert!(e.message.contains("不支持的文件版本 2"), "{e}");
    let e = json_err(r#"{"title": "计划", "kind": "urgent", "start": "2026-03-02"}"#);
    assert!(e.message.contains("计划类型“urgent”不对"), "{e}");
    let e = json_err(r#"{"title": " ", "start": "2026-03-02"}"#);
    assert_eq!(e.to_string(), "计划标题不能为空");
    let e = json_err(
        r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": "1", "percentComplete": 120}]}"#,
    );
    assert!(e.message.contains("完成百分比 120 不在 0–100 之间"), "{e}");
    let e = json_err(
        r#"{"title": "计划", "start": "2026-03-02", "tasks": [{"uid": "1", "status": "done"}]}"#,
    );
    assert!(e.message.contains("状态“done”不对"), "{e}");
    let e = json_err(r#"{"title": "计划", "start": "2026-03-02", "end": "2026-03-01"}"#);
    assert!(e.message.contains("早于开始日期"), "{e}");
    let whole = to_json(&common::sample());
    let cut: String = whole.chars().take(300).collect();
    let e = json_err(&cut);
    assert!(e.message.contains("JSON 不完整"), "{e}");
}

#[test]
fn absurd_nesting_is_refused() {
    let xml = format!("<Project>{}", "<a>".repeat(100_000));
    assert!(xml_err(&xml).message.contains("嵌套超过"));
}
