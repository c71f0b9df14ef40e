// 一总结一通报: when a plan stage ends, a draft summary and bulletin is
// generated from the records, edited here, issued by a 签发人 (the number of
// the year is taken then) and printed as an official document.
//
// Hooks: table[data-table="stages"] rows tr[data-id="planId:stageId"] with
// [data-ended] and button[data-action="generate"]; table[data-table=
// "summaries"] rows tr[data-id]; aside[data-panel="summary"] with
// .sup-summary[data-status] and form[data-form="summary"] (title,
// addressees, body) and button[data-action="save-summary" | "issue" |
// "withdraw" | "preview" | "save-pdf" | "print"]; dialog[data-dialog=
// "issue-summary"] > form[data-form="issue-summary"] (password).

import * as supApi from '../api/supervision.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { textField, textareaField, passwordField, formError } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { openPanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { formatDateTime } from '../lib/dates.js';
import { getUser, grants } from '../state.js';
import { formDialog } from './documents/dialogs.js';
import { loadFailed, section } from './common.js';
import { previewSummary, printSummary, saveSummary } from './supervision/papers.js';

const STATUS_TONE = { draft: 'draft', issued: 'done', withdrawn: 'closed' };

function statusTag(s) {
  return h('span', { class: ['tag', 'doc-status', `doc-status--${STATUS_TONE[s.status] ?? 'draft'}`], 'data-status': s.status }, s.statusLabel);
}

function issueDialog(s) {
  const user = getUser();
  return formDialog({
    name: 'issue-summary',
    title: '印发通报',
    message: '印发后内容冻结，按本年度通报顺序自动编排文号。',
    details: h('p', null, `将以“${user ? user.displayName : ''}”的名义印发“${s.title}”。文号一经编排不再重复使用，撤回后也不收回。`),
    fields: passwordField({ name: 'password', label: '请再次输入您的登录密码', autocomplete: 'current-password' }),
    submitLabel: '确认印发',
    validate: (v) => (v.password ? {} : { password: '请输入密码以确认印发' }),
    submit: async (v) => {
      const issued = await supApi.issueSummary({ id: s.id, password: v.password });
      toast(`已印发，文号 ${issued.number}`, 'success');
      return issued;
    },
  });
}

function summaryDetail(s, { editable, onChanged }) {
  const mayIssue = grants().sign;
  const draft = s.status === 'draft';
  const print = h(
    'div',
    { class: 'doc-detail__print' },
    h('span', { class: 'doc-detail__print-label' }, '正式文件'),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'preview', onClick: () => previewSummary(s).catch(toastError) }, '预览'),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'save-pdf', onClick: () => saveSummary(s) }, '另存为PDF'),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'print', onClick: () => printSummary(s) }, '打印'),
  );
  const actions = h(
    'div',
    { class: 'doc-detail__actions' },
    draft && editable && mayIssue ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'issue', onClick: async () => { const x = await issueDialog(s); if (x) onChanged(x); } }, '印发') : null,
    // A draft is withdrawn by whoever edits it; an issued bulletin only by
    // a signer, with the password again.
    s.status !== 'withdrawn' && editable && (draft || mayIssue)
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--danger-text',
            'data-action': 'withdraw',
            onClick: () => {
              let x = null;
              confirmDialog({ title: '撤回通报', message: `撤回“${s.title}”吗？`, details: s.number ? `文号 ${s.number} 保留，不再使用。` : '草稿撤回后不能再编辑和印发。', confirmLabel: '撤回', danger: true, reason: { label: '撤回原因' }, password: Boolean(s.number), onConfirm: async ({ reason, password }) => { x = await supApi.withdrawSummary({ id: s.id, reason, password }); } }).then((ok) => ok && onChanged(x));
            },
          },
          '撤回',
        )
      : null,
  );
  let body;
  if (draft && editable) {
    const form = h(
      'form',
      { class: 'form form--panel', 'data-form': 'summary', novalidate: true },
      textField({ name: 'title', label: '标题', required: true, value: s.title, maxlength: 80 }),
      textField({ name: 'addressees', label: '主送单位', value: s.addressees, maxlength: 200 }),
      textareaField({ name: 'body', label: '正文', required: true, rows: 18, value: s.body, hint: '以“一、”开头的行印为一级标题（黑体），“（一）”开头的行印为二级标题（楷体）。数字按生成时的记录，可直接修改。' }),
      formError(),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'save-summary' }, '保存修改')),
    );
    form.querySelector('textarea').classList.add('sup-summary__body');
    bindForm(form, {
      validate: (v) => {
        const e = {};
        if (!String(v.title ?? '').trim()) e.title = '请填写标题';
        if (!String(v.body ?? '').trim()) e.body = '请填写正文';
        return e;
      },
      submit: async (v) => {
        const saved = await supApi.updateSummary({ id: s.id, title: String(v.title).trim(), addressees: String(v.addressees ?? '').trim(), body: String(v.body) });
        toast('已保存修改', 'success');
        onChanged(saved);
      },
    });
    body = form;
  } else {
    body = h('div', { class: 'sup-summary__text', 'data-summary-body': true }, h('p', { class: 'muted' }, `主送：${s.addressees}`), ...s.body.split('\n').map((l) => h('p', { class: /^[一二三四五六七八九十]+、/.test(l) ? 'sup-summary__h1' : null }, l)));
  }
  return h(
    'div',
    { class: 'doc-detail sup-summary', 'data-summary-id': s.id, 'data-status': s.status },
    h(
      'div',
      { class: 'doc-detail__head' },
      h('div', { class: 'doc-detail__number', 'data-summary-number': s.number ?? '' }, s.number ?? h('span', { class: 'muted' }, draft ? '草稿（印发时编排文号）' : '未编号')),
      h('div', { class: 'doc-detail__title' }, s.title),
      h('div', { class: 'doc-detail__tags' }, h('span', { class: 'tag' }, '通报'), statusTag(s), h('span', { class: 'muted' }, `${s.planTitle} · ${s.stageName}`)),
    ),
    draft && s.autoDrafted ? h('p', { class: 'sup-note', 'data-auto-drafted': true }, `阶段结束后由系统于 ${formatDateTime(s.createdAt)} 按记录自动生成，请核对修改后印发。`) : null,
    actions,
    print,
    s.issuedAt ? h('p', { class: 'muted' }, `${s.issuerName ?? ''} 于 ${formatDateTime(s.issuedAt)} 印发${s.readAt.length ? `；已在 ${s.readAt.map((m) => m.label).join('、')} 上通报` : ''}`) : null,
    s.withdrawnAt ? h('p', { class: 'doc-detail__withdrawn' }, `已于 ${formatDateTime(s.withdrawnAt)} 撤回：${s.withdrawnReason ?? ''}`) : null,
    body,
  );
}

export const summariesPage = {
  id: 'summaries',
  title: '阶段总结通报',
  description: '一总结一通报：阶段结束后按记录生成总结通报草稿，修改后印发、打印，在矿大调度会上通报',
  render(ctx) {
    const editable = grants().edit;
    const banner = h('div', { class: 'page-banner' });
    let summaries = [];

    function openDetail(s) {
      openPanel({
        host: ctx.panelHost,
        name: 'summary',
        title: '阶段总结通报',
        wide: true,
        content: summaryDetail(s, {
          editable,
          onChanged: async (x) => {
            await load();
            openDetail(x);
          },
        }),
        onClose: () => summariesTable.clearSelection(),
      });
      summariesTable.select(s.id);
    }

    async function generate(stage) {
      try {
        const s = await supApi.generateSummary({ planId: stage.planId, stageId: stage.stageId });
        toast(`已按记录生成“${stage.stageName}”总结通报草稿，请修改后印发`, 'success');
        await load();
        openDetail(s);
      } catch (error) {
        toastError(error);
      }
    }

    const stagesTable = createTable({
      name: 'stages',
      rowId: (s) => `${s.planId}:${s.stageId}`,
      columns: [
        { key: 'plan', label: '计划', value: (s) => s.planTitle },
        { key: 'stage', label: '阶段', value: (s) => s.stageName, className: 'col-strong nowrap' },
        { key: 'period', label: '计划起止', value: (s) => `${s.start} 至 ${s.finish}`, className: 'num nowrap' },
        { key: 'tasks', label: '任务', value: (s) => s.taskCount, className: 'num' },
        { key: 'state', label: '状态', value: (s) => (s.ended ? '已结束' : '进行中'), render: (s) => h('span', { class: ['tag', s.ended ? 'tag--ok' : 'tag--self'], 'data-ended': String(s.ended) }, s.ended ? '已结束' : '进行中'), className: 'nowrap' },
        { key: 'summaries', label: '总结通报', value: (s) => s.summaries.map((x) => x.number ?? x.statusLabel).join('、'), className: 'nowrap' },
      ],
      actions: (s) => (editable ? [h('button', { type: 'button', class: ['btn', 'btn--small', s.ended && !s.summaries.some((x) => x.status === 'issued') && 'btn--primary'], 'data-action': 'generate', onClick: () => generate(s) }, '生成总结通报')] : []),
      search: false,
      countText: (n, total) => `共 ${total} 个阶段`,
      emptyState: () => emptyState({ title: '还没有阶段', text: '在计划的网络推进图中把任务分到阶段之下，阶段结束后在这里生成一总结一通报。' }),
    });

    const summariesTable = createTable({
      name: 'summaries',
      columns: [
        { key: 'number', label: '文号', value: (s) => s.number ?? '', render: (s) => s.number ?? h('span', { class: 'tag doc-status doc-status--draft' }, '草稿'), className: 'nowrap' },
        { key: 'title', label: '标题', value: (s) => s.title, className: 'col-strong' },
        { key: 'stage', label: '阶段', value: (s) => s.stageName, className: 'nowrap' },
        { key: 'status', label: '状态', value: (s) => s.statusLabel, render: (s) => [statusTag(s), s.status === 'draft' && s.autoDrafted ? h('span', { class: 'tag', title: '阶段结束后系统按记录自动生成' }, '自动生成') : null], className: 'nowrap' },
        { key: 'issuedAt', label: '印发时间', value: (s) => s.issuedAt ?? '', render: (s) => formatDateTime(s.issuedAt), className: 'num nowrap' },
        { key: 'read', label: '会上通报', value: (s) => s.readAt.map((m) => m.label).join('、') },
      ],
      rowClass: (s) => (s.status === 'withdrawn' ? 'is-retired' : null),
      onOpen: openDetail,
      searchPlaceholder: '搜索标题、文号',
      emptyState: () => emptyState({ title: '还没有总结通报', text: '在上方阶段列表中点“生成总结通报”，按任务完成、逾期、整改和单位及时率的记录生成草稿。' }),
    });

    ctx.root.append(
      banner,
      section({ title: '计划阶段', name: 'stages', description: '已结束的阶段排在前面；尚未印发通报的，“生成总结通报”按钮突出显示', body: stagesTable.element }),
      section({ title: '总结通报', name: 'summaries', body: summariesTable.element }),
    );

    async function load() {
      try {
        const [stages, list] = await Promise.all([supApi.listSummaryStages(), supApi.listSummaries()]);
        summaries = list;
        banner.replaceChildren();
        stagesTable.setRows(stages);
        summariesTable.setRows(summaries);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
