// A record of a task or document changed in one section of a detail panel
// (feedback, close-out, a supervision record): the other sections showing the
// same target reload, so the timeline, the feedback count and the lights agree.

const bus = new EventTarget();

export function recordsChanged(targetKind, targetId, source) {
  bus.dispatchEvent(new CustomEvent('changed', { detail: { targetKind, targetId: Number(targetId), source } }));
}

// Calls reload() when another section changes the same target while `element`
// is on screen; stops listening once the element has left the page.
export function onRecordsChanged(element, targetKind, targetId, source, reload) {
  const listener = (e) => {
    const d = e.detail;
    if (!element.isConnected) {
      bus.removeEventListener('changed', listener);
      return;
    }
    if (d.source !== source && d.targetKind === targetKind && d.targetId === Number(targetId)) reload();
  };
  bus.addEventListener('changed', listener);
}
