// 综合大检查: an inspection with its date, team and findings; every finding
// is written as a rectification item under 三定 (item, person, deadline).

import * as api from '../../api/index.js';
import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { required } from '../../lib/validate.js';
import { isValidDate } from '../../lib/dates.js';
import { idFromSelect } from '../../lib/options.js';
import { todayIso } from '../../lib/clock.js';
import { can } from '../../state.js';
import { loadFailed, section, trimmed } from '../common.js';
import { tag } from './shared.js';

const STATUS_TAG = { open: 'warn', verified: 'ok', closed: 'retired' };

// The fields of one finding, named findings.N.field so the core's error
// (field "findings.1.personName") lands beside the right control.
function findingFields(units, n) {
  const f = (name) => `findings.${n}.${name}`;
  return h('fieldset', { class: 'finding', 'data-finding': n },
    h('legend', { class: 'field__label' }, `问题 ${n + 1}`),
    selectField({ name: f('unitId'), label: '责任单位', required: true, empty: '请选择', options: units.map((u) => ({ value: String(u.id), label: u.name })) }),
    textareaField({ name: f('problem'), label: '发现问题', required: true, rows: 2 }),
    textField({ name: f('itemName'), label: '整改项目名称', required: true, maxlength: 100 }),
    textField({ name: f('personName'), label: '整改责任人', required: true, maxlength: 20 }),
    textField({ name: f('deadline'), label: '完成时限', required: true, placeholder: '如 2026-03-25', maxlength: 10 }));
}

function readFindings(values, count) {
  return Array.from({ length: count }, (_, n) => ({
    unitId: idFromSelect(values[`findings.${n}.unitId`]),
    problem: trimmed(values[`findings.${n}.problem`] ?? ''),
    itemName: trimmed(values[`findings.${n}.itemName`] ?? ''),
    personName: trimmed(values[`findings.${n}.personName`] ?? ''),
    deadline: trimmed(values[`findings.${n}.deadline`] ?? ''),
  }));
}

function checkFindings(values, count) {
  const e = {};
  readFindings(values, count).forEach((x, n) => {
    const k = (name) => `findings.${n}.${name}`;
    if (!x.unitId) e[k('unitId')] = '请选择责任单位';
    if (!x.problem) e[k('problem')] = '请填写发现的问题';
    if (!x.itemName) e[k('itemName')] = '请填写整改项目名称';
    if (!x.personName) e[k('personName')] = '请填写整改责任人';
    if (!x.deadline) e[k('deadline')] = '请填写完成时限';
    else if (!isValidDate(x.deadline)) e[k('deadline')] = '日期格式应为 2026-03-05';
  });
  return e;
}

export const inspectionsPage = {
  id: 'inspections',
  title: '综合大检查',
  description: '检查日期、检查组、发现问题；每个问题生成整改事项',
  render(ctx) {
    const editable = can.editOrganization();
    let units = [];
    const banner = h('div', { class: 'page-banner' });

    // The unit choices come with the page's first load: wait for it.
    let firstLoad = null;

    async function openForm() {
      await firstLoad;
      let count = 1;
      const list = h('div', { class: 'findings', 'data-findings': true }, findingFields(units, 0));
      const form = h(
        'form',
        { class: 'form', 'data-form': 'inspection' },
        textField({ name: 'inspectedOn', label: '检查日期', required: true, value: todayIso(), maxlength: 10 }),
        textField({ name: 'title', label: '检查名称', required: true, placeholder: '如：一季度党建工作综合大检查', maxlength: 60 }),
        textField({ name: 'team', label: '检查组成员', required: true, placeholder: '组长：……；成员：……', maxlength: 200 }),
        textareaField({ name: 'scope', label: '检查范围', rows: 2 }),
        list,
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'add-finding', onClick: () => { list.append(findingFields(units, count)); count += 1; } }, '再加一个问题'),
        formError(),
        formActions('保存并生成整改事项', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { inspectedOn: [required('检查日期')], title: [required('检查名称')], team: [required('检查组成员')] },
        validate: (v) => ({ ...(v.inspectedOn.trim() && !isValidDate(v.inspectedOn.trim()) ? { inspectedOn: '日期格式应为 2026-03-05' } : {}), ...checkFindings(v, count) }),
        submit: async (v) => {
          const saved = await assessApi.createInspection({ inspectedOn: v.inspectedOn.trim(), title: trimmed(v.title), team: trimmed(v.team), scope: trimmed(v.scope), findings: readFindings(v, count) });
          closePanel();
          toast(`已保存，生成整改事项 ${saved.findings.length} 项`, 'success');
          await load();
          openDetail(saved);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'inspection-form', title: '登记综合大检查', content: form, wide: true });
    }

    function openDetail(i) {
      const findings = createTable({
        name: 'findings',
        search: false,
        columns: [
          { key: 'unitName', label: '责任单位', value: (f) => f.unitName, className: 'nowrap' },
          { key: 'problem', label: '发现问题', value: (f) => f.problem },
          { key: 'item', label: '整改（三定）', value: (f) => `${f.itemName}（${f.personName}，${f.deadline}前）` },
          { key: 'status', label: '状态', value: (f) => f.statusLabel, render: (f) => tag(f.statusLabel, STATUS_TAG[f.status]), className: 'nowrap' },
        ],
      });
      findings.setRows(i.findings);
      const add = h('form', { class: 'form', 'data-form': 'finding' }, findingFields(units, 0), formError(), formActions('添加问题'));
      bindForm(add, {
        validate: (v) => checkFindings(v, 1),
        submit: async (v) => {
          const next = await assessApi.addInspectionFinding({ inspectionId: i.id, ...readFindings(v, 1)[0] });
          toast('已添加问题并生成整改事项', 'success');
          await load();
          openDetail(next);
        },
      });
      openPanel({
        host: ctx.panelHost,
        name: 'inspection',
        title: i.title,
        wide: true,
        content: h('div', { class: 'inspection', 'data-inspection': i.id },
          h('dl', { class: 'facts' }, h('dt', null, '检查日期'), h('dd', null, i.inspectedOn), h('dt', null, '检查组'), h('dd', null, i.team), h('dt', null, '检查范围'), h('dd', null, i.scope || '—')),
          findings.element,
          editable ? h('details', { class: 'inspection__add' }, h('summary', null, '补充发现的问题'), add) : null),
      });
    }

    const table = createTable({
      name: 'inspections',
      columns: [
        { key: 'inspectedOn', label: '检查日期', value: (i) => i.inspectedOn, className: 'num nowrap' },
        { key: 'title', label: '检查名称', value: (i) => i.title, className: 'col-strong' },
        { key: 'team', label: '检查组', value: (i) => i.team },
        { key: 'findings', label: '发现问题', value: (i) => i.findings.length, className: 'num' },
        { key: 'open', label: '整改中', value: (i) => i.findings.filter((f) => f.status === 'open').length, className: 'num' },
        { key: 'closed', label: '已销号', value: (i) => i.findings.filter((f) => f.status === 'closed').length, className: 'num' },
      ],
      searchPlaceholder: '搜索检查名称、检查组',
      onOpen: openDetail,
      emptyState: () => emptyState({ title: '还没有综合大检查', text: '登记检查日期、检查组和发现的问题；每个问题按“三定”生成整改事项，逾期未销号的计入考核。', actionLabel: editable ? '登记综合大检查' : null, onAction: openForm, action: 'new-inspection-empty' }),
    });

    if (editable) ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-inspection', onClick: openForm }, '登记综合大检查'));
    ctx.root.append(banner, section({ name: 'inspections', title: '检查记录', body: table.element }));

    async function load() {
      try {
        const [list, loadedUnits] = await Promise.all([assessApi.listInspections(), api.listUnits({ includeRetired: false })]);
        units = loadedUnits.filter((u) => u.kind !== 'committee');
        banner.replaceChildren();
        table.setRows(list);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    firstLoad = load();
    return firstLoad;
  },
};
