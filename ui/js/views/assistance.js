// 帮扶点与包保: each mine leader's assistance points (branches they help
// personally) and the pairing of Party-committee departments with branches.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { selectField, textareaField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { openPanel, closePanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { requiredChoice } from '../lib/validate.js';
import { unitOptions, peopleWithRole, idFromSelect } from '../lib/options.js';
import { formatDate } from '../lib/dates.js';
import { can } from '../state.js';
import { statusCell, actionButton, toolbarCheckbox, loadFailed, section, trimmed } from './common.js';
import { visitsSection } from './registers/visits.js';

function isEnded(row) {
  return Boolean(row.endedAt);
}

function dateColumns() {
  return [
    { key: 'startedAt', label: '开始日期', value: (r) => formatDate(r.startedAt), className: 'num nowrap' },
    { key: 'endedAt', label: '结束日期', value: (r) => formatDate(r.endedAt), className: 'num nowrap' },
    {
      key: 'status',
      label: '状态',
      value: (r) => (isEnded(r) ? '已结束' : '进行中'),
      render: (r) => statusCell({ retired: isEnded(r), activeLabel: '进行中', retiredLabel: '已结束' }),
      className: 'nowrap',
    },
    { key: 'note', label: '备注', value: (r) => r.note, className: 'col-note' },
  ];
}

// A select whose choice list may be empty: say what to do first instead
// of offering an empty drop-down without explanation.
function choiceField({ name, label, options, missing }) {
  return selectField({ name, label, required: true, options, empty: options.length > 0 ? '请选择' : '（暂无可选项）', hint: options.length > 0 ? null : missing });
}

export const assistancePage = {
  id: 'assistance',
  title: '帮扶点与包保',
  description: '矿领导帮扶点与部门包保支部',
  render(ctx) {
    const editable = can.editOrganization();
    let includeEnded = false;
    let people = [];
    let units = [];
    let points = [];
    // 帮扶走访: the visits to these points and what became of their problems.
    const visits = visitsSection(ctx, { getPoints: () => points, getPeople: () => people, editable });

    function openAssistanceForm() {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'assistance' },
        choiceField({
          name: 'leaderId',
          label: '矿领导',
          options: peopleWithRole(people, 'leader'),
          missing: '还没有角色为“矿领导”的人员：请先在“人员”中登记并勾选“矿领导”。',
        }),
        choiceField({
          name: 'branchId',
          label: '帮扶的基层党支部',
          options: unitOptions(units, { kinds: ['branch'] }),
          missing: '还没有基层党支部：请先在“单位”中新建。',
        }),
        textareaField({ name: 'note', label: '备注', placeholder: '如：帮扶重点、联系方式' }),
        formError(),
        formActions('建立帮扶点', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { leaderId: [requiredChoice('矿领导')], branchId: [requiredChoice('基层党支部')] },
        submit: async (values) => {
          const saved = await api.createAssistancePoint({
            leaderId: idFromSelect(values.leaderId),
            branchId: idFromSelect(values.branchId),
            note: trimmed(values.note),
          });
          closePanel();
          toast(`已建立帮扶点：${saved.leaderName} 帮扶 ${saved.branchName}`, 'success');
          await load();
          assistanceTable.select(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'assistance', title: '新建帮扶点', content: form });
    }

    function openPairingForm() {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'pairing' },
        choiceField({
          name: 'departmentId',
          label: '包保部门',
          options: unitOptions(units, { kinds: ['department'] }),
          missing: '还没有党委部门：请先在“单位”中新建。',
        }),
        choiceField({
          name: 'branchId',
          label: '被包保的基层党支部',
          options: unitOptions(units, { kinds: ['branch'] }),
          missing: '还没有基层党支部：请先在“单位”中新建。',
        }),
        textareaField({ name: 'note', label: '备注' }),
        formError(),
        formActions('建立包保', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { departmentId: [requiredChoice('包保部门')], branchId: [requiredChoice('基层党支部')] },
        submit: async (values) => {
          const saved = await api.createPairing({
            departmentId: idFromSelect(values.departmentId),
            branchId: idFromSelect(values.branchId),
            note: trimmed(values.note),
          });
          closePanel();
          toast(`已建立包保：${saved.departmentName} 包保 ${saved.branchName}`, 'success');
          await load();
          pairingTable.select(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'pairing', title: '新建包保关系', content: form });
    }

    function endPoint(point) {
      return confirmDialog({
        title: '结束帮扶点',
        message: `确定结束“${point.leaderName} 帮扶 ${point.branchName}”吗？`,
        details: '结束后记录保留为历史，不能重新开启；如需继续帮扶，请新建帮扶点。',
        confirmLabel: '结束',
        danger: true,
        onConfirm: async () => {
          await api.endAssistancePoint({ id: point.id });
          toast('帮扶点已结束', 'success');
          await load();
        },
      });
    }

    function endPairing(pairing) {
      return confirmDialog({
        title: '结束包保关系',
        message: `确定结束“${pairing.departmentName} 包保 ${pairing.branchName}”吗？`,
        details: '结束后记录保留为历史，不能重新开启；如需继续包保，请新建包保关系。',
        confirmLabel: '结束',
        danger: true,
        onConfirm: async () => {
          await api.endPairing({ id: pairing.id });
          toast('包保关系已结束', 'success');
          await load();
        },
      });
    }

    const endAction = (onEnd) => (row) => (isEnded(row) ? [] : [actionButton('end', '结束', () => onEnd(row), { danger: true })]);

    const assistanceTable = createTable({
      name: 'assistance',
      columns: [
        { key: 'leaderName', label: '矿领导', value: (r) => r.leaderName, className: 'col-strong nowrap' },
        { key: 'branchName', label: '帮扶支部', value: (r) => r.branchName },
        ...dateColumns(),
      ],
      searchPlaceholder: '搜索领导、支部、备注',
      rowClass: (r) => (isEnded(r) ? 'is-retired' : null),
      actions: editable ? (row) => (isEnded(row) ? [] : [actionButton('visit', '登记走访', () => visits.newVisitFor(row.id)), ...endAction(endPoint)(row)]) : null,
      emptyState: () =>
        emptyState({
          title: '还没有帮扶点',
          text: '帮扶点记录每位矿领导亲自帮扶的基层党支部，用于领导联系点的调度和“帮扶有温度”的考核。',
          actionLabel: editable ? '新建帮扶点' : null,
          onAction: openAssistanceForm,
          action: 'new-assistance',
        }),
    });

    const pairingTable = createTable({
      name: 'pairings',
      columns: [
        { key: 'departmentName', label: '包保部门', value: (r) => r.departmentName, className: 'col-strong nowrap' },
        { key: 'branchName', label: '被包保支部', value: (r) => r.branchName },
        ...dateColumns(),
      ],
      searchPlaceholder: '搜索部门、支部、备注',
      rowClass: (r) => (isEnded(r) ? 'is-retired' : null),
      actions: editable ? endAction(endPairing) : null,
      emptyState: () =>
        emptyState({
          title: '还没有包保关系',
          text: '包保关系记录哪个党委部门负责联系和督促哪个基层党支部，调度任务可据此找到包保部门。',
          actionLabel: editable ? '新建包保关系' : null,
          onAction: openPairingForm,
          action: 'new-pairing',
        }),
    });

    const endedToggle = toolbarCheckbox({
      name: 'includeEnded',
      label: '显示已结束',
      onChange: (checked) => {
        includeEnded = checked;
        load();
      },
    });

    const newButton = (action, label, onClick) => (editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': action, onClick }, label) : null);
    const banner = h('div', { class: 'page-banner' });
    ctx.actions.append(endedToggle);
    ctx.root.append(
      banner,
      section({
        name: 'assistance',
        title: '矿领导帮扶点',
        description: '每位矿领导亲自帮扶的基层党支部',
        actions: [newButton('new-assistance', '新建帮扶点', openAssistanceForm)],
        body: assistanceTable.element,
      }),
      visits.element,
      section({
        name: 'pairings',
        title: '部门包保',
        description: '党委部门包保的基层党支部',
        actions: [newButton('new-pairing', '新建包保关系', openPairingForm)],
        body: pairingTable.element,
      }),
    );

    async function load() {
      try {
        const [loadedPoints, pairings, loadedPeople, loadedUnits] = await Promise.all([
          api.listAssistancePoints({ includeEnded }),
          api.listPairings({ includeEnded }),
          api.listPeople({ includeRetired: false }),
          api.listUnits({ includeRetired: false }),
        ]);
        points = loadedPoints;
        people = loadedPeople;
        units = loadedUnits;
        banner.replaceChildren();
        assistanceTable.setRows(points);
        await visits.load();
        pairingTable.setRows(pairings);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
