// Turns an audit entry's `changes` into rows for the detail view. For
// updates the core sends {field: {from, to}}; for creations it sends the
// created record itself {field: value}.

import { fieldLabel, labelOf, UNIT_KINDS, USER_ROLES, PERSON_ROLES } from './labels.js';

// Coded values shown by their Chinese label; ids stay as they are.
const CODED_FIELDS = { kind: UNIT_KINDS, role: USER_ROLES, roles: PERSON_ROLES };

function isChangePair(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => key === 'from' || key === 'to')
  );
}

export function formatValue(value, field = null) {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.map((item) => formatValue(item, field)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  const codes = CODED_FIELDS[field];
  return codes ? labelOf(codes, value) : String(value);
}

export function changeRows(changes) {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes).map(([field, value]) => {
    if (isChangePair(value)) {
      return { field, label: fieldLabel(field), kind: 'change', from: formatValue(value.from, field), to: formatValue(value.to, field) };
    }
    return { field, label: fieldLabel(field), kind: 'value', from: null, to: formatValue(value, field) };
  });
}

export function isCreationRecord(rows) {
  return rows.length > 0 && rows.every((row) => row.kind === 'value');
}
