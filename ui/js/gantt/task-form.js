// The task detail form's checks and what it sends: pure, tested with node.

export const LINK_KIND_OPTIONS = [
  { value: 'FS', label: '完成-开始（FS）' },
  { value: 'SS', label: '开始-开始（SS）' },
  { value: 'FF', label: '完成-完成（FF）' },
  { value: 'SF', label: '开始-完成（SF）' },
];

export const LINK_KIND_LABELS = { FS: '完成-开始', SS: '开始-开始', FF: '完成-完成', SF: '开始-完成' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(text) {
  const m = DATE_RE.exec(String(text ?? ''));
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const trim = (v) => (typeof v === 'string' ? v.trim() : v);

// values: what readForm gives (strings, booleans). summary: a stage or a
// task with sub-tasks (its dates and duration follow its tasks).
// Returns {errors, patch}; patch holds every field the form edits.
export function readTaskForm(values, { summary = false } = {}) {
  const errors = {};
  const patch = {};
  const name = trim(values.name ?? '');
  if (!name) errors.name = '请填写任务名称';
  else if (name.length > 200) errors.name = '任务名称不能超过200个字';
  patch.name = name;
  patch.goal = trim(values.goal ?? '');
  patch.content = trim(values.content ?? '');
  patch.leadUnitId = values.leadUnitId ? Number(values.leadUnitId) : null;
  if ('personId' in values) patch.personId = values.personId ? Number(values.personId) : null;
  if (Array.isArray(values.cooperatingUnitIds)) {
    patch.cooperatingUnitIds = values.cooperatingUnitIds.map(Number).filter((id) => id !== patch.leadUnitId);
  }
  for (const field of ['start', 'deadline', 'actualStart', 'actualFinish']) {
    const text = trim(values[field] ?? '');
    if (text && !isDate(text)) errors[field] = '日期格式应为 YYYY-MM-DD，例如 2026-03-05';
    patch[field] = text || null;
  }
  if (patch.actualStart && patch.actualFinish && patch.actualFinish < patch.actualStart) {
    errors.actualFinish = '实际完成不能早于实际开始';
  }
  if (!summary) {
    patch.milestone = Boolean(values.milestone);
    const duration = trim(values.duration ?? '');
    if (!/^\d+$/.test(duration)) errors.duration = '工期应为整数个工作日';
    else {
      const n = Number(duration);
      if (patch.milestone && n !== 0) errors.duration = '里程碑的工期应为0';
      else if (!patch.milestone && n < 1) errors.duration = '任务的工期至少为1个工作日（工期为0请勾选“里程碑”）';
      else if (n > 3650) errors.duration = '工期不能超过3650个工作日';
      patch.duration = n;
    }
  } else {
    delete patch.start;
  }
  const progress = trim(values.progress ?? '');
  if (!/^\d+$/.test(progress) || Number(progress) > 100) errors.progress = '进度应为0到100之间的整数';
  else patch.progress = Number(progress);
  if (!values.status) errors.status = '请选择状态';
  patch.status = values.status;
  return { errors, patch };
}

// A lag as typed: whole working days, negative for a lead.
export function readLag(text) {
  const t = String(text ?? '').trim();
  if (t === '') return { value: 0 };
  if (!/^[+-]?\d+$/.test(t)) return { error: '间隔应为整数个工作日（负数表示提前）' };
  const n = Number(t);
  if (Math.abs(n) > 3650) return { error: '间隔不能超过3650个工作日' };
  return { value: n };
}

// The task a typed outline number (or exact name) points to.
export function findTaskByOutline(tasks, text) {
  const t = String(text ?? '').trim();
  if (!t) return null;
  return tasks.find((x) => x.outline === t) ?? tasks.find((x) => x.name === t) ?? null;
}
