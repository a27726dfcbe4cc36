// qnnv web — the page's side of the worker protocol (see worker.js). Cancel = terminate the worker and
// start a fresh one; the graph is sent again on the next request.
export class ValidatorClient {
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    this.seq = 0;
    this.pending = new Map();
    this.graphToken = null;   // which graph the current worker holds
    this.info = null;
    this._spawn();
  }
  _spawn() {
    this.worker = new Worker(this.workerUrl, {type: 'module'});
    this.worker.onmessage = (ev) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') { p.onProgress && p.onProgress(m); return; }
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.value); else p.reject(Object.assign(new Error(m.error.message), m.error));
    };
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      const err = Object.assign(new Error(`the validator worker failed: ${ev.message || 'could not start (is wasm/ built and served?)'}`), {code: 'ui.worker'});
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.graphToken = null;
    this.ready = this.request('init');
    this.ready.then((info) => { this.info = info; }, () => {});
  }
  request(type, payload = {}, {onProgress, transfer} = {}) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject, onProgress});
      this.worker.postMessage({id, type, ...payload}, transfer || []);
    });
  }
  // Make sure the worker holds the graph identified by `token`; `read()` gives its text or ArrayBuffer.
  async ensureGraph(token, read, onProgress) {
    if (this.graphToken === token) return null;
    const data = await read();
    const res = await this.request('load', {graph: data}, {onProgress, transfer: data instanceof ArrayBuffer ? [data] : []});
    this.graphToken = token;
    return res;
  }
  cancel() {
    this.worker.terminate();
    const err = Object.assign(new Error('cancelled'), {code: 'ui.cancelled'});
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this._spawn();
  }
}
