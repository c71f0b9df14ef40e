// 设置 → 附件: the size limit of one attachment (administrators) and where
// the attachment store is.
//
// Hooks: section[data-section="attachments"] > form[data-form="attachment-settings"]
// (attachmentMaxMb), [data-about="attachmentsDir"].

import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { textField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { toast, toastError } from '../../components/toast.js';
import { integerBetween } from '../../lib/validate.js';
import { formatSize } from '../../lib/loop.js';
import { can } from '../../state.js';
import { section } from '../common.js';

export function attachmentSettingsSection() {
  const admin = can.changeSettings();
  const dir = h('span', { class: 'selectable', 'data-about': 'attachmentsDir' }, '—');
  const current = h('span', { class: 'num', 'data-about': 'attachmentLimit' }, '—');
  const form = h(
    'form',
    { class: 'form form--narrow', 'data-form': 'attachment-settings' },
    textField({ name: 'attachmentMaxMb', label: '单个附件大小上限（MB）', required: true, inputmode: 'numeric', hint: '1–20480 MB；默认 2048 MB（2 GB），超过的文件不能添加' }),
    formError(),
    admin ? formActions('保存') : h('p', { class: 'muted' }, '只有管理员可以修改附件大小上限。'),
  );
  if (!admin) for (const input of form.querySelectorAll('input')) input.disabled = true;
  const show = (s) => {
    form.elements.attachmentMaxMb.value = String(s.maxMb);
    dir.textContent = s.dir;
    current.textContent = formatSize(s.maxMb * 1024 * 1024);
  };
  bindForm(form, {
    schema: { attachmentMaxMb: [integerBetween(1, 20480, '附件大小上限')] },
    submit: async (values) => {
      const saved = await loopApi.updateAttachmentSettings({ maxMb: Number(values.attachmentMaxMb.trim()) });
      show(saved);
      toast(`附件大小上限已改为 ${formatSize(saved.maxMb * 1024 * 1024)}`, 'success');
    },
  });
  loopApi.getAttachmentSettings().then(show, toastError);
  return section({
    name: 'attachments',
    title: '附件',
    description: '反馈和整改的照片、视频、文档按内容存放在附件库中，相同文件只存一份，随备份一起备份和恢复',
    body: [
      h('dl', { class: 'detail-list detail-list--wide att-settings-facts' }, h('dt', null, '附件库'), h('dd', null, dir), h('dt', null, '当前上限'), h('dd', null, current)),
      form,
    ],
  });
}
