// Every command failure is turned into {code, message, field?} so the rest
// of the UI never has to guess what shape an error has.

export const AUTH_CODES = new Set(['unauthenticated', 'locked']);

const FALLBACK_MESSAGE = '操作失败，发生了未预期的错误';

function fromObject(raw) {
  const code = typeof raw.code === 'string' && raw.code ? raw.code : 'internal';
  const message = typeof raw.message === 'string' && raw.message ? raw.message : FALLBACK_MESSAGE;
  const error = { code, message };
  if (typeof raw.field === 'string' && raw.field) error.field = raw.field;
  return error;
}

export function normalizeError(raw) {
  if (raw && typeof raw === 'object' && !(raw instanceof Error)) return fromObject(raw);
  if (raw instanceof Error) return { code: 'internal', message: raw.message || FALLBACK_MESSAGE };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text.startsWith('{')) {
      try {
        return fromObject(JSON.parse(text));
      } catch {
        // Not JSON after all: show the text as it is.
      }
    }
    return { code: 'internal', message: text || FALLBACK_MESSAGE };
  }
  return { code: 'internal', message: FALLBACK_MESSAGE };
}

export function isAuthError(error) {
  return Boolean(error) && AUTH_CODES.has(error.code);
}
