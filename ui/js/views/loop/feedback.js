// 反馈 of a task or a document: the reports so far (newest first) with their
// photos and files, and the form that records a new one.
//
// Hooks: [data-feedback-list] with article[data-feedback-id] (data-final,
// data-missing-forms: the 图片/视频 the order asked for that the report lacks,
// flagged yellow by [data-feedback-flag]),
// button[data-action="add-feedback"], dialog[data-dialog="feedback"] >
// form[data-form="feedback"] (reportedOn, unitId, personName, progress,
// isFinal, text) with the attachment picker (attachments.js).

import * as api from '../../api/index.js';
import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { textField, textareaField, selectField, checkboxField } from '../../components/fields.js';
import { toast } from '../../components/toast.js';
import { formDialog } from '../documents/dialogs.js';
import { formatDateTime } from '../../lib/dates.js';
import { validateFeedback, feedbackInput } from '../../lib/loop.js';
import { todayIso } from '../../lib/clock.js';
import { attachmentList, attachmentPicker } from './attachments.js';

function feedbackItem(f) {
  return h(
    'article',
    { class: ['fb-item', f.isFinal && 'fb-item--final', f.missingForms?.length && 'fb-item--flagged'], 'data-feedback-id': f.id, 'data-final': f.isFinal ? 'true' : 'false', 'data-missing-forms': (f.missingForms ?? []).join('、') },
    h(
      'header',
      { class: 'fb-item__head' },
      h('span', { class: 'fb-item__date num' }, f.reportedOn),
      h('span', { class: 'fb-item__who' }, [f.unitName, f.personName].filter(Boolean).join(' · ')),
      f.progress !== null && f.progress !== undefined
        ? h('span', { class: 'fb-progress', title: `进度 ${f.progress}%` }, h('span', { class: 'fb-progress__bar' }, h('span', { class: `fb-progress__fill fb-progress__fill--${Math.round(f.progress / 10)}` })), h('span', { class: 'num' }, `${f.progress}%`))
        : null,
      f.isFinal ? h('span', { class: 'tag loop-tag loop-tag--ok' }, '最终反馈') : null,
      f.missingForms?.length ? h('span', { class: 'tag loop-tag loop-tag--warn', 'data-feedback-flag': true, title: '调度令要求的反馈形式' }, `缺${f.missingForms.join('、')}`) : null,
    ),
    f.text ? h('p', { class: 'fb-item__text pre-line' }, f.text) : null,
    attachmentList(f.attachments),
    h('footer', { class: 'fb-item__foot muted' }, `${f.createdBy ?? ''} 登记于 ${formatDateTime(f.createdAt)}`),
  );
}

export function feedbackList(items) {
  if (!items.length) {
    return h('p', { class: 'muted loop-empty', 'data-feedback-list': true }, '还没有反馈。责任单位以文字、照片、视频等形式报送的进展在这里登记。');
  }
  return h('div', { class: 'fb-list', 'data-feedback-list': true }, items.map(feedbackItem));
}

// The form in a dialog. status: the target's LoopStatus (for the default
// unit). Resolves the saved feedback, or null.
export async function feedbackDialog({ target, status }) {
  const units = await api.listUnits({ includeRetired: false });
  const picker = attachmentPicker({ label: '照片、视频或文件' });
  const unitOptions = units.map((u) => ({ value: String(u.id), label: u.name }));
  const fields = [
    h(
      'div',
      { class: 'form-row' },
      textField({ name: 'reportedOn', label: '反馈日期', required: true, value: todayIso(), placeholder: 'YYYY-MM-DD' }),
      selectField({ name: 'unitId', label: '反馈单位', required: true, options: unitOptions, value: status.unitId ? String(status.unitId) : '', empty: '（请选择）' }),
      textField({ name: 'personName', label: '反馈人', required: true, maxlength: 20 }),
    ),
    h(
      'div',
      { class: 'form-row' },
      textField({ name: 'progress', label: '进度（%）', inputmode: 'numeric', placeholder: '0–100', hint: '不填则不改变任务进度' }),
      checkboxField({ name: 'isFinal', label: '最终反馈（工作已全部完成）', hint: '完成闭合须有最终反馈' }),
    ),
    textareaField({ name: 'text', label: '反馈内容', rows: 4, placeholder: '完成情况、存在问题、下一步安排' }),
    picker.element,
  ];
  const saved = await formDialog({
    name: 'feedback',
    title: '登记反馈',
    message: `对象：${status.title}`,
    fields,
    submitLabel: '保存反馈',
    wide: true,
    validate: (values) => {
      const errors = validateFeedback(values, picker.files());
      if (picker.busy()) errors.attachments = '文件还在复制中，请稍候再保存';
      return errors;
    },
    submit: async (values) => {
      const f = await loopApi.addFeedback(feedbackInput(values, target, picker.files()));
      toast(`已登记反馈${f.attachments.length ? `（附件 ${f.attachments.length} 个）` : ''}`, 'success');
      return f;
    },
  }).finally(picker.destroy);
  return saved;
}
