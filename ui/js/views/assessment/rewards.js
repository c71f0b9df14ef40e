// 奖惩: rewards and penalties decided on the assessment results, and the
// bulletin (奖惩通报) of a closed period: numbered when issued, printed
// as an official document.

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
import { currentMonth, periodError, stepPeriod } from '../../lib/assessment.js';
import { isValidDate } from '../../lib/dates.js';
import { todayIso } from '../../lib/clock.js';
import { idFromSelect } from '../../lib/options.js';
import { can } from '../../state.js';
import { loadFailed, section, trimmed } from '../common.js';
import { openReport, periodBar, tag, refill } from './shared.js';

export const rewardsPage = {
  id: 'assessment-rewards',
  title: '奖惩',
  description: '考核兑现：奖励与处罚，奖惩通报',
  render(ctx) {
    const editable = can.editOrganization();
    let period = stepPeriod(currentMonth(), -1);
    let info = null;
    let units = [];
    const banner = h('div', { class: 'page-banner' });
    const bulletin = h('div', { class: 'period-status', 'data-bulletin': true });

    function openForm() {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'reward' },
        textField({ name: 'period', label: '考核期间', value: period, hint: '留空表示不属于某一考核期间', maxlength: 7 }),
        selectField({ name: 'unitId', label: '单位', required: true, empty: '请选择', options: units.map((u) => ({ value: String(u.id), label: u.name })) }),
        selectField({ name: 'kind', label: '奖励或处罚', required: true, value: 'reward', options: [{ value: 'reward', label: '奖励' }, { value: 'penalty', label: '处罚' }] }),
        textField({ name: 'title', label: '奖惩名目', required: true, placeholder: '如：通报表扬、流动红旗、通报批评', maxlength: 40 }),
        textField({ name: 'amount', label: '金额（元）', placeholder: '不涉及金额可留空', inputmode: 'decimal', maxlength: 9 }),
        textareaField({ name: 'reason', label: '奖惩事由', required: true, rows: 3 }),
        textField({ name: 'decidedOn', label: '决定日期', required: true, value: todayIso(), maxlength: 10 }),
        formError(),
        formActions('登记奖惩', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { unitId: [requiredChoice('单位')], title: [required('奖惩名目')], reason: [required('奖惩事由')], decidedOn: [required('决定日期')] },
        validate: (v) => {
          const e = {};
          if (v.period.trim() && periodError(v.period)) e.period = periodError(v.period);
          if (v.amount.trim() && !/^\d+(\.\d{1,2})?$/.test(v.amount.trim())) e.amount = '金额应为数字，最多两位小数';
          if (v.decidedOn.trim() && !isValidDate(v.decidedOn.trim())) e.decidedOn = '日期格式应为 2026-03-05';
          return e;
        },
        submit: async (v) => {
          await assessApi.createReward({
            period: trimmed(v.period) || null,
            unitId: idFromSelect(v.unitId),
            kind: v.kind,
            title: trimmed(v.title),
            amount: v.amount.trim() ? Number(v.amount) : null,
            reason: trimmed(v.reason),
            decidedOn: trimmed(v.decidedOn),
          });
          closePanel();
          toast('已登记奖惩', 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'reward', title: '登记奖惩', content: form });
    }

    const table = createTable({
      name: 'rewards',
      columns: [
        { key: 'decidedOn', label: '决定日期', value: (r) => r.decidedOn, className: 'num nowrap' },
        { key: 'periodLabel', label: '考核期间', value: (r) => r.periodLabel ?? '—', className: 'nowrap' },
        { key: 'unitName', label: '单位', value: (r) => r.unitName, className: 'col-strong nowrap' },
        { key: 'kind', label: '类别', value: (r) => r.kindLabel, render: (r) => tag(r.kindLabel, r.kind === 'reward' ? 'ok' : 'danger'), className: 'nowrap' },
        { key: 'title', label: '名目', value: (r) => r.title },
        { key: 'amount', label: '金额（元）', value: (r) => r.amount ?? 0, render: (r) => (r.amount ? String(r.amount) : ''), className: 'num' },
        { key: 'reason', label: '事由', value: (r) => r.reason },
      ],
      searchPlaceholder: '搜索单位、名目、事由',
      emptyState: () => emptyState({ title: '本期还没有奖惩记录', text: '根据考核结果兑现奖惩：问题不查清不放过、责任不追究不放过、整改不彻底不放过。', actionLabel: editable ? '登记奖惩' : null, onAction: openForm, action: 'new-reward' }),
    });

    function renderBulletin() {
      const closed = info.status === 'closed';
      refill(bulletin,
        h('strong', null, `${info.label}奖惩通报`), ' ',
        info.bulletinNumber ? tag(`已印发 ${info.bulletinNumber}`, 'ok') : tag(closed ? '未印发' : '考核未关闭', closed ? 'warn' : 'neutral'),
        ' ',
        closed ? '' : '关闭考核（冻结结果）后才能印发和打印通报。',
        h('span', { class: 'toolbar-spacer' }),
        // Numbering and issuing is the signer's act, with the password again.
        can.sign() && closed && !info.bulletinNumber
          ? h('button', { type: 'button', class: 'btn', 'data-action': 'issue-bulletin', onClick: () => confirmDialog({ title: '印发奖惩通报', message: `为${info.label}奖惩通报编排文号并印发？`, details: '文号按年度顺序编排，一经编排不再改变。', confirmLabel: '印发', password: true, onConfirm: async ({ password }) => { const n = await assessApi.issueBulletin({ period, password }); toast(`已印发，文号 ${n}`, 'success'); await load(); } }) }, '印发通报')
          : null,
        closed ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'print-bulletin', onClick: () => openReport({ kind: 'bulletin', period, title: `${info.label}考核奖惩通报` }) }, '预览/打印通报') : null,
      );
    }

    if (editable) ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-reward', onClick: openForm }, '登记奖惩'));
    ctx.actions.prepend(periodBar({ value: period, onChange: (p) => { period = p; load(); } }));
    ctx.root.append(banner, h('section', { class: 'page-section' }, h('header', { class: 'page-section__header' }, bulletin)), section({ name: 'rewards', title: '奖惩记录', body: table.element }));

    async function load() {
      const asked = period;
      try {
        const [ranking, rows, loadedUnits] = await Promise.all([assessApi.assessmentRanking({ period }), assessApi.listRewards({ period }), api.listUnits({ includeRetired: false })]);
        // Another period was chosen meanwhile: its own load shows it.
        if (asked !== period) return;
        info = ranking.period;
        units = loadedUnits.filter((u) => u.kind !== 'committee');
        banner.replaceChildren();
        renderBulletin();
        table.setRows(rows);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
