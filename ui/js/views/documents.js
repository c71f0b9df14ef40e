// 通知单与调度令 and 验证码查验.
//
// The documents page lists notices and dispatch orders newest first; a row
// opens the document in the side panel (documents/detail.js), where its
// life goes on: edit the draft, sign, record the receipt, start, complete,
// withdraw, amend, preview, save as PDF and print.
//
// Hooks: div[data-kind-tabs] with button[data-kind-tab="" | "notice" | "order"],
// select[name="statusFilter"], select[name="dispatchKindFilter"], input[name="lateOnly"], table[data-table="docs"]
// (rows tr[data-id]), button[data-action="new-order" | "new-notice"] (top bar
// and empty state), form[data-form="doc"] in aside[data-panel="doc-form"]
// (documents/form.js), aside[data-panel="doc"] (documents/detail.js), the
// dialogs in documents/dialogs.js and dialog[data-dialog="confirm"] for
// withdrawing (field "reason").
//
// Batch: td/th[data-col="pick"] with input[data-pick] (a row) and
// input[data-pick-all] (every row the filters show); the bar
// [data-selection-bar] with [data-selection-count] and
// button[data-action="batch-print" | "batch-save" | "clear-selection"]
// (documents/batch.js has the dialog).
//
// The verification page: form[data-form="verify"] with input[name="code"]
// (the bare code or the QR text DIAODU-VERIFY:…) and
// button[data-action="verify"]; the answer in [data-verify-result]
// (data-result="authentic" | "withdrawn" | "superseded" | "changed" |
// "unknown", data-tone="ok" | "bad" | "none") with [data-verify-doc] (the
// content as signed), [data-verify-checks], [data-verify-limits] and
// button[data-action="open-doc"].

import * as api from '../api/index.js';
import * as docsApi from '../api/docs.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { textField, formError } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { formatDateTime } from '../lib/dates.js';
import { grants } from '../state.js';
import { toolbarSelect, toolbarCheckbox, loadFailed } from './common.js';
import { DOC_STATUSES, numberText, modeText, verifyView } from './documents/model.js';
import { openDocForm } from './documents/form.js';
import { openDocDetail, statusTag, lateTags, modeTag } from './documents/detail.js';
import { signDialog, receiveDialog, completeDialog, printDialog, previewDialog, savePdf } from './documents/dialogs.js';
import { batchDialog } from './documents/batch.js';
import { batchOrder, selectAllState } from '../lib/batch.js';
import { PLAN_KINDS } from '../lib/plans.js';
import { openRectificationPage } from './rectifications.js';
import { openMeetingPage } from './meetings.js';
import { openVisitPage } from './registers/visits.js';
import { light } from '../components/light.js';

const KIND_TABS = [
  { value: '', label: '全部' },
  { value: 'notice', label: '通知单' },
  { value: 'order', label: '调度令' },
];

// A document another page asked to show (the verification page's 查看文件),
// and documents to come pre-selected (notices just made from plan tasks).
let pendingOpenId = null;
let pendingPicked = [];

// The next visit of the documents page selects `ids` (ready for 批量打印)
// and opens the first.
export function showDocumentsOnOpen(ids) {
  pendingPicked = [...ids];
  pendingOpenId = ids.length ? ids[0] : null;
}

/** Shows the document's detail panel the next time the page opens. */
export function openDocumentLater(id) {
  pendingOpenId = id;
}


export const documentsPage = {
  id: 'documents',
  title: '通知单与调度令',
  description: '起草、签发、签收与办理；文号在签发时自动编排',
  render(ctx) {
    const editable = grants().edit;
    let docs = [];
    let units = [];
    let people = [];
    const filters = { kind: '', status: '', lateOnly: false, dispatchKind: '' };
    let detail = null;
    let detailDoc = null;
    // Ids picked for batch printing or saving, and the rows the table shows.
    const picked = new Set();
    let shownNow = [];
    let selectionBarReady = false;

    // ---------- reference lists for the form ----------

    async function loadChoices() {
      [units, people] = await Promise.all([api.listUnits({ includeRetired: true }), api.listPeople({ includeRetired: false })]);
    }

    async function openForm(doc = null, kind = 'order') {
      try {
        await loadChoices();
      } catch (error) {
        toastError(error);
        return;
      }
      openDocForm({
        host: ctx.panelHost,
        doc,
        kind,
        units,
        people,
        onClose: () => table.clearSelection(),
        onSaved: async (saved) => {
          await load();
          openDetail(saved);
        },
      });
      if (doc) table.select(doc.id);
    }

    // ---------- the detail panel and its actions ----------

    async function changed(saved) {
      await load();
      openDetail(saved);
    }

    const handlers = {
      edit: (doc) => openForm(doc),
      sign: async (doc) => {
        const signed = await signDialog(doc);
        if (signed) await changed(signed);
      },
      receive: async (doc) => {
        const saved = await receiveDialog(doc);
        if (saved) await changed(saved);
      },
      start: async (doc) => {
        try {
          const saved = await docsApi.startDoc({ id: doc.id });
          toast(`已开始办理：${saved.number ?? saved.title}`, 'success');
          await changed(saved);
        } catch (error) {
          toastError(error);
        }
      },
      complete: async (doc) => {
        const saved = await completeDialog(doc);
        if (saved) await changed(saved);
      },
      withdraw: (doc) => {
        let saved = null;
        return confirmDialog({
          title: `撤回${doc.kindLabel}`,
          message: doc.number ? `确定撤回 ${doc.number}“${doc.title}”吗？` : `确定撤回草稿“${doc.title}”吗？`,
          details: doc.number
            ? `撤回后此${doc.kindLabel}作废，不再签收和办理；文号 ${doc.number} 保留，不会再分配给其他文件。撤回不能恢复，如需重新下达请另行起草。`
            : '撤回后草稿不能再编辑和签发，记录和审计日志保留。',
          confirmLabel: '撤回',
          danger: true,
          reason: { label: '撤回原因' },
          // A signed document: the signer's act, with the password again.
          password: Boolean(doc.number),
          onConfirm: async ({ reason, password }) => {
            saved = await docsApi.withdrawDoc({ id: doc.id, reason, password });
            toast(`已撤回：${saved.number ?? saved.title}`, 'success');
          },
        }).then(async (done) => {
          if (done && saved) await changed(saved);
        });
      },
      amend: async (doc) => {
        try {
          const draft = await docsApi.amendDoc({ id: doc.id });
          toast(`已起草对 ${doc.number} 的更正，请修改后签发`, 'success');
          await load();
          await openForm(draft);
        } catch (error) {
          toastError(error);
        }
      },
      preview: (doc) => previewDialog(doc, { onPrint: () => printDialog(doc), onSavePdf: () => savePdf(doc) }),
      savePdf: (doc) => savePdf(doc),
      print: (doc) => printDialog(doc),
      // A close-out completes an order: show its new state, keep the panel.
      loopChanged: async (doc) => {
        try {
          const fresh = await docsApi.getDoc({ id: doc.id });
          docs = docs.map((d) => (d.id === fresh.id ? fresh : d));
          table.setRows(docs);
          if (fresh.status !== doc.status && detail && detail.isOpen()) detail.update(fresh);
        } catch (error) {
          toastError(error);
        }
      },
      openLinked: (kind, id) => {
        if (kind === 'document') handlers.openDoc(id);
        else if (kind === 'rectification') openRectificationPage(ctx, id);
        else if (kind === 'meeting') openMeetingPage(ctx, id);
        else if (kind === 'visit') openVisitPage(ctx, id);
      },
      openDoc: async (id) => {
        try {
          openDetail(await docsApi.getDoc({ id }));
        } catch (error) {
          toastError(error);
        }
      },
    };

    function openDetail(doc) {
      detail = openDocDetail({
        host: ctx.panelHost,
        doc,
        grants: grants(),
        handlers,
        onClose: () => {
          detail = null;
          detailDoc = null;
          table.clearSelection();
        },
      });
      // After opening: replacing a panel runs the old one's onClose, which clears the selection.
      detailDoc = doc;
      table.select(doc.id);
    }

    // Ctrl+P prints the document open in the panel.
    function onKeydown(event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'p') return;
      if (!detail || !detail.isOpen() || !detailDoc || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      printDialog(detailDoc);
    }
    document.addEventListener('keydown', onKeydown);
    if (ctx.onLeave) ctx.onLeave(() => document.removeEventListener('keydown', onKeydown));

    // ---------- filters ----------

    const tabs = KIND_TABS.map((tab) =>
      h(
        'button',
        {
          type: 'button',
          class: 'doc-tab',
          role: 'tab',
          'data-kind-tab': tab.value,
          'aria-selected': String(tab.value === filters.kind),
          onClick: () => {
            filters.kind = tab.value;
            applyFilters();
          },
        },
        h('span', null, tab.label),
        h('span', { class: 'doc-tab__count num', 'data-tab-count': tab.value }),
      ),
    );
    const tabBar = h('div', { class: 'doc-tabs', role: 'tablist', 'aria-label': '文件类别', 'data-kind-tabs': true }, tabs);
    tabBar.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      const next = tabs[(i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      next.click();
    });

    const statusFilter = toolbarSelect({
      name: 'statusFilter',
      label: '状态',
      options: DOC_STATUSES,
      onChange: (value) => {
        filters.status = value;
        applyFilters();
      },
    });
    // 重点/专项/日常调度: the kind of the plans of the document's tasks.
    const dispatchFilter = toolbarSelect({
      name: 'dispatchKindFilter',
      label: '调度类别',
      options: PLAN_KINDS,
      onChange: (value) => {
        filters.dispatchKind = value;
        applyFilters();
      },
    });
    const lateToggle = toolbarCheckbox({
      name: 'lateOnly',
      label: '只看逾期',
      onChange: (checked) => {
        filters.lateOnly = checked;
        applyFilters();
      },
    });

    function applyFilters() {
      for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.dataset.kindTab === filters.kind));
      const { kind, status, lateOnly, dispatchKind } = filters;
      table.setPredicate(
        kind || status || lateOnly || dispatchKind
          ? (d) => (!kind || d.kind === kind) && (!status || d.status === status) && (!lateOnly || d.lateReceipt || d.lateCompletion) && (!dispatchKind || d.dispatchKind === dispatchKind)
          : null,
      );
    }

    function updateCounts() {
      for (const tab of KIND_TABS) {
        const n = tab.value ? docs.filter((d) => d.kind === tab.value).length : docs.length;
        const el = tabBar.querySelector(`[data-tab-count="${tab.value}"]`);
        if (el) el.textContent = String(n);
      }
    }

    // ---------- the table ----------

    function pickAllBox(shown) {
      const shownIds = shown.map((d) => d.id);
      const state = selectAllState(shownIds, [...picked]);
      const box = h('input', {
        type: 'checkbox',
        class: 'checkbox',
        'data-pick-all': true,
        title: '全选筛选出的文件',
        'aria-label': '全选筛选出的文件',
        checked: state === 'all',
        disabled: shownIds.length === 0,
        onChange: (event) => {
          for (const id of shownIds) {
            if (event.target.checked) picked.add(id);
            else picked.delete(id);
          }
          selectionChanged();
        },
      });
      box.indeterminate = state === 'some';
      return box;
    }

    // Re-renders the checkboxes, the header's select-all and the bar (onRender).
    function selectionChanged() {
      table.refresh();
    }

    const table = createTable({
      name: 'docs',
      columns: [
        // The one due light (feedback nodes and deadline), as everywhere.
        { key: 'light', label: '', value: (d) => ['overdue', 'due_soon', 'none', 'done'].indexOf(d.dueState), render: (d) => light(d.dueState), className: 'col-light' },
        {
          key: 'pick',
          label: '选择',
          sortable: false,
          className: 'doc-col-pick',
          header: pickAllBox,
          value: (d) => (picked.has(d.id) ? 1 : 0),
          render: (d) =>
            h('input', {
              type: 'checkbox',
              class: 'checkbox',
              'data-pick': d.id,
              'aria-label': `选择 ${d.number ?? d.title}`,
              checked: picked.has(d.id),
              onChange: (event) => {
                if (event.target.checked) picked.add(d.id);
                else picked.delete(d.id);
                selectionChanged();
              },
            }),
        },
        {
          key: 'number',
          label: '文号',
          value: (d) => d.number ?? '',
          render: (d) => (d.number ? h('span', { class: 'doc-number' }, d.number) : h('span', { class: 'tag doc-status doc-status--draft' }, numberText(d))),
          className: 'nowrap',
        },
        { key: 'kind', label: '类别', value: (d) => d.kindLabel, className: 'nowrap' },
        {
          key: 'title',
          label: '标题',
          value: (d) => d.title,
          render: (d) => [d.amendsNumber ? h('span', { class: 'tag doc-amend-tag', title: `更正 ${d.amendsNumber}` }, '更正') : null, d.title],
          className: 'col-strong doc-col-title',
        },
        {
          key: 'mode',
          label: '紧急程度/调度方式',
          value: modeText,
          sortValue: (d) => (d.kind === 'order' ? ['urgent', 'expedited', 'normal'].indexOf(d.urgency) : 10 + ['written', 'phone', 'meeting', 'platform'].indexOf(d.method)),
          render: modeTag,
          className: 'nowrap',
        },
        { key: 'unit', label: '责任单位', value: (d) => d.targetUnitName, className: 'nowrap' },
        { key: 'deadline', label: '完成时限', value: (d) => d.deadline ?? '', className: 'num nowrap' },
        {
          key: 'status',
          label: '状态',
          value: (d) => d.statusLabel,
          sortValue: (d) => (d.lateCompletion ? 0 : d.lateReceipt ? 1 : 2) * 10 + DOC_STATUSES.findIndex((s) => s.value === d.status),
          render: (d) => h('span', { class: 'doc-status-cell' }, statusTag(d), lateTags(d)),
          className: 'nowrap',
        },
      ],
      searchValues: (d) => [d.number, d.title, d.kindLabel, d.targetUnitName, d.personName, d.content, d.statusLabel, modeText(d), d.amendsNumber],
      searchPlaceholder: '搜索文号、标题、单位、内容',
      rowClass: (d) => [d.status === 'withdrawn' && 'is-retired', d.lateCompletion && 'doc-row--late', picked.has(d.id) && 'is-picked'].filter(Boolean).join(' ') || null,
      onRender: (shown) => {
        shownNow = shown;
        // The bar is built after the table (its first render comes before).
        if (selectionBarReady) updateSelectionBar();
      },
      toolbar: [tabBar, statusFilter, dispatchFilter, lateToggle],
      onOpen: (d) => openDetail(d),
      onClearFilters: () => {
        filters.kind = '';
        filters.status = '';
        filters.lateOnly = false;
        filters.dispatchKind = '';
        statusFilter.value = '';
        dispatchFilter.value = '';
        lateToggle.querySelector('input').checked = false;
        applyFilters();
      },
      emptyState: () =>
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, '还没有通知单或调度令'),
          h(
            'p',
            { class: 'empty-state__text' },
            '通知单把任务的调度内容、调度方式和完成时限告知责任单位；调度令按轻重缓急下达专项工作，要求定期反馈。起草后由签发人签发，文号自动编排，签收和办理情况在这里跟踪。',
          ),
          editable
            ? h(
                'div',
                { class: 'empty-state__actions' },
                h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-order', onClick: () => openForm(null, 'order') }, '起草调度令'),
                h('button', { type: 'button', class: 'btn', 'data-action': 'new-notice', onClick: () => openForm(null, 'notice') }, '起草通知单'),
              )
            : null,
        ),
    });

    // ---------- batch printing and saving ----------

    const selectionCount = h('span', { class: 'selection-bar__count', 'data-selection-count': '0' });
    const selectionBar = h(
      'div',
      { class: 'selection-bar', 'data-selection-bar': true, hidden: true, role: 'region', 'aria-label': '批量操作' },
      selectionCount,
      h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'batch-print', onClick: () => runBatch('print') }, '批量打印…'),
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'batch-save', onClick: () => runBatch('save') }, '批量保存PDF…'),
      h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'clear-selection', onClick: () => { picked.clear(); selectionChanged(); } }, '清除选择'),
    );

    function updateSelectionBar() {
      const n = picked.size;
      selectionBar.hidden = n === 0;
      selectionCount.dataset.selectionCount = String(n);
      const shownIds = new Set(shownNow.map((d) => d.id));
      const hidden = [...picked].filter((id) => !shownIds.has(id)).length;
      selectionCount.textContent = hidden ? `已选 ${n} 份（其中 ${hidden} 份不在当前筛选结果中）` : `已选 ${n} 份`;
    }

    selectionBarReady = true;

    async function runBatch(mode) {
      const order = batchOrder(shownNow.map((d) => d.id), [...picked], docs.map((d) => d.id));
      const byId = new Map(docs.map((d) => [d.id, d]));
      const chosen = order.map((id) => byId.get(id)).filter(Boolean);
      if (chosen.length === 0) return;
      await batchDialog({ docs: chosen, mode });
    }

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner, selectionBar, table.element);
    ctx.root.classList.add('doc-page');
    if (editable) {
      ctx.actions.append(
        h('button', { type: 'button', class: 'btn', 'data-action': 'new-notice', onClick: () => openForm(null, 'notice') }, '起草通知单'),
        h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-order', onClick: () => openForm(null, 'order') }, '起草调度令'),
      );
    }

    async function load() {
      try {
        docs = await docsApi.listDocs();
        for (const id of [...picked]) if (!docs.some((d) => d.id === id)) picked.delete(id);
        banner.replaceChildren();
        updateCounts();
        applyFilters();
        table.setRows(docs);
        if (detailDoc && detail && detail.isOpen()) table.select(detailDoc.id);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }

    return load().then(async () => {
      if (pendingPicked.length) {
        for (const id of pendingPicked) if (docs.some((d) => d.id === id)) picked.add(id);
        pendingPicked = [];
        selectionChanged();
      }
      if (pendingOpenId === null) return;
      const id = pendingOpenId;
      pendingOpenId = null;
      await handlers.openDoc(id);
    });
  },
};

// ---------- 验证码查验 ----------

function verifyResult(answer) {
  const view = verifyView(answer);
  const doc = answer && answer.document;
  // What the paper should read, as frozen at signing; the live status beside it.
  const signed = answer && answer.signed;
  const facts = doc
    ? h(
        'dl',
        { class: 'detail-list detail-list--wide verify-result__doc', 'data-verify-doc': doc.id },
        h('dt', null, '文号'),
        h('dd', { 'data-detail': 'number' }, signed?.number ?? doc.number ?? ''),
        h('dt', null, '标题'),
        h('dd', { 'data-detail': 'title' }, signed?.title ?? doc.title),
        h('dt', null, '类别'),
        h('dd', null, doc.kindLabel),
        h('dt', null, '发文机关'),
        h('dd', { 'data-detail': 'issuer' }, signed?.issuer ?? ''),
        h('dt', null, '责任单位'),
        h('dd', { 'data-detail': 'unit' }, signed?.targetUnit ?? doc.targetUnitName),
        h('dt', null, '签发人'),
        h('dd', { 'data-detail': 'signer' }, signed?.signer ?? doc.signerName ?? ''),
        h('dt', null, '签发时间'),
        h('dd', { 'data-detail': 'signedAt' }, formatDateTime(signed?.signedAt ?? doc.signedAt)),
        h('dt', null, '当前状态'),
        h('dd', { 'data-detail': 'status' }, doc.statusLabel),
      )
    : null;
  const checks = answer?.checks?.length
    ? h('ul', { class: 'verify-result__checks', 'data-verify-checks': true }, ...answer.checks.map((c) => h('li', null, c)))
    : null;
  const limits = answer?.limits?.length
    ? h(
        'div',
        { class: 'verify-result__limits', 'data-verify-limits': true },
        h('div', { class: 'verify-result__limits-title' }, '查验不能证明的事项'),
        h('ul', null, ...answer.limits.map((l) => h('li', null, l))),
      )
    : null;
  return { view, facts, checks, limits, doc };
}

export const verifyPage = {
  id: 'verify',
  title: '验证码查验',
  description: '核对纸质通知单、调度令上印的验证码：文件是否由本调度台签发、内容是否被改动',
  render(ctx) {
    const resultBox = h(
      'section',
      { class: 'verify-result', 'data-verify-result': true, 'data-result': 'none', 'aria-live': 'polite' },
      h('div', { class: 'verify-result__title' }, '尚未查验'),
      h('p', { class: 'verify-result__message' }, '验证码印在文件末尾二维码旁（10位，如 3FA2C-91B0E），大小写、空格和短横线均可省略；也可以用扫码枪扫描二维码，或粘贴扫码得到的文字（DIAODU-VERIFY:…）。'),
    );
    const button = h('button', { type: 'submit', class: 'btn btn--primary verify-form__button', 'data-action': 'verify' }, '查验');
    // Long enough for the QR text (25 characters) with spaces to spare; the
    // core reads at most 64.
    const codeField = textField({ name: 'code', label: '验证码或二维码文字', required: true, placeholder: '3FA2C-91B0E', maxlength: 64, autocomplete: 'off' });
    const codeInput = codeField.querySelector('input');
    codeInput.classList.add('verify-form__input');
    const form = h(
      'form',
      { class: 'form verify-form', 'data-form': 'verify' },
      h('div', { class: 'verify-form__row' }, codeField, button),
      formError(),
    );
    bindForm(form, {
      validate: (values) => (String(values.code ?? '').trim() ? {} : { code: '请输入文件上印的验证码' }),
      submit: async (values) => {
        const typed = String(values.code).normalize('NFKC').trim();
        const answer = await docsApi.verifyCode({ code: typed });
        const { view, facts, checks, limits, doc } = verifyResult(answer);
        // The code as the core read it (a QR text shows as its code).
        const code = answer?.code || typed;
        resultBox.dataset.result = view.result;
        resultBox.dataset.tone = view.tone;
        resultBox.dataset.code = String(code).toUpperCase();
        resultBox.replaceChildren(
          h('div', { class: 'verify-result__mark', 'aria-hidden': 'true' }, view.mark),
          h(
            'div',
            { class: 'verify-result__body' },
            h('div', { class: 'verify-result__code num' }, `验证码 ${String(code).toUpperCase()}`),
            h('div', { class: 'verify-result__title' }, view.title),
            h('p', { class: 'verify-result__message' }, view.message),
            facts,
            checks,
            limits,
            doc
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn--small',
                    'data-action': 'open-doc',
                    onClick: () => {
                      pendingOpenId = doc.id;
                      ctx.navigate('documents');
                    },
                  },
                  '查看文件',
                )
              : null,
          ),
        );
        codeInput.select();
      },
    });
    ctx.root.classList.add('verify-page');
    ctx.root.append(h('div', { class: 'verify' }, form, resultBox));
    codeInput.focus();
  },
};
