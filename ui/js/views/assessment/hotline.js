// 热线电话: each call with its time, caller, unit, matter, handling and
// response time; in one step it becomes a task, a dispatch order draft or
// a rectification item.

import * as api from '../../api/index.js';
import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { required } from '../../lib/validate.js';
import { normalizeTime, nowText } from '../../lib/assessment.js';
import { isValidDate } from '../../lib/dates.js';
import { idFromSelect } from '../../lib/options.js';
import { formDialog } from '../documents/dialogs.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { tag } from './shared.js';

const INTO = { task: '任务', order: '调度令', rectification: '整改事项' };

export const hotlinePage = {
  id: 'hotline',
  title: '热线电话',
  description: '来电登记、处理答复、响应时间；一步转为任务、调度令或整改',
  render(ctx) {
    const editable = can.editOrganization();
    let units = [];
    const banner = h('div', { class: 'page-banner' });

    function openForm(call = null) {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'hotline' },
        textField({ name: 'receivedAt', label: '来电时间', required: true, value: call?.receivedAt ?? nowText(), placeholder: '2026-03-05 09:30', maxlength: 16 }),
        textField({ name: 'caller', label: '来电人', required: true, value: call?.caller ?? '', maxlength: 30 }),
        textField({ name: 'callerPhone', label: '来电号码', value: call?.callerPhone ?? '', maxlength: 32 }),
        selectField({ name: 'unitId', label: '所涉单位', options: units.map((u) => ({ value: String(u.id), label: u.name })), value: call?.unitId ? String(call.unitId) : '', empty: '（未涉及具体单位）', hint: '转为任务、调度令或整改时，这里是责任单位' }),
        textareaField({ name: 'matter', label: '反映事项', required: true, value: call?.matter ?? '', rows: 3 }),
        textareaField({ name: 'handling', label: '处理情况', value: call?.handling ?? '', rows: 2 }),
        textField({ name: 'respondedAt', label: '答复时间', value: call?.respondedAt ?? '', placeholder: '答复来电人的时间，如 2026-03-05 10:05', maxlength: 16 }),
        formError(),
        formActions(call ? '保存' : '登记来电', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { receivedAt: [required('来电时间')], caller: [required('来电人')], matter: [required('反映事项')] },
        validate: (v) => {
          const e = {};
          if (v.receivedAt.trim() && !normalizeTime(v.receivedAt)) e.receivedAt = '来电时间格式应为 2026-03-05 09:30';
          if (v.respondedAt.trim() && !normalizeTime(v.respondedAt)) e.respondedAt = '答复时间格式应为 2026-03-05 09:30';
          else if (v.respondedAt.trim() && normalizeTime(v.respondedAt) < normalizeTime(v.receivedAt)) e.respondedAt = '答复时间不能早于来电时间';
          return e;
        },
        submit: async (v) => {
          const input = {
            receivedAt: normalizeTime(v.receivedAt),
            caller: trimmed(v.caller),
            callerPhone: trimmed(v.callerPhone),
            unitId: idFromSelect(v.unitId),
            matter: trimmed(v.matter),
            handling: trimmed(v.handling),
            respondedAt: v.respondedAt.trim() ? normalizeTime(v.respondedAt) : null,
          };
          const saved = call ? await assessApi.updateHotlineCall({ id: call.id, ...input }) : await assessApi.createHotlineCall(input);
          closePanel();
          toast(call ? '已保存' : `已登记来电，响应时间 ${saved.responseText}`, 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'hotline', title: call ? '修改来电记录' : '登记来电', content: form });
    }

    function convertDialog(call, into) {
      const fields = [];
      if (into === 'rectification') {
        fields.push(textField({ name: 'itemName', label: '整改项目名称', required: true, maxlength: 100 }));
        fields.push(textField({ name: 'personName', label: '整改责任人', required: true, maxlength: 20 }));
      }
      if (into === 'order') {
        fields.push(selectField({ name: 'urgency', label: '紧急程度', required: true, value: 'expedited', options: [{ value: 'urgent', label: '特急' }, { value: 'expedited', label: '加急' }, { value: 'normal', label: '平急' }] }));
      }
      fields.push(textField({ name: 'deadline', label: into === 'order' ? '完成时限（可空）' : '完成时限', required: into !== 'order', placeholder: '如 2026-03-12', maxlength: 10 }));
      return formDialog({
        name: 'convert-hotline',
        title: `转为${INTO[into]}`,
        message: `“${call.matter}”（${call.unitName ?? '未填单位'}）`,
        details: into === 'task' ? '任务归入本年度“热线电话交办事项”计划（日常调度），责任单位为所涉单位。' : into === 'order' ? '生成调度令草稿，在“通知单与调度令”中完善后签发。' : '按“三定”生成整改事项：项目名称、责任人、完成时限。',
        fields,
        submitLabel: `转为${INTO[into]}`,
        validate: (v) => {
          const e = {};
          if (into === 'rectification') {
            if (!String(v.itemName).trim()) e.itemName = '请填写整改项目名称';
            if (!String(v.personName).trim()) e.personName = '请填写整改责任人';
          }
          const d = String(v.deadline ?? '').trim();
          if (into !== 'order' && !d) e.deadline = '请填写完成时限';
          else if (d && !isValidDate(d)) e.deadline = '日期格式应为 2026-03-05';
          return e;
        },
        submit: async (v) => {
          const saved = await assessApi.convertHotlineCall({ id: call.id, into, deadline: String(v.deadline ?? '').trim() || null, urgency: v.urgency ?? null, itemName: trimmed(v.itemName ?? ''), personName: trimmed(v.personName ?? '') });
          toast(`已转为${INTO[into]}`, 'success');
          await load();
          return saved;
        },
      });
    }

    const table = createTable({
      name: 'hotline',
      columns: [
        { key: 'receivedAt', label: '来电时间', value: (c) => c.receivedAt, className: 'num nowrap' },
        { key: 'caller', label: '来电人', value: (c) => `${c.caller} ${c.callerPhone}`, render: (c) => h('span', null, c.caller, h('br'), h('span', { class: 'muted num' }, c.callerPhone)), className: 'nowrap' },
        { key: 'unitName', label: '所涉单位', value: (c) => c.unitName ?? '', className: 'nowrap' },
        { key: 'matter', label: '反映事项', value: (c) => c.matter },
        { key: 'handling', label: '处理情况', value: (c) => c.handling },
        { key: 'response', label: '响应时间', value: (c) => c.responseMinutes ?? 1e9, render: (c) => (c.responseMinutes === null ? tag('未答复', 'warn') : c.responseText), className: 'nowrap' },
        { key: 'turned', label: '转办', value: (c) => c.turnedInto, render: (c) => (c.turnedInto ? tag(c.turnedInto, 'ok') : ''), className: 'nowrap' },
      ],
      searchPlaceholder: '搜索来电人、单位、事项',
      actions: editable
        ? (c) => [
            actionButton('edit-call', '修改', () => openForm(c)),
            c.taskId ? null : actionButton('to-task', '转任务', () => convertDialog(c, 'task')),
            c.docId ? null : actionButton('to-order', '转调度令', () => convertDialog(c, 'order')),
            c.rectificationId ? null : actionButton('to-rectification', '转整改', () => convertDialog(c, 'rectification')),
          ]
        : null,
      emptyState: () => emptyState({ title: '还没有热线来电', text: '登记热线电话反映的问题和处理答复情况，统计响应时间；需要落实的一步转为任务、调度令或整改事项。', actionLabel: editable ? '登记来电' : null, onAction: () => openForm(), action: 'new-call' }),
    });

    if (editable) ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-call', onClick: () => openForm() }, '登记来电'));
    ctx.root.append(banner, section({ name: 'hotline', title: '来电记录', body: table.element }));

    async function load() {
      try {
        const [calls, loadedUnits] = await Promise.all([assessApi.listHotlineCalls(), api.listUnits({ includeRetired: false })]);
        units = loadedUnits;
        banner.replaceChildren();
        table.setRows(calls);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
