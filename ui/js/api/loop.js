// The closed loop (docs/ipc-loop.md): attachments, feedback, rectifications
// (整改), the office's close-out and the timeline. Like index.js, the only
// place that knows these command names; every call goes through `call`.

import { call } from './index.js';

// Attachments. pickAttachmentFiles opens the native file dialog (from Rust)
// and answers the chosen paths ([] when cancelled); stageAttachment copies
// one file into the store and answers {sha256, name, size, mediaType, kind,
// kindLabel, hasThumb}, which a record then refers to.
export const pickAttachmentFiles = () => call('pick_attachment_files');
export const stageAttachment = ({ path }) => call('stage_attachment', { path });
export const attachmentThumbnail = ({ sha256 }) => call('attachment_thumbnail', { sha256 });
export const openAttachment = ({ sha256, name }) => call('open_attachment', { sha256, name });
export const getAttachmentSettings = () => call('get_attachment_settings');
export const updateAttachmentSettings = ({ maxMb }) => call('update_attachment_settings', { maxMb });

// Feedback on a task or a document (targetKind "task" | "document").
export const addFeedback = (input) => call('add_feedback', input);
export const listFeedback = ({ targetKind, targetId }) => call('list_feedback', { targetKind, targetId });

// The loop of one task or document.
export const loopStatus = ({ targetKind, targetId }) => call('loop_status', { targetKind, targetId });
// Who is responsible for each step of the loop (流水线、专人负责).
export const loopOwners = ({ targetKind, targetId }) => call('loop_owners', { targetKind, targetId });
// waiver: 免报理由, when the order's 图片/视频 were never reported.
export const closeLoop = ({ targetKind, targetId, note = '', waiver = '' }) => call('close_loop', waiver ? { targetKind, targetId, note, waiver } : { targetKind, targetId, note });
export const reopenLoop = ({ targetKind, targetId, reason }) => call('reopen_loop', { targetKind, targetId, reason });
export const timeline = ({ targetKind, targetId }) => call('timeline', { targetKind, targetId });

// 整改.
export const listRectifications = (filter = {}) => {
  const input = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value !== '' && value !== null && value !== undefined) input[key] = value;
  }
  return call('list_rectifications', input);
};
export const getRectification = ({ id }) => call('get_rectification', { id });
export const createRectification = (input) => call('create_rectification', input);
export const updateRectification = ({ id, ...input }) => call('update_rectification', { id, ...input });
export const verifyRectification = ({ id, verifiedBy, verifiedOn, result, note = '' }) =>
  call('verify_rectification', { id, verifiedBy, verifiedOn, result, note });
export const closeRectification = ({ id, note = '' }) => call('close_rectification', { id, note });
export const reopenRectification = ({ id, reason }) => call('reopen_rectification', { id, reason });

// Files dropped on the window: the shell reports their paths (Tauri's
// drag-and-drop events). handlers: {drop(paths), enter(), leave()}; answers
// a function that stops listening.
export function onFileDrop({ drop, enter = () => {}, leave = () => {} }) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  const pending = [
    events.listen('tauri://drag-drop', (e) => drop(e.payload)),
    events.listen('tauri://drag-enter', () => enter()),
    events.listen('tauri://drag-leave', () => leave()),
  ];
  return () => {
    for (const p of pending) p.then((unlisten) => unlisten()).catch(() => {});
  };
}
