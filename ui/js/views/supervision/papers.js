// The printed papers of supervision — the reminder notice (催办通知单), the
// stage bulletin (通报) and the annual figures — through the same preview,
// print and save dialogs as notices and orders (documents/dialogs.js).

import * as supApi from '../../api/supervision.js';
import { toast } from '../../components/toast.js';
import { previewDialog, printDialog } from '../documents/dialogs.js';
import { commandErrorMessage } from '../documents/model.js';

async function save(run, what) {
  try {
    const saved = await run();
    if (saved && saved.path) toast(`已保存：${saved.path}`, 'success');
    return saved;
  } catch (error) {
    toast(commandErrorMessage(error, what), 'error');
    return null;
  }
}

// What the shared dialogs need of a paper: number, title, kind.
const reminderPaper = (r) => ({ id: r.id, number: r.number, title: `催办通知单（${r.unitName ?? ''}）`, kindLabel: '催办通知单' });
const summaryPaper = (s) => ({ id: s.id, number: s.number, title: s.title, kindLabel: '通报' });
const statsPaper = (year) => ({ id: year, number: null, title: `${year}年党建调度工作统计`, kindLabel: '统计表' });

export const saveReminder = (r) => save(() => supApi.saveReminderPdf({ id: r.id }), '另存为PDF');
export const printReminder = (r) => printDialog(reminderPaper(r), { send: ({ printer, copies }) => supApi.printReminder({ id: r.id, printer, copies }) });
export const previewReminder = (r) =>
  previewDialog(reminderPaper(r), {
    load: () => supApi.previewReminder({ id: r.id }),
    onPrint: () => printReminder(r),
    onSavePdf: () => saveReminder(r),
  });

export const saveSummary = (s) => save(() => supApi.saveSummaryPdf({ id: s.id }), '另存为PDF');
export const printSummary = (s) => printDialog(summaryPaper(s), { send: ({ printer, copies }) => supApi.printSummary({ id: s.id, printer, copies }) });
export const previewSummary = (s) =>
  previewDialog(summaryPaper(s), {
    load: () => supApi.previewSummary({ id: s.id }),
    onPrint: () => printSummary(s),
    onSavePdf: () => saveSummary(s),
  });

export const saveStatsPdf = (year) => save(() => supApi.saveStatsPdf({ year }), '另存为PDF');
export const saveStatsXlsx = (year) => save(() => supApi.saveStatsXlsx({ year }), '导出Excel');
export const printStats = (year) => printDialog(statsPaper(year), { send: ({ printer, copies }) => supApi.printStats({ year, printer, copies }) });
export const previewStats = (year) =>
  previewDialog(statsPaper(year), {
    load: () => supApi.previewStats({ year }),
    onPrint: () => printStats(year),
    onSavePdf: () => saveStatsPdf(year),
  });
