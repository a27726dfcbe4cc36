// QnnvError, the one error type of qnnv's JavaScript API (wasm/qnnv.mjs), and the qnnv.error objects it
// carries (report-format v1; the codes are docs/errors.md's).

/** Thrown for every input error. `detail` is the whole qnnv.error object. */
export class QnnvError extends Error {
  constructor(detail) {
    const error = (detail && detail.error) || {};
    super(error.message || 'qnnv error');
    this.name = 'QnnvError';
    this.code = error.code || 'internal.error';
    this.pointer = error.pointer || '';
    this.line = error.line || 0;
    this.column = error.column || 0;
    this.detail = detail;
  }
}

export function makeError(code, message, extra = {}) {
  const error = { code, message, ...extra };
  return new QnnvError({ format: 'qnnv.error', version: 1, error });
}
