// A file the user picked is refused by its size before the page reads it,
// with the core's wording (the core checks again: these only spare reading
// a huge file into memory). Pure.

// The limits of the core (crates/store/src/files.rs, crates/sheets limits).
export const MAX_SHEET_MB = 30;
export const MAX_PLAN_MB = 64;

// Throws a {code, field, message} error when `file` ({name, size}) is over
// `maxMb`.
export function checkPickedSize(file, maxMb) {
  if (file.size > maxMb * 1024 * 1024) {
    throw {
      code: 'validation',
      field: 'file',
      message: `文件“${file.name}”过大（${(file.size / (1024 * 1024)).toFixed(1)} MB），超过 ${maxMb} MB 的上限`,
    };
  }
}
