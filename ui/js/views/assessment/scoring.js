// 考核评分: a period's proposals from the records (each with its evidence,
// confirmed or rejected by the office), hand entries and adjustments, the
// ranking of departments and branches, closing the period, printing.

import * as api from '../../api/index.js';
import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';
import { required, requiredChoice } from '../../lib/validate.js';
import { currentMonth, pointsError, signedPoints, stepPeriod, parsePeriod } from '../../lib/assessment.js';
import { isValidDate } from '../../lib/dates.js';
import { idFromSelect } from '../../lib/options.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { openReport, periodBar, pointsCell, saveReport, tag, refill } from './shared.js';

const STATUS_TAG = { proposed: 'warn', confirmed: 'ok', rejected: 'retired' };

// The period the page shows; kept while the app runs so coming back is easy.
let lastPeriod = null;

export function evidencePanel(host, evidence) {
  const body = h('div', { class: 'evidence', 'data-evidence': evidence.kind }, h('p', { class: 'evidence__text' }, evidence.text), h('div', { class: 'table-message' }, '正在加载…'));
  openPanel({ host, name: 'evidence', title: `依据：${evidence.kindLabel}`, content: body });
  assessApi
    .getEvidence({ kind: evidence.kind, id: evidence.id })
    .then((d) => {
      body.lastChild.replaceWith(
        h('div', null,
          h('h3', { class: 'evidence__title', 'data-evidence-title': true }, d.title),
          h('dl', { class: 'facts' }, d.facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]))),
      );
    })
    .catch((error) => body.lastChild.replaceWith(h('p', { class: 'load-error' }, error.message)));
}

export const scoringPage = {
  id: 'assessment-scoring',
  title: '考核评分',
  description: '依据记录生成建议，逐条确认；排名、调整、关闭考核、打印',
  render(ctx) {
    const editable = can.editOrganization();
    let period = lastPeriod ?? stepPeriod(currentMonth(), -1);
    let info = null;
    let records = [];
    let units = [];
    let ruleSets = [];
    const banner = h('div', { class: 'page-banner' });
    const status = h('div', { class: 'period-status', 'data-period-status': true });

    const isOpen = () => info && info.status !== 'closed';

    function rulesOfPeriod() {
      const set = ruleSets.find((s) => s.id === info?.ruleSetId);
      return set ? set.rules : [];
    }

    function openManualForm() {
      const rules = rulesOfPeriod();
      const form = h(
        'form',
        { class: 'form', 'data-form': 'assessment-record' },
        h('p', { class: 'form-note' }, `${info.label} · 《${info.ruleSetName}》第${info.ruleSetVersion}版`),
        selectField({ name: 'unitId', label: '被考核单位', required: true, empty: '请选择', options: units.map((u) => ({ value: String(u.id), label: `${u.name}（${u.kindLabel}）` })) }),
        selectField({ name: 'ruleId', label: '考核条目', required: true, empty: '请选择', options: rules.map((r) => ({ value: String(r.id), label: `${r.directionLabel}${r.points}分 · ${r.category}：${r.description}（${r.appliesToLabel}）` })) }),
        textareaField({ name: 'description', label: '考核事实', required: true, rows: 2, placeholder: '如：3月12日党建调度例会无故缺席' }),
        textField({ name: 'occurredOn', label: '发生日期', placeholder: '如 2026-03-12', maxlength: 10 }),
        formError(),
        formActions('登记', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { unitId: [requiredChoice('被考核单位')], ruleId: [requiredChoice('考核条目')], description: [required('考核事实')] },
        validate: (v) => (v.occurredOn && !isValidDate(v.occurredOn.trim()) ? { occurredOn: '日期格式应为 2026-03-05' } : {}),
        submit: async (v) => {
          await assessApi.addAssessmentRecord({ period, unitId: idFromSelect(v.unitId), ruleId: idFromSelect(v.ruleId), description: trimmed(v.description), occurredOn: trimmed(v.occurredOn) });
          closePanel();
          toast('已登记，计入得分', 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'assessment-record', title: '登记扣加分', content: form });
    }

    function openAdjustForm() {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'adjustment' },
        h('p', { class: 'form-note' }, `${info.label}：在考核细则之外对单位得分作出调整，必须写明原因。`),
        selectField({ name: 'unitId', label: '单位', required: true, empty: '请选择', options: units.map((u) => ({ value: String(u.id), label: u.name })) }),
        textField({ name: 'points', label: '调整分值', required: true, placeholder: '加分为正，扣分为负，如 -1.5', maxlength: 6 }),
        textareaField({ name: 'reason', label: '调整原因', required: true, rows: 3 }),
        formError(),
        formActions('调整', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { unitId: [requiredChoice('单位')], reason: [required('调整原因')] },
        validate: (v) => {
          const e = pointsError(v.points, { signed: true });
          return e ? { points: e } : {};
        },
        submit: async (v) => {
          await assessApi.addAssessmentAdjustment({ period, unitId: idFromSelect(v.unitId), points: Number(v.points), reason: trimmed(v.reason) });
          closePanel();
          toast('已调整', 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'adjustment', title: '调整得分', content: form });
    }

    function decide(rows, confirm) {
      if (confirm) {
        return assessApi
          .decideAssessmentRecords({ ids: rows.map((r) => r.id), confirm: true })
          .then(() => {
            toast(`已确认 ${rows.length} 条建议，计入得分`, 'success');
            return load();
          })
          .catch((error) => toast(error.message, 'error'));
      }
      return confirmDialog({
        title: '驳回建议',
        message: `驳回“${rows[0].unitName}”的这条建议？驳回后不计分，再次生成建议也不会重复提出。`,
        reason: { label: '驳回理由' },
        confirmLabel: '驳回',
        danger: true,
        onConfirm: async ({ reason }) => {
          await assessApi.decideAssessmentRecords({ ids: rows.map((r) => r.id), confirm: false, note: reason });
          await load();
        },
      });
    }

    const evidenceCell = (r) =>
      r.evidence
        ? h('div', { class: 'evidence-cell' },
            h('span', null, r.evidence.text),
            h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-evidence', onClick: () => evidencePanel(ctx.panelHost, r.evidence) }, `查看${r.evidence.kindLabel}`))
        : r.description;

    const confirmAll = h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'confirm-all', onClick: () => {
      const pending = records.filter((r) => r.status === 'proposed');
      if (pending.length) decide(pending, true);
    } }, '全部确认');
    const proposals = createTable({
      name: 'proposals',
      columns: [
        { key: 'unitName', label: '单位', value: (r) => r.unitName, className: 'col-strong nowrap' },
        { key: 'rule', label: '考核条目', value: (r) => `${r.ruleCategory}：${r.ruleDescription}` },
        { key: 'points', label: '分值', value: (r) => r.points, render: (r) => pointsCell(r.points), className: 'nowrap' },
        { key: 'dimension', label: '维度', value: (r) => r.dimensionLabel ?? '', className: 'nowrap' },
        { key: 'evidence', label: '依据', value: (r) => r.evidence?.text ?? '', render: evidenceCell },
      ],
      searchPlaceholder: '搜索单位、依据',
      toolbarEnd: editable ? [confirmAll] : [],
      actions: editable ? (r) => (isOpen() ? [actionButton('confirm', '确认', () => decide([r], true)), actionButton('reject', '驳回', () => decide([r], false), { danger: true })] : []) : null,
      emptyState: () => emptyState({ title: '没有待确认的建议', text: '“依据记录生成建议”会查看本月的签收、反馈、整改、闭合和包保帮扶记录，按考核细则提出扣加分建议；建议经确认后才计分。', actionLabel: editable && isOpen() ? '依据记录生成建议' : null, onAction: propose, action: 'propose-empty' }),
    });

    const rankColumns = [
      { key: 'rank', label: '名次', value: (s) => s.rank, className: 'num nowrap' },
      { key: 'unit', label: '单位', value: (s) => s.unit, className: 'col-strong' },
      { key: 'deductions', label: '扣分', value: (s) => s.deductions, className: 'num' },
      { key: 'bonuses', label: '加分', value: (s) => s.bonuses, className: 'num' },
      { key: 'speed', label: '速度', value: (s) => s.speed, render: (s) => signedPoints(s.speed), className: 'num' },
      { key: 'strength', label: '力度', value: (s) => s.strength, render: (s) => signedPoints(s.strength), className: 'num' },
      { key: 'warmth', label: '温度', value: (s) => s.warmth, render: (s) => signedPoints(s.warmth), className: 'num' },
      { key: 'score', label: '得分', value: (s) => s.score, render: (s) => h('strong', { class: 'num' }, String(s.score)), className: 'num' },
      { key: 'pending', label: '待确认', value: (s) => s.pending, render: (s) => (s.pending ? tag(`${s.pending}条`, 'warn') : ''), className: 'nowrap' },
    ];
    const deptRanking = createTable({ name: 'ranking-departments', columns: rankColumns, rowId: (s) => s.unitId, search: false });
    const branchRanking = createTable({ name: 'ranking-branches', columns: rankColumns, rowId: (s) => s.unitId, searchPlaceholder: '搜索支部' });

    const decided = createTable({
      name: 'records',
      columns: [
        { key: 'unitName', label: '单位', value: (r) => r.unitName, className: 'col-strong nowrap' },
        { key: 'origin', label: '来源', value: (r) => r.originLabel, className: 'nowrap' },
        { key: 'what', label: '内容', value: (r) => (r.ruleDescription ? `${r.ruleDescription}：${r.description}` : r.description), render: (r) => (r.evidence ? evidenceCell(r) : r.ruleDescription ? `${r.ruleDescription}：${r.description}` : `调整：${r.reason}`) },
        { key: 'points', label: '分值', value: (r) => r.points, render: (r) => pointsCell(r.points), className: 'nowrap' },
        { key: 'status', label: '状态', value: (r) => r.statusLabel, render: (r) => tag(r.statusLabel, STATUS_TAG[r.status]), className: 'nowrap' },
        { key: 'decided', label: '处理', value: (r) => `${r.decidedByName ?? ''} ${r.decidedAt ?? ''}`, render: (r) => h('span', { class: 'muted', title: r.decisionNote || null }, `${r.decidedByName ?? ''}${r.decisionNote ? `：${r.decisionNote}` : ''}`) },
      ],
      searchPlaceholder: '搜索单位、内容',
      actions: editable
        ? (r) => (isOpen() && r.status === 'confirmed'
            ? [actionButton('cancel-record', '撤销', () => confirmDialog({ title: '撤销考核记录', message: `撤销“${r.unitName} ${signedPoints(r.points)}分”？撤销后不再计分，记录保留。`, reason: { label: '撤销原因' }, confirmLabel: '撤销', danger: true, onConfirm: async ({ reason }) => { await assessApi.cancelAssessmentRecord({ id: r.id, reason }); await load(); } }), { danger: true })]
            : [])
        : null,
      emptyState: () => emptyState({ title: '本期还没有已处理的记录', text: '确认的建议、手工登记的扣加分和调整都列在这里。' }),
    });

    async function propose() {
      try {
        const run = await assessApi.proposeAssessments({ period });
        toast(run.added ? `依据记录新增 ${run.added} 条建议，请逐条确认或驳回` : `没有新的建议（已有 ${run.known} 条）`, 'success');
        await load();
      } catch (error) {
        toast(error.message, 'error');
      }
    }

    function closePeriod() {
      return confirmDialog({
        title: '关闭考核',
        message: `关闭${info.label}考核？`,
        details: '关闭后本期得分和排名冻结，不能再登记、调整、确认或驳回；考核细则以后修订也不会改变本期结果。',
        confirmLabel: '关闭考核',
        danger: true,
        password: true,
        onConfirm: async ({ password }) => {
          await assessApi.closeAssessmentPeriod({ period, password });
          toast(`${info.label}考核已关闭，结果冻结`, 'success');
          await load();
        },
      });
    }

    const buttons = h('div', { class: 'page-section__actions', 'data-period-actions': true });
    function renderStatus() {
      const month = parsePeriod(period)?.kind === 'month';
      const closed = info.status === 'closed';
      refill(status,
        h('strong', null, info.label), ' ',
        tag(info.statusLabel, closed ? 'retired' : info.status === 'open' ? 'ok' : 'neutral'), ' ',
        info.ruleSetName ? `《${info.ruleSetName}》第${info.ruleSetVersion}版 · 基础分 ${info.baseScore}` : '尚未启用考核细则',
        info.status !== 'not_started' ? ` · 待确认 ${info.proposed} 条 · 已确认 ${info.confirmed} 条 · 已驳回 ${info.rejected} 条` : '',
        closed ? ` · ${info.closedByName ?? ''} 于 ${info.closedAt ?? ''} 关闭` : '',
        month ? '' : ' · 季度、年度得分为各月得分的平均值，加减本期直接登记的分值',
      );
      const writable = editable && !closed && info.ruleSetId;
      refill(buttons,
        writable && month ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'propose', onClick: propose }, '依据记录生成建议') : null,
        writable ? h('button', { type: 'button', class: 'btn', 'data-action': 'new-record', onClick: openManualForm }, '登记扣加分') : null,
        writable ? h('button', { type: 'button', class: 'btn', 'data-action': 'adjust', onClick: openAdjustForm }, '调整') : null,
        // Closing freezes the results: the signer's act, with the password again.
        writable && can.sign() && info.status === 'open' ? h('button', { type: 'button', class: 'btn btn--danger-text', 'data-action': 'close-period', onClick: closePeriod }, '关闭考核') : null,
        h('button', { type: 'button', class: 'btn', 'data-action': 'print-ranking', onClick: () => openReport({ kind: 'ranking', period, title: `${info.label}考核排名` }) }, '打印排名'),
        h('button', { type: 'button', class: 'btn', 'data-action': 'export-ranking', onClick: () => saveReport({ kind: 'ranking', period, format: 'xlsx' }) }, '导出Excel'),
      );
    }

    ctx.actions.append(periodBar({ value: period, onChange: (p) => { period = p; lastPeriod = p; load(); } }));
    ctx.root.append(
      banner,
      h('section', { class: 'page-section' }, h('header', { class: 'page-section__header' }, status, buttons)),
      section({ name: 'proposals', title: '待确认的建议', description: '依据记录提出，确认后计分；点“查看”打开依据记录', body: proposals.element }),
      section({ name: 'ranking-departments', title: '党委部门排名', body: deptRanking.element }),
      section({ name: 'ranking-branches', title: '基层党支部排名', body: branchRanking.element }),
      section({ name: 'records', title: '已处理的记录', body: decided.element }),
    );

    async function load() {
      const asked = period;
      try {
        const [ranking, recs, loadedUnits, sets] = await Promise.all([
          assessApi.assessmentRanking({ period }),
          assessApi.listAssessmentRecords({ period }),
          api.listUnits({ includeRetired: false }),
          assessApi.listRuleSets(),
        ]);
        // Another period was chosen meanwhile: its own load shows it (an
        // older answer arriving last must not show the old month).
        if (asked !== period) return;
        info = ranking.period;
        records = recs;
        units = loadedUnits.filter((u) => u.kind === 'department' || u.kind === 'branch');
        ruleSets = sets;
        banner.replaceChildren();
        renderStatus();
        proposals.setRows(records.filter((r) => r.status === 'proposed'));
        confirmAll.hidden = !isOpen() || !records.some((r) => r.status === 'proposed');
        decided.setRows(records.filter((r) => r.status !== 'proposed'));
        deptRanking.setRows(ranking.departments);
        branchRanking.setRows(ranking.branches);
        ctx.root.dataset.periodStatus = info.status;
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
