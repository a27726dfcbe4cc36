#!/usr/bin/env node
// qnnv command line over the WebAssembly build. The command line itself (commands, flags, defaults, usage
// text, usage errors, outputs, exit codes) is the core's (core/src/cli.cpp), the same as the native CLI's;
// this file only gives it files and streams.
import fs from 'node:fs';
import tty from 'node:tty';
import { runCommandLine, QnnvError } from './qnnv.mjs';

// Errors cross to the core as they are ({code: 'ENOENT', ...}): the core words them from one table
// (system_error_text in core/src/cli.cpp), the same as the native CLI does.
const STDOUT = 1;

// Node reopens a closed standard output (qnnv ... >&-) on /dev/null before any script runs, so writes
// would vanish with success. That descriptor is Node's own, opened with O_CLOEXEC; one inherited from the
// shell cannot have it (it would not have survived exec). Linux only (/proc); elsewhere nothing is known.
function stdoutWasClosed() {
  try {
    if (fs.readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & 0o2000000) !== 0;
  } catch (_) {
    return false;
  }
}

// Writes all of `bytes` to `fd` synchronously (so that a failure is seen here, as the native CLI sees it,
// never as an asynchronous 'error' event with a stack trace); a non-blocking pipe that is full is waited on.
function writeAll(fd, bytes) {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

let out = null;  // the open output: {fd}; fd -1 when it could not be opened
let outError = null;
// A reader that went away (EPIPE: `qnnv validate g.json | head -1`) is no failure: the rest of the output
// is dropped quietly and the exit status is the validation's, as in the native CLI (docs/errors.md).
let readerGone = false;

const host = {
  // A regular file is read straight into the room the core gives (a view of the WebAssembly heap), so
  // that a 270 MB graph is not held a second time as a Node buffer; anything else (standard input, a
  // pipe) is read whole and returned. Errors are thrown as Node gives them: the core words them.
  readFile(path, room) {
    if (path === '-') return fs.readFileSync(0);
    const fd = fs.openSync(path, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || !room) return fs.readFileSync(fd);
      const view = room(st.size);
      let got = 0;
      while (got < view.length) {
        const n = fs.readSync(fd, view, got, view.length - got, null);
        if (n === 0) break;
        got += n;
      }
      return got === view.length ? null : view.slice(0, got);  // a file that shrank while read
    } finally {
      fs.closeSync(fd);
    }
  },
  listDir(dir) {
    try {
      return fs.readdirSync(dir === '' ? '.' : dir);
    } catch (_) {
      return [];
    }
  },
  openOutput(path) {
    outError = null;
    readerGone = false;
    out = { fd: STDOUT };
    if (path === '') {
      if (stdoutWasClosed()) outError = { code: 'EBADF' };
      return;
    }
    try {
      out = { fd: fs.openSync(path, 'w') };
    } catch (e) {
      outError = e;
      out = { fd: -1 };
    }
  },
  write(bytes) {
    if (outError || readerGone || out === null) return;
    try {
      writeAll(out.fd, bytes);
    } catch (e) {
      if (e.code === 'EPIPE') readerGone = true;
      else outError = e;
    }
  },
  closeOutput() {
    if (out !== null && out.fd >= 0 && out.fd !== STDOUT) {
      try {
        fs.closeSync(out.fd);
      } catch (e) {
        outError = outError || e;
      }
    }
    out = null;
    return outError;
  },
  writeStderr(bytes) {
    try {
      writeAll(2, bytes);
    } catch (_) {
      // nowhere left to say it: the exit status still tells
    }
  },
  isTerminal() {
    return tty.isatty(STDOUT) && !process.env.NO_COLOR;
  },
};

// Whatever goes wrong outside the core (the module cannot be loaded...) is one line and exit 2, never a
// stack trace: exit 1 is reserved for findings. A QnnvError (engine.unsupported) keeps its own code.
runCommandLine(process.argv.slice(2), host).then(
  (code) => { process.exitCode = code; },
  (e) => {
    const code = e instanceof QnnvError ? e.code : 'internal.error';
    host.writeStderr(new TextEncoder().encode(`qnnv: ${e && e.message ? e.message : String(e)} [${code}]\n`));
    process.exitCode = 2;
  },
);
