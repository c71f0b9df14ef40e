// 考核细则: versioned rule sets. A draft is edited item by item; 启用 puts it
// in force (the previous version retires); an active set is changed only by
// 修订为新版本, so periods already scored keep the version they used.

import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';
import { required, requiredChoice } from '../../lib/validate.js';
import { pointsError } from '../../lib/assessment.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { APPLIES, DIMENSIONS, DIRECTIONS, EVIDENCE, options, tag, refill } from './shared.js';

const STATUS_TAG = { active: 'ok', draft: 'warn', retired: 'retired' };

export const rulesPage = {
  id: 'assessment-rules',
  title: '考核细则',
  description: '《党建调度考核管理办法》的考核条目：速度、力度、温度',
  render(ctx) {
    const editable = can.editOrganization();
    let sets = [];
    let selectedId = null;
    const banner = h('div', { class: 'page-banner' });
    const head = h('div', { class: 'rule-set-head', 'data-rule-set': true });

    function selected() {
      return sets.find((s) => s.id === selectedId) ?? null;
    }

    function openSetForm(set = null) {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'rule-set' },
        set ? h('p', { class: 'form-note' }, `《${set.name}》第${set.version}版（草稿）`) : textField({ name: 'name', label: '细则名称', required: true, value: '党建调度考核细则', maxlength: 60 }),
        textField({ name: 'baseScore', label: '基础分', required: true, value: String(set ? set.baseScore : 100), inputmode: 'decimal', hint: '每个单位每期的起始分，加减分在此基础上计算' }),
        textareaField({ name: 'note', label: '说明', value: set ? set.note : '' }),
        formError(),
        formActions(set ? '保存' : '新建细则', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: set ? {} : { name: [required('细则名称')] },
        validate: (v) => (/^\d+(\.\d+)?$/.test(String(v.baseScore).trim()) ? {} : { baseScore: '基础分应为数字' }),
        submit: async (v) => {
          const input = { baseScore: Number(v.baseScore), note: trimmed(v.note) };
          const saved = set ? await assessApi.updateRuleSet({ id: set.id, ...input }) : await assessApi.createRuleSet({ name: trimmed(v.name), ...input });
          closePanel();
          toast(set ? '已保存' : `已新建《${saved.name}》第1版草稿，请添加考核条目后启用`, 'success');
          selectedId = saved.id;
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'rule-set', title: set ? '修改细则' : '新建考核细则', content: form });
    }

    function openRuleForm(set, rule = null) {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'rule' },
        textField({ name: 'category', label: '类别', required: true, value: rule?.category ?? '', maxlength: 30, hint: '如：调度令落实、信息反馈、问题整改、帮扶指导' }),
        textareaField({ name: 'description', label: '考核内容', required: true, value: rule?.description ?? '', rows: 2 }),
        selectField({ name: 'direction', label: '扣分或加分', required: true, options: options(DIRECTIONS), value: rule?.direction ?? 'deduct' }),
        textField({ name: 'points', label: '分值（每次）', required: true, value: rule ? String(rule.points) : '', inputmode: 'decimal', maxlength: 6 }),
        selectField({ name: 'dimension', label: '考核维度', required: true, options: options(DIMENSIONS), value: rule?.dimension ?? '', empty: '请选择' }),
        selectField({ name: 'appliesTo', label: '适用对象', required: true, options: options(APPLIES), value: rule?.appliesTo ?? 'both' }),
        selectField({ name: 'evidence', label: '依据记录自动建议', options: options(EVIDENCE), value: rule?.evidence ?? '', empty: '不自动建议（手工登记）', hint: '选了来源的条目，“依据记录生成建议”时按记录提出建议，经确认后计分' }),
        formError(),
        formActions(rule ? '保存条目' : '添加条目', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { category: [required('类别')], description: [required('考核内容')], dimension: [requiredChoice('考核维度')] },
        validate: (v) => {
          const e = pointsError(v.points);
          return e ? { points: e } : {};
        },
        submit: async (v) => {
          const input = { category: trimmed(v.category), description: trimmed(v.description), points: Number(v.points), direction: v.direction, dimension: v.dimension, appliesTo: v.appliesTo, evidence: v.evidence };
          if (rule) await assessApi.updateRule({ id: rule.id, ...input });
          else await assessApi.addRule({ ruleSetId: set.id, ...input });
          closePanel();
          toast(rule ? '条目已保存' : '条目已添加', 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'rule', title: rule ? '修改考核条目' : '添加考核条目', content: form });
    }

    const table = createTable({
      name: 'rules',
      columns: [
        { key: 'position', label: '序号', value: (r) => r.position, className: 'num nowrap' },
        { key: 'category', label: '类别', value: (r) => r.category, className: 'nowrap' },
        { key: 'description', label: '考核内容', value: (r) => r.description },
        { key: 'points', label: '分值', value: (r) => (r.direction === 'deduct' ? -r.points : r.points), render: (r) => h('span', { class: ['num', r.direction === 'deduct' ? 'points--minus' : 'points--plus'] }, `${r.directionLabel}${r.points}`), className: 'nowrap' },
        { key: 'dimension', label: '维度', value: (r) => r.dimensionLabel, className: 'nowrap' },
        { key: 'appliesTo', label: '适用对象', value: (r) => r.appliesToLabel, className: 'nowrap' },
        { key: 'evidence', label: '依据记录', value: (r) => r.evidenceLabel ?? '手工登记', className: 'nowrap' },
      ],
      searchPlaceholder: '搜索类别、内容',
      actions: (r) => {
        const set = selected();
        if (!editable || !set || set.status !== 'draft') return [];
        return [
          actionButton('edit-rule', '修改', () => openRuleForm(set, r)),
          actionButton('remove-rule', '删除', () =>
            confirmDialog({
              title: '删除条目',
              message: `确定从草稿中删除“${r.description}”吗？`,
              confirmLabel: '删除',
              danger: true,
              onConfirm: async () => {
                await assessApi.removeRule({ id: r.id });
                await load();
              },
            }), { danger: true }),
        ];
      },
      emptyState: () => emptyState({ title: '还没有考核条目', text: '考核条目规定每一项扣分或加分的内容、分值和维度（速度、力度、温度）。', actionLabel: editable && selected()?.status === 'draft' ? '添加条目' : null, onAction: () => openRuleForm(selected()), action: 'add-rule' }),
    });

    const setTable = createTable({
      name: 'rule-sets',
      search: false,
      columns: [
        { key: 'name', label: '细则', value: (s) => `《${s.name}》`, className: 'col-strong' },
        { key: 'version', label: '版本', value: (s) => s.version, render: (s) => `第${s.version}版`, className: 'num nowrap' },
        { key: 'status', label: '状态', value: (s) => s.statusLabel, render: (s) => tag(s.statusLabel, STATUS_TAG[s.status]), className: 'nowrap' },
        { key: 'rules', label: '条目', value: (s) => s.rules.length, className: 'num' },
        { key: 'periods', label: '已用于考核', value: (s) => s.periods, render: (s) => `${s.periods}期`, className: 'num nowrap' },
        { key: 'activatedAt', label: '启用时间', value: (s) => s.activatedAt ?? '', className: 'num nowrap' },
      ],
      onOpen: (s) => {
        selectedId = s.id;
        renderHead();
      },
      rowClass: (s) => (s.status === 'retired' ? 'is-retired' : null),
      emptyState: () => emptyState({ title: '还没有考核细则', text: '考核细则是考核评分的依据：先建立细则、添加条目并启用，再到“考核评分”中评分。', actionLabel: editable ? '新建考核细则' : null, onAction: () => openSetForm(), action: 'new-rule-set' }),
    });

    function renderHead() {
      const set = selected();
      setTable.select(selectedId);
      table.setRows(set ? set.rules : []);
      if (!set) {
        head.replaceChildren();
        return;
      }
      const buttons = [];
      if (editable && set.status === 'draft') {
        buttons.push(h('button', { type: 'button', class: 'btn', 'data-action': 'add-rule', onClick: () => openRuleForm(set) }, '添加条目'));
        buttons.push(h('button', { type: 'button', class: 'btn', 'data-action': 'edit-rule-set', onClick: () => openSetForm(set) }, '修改基础分'));
        // Putting rules in force is the signer's act, with the password again.
        if (can.sign()) buttons.push(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'activate-rule-set', onClick: () =>
          confirmDialog({
            title: '启用考核细则',
            message: `启用《${set.name}》第${set.version}版？`,
            details: '启用后内容冻结，新的考核期间按此版本评分；同名的旧版本停用，已评分的期间仍按原版本，不受影响。',
            confirmLabel: '启用',
            password: true,
            onConfirm: async ({ password }) => {
              await assessApi.activateRuleSet({ id: set.id, password });
              toast(`《${set.name}》第${set.version}版已启用`, 'success');
              await load();
            },
          }) }, '启用'));
      }
      if (editable && set.status !== 'draft') {
        buttons.push(h('button', { type: 'button', class: 'btn', 'data-action': 'revise-rule-set', onClick: async () => {
          try {
            const draft = await assessApi.reviseRuleSet({ id: set.id });
            selectedId = draft.id;
            toast(`已复制为第${draft.version}版草稿，修改后启用`, 'success');
            await load();
          } catch (error) {
            toast(error.message, 'error');
          }
        } }, '修订为新版本'));
      }
      refill(head,
        h('div', null,
          h('h3', { class: 'rule-set-head__title' }, `《${set.name}》第${set.version}版 `, tag(set.statusLabel, STATUS_TAG[set.status])),
          h('p', { class: 'page-section__desc' }, `基础分 ${set.baseScore} 分；${set.note || ''}${set.status === 'active' ? ' 内容已冻结，如需修改请“修订为新版本”。' : ''}`)),
        h('div', { class: 'page-section__actions' }, buttons),
      );
    }

    if (editable) ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-rule-set', onClick: () => openSetForm() }, '新建考核细则'));
    ctx.root.append(
      banner,
      section({ name: 'rule-sets', title: '细则版本', description: '点击一行查看条目；启用中的版本用于新的考核期间', body: setTable.element }),
      section({ name: 'rules', title: '考核条目', body: h('div', null, head, table.element) }),
    );

    async function load() {
      try {
        sets = await assessApi.listRuleSets();
        banner.replaceChildren();
        if (!sets.some((s) => s.id === selectedId)) selectedId = sets[0]?.id ?? null;
        setTable.setRows(sets);
        renderHead();
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
