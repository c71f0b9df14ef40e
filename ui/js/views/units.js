// 单位: the mine Party committee, its departments and grassroots branches.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { closePanel } from '../components/panel.js';
import { UNIT_KINDS } from '../lib/labels.js';
import { required, requiredChoice } from '../lib/validate.js';
import { parentUnitOptions, idFromSelect } from '../lib/options.js';
import { can } from '../state.js';
import { statusCell, toolbarSelect, toolbarCheckbox, loadFailed, trimmed } from './common.js';
import { retirable } from './retirable.js';

const KIND_ORDER = { committee: 0, department: 1, branch: 2 };

const schema = {
  name: [required('单位名称')],
  kind: [requiredChoice('类别')],
};

export const unitsPage = {
  id: 'units',
  title: '单位',
  description: '矿党委、党委部门和基层党支部',
  render(ctx) {
    const editable = can.editOrganization();
    let units = [];
    let includeRetired = false;
    let kindFilter = '';

    function parentChoices(unit) {
      const options = parentUnitOptions(units, { editingId: unit ? unit.id : null, currentParentId: unit ? unit.parentId : null });
      // The current parent may be retired and hidden from the list: keep it selectable.
      if (unit && unit.parentId !== null && !options.some((o) => o.value === String(unit.parentId))) {
        options.push({ value: String(unit.parentId), label: `${unit.parentName ?? unit.parentId}（已撤销）` });
      }
      return options;
    }

    // The parent choices come with the page's first load: a form opened
    // before it finishes waits for it.
    let firstLoad = null;

    async function openForm(unit = null) {
      await firstLoad;
      const committee = units.find((u) => u.kind === 'committee' && !u.retired);
      const form = h(
        'form',
        { class: 'form', 'data-form': 'unit' },
        textField({ name: 'name', label: '名称', required: true, value: unit?.name, placeholder: '如：综采一队党支部' }),
        textField({ name: 'shortName', label: '简称', value: unit?.shortName, placeholder: '如：综采一队', hint: '表格和文件中使用的简写，可不填' }),
        selectField({ name: 'kind', label: '类别', required: true, options: UNIT_KINDS, value: unit ? unit.kind : 'branch' }),
        selectField({
          name: 'parentId',
          label: '上级单位',
          options: parentChoices(unit),
          value: unit ? unit.parentId : committee?.id,
          empty: '（无上级单位）',
        }),
        textareaField({ name: 'note', label: '备注', value: unit?.note }),
        formError(),
        formActions(unit ? '保存' : '新建单位', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema,
        submit: async (values) => {
          const input = {
            name: trimmed(values.name),
            shortName: trimmed(values.shortName),
            kind: values.kind,
            parentId: idFromSelect(values.parentId),
            note: trimmed(values.note),
          };
          const saved = unit ? await api.updateUnit({ id: unit.id, ...input }) : await api.createUnit(input);
          await records.saved(saved, !unit);
        },
      });
      records.showForm(unit, form);
    }

    const records = retirable({
      noun: '单位',
      panelHost: ctx.panelHost,
      panelName: 'unit',
      table: () => table,
      reload: () => load(),
      retire: api.retireUnit,
      reinstate: api.reinstateUnit,
      retireDetails: '撤销后该单位不再出现在选择列表中，已有记录和审计日志保留，以后可以恢复。',
    });
    const rowActions = records.rowActions((record) => openForm(record));

    const kindSelect = toolbarSelect({
      name: 'kindFilter',
      label: '类别',
      options: UNIT_KINDS,
      onChange: (value) => {
        kindFilter = value;
        table.setPredicate(kindFilter ? (u) => u.kind === kindFilter : null);
      },
    });
    const retiredToggle = toolbarCheckbox({
      name: 'includeRetired',
      label: '显示已撤销',
      onChange: (checked) => {
        includeRetired = checked;
        load();
      },
    });

    const table = createTable({
      name: 'units',
      columns: [
        { key: 'name', label: '名称', value: (u) => u.name, className: 'col-strong' },
        { key: 'shortName', label: '简称', value: (u) => u.shortName },
        { key: 'kind', label: '类别', value: (u) => u.kindLabel, sortValue: (u) => KIND_ORDER[u.kind] ?? 9, className: 'nowrap' },
        { key: 'parentName', label: '上级单位', value: (u) => u.parentName ?? '' },
        {
          key: 'status',
          label: '状态',
          value: (u) => (u.retired ? '已撤销' : '正常'),
          render: (u) => statusCell({ retired: u.retired, since: u.retiredAt, reason: u.retiredReason }),
          className: 'nowrap',
        },
        { key: 'note', label: '备注', value: (u) => u.note, className: 'col-note' },
      ],
      searchValues: (u) => [u.name, u.shortName, u.kindLabel, u.parentName, u.note, u.retiredReason],
      searchPlaceholder: '搜索名称、简称、上级单位、备注',
      rowClass: (u) => (u.retired ? 'is-retired' : null),
      actions: editable ? rowActions : null,
      toolbar: [kindSelect, retiredToggle],
      onClearFilters: () => {
        kindSelect.value = '';
        kindFilter = '';
        table.setPredicate(null);
      },
      emptyState: () =>
        emptyState({
          title: includeRetired ? '还没有任何单位' : '还没有在用的单位',
          text: '这里登记矿党委、党委部门和基层党支部。人员、帮扶点、包保关系和以后的调度任务都要落到这些单位上，请先建立单位。',
          actionLabel: editable ? '新建单位' : null,
          onAction: () => openForm(),
          action: 'new-unit',
        }),
    });

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner, table.element);
    if (editable) {
      ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-unit', onClick: () => openForm() }, '新建单位'));
    }

    async function load() {
      try {
        units = await api.listUnits({ includeRetired });
        banner.replaceChildren();
        table.setRows(units);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    firstLoad = load();
    return firstLoad;
  },
};
