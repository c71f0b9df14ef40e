// 文档管理: the archive of incoming files (来文) and 制度 texts, each with the
// file itself in the attachment store. The search box asks the core's
// full-text index (title and number; Chinese words of any length). A plan
// cites an archived file as a source (pickArchiveFile) and opens it.
//
// Hooks: input[data-archive-search], select[name="kind"],
// table[data-table="archive"], form[data-form="archive"],
// aside[data-panel="archive"] with [data-archive=ID], buttons data-action=
// "new-archive" | "edit-archive" | "retire-archive" | "open-archive-file";
// dialog[data-dialog="pick-archive"] with ul[data-pick-list][data-query]
// (the query the list answers) and button[data-pick=ID].

import * as regApi from '../../api/registers.js';
import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm, setFieldError } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast, toastError } from '../../components/toast.js';
import { todayIso } from '../../lib/clock.js';
import { validateArchive, archiveLabel } from '../../lib/registers.js';
import { attachmentList, attachmentPicker } from '../loop/attachments.js';
import { openPlanLater } from '../plans.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, toolbarCheckbox, trimmed } from '../common.js';
import { tag } from '../assessment/shared.js';

const KINDS = [
  { value: 'incoming', label: '来文' },
  { value: 'rule', label: '制度' },
];

/** Opens an archived file's first file in the system's viewer. */
export async function openArchivedFile(id) {
  try {
    const f = await regApi.getArchiveFile({ id });
    const first = f.attachments[0];
    if (!first) {
      toast('该文档没有文件', 'error');
      return;
    }
    await loopApi.openAttachment({ sha256: first.sha256, name: first.name });
  } catch (error) {
    toastError(error);
  }
}

// A search-and-pick dialog over the archive; answers the chosen file or null.
export function pickArchiveFile({ exclude = [] } = {}) {
  return new Promise((resolve) => {
    let chosen = null;
    const list = h('ul', { class: 'archive-pick__list', 'data-pick-list': true });
    const input = h('input', { type: 'search', class: 'input input--search', 'data-archive-pick-search': true, placeholder: '标题或文号中的字词', 'aria-label': '搜索文档库' });
    const message = h('p', { class: 'muted archive-pick__message', 'aria-live': 'polite' });
    let asked = 0;
    async function search() {
      const mine = ++asked;
      try {
        const found = await regApi.listArchive({ text: input.value.trim() });
        if (mine !== asked) return;
        const rows = found.filter((f) => !exclude.includes(f.id));
        // Which query the list shows (the search answers as the user types).
        list.dataset.query = input.value.trim();
        message.textContent = rows.length ? `找到 ${rows.length} 个文件` : '没有找到文件。可先在“文档管理”中登记。';
        list.replaceChildren(
          ...rows.map((f) =>
            h(
              'li',
              { class: 'archive-pick__item' },
              h('span', null, tag(f.kindLabel, f.kind === 'rule' ? 'neutral' : 'ok'), ' ', archiveLabel(f)),
              h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-pick': f.id, onClick: () => { chosen = f; dialog.close(); } }, '选择'),
            ),
          ),
        );
      } catch (error) {
        if (mine === asked) message.textContent = error.message;
      }
    }
    input.addEventListener('input', search);
    const dialog = h(
      'dialog',
      { class: 'dialog dialog--doc-wide', 'data-dialog': 'pick-archive', 'aria-label': '从文档库选择依据文件' },
      h(
        'div',
        { class: 'dialog__form' },
        h('h2', { class: 'dialog__title' }, '从文档库选择依据文件'),
        input,
        message,
        list,
        h('div', { class: 'form-actions form-actions--end' }, h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消')),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    search();
  });
}

export const archivePage = {
  id: 'archive',
  title: '文档管理',
  description: '上级来文和本矿制度的登记与全文检索；文件保存在附件库中，计划可引用为依据文件',
  render(ctx) {
    const editable = can.editOrganization();
    let text = '';
    let kind = '';
    let includeRetired = false;
    const banner = h('div', { class: 'page-banner' });

    function openForm(f = null) {
      const picker = attachmentPicker({ initial: f?.attachments ?? [], label: '文件（扫描件或电子版）' });
      const form = h(
        'form',
        { class: 'form', 'data-form': 'archive' },
        selectField({ name: 'kind', label: '类别', required: true, options: KINDS, value: f?.kind ?? 'incoming' }),
        textField({ name: 'title', label: '文件标题', required: true, value: f?.title ?? '', maxlength: 200, wide: true }),
        h(
          'div',
          { class: 'form-row' },
          textField({ name: 'issuer', label: '发文机关', value: f?.issuer ?? '', placeholder: '如：集团党委', maxlength: 60 }),
          textField({ name: 'number', label: '文号', value: f?.number ?? '', placeholder: '如：集团党发〔2026〕31号', maxlength: 60 }),
        ),
        textField({ name: 'issuedOn', label: '成文日期', required: true, value: f?.issuedOn ?? todayIso(), maxlength: 10 }),
        picker.element,
        textareaField({ name: 'note', label: '备注', value: f?.note ?? '', rows: 2 }),
        formError(),
        formActions(f ? '保存' : '登记文档', { onCancel: closePanel }),
      );
      bindForm(form, {
        validate: (v) => {
          const e = validateArchive(v, picker.files(), todayIso());
          if (picker.busy()) e.attachments = '文件还在复制，请稍候';
          return e;
        },
        submit: async (v) => {
          const input = { kind: v.kind, title: trimmed(v.title), issuer: trimmed(v.issuer), number: trimmed(v.number), issuedOn: v.issuedOn.trim(), note: trimmed(v.note), attachments: picker.files() };
          try {
            const saved = f ? await regApi.updateArchiveFile({ id: f.id, ...input }) : await regApi.createArchiveFile(input);
            picker.destroy();
            toast(f ? '已保存' : `已登记${saved.kindLabel}《${saved.title}》`, 'success');
            await load();
            openFile(saved);
          } catch (error) {
            if (error.field === 'attachments' && setFieldError(form, 'attachments', error.message)) return;
            throw error;
          }
        },
      });
      openPanel({ host: ctx.panelHost, name: 'archive-form', title: f ? '修改文档' : '登记文档', content: form, wide: true, onClose: () => picker.destroy() });
    }

    function retire(f) {
      return confirmDialog({
        title: '作废文档',
        message: `确定作废《${f.title}》吗？`,
        details: '作废后保留记录和文件，不再出现在检索结果中；引用它的计划仍可打开。',
        confirmLabel: '作废',
        danger: true,
        reason: { label: '作废原因' },
        onConfirm: async ({ reason }) => {
          await regApi.retireArchiveFile({ id: f.id, reason });
          toast('已作废', 'success');
          closePanel();
          await load();
        },
      });
    }

    function openFile(f) {
      const body = h(
        'div',
        { class: 'archive-detail', 'data-archive': f.id },
        editable && !f.retired
          ? h('div', { class: 'doc-detail__actions' }, actionButton('edit-archive', '修改', () => openForm(f)), actionButton('retire-archive', '作废', () => retire(f), { danger: true }))
          : null,
        h(
          'dl',
          { class: 'detail-list detail-list--wide' },
          h('dt', null, '类别'), h('dd', null, f.kindLabel, f.retired ? tag(`已作废：${f.retiredReason ?? ''}`, 'retired') : null),
          h('dt', null, '文件标题'), h('dd', { class: 'col-strong' }, f.title),
          h('dt', null, '发文机关'), h('dd', null, f.issuer || '—'),
          h('dt', null, '文号'), h('dd', null, f.number || '—'),
          h('dt', null, '成文日期'), h('dd', { class: 'num' }, f.issuedOn),
          h('dt', null, '备注'), h('dd', { class: 'pre-line' }, f.note || '—'),
          h('dt', null, '引用的计划'),
          h(
            'dd',
            { 'data-cited-by': true },
            f.citedBy.length
              ? f.citedBy.map((p) => h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-plan', onClick: () => { openPlanLater(p.id); ctx.navigate('plans'); } }, p.title))
              : '—',
          ),
        ),
        h('h3', { class: 'handover__heading' }, '文件'),
        attachmentList(f.attachments) ?? h('p', { class: 'muted' }, '无'),
      );
      openPanel({ host: ctx.panelHost, name: 'archive', title: f.kindLabel === '制度' ? '制度' : '来文', content: body, wide: true });
    }

    const table = createTable({
      name: 'archive',
      search: false,
      columns: [
        { key: 'kind', label: '类别', value: (f) => f.kindLabel, render: (f) => tag(f.kindLabel, f.kind === 'rule' ? 'neutral' : 'ok'), className: 'nowrap' },
        { key: 'issuedOn', label: '成文日期', value: (f) => f.issuedOn, className: 'num nowrap' },
        { key: 'issuer', label: '发文机关', value: (f) => f.issuer, className: 'nowrap' },
        { key: 'number', label: '文号', value: (f) => f.number, className: 'nowrap' },
        { key: 'title', label: '标题', value: (f) => f.title, className: 'col-strong' },
        { key: 'files', label: '文件', value: (f) => f.attachments.length, render: (f) => `${f.attachments.length}个`, className: 'num nowrap' },
        { key: 'cited', label: '计划引用', value: (f) => f.citedBy.length, render: (f) => (f.citedBy.length ? tag(`${f.citedBy.length}个计划`, 'ok') : ''), className: 'nowrap' },
      ],
      rowClass: (f) => (f.retired ? 'is-retired' : null),
      actions: (f) => [actionButton('open-archive-file', '打开文件', () => openArchivedFile(f.id))],
      onOpen: openFile,
      emptyState: () =>
        text
          ? h('div', { class: 'table-message', 'data-archive-none': true }, `没有标题或文号含“${text}”的文件`)
          : emptyState({
              title: '文档库还是空的',
              text: '登记上级来文和本矿制度，连同扫描件或电子版一起保存；可按标题、文号检索，计划可引用为依据文件。',
              actionLabel: editable ? '登记文档' : null,
              onAction: () => openForm(),
              action: 'new-archive-empty',
            }),
    });

    const search = h('input', { type: 'search', class: 'input input--search', name: 'archive-search', 'data-archive-search': true, placeholder: '检索标题、文号', 'aria-label': '检索标题、文号', maxlength: 100 });
    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      // Ask the core once typing pauses, not on every key.
      timer = setTimeout(() => {
        text = search.value.trim();
        load();
      }, 250);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(timer);
        text = search.value.trim();
        load();
      }
    });
    ctx.onLeave?.(() => clearTimeout(timer));
    const kindSelect = h(
      'select',
      { class: 'input input--select input--compact', name: 'kind', 'aria-label': '类别', onChange: (e) => { kind = e.target.value; load(); } },
      h('option', { value: '' }, '全部类别'),
      KINDS.map((k) => h('option', { value: k.value }, k.label)),
    );
    ctx.actions.append(
      ...[
        editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-archive', onClick: () => openForm() }, '登记文档') : null,
      ].filter(Boolean),
    );
    ctx.root.append(
      banner,
      section({
        name: 'archive',
        title: '来文与制度',
        description: '检索在程序核心的全文索引中进行：标题、文号中的任意字词',
        actions: [search, kindSelect, toolbarCheckbox({ name: 'includeRetired', label: '含已作废', onChange: (c) => { includeRetired = c; load(); } })],
        body: table.element,
      }),
    );

    async function load() {
      try {
        const list = await regApi.listArchive({ text, kind, includeRetired });
        banner.replaceChildren();
        table.setRows(list);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
