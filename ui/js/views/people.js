// 人员: leaders, department heads, branch secretaries, dispatchers, liaisons.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { textField, textareaField, selectField, checkboxGroup, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { closePanel } from '../components/panel.js';
import { PERSON_ROLES, labelOf } from '../lib/labels.js';
import { required, requiredChoice, pattern } from '../lib/validate.js';
import { unitOptions, idFromSelect } from '../lib/options.js';
import { can } from '../state.js';
import { statusCell, toolbarSelect, toolbarCheckbox, loadFailed, trimmed } from './common.js';
import { retirable } from './retirable.js';

const schema = {
  name: [required('姓名')],
  unitId: [requiredChoice('所属单位')],
  phone: [pattern(/^[0-9+\-\s()（）转]+$/, '电话只能包含数字、空格、+、-、括号和“转”')],
};

function roleText(person) {
  const labels = person.roleLabels && person.roleLabels.length > 0 ? person.roleLabels : person.roles.map((r) => labelOf(PERSON_ROLES, r));
  return labels.join('、');
}

export const peoplePage = {
  id: 'people',
  title: '人员',
  description: '矿领导、部门负责人、支部书记、调度员和联络员',
  render(ctx) {
    const editable = can.editOrganization();
    let people = [];
    let units = [];
    let includeRetired = false;
    const filters = { unitId: '', role: '' };

    function unitChoices(person) {
      const options = unitOptions(units, { keepId: person ? person.unitId : null });
      if (person && !options.some((o) => o.value === String(person.unitId))) {
        options.push({ value: String(person.unitId), label: `${person.unitName}（已撤销）` });
      }
      return options;
    }

    // The unit choices come with the page's first load: a form opened
    // before it finishes waits for it rather than offering no units.
    let firstLoad = null;

    async function openForm(person = null) {
      await firstLoad;
      const form = h(
        'form',
        { class: 'form', 'data-form': 'person' },
        textField({ name: 'name', label: '姓名', required: true, value: person?.name }),
        selectField({
          name: 'unitId',
          label: '所属单位',
          required: true,
          options: unitChoices(person),
          value: person?.unitId,
          empty: '请选择单位',
          hint: units.some((u) => !u.retired) ? null : '还没有在用的单位，请先在“单位”中新建',
        }),
        textField({ name: 'title', label: '职务', value: person?.title, placeholder: '如：党委副书记、队长' }),
        textField({ name: 'phone', label: '电话', value: person?.phone, inputmode: 'tel', placeholder: '如：0355-5961234 或 13912345678' }),
        checkboxGroup({ name: 'roles', label: '在党建调度中的角色', options: PERSON_ROLES, values: person ? person.roles : [], hint: '可多选；帮扶点只能选择“矿领导”' }),
        textareaField({ name: 'note', label: '备注', value: person?.note }),
        formError(),
        formActions(person ? '保存' : '新建人员', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema,
        submit: async (values) => {
          const input = {
            name: trimmed(values.name),
            unitId: idFromSelect(values.unitId),
            title: trimmed(values.title),
            phone: trimmed(values.phone),
            roles: values.roles ?? [],
            note: trimmed(values.note),
          };
          const saved = person ? await api.updatePerson({ id: person.id, ...input }) : await api.createPerson(input);
          await records.saved(saved, !person);
        },
      });
      records.showForm(person, form);
    }

    const records = retirable({
      noun: '人员',
      panelHost: ctx.panelHost,
      panelName: 'person',
      table: () => table,
      reload: () => load(),
      retire: api.retirePerson,
      reinstate: api.reinstatePerson,
      retireDetails: '撤销后此人不再出现在选择列表中（如调离、退休），已有记录和审计日志保留，以后可以恢复。',
    });
    const rowActions = records.rowActions((record) => openForm(record));

    function applyFilters() {
      const { unitId, role } = filters;
      table.setPredicate(unitId || role ? (p) => (!unitId || String(p.unitId) === unitId) && (!role || p.roles.includes(role)) : null);
    }

    const unitFilter = toolbarSelect({
      name: 'unitFilter',
      label: '单位',
      options: [],
      onChange: (value) => {
        filters.unitId = value;
        applyFilters();
      },
    });
    const roleFilter = toolbarSelect({
      name: 'roleFilter',
      label: '角色',
      options: PERSON_ROLES,
      onChange: (value) => {
        filters.role = value;
        applyFilters();
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

    function fillUnitFilter() {
      const current = unitFilter.value;
      unitFilter.replaceChildren(
        h('option', { value: '' }, '全部单位'),
        units.map((u) => h('option', { value: String(u.id) }, u.retired ? `${u.name}（已撤销）` : u.name)),
      );
      unitFilter.value = units.some((u) => String(u.id) === current) ? current : '';
      filters.unitId = unitFilter.value;
    }

    const table = createTable({
      name: 'people',
      columns: [
        { key: 'name', label: '姓名', value: (p) => p.name, className: 'col-strong nowrap' },
        { key: 'unitName', label: '所属单位', value: (p) => p.unitName },
        { key: 'title', label: '职务', value: (p) => p.title },
        { key: 'phone', label: '电话', value: (p) => p.phone, className: 'num nowrap' },
        { key: 'roles', label: '角色', value: roleText },
        {
          key: 'status',
          label: '状态',
          value: (p) => (p.retired ? '已撤销' : '正常'),
          render: (p) => statusCell({ retired: p.retired, since: p.retiredAt }),
          className: 'nowrap',
        },
        { key: 'note', label: '备注', value: (p) => p.note, className: 'col-note' },
      ],
      searchValues: (p) => [p.name, p.unitName, p.title, p.phone, roleText(p), p.note],
      searchPlaceholder: '搜索姓名、单位、职务、电话',
      rowClass: (p) => (p.retired ? 'is-retired' : null),
      actions: editable ? rowActions : null,
      toolbar: [unitFilter, roleFilter, retiredToggle],
      onClearFilters: () => {
        unitFilter.value = '';
        roleFilter.value = '';
        filters.unitId = '';
        filters.role = '';
        table.setPredicate(null);
      },
      emptyState: () =>
        emptyState({
          title: '还没有登记人员',
          text: '这里登记各单位的矿领导、部门负责人、支部书记、调度员和联络员，供帮扶点、调度通知和考核使用。每人须属于一个单位。',
          actionLabel: editable ? '新建人员' : null,
          onAction: () => openForm(),
          action: 'new-person',
        }),
    });

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner, table.element);
    if (editable) {
      ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-person', onClick: () => openForm() }, '新建人员'));
    }

    async function load() {
      try {
        [people, units] = await Promise.all([api.listPeople({ includeRetired }), api.listUnits({ includeRetired: true })]);
        banner.replaceChildren();
        fillUnitFilter();
        applyFilters();
        table.setRows(people);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    firstLoad = load();
    return firstLoad;
  },
};
