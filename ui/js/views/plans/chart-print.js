// 打印网络图: paper, zoom and date range chosen by the user, then the pages
// rendered by the core's PDF engine are previewed, saved or printed — the
// same preview and print dialogs as for notices and orders.

import * as chartApi from '../../api/chart.js';
import * as plansApi from '../../api/plans.js';
import { selectField, textField } from '../../components/fields.js';
import { toast } from '../../components/toast.js';
import { formDialog, previewDialog, printDialog } from '../documents/dialogs.js';
import { commandErrorMessage, isValidDate, normalizeDateInput } from '../documents/model.js';

const ZOOMS = [
  ['day', '日'],
  ['week', '周'],
  ['dekad', '旬'],
  ['month', '月'],
  ['quarter', '季'],
  ['year', '年'],
];

export async function chartPrintDialog(plan) {
  const options = await formDialog({
    name: 'chart-print',
    title: '打印网络推进图',
    message: `“${plan.title}”按所选纸张横向排版，超出一页时横向、纵向分页，每页重复任务列和时间刻度。`,
    fields: [
      selectField({ name: 'paper', label: '纸张', required: true, value: 'A3', options: [{ value: 'A3', label: 'A3 横向' }, { value: 'A4', label: 'A4 横向' }] }),
      selectField({ name: 'zoom', label: '时间比例', required: true, value: 'week', options: ZOOMS.map(([value, label]) => ({ value, label })) }),
      textField({ name: 'from', label: '开始日期', value: '', placeholder: '留空：计划开始', inputmode: 'numeric', maxlength: 12 }),
      textField({ name: 'to', label: '结束日期', value: '', placeholder: '留空：计划完成', inputmode: 'numeric', maxlength: 12 }),
    ],
    submitLabel: '预览',
    validate: (values) => {
      const errors = {};
      for (const key of ['from', 'to']) {
        const v = normalizeDateInput(values[key] ?? '');
        if (v && !isValidDate(v)) errors[key] = '日期格式应为 2026-03-05';
      }
      const from = normalizeDateInput(values.from ?? '');
      const to = normalizeDateInput(values.to ?? '');
      if (from && to && to < from) errors.to = '结束日期不能早于开始日期';
      return errors;
    },
    submit: async (values) => ({
      planId: plan.id,
      paper: values.paper,
      zoom: values.zoom,
      from: normalizeDateInput(values.from ?? '') || null,
      to: normalizeDateInput(values.to ?? '') || null,
    }),
  });
  if (!options) return;
  const asDoc = { id: plan.id, number: null, kindLabel: '网络推进图', title: plan.title };
  const save = async () => {
    try {
      const saved = await chartApi.saveChartPdf(options);
      if (saved && saved.path) toast(`已保存PDF：${saved.path}`, 'success');
    } catch (error) {
      toast(commandErrorMessage(error, '另存为PDF'), 'error');
    }
  };
  await previewDialog(asDoc, {
    load: () => chartApi.previewChart(options),
    onSavePdf: save,
    onPrint: () => printDialog(asDoc, { send: ({ printer, copies }) => chartApi.printChart({ ...options, printer, copies }) }),
  });
}

// 导出: MS Project XML (what MS Project, GanttProject and ProjectLibre read)
// or the JSON form; the core asks where to save.
export async function exportPlanDialog(plan) {
  const format = await formDialog({
    name: 'plan-export',
    title: '导出计划',
    message: `导出“${plan.title}”的任务、层级、前置关系、日期、工期、进度和工作日历例外。`,
    fields: [
      selectField({
        name: 'format',
        label: '格式',
        required: true,
        value: 'mspdi',
        options: [
          { value: 'mspdi', label: 'MS Project XML（.xml）' },
          { value: 'json', label: 'JSON（.json）' },
        ],
      }),
    ],
    submitLabel: '导出…',
    submit: async (values) => values.format,
  });
  if (!format) return;
  try {
    const saved = await plansApi.exportPlanFile({ planId: plan.id, format });
    if (saved && saved.path) toast(`已导出：${saved.path}`, 'success');
  } catch (error) {
    toast(commandErrorMessage(error, '导出'), 'error');
  }
}
