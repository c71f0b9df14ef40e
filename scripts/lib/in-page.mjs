// Runs a benchmark step inside the app's page: `body` is an async function's
// source that sees `B` (the benchmark's state, kept on window[name] between
// steps), `args` and `frames(n)` (resolves after n animation frames).

export function pageRunner(name) {
  return async function inPage(app, body, args = []) {
    const result = await app.s.executeAsync(
      `const done = arguments[arguments.length - 1];
       const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);
       const B = window[${JSON.stringify(name)}] || (window[${JSON.stringify(name)}] = {});
       const frames = (n = 2) => new Promise((resolve) => {
         const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
         step(n);
       });
       (async () => { ${body} })().then(
         (value) => done({ ok: true, value: value === undefined ? null : value }),
         (error) => done({ ok: false, error: String((error && (error.stack || error.message)) || error) }));`,
      args,
    );
    if (!result || !result.ok) throw new Error(`in page: ${result ? result.error : 'no result'}`);
    return result.value;
  };
}
