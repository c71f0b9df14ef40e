// 工作职责: the duties of each post and of the person holding it, from a
// day until a day. A change of duties ends the entry (截止) and registers a
// new one, so who was responsible for what stays on record.
//
// Hooks: table[data-table="post-duties"], form[data-form="post-duty"],
// input[name="includeEnded"], buttons data-action="new-post-duty" |
// "edit-post-duty" | "end-post-duty"; dialog data-form="end-post-duty".

import * as api from '../../api/index.js';
import * as regApi from '../../api/registers.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { personLabel, unitOptions, idFromSelect } from '../../lib/options.js';
import { todayIso } from '../../lib/clock.js';
import { validateDuty } from '../../lib/registers.js';
import { formDialog } from '../documents/dialogs.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, toolbarCheckbox, trimmed } from '../common.js';
import { tag } from '../assessment/shared.js';

export const dutiesPage = {
  id: 'duties',
  title: '工作职责',
  description: '党建调度各级工作人员的岗位职责：岗位、人员、职责内容和起止日期',
  render(ctx) {
    const editable = can.editOrganization();
    let includeEnded = false;
    let people = [];
    let units = [];
    const banner = h('div', { class: 'page-banner' });

    function openForm(d = null) {
      const personOptions = people.filter((p) => !p.retired || p.id === d?.personId).map((p) => ({ value: String(p.id), label: personLabel(p) }));
      const form = h(
        'form',
        { class: 'form', 'data-form': 'post-duty' },
        textField({ name: 'post', label: '岗位', required: true, value: d?.post ?? '', placeholder: '如：调度员、党建调度室主任、带班领导', maxlength: 40 }),
        h(
          'div',
          { class: 'form-row' },
          selectField({ name: 'personId', label: '人员', options: personOptions, value: d?.personId ? String(d.personId) : '', empty: '（岗位通用职责）' }),
          selectField({ name: 'unitId', label: '所在单位', options: unitOptions(units, { keepId: d?.unitId ?? null }), value: d?.unitId ? String(d.unitId) : '', empty: '（不指定）' }),
        ),
        textareaField({ name: 'duties', label: '工作职责', required: true, value: d?.duties ?? '', rows: 6 }),
        h(
          'div',
          { class: 'form-row' },
          textField({ name: 'since', label: '起始日期', required: true, value: d?.since ?? todayIso(), maxlength: 10 }),
          textField({ name: 'until', label: '截止日期', value: d?.until ?? '', placeholder: '不填为至今', maxlength: 10 }),
        ),
        formError(),
        formActions(d ? '保存' : '登记职责', { onCancel: closePanel }),
      );
      bindForm(form, {
        validate: validateDuty,
        submit: async (v) => {
          const input = { post: trimmed(v.post), personId: idFromSelect(v.personId), unitId: idFromSelect(v.unitId), duties: trimmed(v.duties), since: v.since.trim(), until: v.until.trim() };
          const saved = d ? await regApi.updatePostDuty({ id: d.id, ...input }) : await regApi.createPostDuty(input);
          closePanel();
          toast(d ? '职责已保存' : `已登记“${saved.post}”的工作职责`, 'success');
          await load();
          table.select(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'post-duty', title: d ? '修改工作职责' : '登记工作职责', content: form, wide: true });
    }

    function endDialog(d) {
      return formDialog({
        name: 'end-post-duty',
        title: '截止职责',
        message: `${d.post}${d.personName ? `（${d.personName}）` : ''}`,
        details: '职责变化时先截止原记录，再登记新的职责；记录保留为历史。',
        fields: [textField({ name: 'until', label: '截止日期', required: true, value: todayIso(), maxlength: 10 })],
        submitLabel: '截止',
        validate: (v) => validateDuty({ ...d, until: v.until }),
        submit: async (v) => {
          const saved = await regApi.updatePostDuty({ id: d.id, post: d.post, personId: d.personId, unitId: d.unitId, duties: d.duties, since: d.since, until: v.until.trim() });
          toast('已截止', 'success');
          await load();
          return saved;
        },
      });
    }

    const table = createTable({
      name: 'post-duties',
      columns: [
        { key: 'post', label: '岗位', value: (d) => d.post, className: 'col-strong nowrap' },
        { key: 'person', label: '人员', value: (d) => d.personName ?? '', render: (d) => d.personName ?? h('span', { class: 'muted' }, '岗位通用'), className: 'nowrap' },
        { key: 'unit', label: '单位', value: (d) => d.unitName ?? '', className: 'nowrap' },
        { key: 'duties', label: '工作职责', value: (d) => d.duties, render: (d) => h('span', { class: 'pre-line' }, d.duties), className: 'col-note' },
        { key: 'since', label: '起止', value: (d) => d.since, render: (d) => `${d.since} 至 ${d.until ?? '今'}`, className: 'num nowrap' },
        { key: 'current', label: '状态', value: (d) => (d.current ? 1 : 0), render: (d) => (d.current ? tag('在用', 'ok') : tag('已截止', 'retired')), className: 'nowrap' },
      ],
      rowClass: (d) => (d.current ? null : 'is-retired'),
      searchPlaceholder: '搜索岗位、人员、职责',
      actions: editable ? (d) => [actionButton('edit-post-duty', '修改', () => openForm(d)), d.until ? null : actionButton('end-post-duty', '截止', () => endDialog(d))].filter(Boolean) : null,
      emptyState: () =>
        emptyState({
          title: '还没有登记工作职责',
          text: '按《党建调度考核管理办法》，党建调度各级工作人员都有明确的工作职责：在此登记每个岗位和每个人的职责，便于考核对照。',
          actionLabel: editable ? '登记职责' : null,
          onAction: () => openForm(),
          action: 'new-post-duty-empty',
        }),
    });

    ctx.actions.append(
      ...[
        toolbarCheckbox({ name: 'includeEnded', label: '显示已截止', onChange: (checked) => { includeEnded = checked; load(); } }),
        editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-post-duty', onClick: () => openForm() }, '登记职责') : null,
      ].filter(Boolean),
    );
    ctx.root.append(banner, section({ name: 'post-duties', title: '岗位职责登记', body: table.element }));

    async function load() {
      try {
        const [list, loadedPeople, loadedUnits] = await Promise.all([regApi.listPostDuties({ includeEnded }), api.listPeople({ includeRetired: false }), api.listUnits({ includeRetired: false })]);
        people = loadedPeople;
        units = loadedUnits;
        banner.replaceChildren();
        table.setRows(list);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
