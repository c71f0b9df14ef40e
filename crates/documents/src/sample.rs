//! Sample documents (realistic but invented: a Shanxi coal mine's Party-building
//! dispatch office) for examples, tests, previews and the app's sample data.

use crate::compose::{cn_date, DispatchMethod, NoticeContent, OrderContent};
use crate::official::{OfficialDocument, SealImage, Urgency};

pub const ISSUER: &str = "晋源煤矿党委党建调度室";

/// A signed dispatch order (two pages with its receipt).
pub fn order_content() -> OrderContent {
    OrderContent {
        issuer: ISSUER.into(),
        heading_suffix: None,
        number: Some("晋党调令〔2026〕7号".into()),
        urgency: Some(Urgency::Critical),
        signer: Some("王建国".into()),
        title: "关于限期完成综采一队党支部“三会一课”台账整改的调度令".into(),
        responsible_unit: "综采一队党支部".into(),
        cooperating_units: vec!["党委组织部".into(), "党委宣传部".into()],
        responsible_person: Some("李志强（综采一队党支部书记）".into()),
        basis: Some(
            "根据《晋源煤矿党委强化基础工作建设专项行动网络推进图》第3阶段安排和1月3日党建调度例会部署"
                .into(),
        ),
        matter: "1月4日综合大检查发现，综采一队党支部2025年第四季度“三会一课”记录缺项2次，党员学习台账不完整，党费收缴明细未按月公示。现责令限期整改，实行“三定”管理，整改完成后由党建调度室组织验收销号。".into(),
        requirements: vec![
            "对照《中国共产党支部工作条例（试行）》逐项自查，建立问题清单，明确整改责任人和整改时限".into(),
            "补齐第四季度支部委员会、党小组会会议记录，补记内容须注明补记日期，不得弄虚作假".into(),
            "党费收缴明细于每月10日前在支部公示栏公示，公示照片随反馈材料一并报送".into(),
        ],
        deadline: cn_date(2026, 1, 20),
        feedback_rule: "自签收之日起每3个工作日".into(),
        feedback_forms: vec!["文字".into(), "图片".into()],
        feedback_deadline: Some(cn_date(2026, 1, 21)),
        contact: Some("赵敏".into()),
        phone: Some("0355-6021234".into()),
        amends: None,
        date: cn_date(2026, 1, 5),
        copy_to: Some("矿党委办公室，党委组织部，矿纪委".into()),
        attachments: vec!["“三会一课”台账整改问题清单".into()],
        receipt: true,
    }
}

/// [`order_content`] as a signed document with its verification code.
pub fn order() -> OfficialDocument {
    let mut d = order_content().to_document();
    d.seal_content();
    d
}

/// A short order without receipt or 版记: fits on one page.
pub fn one_page_order() -> OfficialDocument {
    let mut c = order_content();
    c.number = Some("晋党调令〔2026〕8号".into());
    c.urgency = Some(Urgency::Urgent);
    c.title = "关于做好春节期间党员先锋岗值守的调度令".into();
    c.basis = None;
    c.responsible_unit = "机电科党支部".into();
    c.cooperating_units = vec![];
    c.responsible_person = None;
    c.matter = "春节期间党员先锋岗全天值守主通风机房。".into();
    c.requirements = vec![];
    c.feedback_rule = "每日".into();
    c.feedback_forms = vec!["文字".into()];
    c.feedback_deadline = None;
    c.contact = None;
    c.phone = None;
    c.attachments = vec![];
    c.copy_to = None;
    c.receipt = false;
    c.deadline = cn_date(2026, 2, 23);
    let mut d = c.to_document();
    d.printed_by = None;
    d.seal_content();
    d
}

/// A long order (three pages) for pagination.
pub fn long_order() -> OfficialDocument {
    let mut c = order_content();
    c.number = Some("晋党调令〔2026〕9号".into());
    c.urgency = Some(Urgency::Normal);
    c.title = "关于全面推进基层党支部标准化规范化建设和党员积分制管理工作的调度令".into();
    c.responsible_unit = "各基层党支部".into();
    c.requirements = (1..=14)
        .map(|i| match i % 4 {
            0 => format!("第{i}项：按照网络推进图节点要求，于每旬末将本支部工作进展录入党建调度平台，数据准确率达到100%"),
            1 => format!("第{i}项：支部书记带头落实“一岗双责”，每月至少深入班组2次，开展谈心谈话不少于3人次，并做好记录"),
            2 => format!("第{i}项：围绕安全生产中心任务设立党员责任区、党员先锋岗，岗位职责上墙公示，接受职工群众监督（联系电话：0355-6021234）"),
            _ => format!("第{i}项：对照《党支部标准化建设考核细则》（2026年版）第3.5条开展自评，得分低于85%的限期整改"),
        })
        .collect();
    c.attachments = vec![
        "基层党支部标准化建设自评表".into(),
        "党员积分制管理台账（样表）".into(),
        "2026年第一季度党建工作网络推进图".into(),
    ];
    let mut d = c.to_document();
    d.seal_content();
    d
}

/// A signed notice with its receipt.
pub fn notice_content() -> NoticeContent {
    NoticeContent {
        issuer: ISSUER.into(),
        heading_suffix: None,
        number: Some("晋党调通〔2026〕12号".into()),
        title: "关于开展党员先锋岗创建工作的调度通知".into(),
        target_unit: "机电科党支部".into(),
        basis: Some("《晋源煤矿党委2026年第一季度党建工作网络推进图》".into()),
        content: "按照网络推进图第12项任务安排，在机电科检修班组开展党员先锋岗创建，设立党员先锋岗不少于3个，明确岗位职责和承诺事项，并在班前会上公开亮诺。".into(),
        methods: vec![DispatchMethod::Written, DispatchMethod::Platform],
        goal: Some("1月底前完成先锋岗设岗定责，先锋岗党员承诺公开率达到100%".into()),
        deadline: cn_date(2026, 1, 31),
        feedback: Some("完成后2个工作日内通过党建调度平台上传设岗名单和亮诺照片".into()),
        contact: Some("赵敏".into()),
        phone: Some("0355-6021234".into()),
        date: cn_date(2026, 1, 8),
        copy_to: None,
        receipt: true,
    }
}

pub fn notice() -> OfficialDocument {
    let mut d = notice_content().to_document();
    d.seal_content();
    d
}

/// Notices to `n` units (batch printing).
pub fn notices(n: usize) -> Vec<OfficialDocument> {
    const UNITS: [&str; 8] = [
        "综采一队党支部",
        "综采二队党支部",
        "掘进一队党支部",
        "机电科党支部",
        "运输队党支部",
        "通风队党支部",
        "洗煤厂党支部",
        "后勤服务中心党支部",
    ];
    (0..n)
        .map(|i| {
            let mut c = notice_content();
            c.number = Some(format!("晋党调通〔2026〕{}号", 13 + i));
            c.target_unit = UNITS[i % UNITS.len()].into();
            let mut d = c.to_document();
            d.seal_content();
            d
        })
        .collect()
}

/// A sample seal: a red ring and a five-pointed star on transparency (PNG). Real
/// offices scan their own seal.
pub fn seal_png() -> Vec<u8> {
    let size = 420u32;
    let c = size as f32 / 2.0;
    let red = [230u8, 0, 18];
    let mut img = image::RgbaImage::new(size, size);
    let star: Vec<(f32, f32)> = (0..10)
        .map(|k| {
            let r = if k % 2 == 0 { 0.27 * c } else { 0.105 * c };
            let a = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
            (c + r * a.cos(), c * 0.98 + r * a.sin())
        })
        .collect();
    for y in 0..size {
        for x in 0..size {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let d = ((px - c).powi(2) + (py - c).powi(2)).sqrt();
            let ring = d <= c - 2.0 && d >= c - 2.0 - 0.075 * c;
            let inner_ring = d <= c * 0.80 && d >= c * 0.80 - 3.0;
            let in_star = point_in_polygon(px, py, &star);
            if ring || in_star || inner_ring {
                // Slightly uneven ink, as a stamped seal.
                let alpha = 205 + ((x * 7 + y * 13) % 40) as u8;
                img.put_pixel(x, y, image::Rgba([red[0], red[1], red[2], alpha]));
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG encoding of an in-memory image");
    out.into_inner()
}

fn point_in_polygon(x: f32, y: f32, poly: &[(f32, f32)]) -> bool {
    let mut inside = false;
    let mut j = poly.len() - 1;
    for i in 0..poly.len() {
        let (xi, yi) = poly[i];
        let (xj, yj) = poly[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// [`seal_png`] as a [`SealImage`] of the standard size.
pub fn seal() -> SealImage {
    SealImage {
        bytes: seal_png(),
        width_mm: None,
    }
}

/// [`notices`] with the sample [`seal`] on each, as a sealed batch goes out.
pub fn sealed_notices(n: usize) -> Vec<OfficialDocument> {
    let seal = seal();
    notices(n)
        .into_iter()
        .map(|mut doc| {
            doc.seal = Some(seal.clone());
            doc
        })
        .collect()
}
