mod common;
use diaodu_domain::{ErrorCode, Role};
use diaodu_store::{AuditFilter, PersonInput, UnitInput};

fn unit(name: &str, kind: &str, parent: Option<i64>) -> UnitInput {
    UnitInput {
        name: name.into(),
        kind: kind.into(),
        parent_id: parent,
        ..Default::default()
    }
}

#[test]
fn hierarchy_rules_and_duplicates() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let dept = s
        .create_unit(&a, &unit("组织部", "department", Some(c.id)))
        .unwrap();
    let br = s
        .create_unit(&a, &unit("综采一队党支部", "branch", Some(c.id)))
        .unwrap();
    assert_eq!(br.parent_name.as_deref(), Some("矿党委"));

    let e = s
        .create_unit(&a, &unit(" 组织部 ", "department", Some(c.id)))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Duplicate);
    assert_eq!(e.field.as_deref(), Some("name"));
    assert!(e.message.contains("已存在"));

    let e = s.create_unit(&a, &unit("  ", "branch", None)).unwrap_err();
    assert_eq!(e.message, "单位名称不能为空");
    let e = s
        .create_unit(&a, &unit("第二党委", "committee", None))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"));
    let e = s
        .create_unit(&a, &unit("宣传部", "department", Some(br.id)))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parentId"));
    let e = s
        .update_unit(&a, c.id, &unit("矿党委", "committee", Some(dept.id)))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parentId"));

    // Nothing of the refused attempts was written.
    assert_eq!(s.list_units(true).unwrap().len(), 3);
}

#[test]
fn retire_keeps_history_and_frees_the_name() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let br = s
        .create_unit(&a, &unit("机电科党支部", "branch", Some(c.id)))
        .unwrap();
    let p = s
        .create_person(
            &a,
            &PersonInput {
                name: "王建军".into(),
                unit_id: br.id,
                roles: vec!["secretary".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let e = s.retire_unit(&a, c.id, "合并").unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict, "has active children");
    let e = s.retire_unit(&a, br.id, " ").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));
    let retired = s.retire_unit(&a, br.id, "机构调整").unwrap();
    assert!(retired.retired);
    assert_eq!(s.list_units(false).unwrap().len(), 1);
    assert_eq!(s.list_units(true).unwrap().len(), 2);
    // The person still points to the retired unit and shows its name.
    let people = s.list_people(true).unwrap();
    assert_eq!(people[0].id, p.id);
    assert_eq!(people[0].unit_name, "机电科党支部");
    // A new unit may take the retired name; the old one then cannot come back.
    s.create_unit(&a, &unit("机电科党支部", "branch", Some(c.id)))
        .unwrap();
    assert_eq!(
        s.reinstate_unit(&a, br.id).unwrap_err().code,
        ErrorCode::Duplicate
    );
}

#[test]
fn viewer_cannot_change_anything() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let viewer = s
        .create_user(&a, "viewer", "查看员", "viewer", "Viewer#2026")
        .unwrap()
        .actor();
    assert_eq!(viewer.role, Role::Viewer);
    let checks = [
        s.create_unit(&viewer, &unit("组织部", "department", Some(c.id)))
            .err(),
        s.update_unit(&viewer, c.id, &unit("改名", "committee", None))
            .err(),
        s.retire_unit(&viewer, c.id, "x").err(),
        s.create_person(
            &viewer,
            &PersonInput {
                name: "某".into(),
                unit_id: c.id,
                ..Default::default()
            },
        )
        .err(),
        s.load_sample(&viewer).err(),
        s.backup_now(&viewer).err(),
    ];
    for e in checks {
        assert_eq!(
            e.expect("viewer must be refused").code,
            ErrorCode::Forbidden
        );
    }
    assert_eq!(s.list_units(true).unwrap().len(), 1);
    assert_eq!(s.get_unit(c.id).unwrap().name, "矿党委");
}

#[test]
fn every_change_is_audited_with_who_and_what() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let d = s
        .create_unit(&a, &unit("组织部", "department", Some(c.id)))
        .unwrap();
    s.update_unit(&a, d.id, &unit("党委组织部", "department", Some(c.id)))
        .unwrap();
    s.retire_unit(&a, d.id, "更名后撤销").unwrap();
    let page = s
        .list_audit(&AuditFilter {
            entity: Some("unit".into()),
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<_> = page.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["retire", "update", "create", "create"]);
    assert!(page.rows.iter().all(|r| r.username == "admin"));
    let upd = &page.rows[1];
    assert_eq!(upd.changes["name"]["from"], "组织部");
    assert_eq!(upd.changes["name"]["to"], "党委组织部");
    // A refused change leaves no entry.
    let before = s.list_audit(&AuditFilter::default()).unwrap().total;
    let _ = s.create_unit(&a, &unit("", "branch", None));
    assert_eq!(s.list_audit(&AuditFilter::default()).unwrap().total, before);
    let found = s
        .list_audit(&AuditFilter {
            text: Some("党委组织部".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(found.total >= 1);
}

#[test]
fn assistance_points_and_pairings_validate_their_ends() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let d = s
        .create_unit(&a, &unit("宣传部", "department", Some(c.id)))
        .unwrap();
    let b = s
        .create_unit(&a, &unit("通风队党支部", "branch", Some(c.id)))
        .unwrap();
    let leader = s
        .create_person(
            &a,
            &PersonInput {
                name: "李志强".into(),
                unit_id: c.id,
                roles: vec!["leader".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let clerk = s
        .create_person(
            &a,
            &PersonInput {
                name: "赵丽萍".into(),
                unit_id: d.id,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        s.create_assistance_point(&a, clerk.id, b.id, "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("leaderId")
    );
    assert_eq!(
        s.create_assistance_point(&a, leader.id, d.id, "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("branchId")
    );
    let ap = s
        .create_assistance_point(&a, leader.id, b.id, "每月到点一次")
        .unwrap();
    assert_eq!(
        s.create_assistance_point(&a, leader.id, b.id, "")
            .unwrap_err()
            .code,
        ErrorCode::Duplicate
    );
    assert_eq!(
        s.retire_person(&a, leader.id, "调离").unwrap_err().code,
        ErrorCode::Conflict
    );
    s.end_assistance_point(&a, ap.id).unwrap();
    assert!(s.list_assistance_points(false).unwrap().is_empty());
    assert_eq!(s.list_assistance_points(true).unwrap().len(), 1);

    assert_eq!(
        s.create_pairing(&a, b.id, b.id, "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("departmentId")
    );
    let p = s.create_pairing(&a, d.id, b.id, "").unwrap();
    assert_eq!(
        s.retire_unit(&a, b.id, "撤并").unwrap_err().code,
        ErrorCode::Conflict
    );
    s.end_pairing(&a, p.id).unwrap();
    s.retire_unit(&a, b.id, "撤并").unwrap();
}

#[test]
fn people_validation() {
    let (_d, mut s, a) = common::admin_store();
    let c = s
        .create_unit(&a, &unit("矿党委", "committee", None))
        .unwrap();
    let bad_phone = PersonInput {
        name: "张三".into(),
        unit_id: c.id,
        phone: "电话号码".into(),
        ..Default::default()
    };
    assert_eq!(
        s.create_person(&a, &bad_phone)
            .unwrap_err()
            .field
            .as_deref(),
        Some("phone")
    );
    let no_unit = PersonInput {
        name: "张三".into(),
        unit_id: 999,
        ..Default::default()
    };
    assert_eq!(
        s.create_person(&a, &no_unit).unwrap_err().field.as_deref(),
        Some("unitId")
    );
    let ok = PersonInput {
        name: "张三".into(),
        unit_id: c.id,
        phone: "0355-5921234".into(),
        roles: vec!["leader".into(), "矿领导".into()],
        ..Default::default()
    };
    let p = s.create_person(&a, &ok).unwrap();
    assert_eq!(p.roles, ["leader"]);
    assert_eq!(p.role_labels, ["矿领导"]);
    assert_eq!(
        s.create_person(&a, &ok).unwrap_err().code,
        ErrorCode::Duplicate
    );
}

#[test]
fn sample_loads_once_into_an_empty_database() {
    let (_d, mut s, a) = common::admin_store();
    let r = s.load_sample(&a).unwrap();
    assert_eq!(r.units, 41);
    assert_eq!(s.list_units(false).unwrap().len(), 41);
    assert_eq!(s.list_assistance_points(false).unwrap().len(), r.assistance);
    assert_eq!(s.load_sample(&a).unwrap_err().code, ErrorCode::Conflict);
    let page = s
        .list_audit(&AuditFilter {
            entity: Some("sample".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
}
