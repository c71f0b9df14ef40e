// Notices and dispatch orders (docs/ipc-docs.md) and their printed form
// (preview, PDF, printing). Like index.js, this is the only place that knows
// these command names; every call goes through index.js's `call`, so errors
// arrive as {code, message, field?} and a lost or locked session is
// reported to the app the same way.

import { call, compact } from './index.js';

// filters: {kind?, status?, text?}; empty values are left out.
export const listDocs = ({ kind, status, text } = {}) => call('list_docs', compact({ kind, status, text }, { dropEmpty: true }));
export const getDoc = ({ id }) => call('get_doc', { id });
// doc: DocInput (see docInput below); every field is sent so an update that
// clears a field really clears it.
export const createDoc = (doc) => call('create_doc', docInput(doc));
export const updateDoc = ({ id, ...doc }) => call('update_doc', { id, ...docInput(doc) });
export const amendDoc = ({ id }) => call('amend_doc', { id });
export const signDoc = ({ id, password }) => call('sign_doc', { id, password });
export const receiveDoc = ({ id, receivedBy, receivedAt }) => call('receive_doc', { id, receivedBy, receivedAt });
export const startDoc = ({ id }) => call('start_doc', { id });
export const completeDoc = ({ id, completedAt }) => call('complete_doc', { id, completedAt });
// password: the signer's own, again, when the document is signed.
export const withdrawDoc = ({ id, reason, password }) => call('withdraw_doc', password === undefined ? { id, reason } : { id, reason, password });
export const verifyCode = ({ code }) => call('verify_code', { code });
export const noticesFromTasks = ({ taskIds, method, feedbackRequirement }) => {
  const input = { taskIds, method };
  if (feedbackRequirement) input.feedbackRequirement = feedbackRequirement;
  return call('notices_from_tasks', input);
};
// 生成调度令: one draft order per responsible unit, carrying its tasks.
export const ordersFromTasks = ({ taskIds, urgency, requirements = '', feedbackRule }) => call('orders_from_tasks', { taskIds, urgency, requirements, feedbackRule });
// The notices and orders that carry a task.
export const taskDocs = ({ taskId }) => call('task_docs', { taskId });

// The printed document: page images, PDF through the native save dialog
// (answers {path} or null when the user cancelled), printing.
export const previewDoc = ({ id }) => call('preview_doc', { id });
// A further page of any open preview (every preview_* answers {token, pageCount, pages}).
export const previewPage = ({ token, page }) => call('preview_page', { token, page });
export const saveDocPdf = ({ id }) => call('save_doc_pdf', { id });
export const printDoc = ({ id, printer, copies }) => call('print_doc', { id, printer, copies });
export const listPrinters = () => call('list_printers');

export function docInput(doc) {
  const rule = doc.feedbackRule ?? {};
  const feedbackRule = { mode: rule.mode || 'none', forms: rule.forms ?? [] };
  if (feedbackRule.mode === 'every_n_days') feedbackRule.every = rule.every;
  if (feedbackRule.mode === 'weekly') feedbackRule.weekday = rule.weekday;
  if (feedbackRule.mode === 'dates') feedbackRule.dates = rule.dates ?? [];
  return {
    kind: doc.kind,
    title: doc.title ?? '',
    content: doc.content ?? '',
    requirements: doc.requirements ?? '',
    goal: doc.goal ?? '',
    urgency: doc.kind === 'order' ? doc.urgency || null : null,
    method: doc.kind === 'notice' ? doc.method || null : null,
    targetUnitId: doc.targetUnitId ?? null,
    cooperatingUnitIds: doc.cooperatingUnitIds ?? [],
    personId: doc.personId ?? null,
    deadline: doc.deadline || null,
    feedbackRule,
    contact: doc.contact ?? '',
    phone: doc.phone ?? '',
    taskIds: doc.taskIds ?? [],
  };
}

// Batch printing and saving (docs/ipc-docs.md): target 'print' (printer,
// copies), 'folder' (one PDF each) or 'combined' (one PDF); the core opens
// the native dialog for the last two. Resolves the outcome {total, done,
// cancelled, files, jobs, message}, or null when the user closed the dialog.
export const runDocBatch = ({ ids, target, printer, copies }) => {
  const input = { ids, target };
  if (target === 'print') {
    input.printer = printer;
    input.copies = copies;
  }
  return call('run_doc_batch', input);
};
export const cancelDocBatch = () => call('cancel_doc_batch');
// Progress of the running batch: fn({done, total}). Resolves a function that
// stops listening.
export async function onDocBatchProgress(fn) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  return events.listen('doc-batch-progress', (event) => fn(event.payload));
}

// 公文设置: issuer, number prefixes, seal width; the office's font files per
// role ('fang_song', 'xiao_biao_song', 'hei_ti', 'kai_ti', 'song_ti') and the
// seal image, both chosen in native dialogs opened by the core (these resolve
// null when the dialog was closed).
export const getDocSettings = () => call('get_doc_settings');
// A prefix left empty goes back to the default made from the issuer's name.
export const updateDocSettings = ({ issuerName, orderPrefix, noticePrefix, reminderPrefix, bulletinPrefix, rewardPrefix, sealWidthMm }) =>
  call('update_doc_settings', { issuerName, orderPrefix, noticePrefix, reminderPrefix, bulletinPrefix, rewardPrefix, sealWidthMm });
export const chooseDocFont = ({ role }) => call('choose_doc_font', { role });
export const clearDocFont = ({ role }) => call('clear_doc_font', { role });
export const chooseSealImage = () => call('choose_seal_image');
export const clearSealImage = () => call('clear_seal_image');
export const sealImagePreview = () => call('seal_image_preview');
export const docFontsInUse = () => call('doc_fonts_in_use');
