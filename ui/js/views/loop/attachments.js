// Evidence attachments on screen: tiles with photo thumbnails (others show
// their kind, name and size) that open the file in the system's viewer, and
// the picker of a form — the native file dialog, or files dropped on the
// window — which copies each file into the store as soon as it is chosen.
//
// Hooks: [data-attachments] list, [data-attachment=SHA] tiles with
// img[data-thumb] for photos, button[data-action="add-attachments"],
// [data-drop-zone] (data-over while files hover), [data-staging] tiles of
// files still being copied, .field-error[data-for="attachments"].

import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { toastError } from '../../components/toast.js';
import { formatSize, droppedPaths, baseName } from '../../lib/loop.js';

const thumbs = new Map();

function thumbnail(sha256) {
  if (!thumbs.has(sha256)) {
    thumbs.set(
      sha256,
      loopApi.attachmentThumbnail({ sha256 }).then(
        (r) => r.dataUrl,
        (error) => {
          thumbs.delete(sha256);
          throw error;
        },
      ),
    );
  }
  return thumbs.get(sha256);
}

const KIND_MARK = { image: '图', video: '视', document: '文' };

function open(a) {
  loopApi.openAttachment({ sha256: a.sha256, name: a.name }).catch(toastError);
}

// One tile; onRemove adds a remove button (forms).
export function attachmentTile(a, { onRemove = null } = {}) {
  const face = h('span', { class: ['att-tile__face', `att-tile__face--${a.kind}`] }, h('span', { class: 'att-tile__mark', 'aria-hidden': 'true' }, KIND_MARK[a.kind] ?? '附'));
  if (a.kind === 'image' && a.hasThumb) {
    thumbnail(a.sha256)
      .then((url) => {
        if (!url) return;
        face.replaceChildren(h('img', { class: 'att-tile__img', src: url, alt: a.name, 'data-thumb': a.sha256 }));
      })
      .catch(() => {});
  }
  return h(
    'div',
    { class: 'att-tile', 'data-attachment': a.sha256, 'data-kind': a.kind, title: `${a.name}（${a.kindLabel ?? ''} ${formatSize(a.size)}）` },
    h(
      'button',
      { type: 'button', class: 'att-tile__open', 'data-action': 'open-attachment', 'aria-label': `打开 ${a.name}`, onClick: () => open(a) },
      face,
      h('span', { class: 'att-tile__name' }, a.name),
      h('span', { class: 'att-tile__size num' }, formatSize(a.size)),
    ),
    onRemove
      ? h('button', { type: 'button', class: 'att-tile__remove', 'data-action': 'remove-attachment', 'aria-label': `移除 ${a.name}`, title: '移除', onClick: () => onRemove(a) }, '×')
      : null,
  );
}

// compact: small tiles for a table row.
export function attachmentList(items, { compact = false } = {}) {
  if (!items || items.length === 0) return null;
  return h('div', { class: ['att-list', compact && 'att-list--compact'], 'data-attachments': true }, items.map((a) => attachmentTile(a)));
}

// The picker of a form. Answers {element, files(), busy(), destroy()};
// destroy() stops listening for dropped files (call it when the form goes).
export function attachmentPicker({ initial = [], label = '附件' } = {}) {
  let files = [...initial];
  let staging = 0;
  const list = h('div', { class: 'att-list att-list--form', 'data-attachments': true });
  const error = h('div', { class: 'field-error', 'data-for': 'attachments', hidden: true });
  const hint = h('span', { class: 'att-drop__hint' }, '把照片、视频或文件拖到窗口里，或');
  const button = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'add-attachments', onClick: pick }, '选择文件…');
  const zone = h('div', { class: 'att-drop', 'data-drop-zone': true }, hint, button);

  function render() {
    list.replaceChildren(...files.map((f) => attachmentTile(f, { onRemove: remove })));
  }

  function remove(f) {
    files = files.filter((x) => !(x.sha256 === f.sha256 && x.name === f.name));
    render();
  }

  function showError(messages) {
    error.textContent = messages.join('\n');
    error.hidden = messages.length === 0;
  }

  async function stage(paths) {
    const problems = [];
    for (const path of paths) {
      const pending = h('div', { class: 'att-tile att-tile--pending', 'data-staging': true }, h('span', { class: 'att-tile__name' }, `正在复制 ${baseName(path)}…`));
      list.append(pending);
      staging += 1;
      try {
        const stored = await loopApi.stageAttachment({ path });
        if (!files.some((f) => f.sha256 === stored.sha256 && f.name === stored.name)) files.push(stored);
      } catch (e) {
        problems.push(e.message ?? String(e));
      } finally {
        staging -= 1;
        pending.remove();
      }
    }
    render();
    showError(problems);
  }

  async function pick() {
    try {
      const paths = await loopApi.pickAttachmentFiles();
      if (paths.length) await stage(paths);
    } catch (e) {
      showError([e.message ?? String(e)]);
    }
  }

  const stop = loopApi.onFileDrop({
    drop: (payload) => {
      zone.removeAttribute('data-over');
      if (!zone.isConnected) return;
      const paths = droppedPaths(payload);
      if (paths.length) stage(paths);
    },
    enter: () => zone.isConnected && zone.setAttribute('data-over', ''),
    leave: () => zone.removeAttribute('data-over'),
  });

  render();
  const element = h(
    'div',
    { class: 'field field--wide att-field', 'data-field': 'attachments' },
    h('div', { class: 'field__label' }, label),
    zone,
    list,
    error,
  );
  return {
    element,
    files: () => files,
    busy: () => staging > 0,
    destroy: stop,
  };
}
