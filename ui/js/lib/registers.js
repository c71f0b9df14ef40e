// The registers' form checks and labels without DOM (tested with node):
// visits and their problems, emergency events, duties, archived files.
// The core checks everything again; these only answer sooner, in the same
// words, beside the field.

import { isValidDate } from './dates.js';
import { normalizeTime } from './assessment.js';

const LIMITS = { problem: 500, summary: 2000, place: 100, what: 4000, measures: 4000, closure: 2000, post: 40, duties: 4000, title: 200, issuer: 60, number: 60 };

// One problem per line; blank lines are not problems.
export function problemLines(text) {
  return String(text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

function tooLong(value, max) {
  return [...String(value ?? '').trim()].length > max;
}

function dateError(value, label, { today = null, required = true } = {}) {
  const t = String(value ?? '').trim();
  if (!t) return required ? `请填写${label}` : null;
  if (!isValidDate(t)) return `${label}格式应为 2026-03-05`;
  if (today && t > today) return `${label}不能晚于今天（${today}）`;
  return null;
}

function timeError(value, label, { now = null } = {}) {
  const t = String(value ?? '').trim();
  if (!t) return `请填写${label}`;
  const n = normalizeTime(t);
  if (!n || !isValidDate(n.slice(0, 10))) return `${label}格式应为 2026-03-05 09:30`;
  if (now && n > now) return `${label}不能晚于现在（${now}）`;
  return null;
}

export function validateVisit(v, today) {
  const e = {};
  if (!v.pointId) e.pointId = '请选择帮扶点';
  const d = dateError(v.visitedOn, '走访日期', { today });
  if (d) e.visitedOn = d;
  if (tooLong(v.summary, LIMITS.summary)) e.summary = `走访情况不能超过${LIMITS.summary}个字`;
  const problems = problemLines(v.problems);
  if (problems.some((p) => [...p].length > LIMITS.problem)) e.problems = `每个问题不能超过${LIMITS.problem}个字`;
  else if (problems.length > 30) e.problems = '一次走访最多登记30个问题';
  return e;
}

// The three ways a problem goes on; the deadline is checked against the visit.
export function validateConversion(into, v, visitedOn, today) {
  const e = {};
  if (into === 'onsite') {
    const d = dateError(v.solvedOn, '解决日期', { today });
    if (d) e.solvedOn = d;
    else if (String(v.solvedOn).trim() < visitedOn) e.solvedOn = `解决日期不能早于走访日期 ${visitedOn}`;
    if (!String(v.solution ?? '').trim()) e.solution = '请填写解决情况';
    else if (tooLong(v.solution, 500)) e.solution = '解决情况不能超过500个字';
    return e;
  }
  const d = dateError(v.deadline, '完成时限');
  if (d) e.deadline = d;
  else if (String(v.deadline).trim() < visitedOn) e.deadline = `完成时限不能早于走访日期 ${visitedOn}`;
  if (into === 'rectification') {
    if (!String(v.itemName ?? '').trim()) e.itemName = '请填写整改项目名称';
    if (!String(v.personName ?? '').trim()) e.personName = '请填写整改责任人';
  }
  return e;
}

// What became of a problem: its label and colour on screen.
export function problemState(p) {
  if (p.outcome === 'pending') return { text: '待处理', tone: 'warn' };
  if (p.outcome === 'onsite') return { text: `现场解决 ${p.solvedOn ?? ''}`.trim(), tone: 'ok' };
  const what = p.outcome === 'task' ? '任务' : '整改';
  if (p.solved) return { text: `${what}已${p.outcome === 'task' ? '闭合' : '销号'} ${p.solvedOn ?? ''}`.trim(), tone: 'ok' };
  return { text: `已转${what}：${p.progressLabel || '办理中'}`, tone: 'info' };
}

export function validateEmergency(v, now) {
  const e = {};
  const t = timeError(v.occurredAt, '发生时间', { now });
  if (t) e.occurredAt = t;
  if (!String(v.place ?? '').trim()) e.place = '请填写发生地点';
  else if (tooLong(v.place, LIMITS.place)) e.place = `发生地点不能超过${LIMITS.place}个字`;
  if (!String(v.reporter ?? '').trim()) e.reporter = '请填写报告人';
  if (!String(v.what ?? '').trim()) e.what = '请填写事件经过';
  else if (tooLong(v.what, LIMITS.what)) e.what = `事件经过不能超过${LIMITS.what}个字`;
  if (tooLong(v.measures, LIMITS.measures)) e.measures = `处置措施不能超过${LIMITS.measures}个字`;
  return e;
}

export function validateClosure(v, occurredAt, now) {
  const e = {};
  const t = timeError(v.closedAt, '结束时间', { now });
  if (t) e.closedAt = t;
  else if (normalizeTime(v.closedAt) < occurredAt) e.closedAt = '结束时间不能早于事件发生时间';
  if (!String(v.closureNote ?? '').trim()) e.closureNote = '请填写处置结果';
  else if (tooLong(v.closureNote, LIMITS.closure)) e.closureNote = `处置结果不能超过${LIMITS.closure}个字`;
  return e;
}

// Who was on duty, as the form shows it beside the time.
export function dutyLine(duty) {
  if (!duty) return '';
  const leader = duty.leader ? `带班领导 ${duty.leader.name}${duty.leader.label ? `（${duty.leader.label}）` : ''}` : '值班表中该时间未排带班领导';
  const dispatcher = duty.dispatcher ? `值班调度员 ${duty.dispatcher.name}` : '未排值班调度员';
  return `${leader} · ${dispatcher}`;
}

export function validateDuty(v) {
  const e = {};
  if (!String(v.post ?? '').trim()) e.post = '请填写岗位';
  else if (tooLong(v.post, LIMITS.post)) e.post = `岗位不能超过${LIMITS.post}个字`;
  if (!String(v.duties ?? '').trim()) e.duties = '请填写工作职责';
  else if (tooLong(v.duties, LIMITS.duties)) e.duties = `工作职责不能超过${LIMITS.duties}个字`;
  const s = dateError(v.since, '起始日期');
  if (s) e.since = s;
  const u = dateError(v.until, '截止日期', { required: false });
  if (u) e.until = u;
  else if (!s && String(v.until ?? '').trim() && String(v.until).trim() < String(v.since).trim()) e.until = '截止日期不能早于起始日期';
  return e;
}

export function validateArchive(v, files, today) {
  const e = {};
  if (!v.kind) e.kind = '请选择文档类别';
  if (!String(v.title ?? '').trim()) e.title = '请填写文件标题';
  else if (tooLong(v.title, LIMITS.title)) e.title = `文件标题不能超过${LIMITS.title}个字`;
  if (tooLong(v.issuer, LIMITS.issuer)) e.issuer = `发文机关不能超过${LIMITS.issuer}个字`;
  if (tooLong(v.number, LIMITS.number)) e.number = `文号不能超过${LIMITS.number}个字`;
  const d = dateError(v.issuedOn, '成文日期', { today });
  if (d) e.issuedOn = d;
  if (!files || files.length === 0) e.attachments = '请添加文件（扫描件或电子版）';
  return e;
}

// "集团党委 集团党发〔2026〕31号 《标题》" for lists and plan sources.
export function archiveLabel(f) {
  const head = [f.issuer, f.number].filter(Boolean).join(' ');
  return `${head ? `${head} ` : ''}《${f.title}》`;
}
