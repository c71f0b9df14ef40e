// 帮扶走访 on the 帮扶点与包保 page: each leader's visits to the assistance
// points, the problems raised there, and what became of every problem — a
// task (into a plan), a 整改 item under 三定, or solved on the spot — made
// in one step from the visit.
//
// Hooks: section[data-section="visits"], table[data-table="visits"],
// form[data-form="visit"], aside[data-panel="visit"] with
// [data-visit=ID], li[data-problem=ID][data-outcome=pending|task|
// rectification|onsite], buttons data-action="new-visit" | "problem-to-task"
// | "problem-to-rectification" | "problem-onsite" | "open-task" |
// "open-rectification" | "edit-visit"; dialogs data-form="problem-task" |
// "problem-rectification" | "problem-onsite".

import * as regApi from '../../api/registers.js';
import * as plansApi from '../../api/plans.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { selectField, textField, textareaField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast, toastError } from '../../components/toast.js';
import { peopleWithRole, idFromSelect } from '../../lib/options.js';
import { todayIso } from '../../lib/clock.js';
import { problemLines, validateVisit, validateConversion, problemState } from '../../lib/registers.js';
import { formDialog } from '../documents/dialogs.js';
import { openRectificationPage } from '../rectifications.js';
import { openPlanLater } from '../plans.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { tag } from '../assessment/shared.js';

let pendingVisitId = null;

/** Opens the visit's panel the next time the 帮扶点与包保 page shows. */
export function openVisitPage(ctx, id) {
  pendingVisitId = id;
  ctx.navigate('assistance');
}

const pointLabel = (p) => `${p.leaderName} 帮扶 ${p.branchName}`;

// ctx: the page's context; getPoints(): the page's assistance points;
// getPeople(): the people (for leaders); editable: may record.
export function visitsSection(ctx, { getPoints, getPeople, editable }) {
  let visits = [];
  let plans = [];
  const banner = h('div', { class: 'page-banner' });

  function openForm({ visit = null, pointId = null } = {}) {
    const points = getPoints().filter((p) => !p.endedAt || (visit && p.id === visit.pointId));
    const pointOptions = points.map((p) => ({ value: String(p.id), label: pointLabel(p) }));
    const leaders = peopleWithRole(getPeople(), 'leader');
    const form = h(
      'form',
      { class: 'form', 'data-form': 'visit' },
      visit
        ? h('p', { class: 'form-note' }, `帮扶点：${visit.leaderName} 帮扶 ${visit.branchName}`)
        : selectField({ name: 'pointId', label: '帮扶点', required: true, options: pointOptions, value: pointId ? String(pointId) : '', empty: pointOptions.length ? '请选择' : '（暂无进行中的帮扶点）' }),
      textField({ name: 'visitedOn', label: '走访日期', required: true, value: visit?.visitedOn ?? todayIso(), placeholder: '2026-03-05', maxlength: 10 }),
      selectField({ name: 'leaderId', label: '走访领导', options: leaders, value: visit ? String(visit.leaderId) : '', empty: '（帮扶点的领导）' }),
      textareaField({ name: 'summary', label: '走访情况', value: visit?.summary ?? '', rows: 3, placeholder: '听取汇报、查看台账、与党员座谈等' }),
      textareaField({ name: 'problems', label: visit ? '新增问题' : '提出的问题', rows: 4, hint: '每行一个问题；登记后可逐个转为任务、整改或记为现场解决' }),
      formError(),
      formActions(visit ? '保存' : '登记走访', { onCancel: closePanel }),
    );
    bindForm(form, {
      validate: (v) => validateVisit({ ...v, pointId: visit ? String(visit.pointId) : v.pointId }, todayIso()),
      submit: async (v) => {
        const input = {
          pointId: visit ? visit.pointId : idFromSelect(v.pointId),
          visitedOn: v.visitedOn.trim(),
          leaderId: idFromSelect(v.leaderId),
          summary: trimmed(v.summary),
          problems: problemLines(v.problems),
        };
        const saved = visit ? await regApi.updateVisit({ id: visit.id, ...input }) : await regApi.createVisit(input);
        toast(visit ? '走访记录已保存' : `已登记走访，提出问题${saved.problemCount}个`, 'success');
        await load();
        openVisit(saved);
      },
    });
    openPanel({ host: ctx.panelHost, name: 'visit-form', title: visit ? '修改走访记录' : '登记帮扶走访', content: form });
  }

  function conversionDialog(visit, problem, into) {
    const fields = [];
    const details = {
      task: '任务归入所选计划（默认本年度“帮扶点问题交办事项”计划，日常调度），责任单位为所帮扶的支部；任务与走访记录互相关联。',
      rectification: '按“三定”生成整改事项，责任单位为所帮扶的支部，来源记为帮扶走访。',
      onsite: '发现问题于现场，解决问题在现场：写明当场怎样解决的。',
    }[into];
    if (into === 'task') {
      fields.push(textField({ name: 'name', label: '任务名称', value: `帮扶问题：${problem.text}`.slice(0, 100), maxlength: 100 }));
      fields.push(selectField({ name: 'planId', label: '归入计划', options: plans.map((p) => ({ value: String(p.id), label: p.title })), empty: '本年度帮扶点问题交办事项（自动建立）' }));
    }
    if (into === 'rectification') {
      fields.push(textField({ name: 'itemName', label: '整改项目名称', required: true, maxlength: 60 }));
      fields.push(textField({ name: 'personName', label: '整改责任人', required: true, maxlength: 20 }));
    }
    if (into === 'onsite') {
      fields.push(textField({ name: 'solvedOn', label: '解决日期', required: true, value: visit.visitedOn, maxlength: 10 }));
      fields.push(textareaField({ name: 'solution', label: '解决情况', required: true, rows: 3 }));
    } else {
      fields.push(textField({ name: 'deadline', label: '完成时限', required: true, placeholder: '如 2026-03-31（工作日）', maxlength: 10 }));
    }
    const title = { task: '转为任务', rectification: '转为整改', onsite: '现场解决' }[into];
    return formDialog({
      name: `problem-${into}`,
      title,
      message: `“${problem.text}”（${visit.branchName}）`,
      details,
      fields,
      submitLabel: title,
      validate: (v) => validateConversion(into, v, visit.visitedOn, todayIso()),
      submit: async (v) => {
        let saved;
        if (into === 'task') saved = await regApi.problemToTask({ problemId: problem.id, deadline: v.deadline.trim(), name: trimmed(v.name), planId: idFromSelect(v.planId) });
        else if (into === 'rectification') saved = await regApi.problemToRectification({ problemId: problem.id, itemName: trimmed(v.itemName), personName: trimmed(v.personName), deadline: v.deadline.trim() });
        else saved = await regApi.solveProblemOnsite({ problemId: problem.id, solvedOn: v.solvedOn.trim(), solution: trimmed(v.solution) });
        toast(into === 'onsite' ? '已记为现场解决' : `已${title}`, 'success');
        return saved;
      },
    });
  }

  function problemRow(visit, p) {
    const state = problemState(p);
    const convert = (into) => async () => {
      const saved = await conversionDialog(visit, p, into);
      if (saved) {
        await load();
        openVisit(saved);
      }
    };
    const actions = [];
    if (p.outcome === 'pending' && editable) {
      actions.push(actionButton('problem-to-task', '转为任务', convert('task')));
      actions.push(actionButton('problem-to-rectification', '转为整改', convert('rectification')));
      actions.push(actionButton('problem-onsite', '现场解决', convert('onsite')));
    }
    if (p.taskId && p.planId) {
      actions.push(actionButton('open-task', '打开任务', () => {
        openPlanLater(p.planId);
        ctx.navigate('plans');
      }, { title: p.taskName ?? '' }));
    }
    if (p.rectificationId) actions.push(actionButton('open-rectification', '打开整改', () => openRectificationPage(ctx, p.rectificationId), { title: p.rectificationItem ?? '' }));
    return h(
      'li',
      { class: 'visit-problem', 'data-problem': p.id, 'data-outcome': p.outcome, 'data-solved': String(p.solved) },
      h('div', { class: 'visit-problem__text' }, p.text),
      h(
        'div',
        { class: 'visit-problem__state' },
        tag(state.text, state.tone === 'info' ? 'neutral' : state.tone),
        p.taskName ? h('span', { class: 'muted' }, `任务“${p.taskName}”`) : null,
        p.rectificationItem ? h('span', { class: 'muted' }, `整改“${p.rectificationItem}”`) : null,
        p.solution ? h('span', { class: 'muted' }, p.solution) : null,
      ),
      actions.length ? h('div', { class: 'visit-problem__actions' }, actions) : null,
    );
  }

  function openVisit(v) {
    const body = h(
      'div',
      { class: 'visit', 'data-visit': v.id },
      h(
        'dl',
        { class: 'detail-list detail-list--wide' },
        h('dt', null, '走访日期'), h('dd', { class: 'num' }, v.visitedOn),
        h('dt', null, '走访领导'), h('dd', null, `${v.leaderName}${v.leaderTitle ? `（${v.leaderTitle}）` : ''}`),
        h('dt', null, '帮扶支部'), h('dd', null, v.branchName, v.pointEnded ? tag('帮扶点已结束', 'retired') : null),
        h('dt', null, '走访情况'), h('dd', { class: 'pre-line' }, v.summary || '—'),
      ),
      h('h3', { class: 'handover__heading' }, `提出的问题（${v.problemCount}个，已解决${v.solvedCount}个）`),
      v.problems.length ? h('ol', { class: 'visit-problems' }, v.problems.map((p) => problemRow(v, p))) : h('p', { class: 'muted' }, '这次走访没有登记问题。'),
      editable ? h('div', { class: 'form-actions' }, actionButton('edit-visit', '修改 / 添加问题', () => openForm({ visit: v }))) : null,
    );
    openPanel({ host: ctx.panelHost, name: 'visit', title: '帮扶走访', content: body, wide: true });
  }

  const table = createTable({
    name: 'visits',
    columns: [
      { key: 'visitedOn', label: '走访日期', value: (v) => v.visitedOn, className: 'num nowrap' },
      { key: 'leaderName', label: '走访领导', value: (v) => v.leaderName, className: 'col-strong nowrap' },
      { key: 'branchName', label: '帮扶支部', value: (v) => v.branchName, className: 'nowrap' },
      { key: 'summary', label: '走访情况', value: (v) => v.summary, className: 'col-note' },
      { key: 'problemCount', label: '问题', value: (v) => v.problemCount, className: 'num' },
      { key: 'solvedCount', label: '已解决', value: (v) => v.solvedCount, className: 'num' },
      {
        key: 'pending',
        label: '待处理',
        value: (v) => v.problems.filter((p) => p.outcome === 'pending').length,
        render: (v) => {
          const n = v.problems.filter((p) => p.outcome === 'pending').length;
          return n ? tag(`${n}个`, 'warn') : '';
        },
        className: 'nowrap',
      },
    ],
    searchPlaceholder: '搜索领导、支部、走访情况、问题',
    searchValues: (v) => [v.leaderName, v.branchName, v.summary, ...v.problems.map((p) => p.text)],
    onOpen: openVisit,
    emptyState: () =>
      emptyState({
        title: '还没有走访记录',
        text: '记录矿领导到帮扶点的每次走访、提出的问题和问题的去向：转为任务、转为整改或现场解决。年度统计据此计算走访次数和解决问题数。',
        actionLabel: editable ? '登记走访' : null,
        onAction: () => openForm(),
        action: 'new-visit-empty',
      }),
  });

  const element = section({
    name: 'visits',
    title: '帮扶走访记录',
    description: '每次走访提出的问题，一步转为任务、整改或记为现场解决',
    actions: [editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-visit', onClick: () => openForm() }, '登记走访') : null],
    body: h('div', null, banner, table.element),
  });

  async function load() {
    try {
      const [list, activePlans] = await Promise.all([regApi.listVisits(), editable ? plansApi.listPlans() : Promise.resolve([])]);
      visits = list;
      plans = activePlans;
      banner.replaceChildren();
      table.setRows(visits);
      if (pendingVisitId !== null) {
        const wanted = visits.find((v) => v.id === pendingVisitId);
        pendingVisitId = null;
        if (wanted) {
          table.select(wanted.id);
          openVisit(wanted);
        }
      }
    } catch (error) {
      loadFailed(banner, error, load);
    }
  }

  return {
    element,
    load,
    // From a point's row: a new visit to that point.
    newVisitFor: (pointId) => openForm({ pointId }),
    openById: async (id) => {
      try {
        openVisit(await regApi.getVisit({ id }));
      } catch (error) {
        toastError(error);
      }
    },
  };
}
