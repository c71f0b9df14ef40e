// Client-side checks that run before anything is sent to the core. The core
// repeats them and is the authority; these only save the user a round trip.
// A rule returns a Chinese message, or null when the value passes.

export function isBlank(value) {
  if (Array.isArray(value)) return value.length === 0;
  return value === null || value === undefined || String(value).trim() === '';
}

export function required(label) {
  return (value) => (isBlank(value) ? `请填写${label}` : null);
}

export function requiredChoice(label) {
  return (value) => (isBlank(value) ? `请选择${label}` : null);
}

// Counts characters, not UTF-16 units, so a password's length is what the user typed.
export function minLength(min, label) {
  return (value) => {
    if (isBlank(value)) return null;
    return Array.from(String(value)).length < min ? `${label}至少需要 ${min} 位` : null;
  };
}

export function sameAs(otherField, message) {
  return (value, values) => (value !== values[otherField] ? message : null);
}

export function differentFrom(otherField, message) {
  return (value, values) => (!isBlank(value) && value === values[otherField] ? message : null);
}

export function pattern(regex, message) {
  return (value) => (isBlank(value) || regex.test(String(value)) ? null : message);
}

export function integerBetween(min, max, label) {
  return (value) => {
    if (isBlank(value)) return `请填写${label}`;
    const text = String(value).trim();
    if (!/^\d+$/.test(text)) return `${label}必须是整数`;
    const n = Number(text);
    return n < min || n > max ? `${label}应在 ${min}–${max} 之间` : null;
  };
}

export function dateOrEmpty(isValidDate, label) {
  return (value) => (isBlank(value) || isValidDate(String(value).trim()) ? null : `${label}格式应为 2026-03-05`);
}

// schema: { field: [rule, ...] }. Only the first failing rule per field is reported.
export function validate(values, schema) {
  const errors = {};
  for (const [field, rules] of Object.entries(schema)) {
    for (const rule of rules) {
      const message = rule(values[field], values);
      if (message) {
        errors[field] = message;
        break;
      }
    }
  }
  return errors;
}

export function hasErrors(errors) {
  return Object.keys(errors).length > 0;
}
