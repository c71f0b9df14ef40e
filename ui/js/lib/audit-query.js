// Turns the audit filter form into a list_audit query, and checks its dates.

import { dateOrEmpty } from './validate.js';
import { isValidDate } from './dates.js';

const FILTER_FIELDS = ['entity', 'action', 'username', 'text', 'from', 'to'];

// Empty fields are left out: the core treats a missing filter as "all".
export function auditQuery(values) {
  const query = {};
  for (const key of FILTER_FIELDS) {
    const value = String(values[key] ?? '').trim();
    if (value) query[key] = value;
  }
  return query;
}

export const auditFilterSchema = {
  from: [dateOrEmpty(isValidDate, '开始日期')],
  to: [
    dateOrEmpty(isValidDate, '结束日期'),
    (value, values) => {
      const to = String(value ?? '').trim();
      const from = String(values.from ?? '').trim();
      return to && isValidDate(from) && to < from ? '结束日期不能早于开始日期' : null;
    },
  ],
};
