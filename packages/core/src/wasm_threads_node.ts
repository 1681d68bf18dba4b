import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from './errors';
import { stopGemmHelpers } from './kernels/gemm_helper';

// tfjs starts its threaded WASM build only in a browser: in Node it would hand Emscripten
// `blob:` URLs for the worker and the main script, which Node's workers cannot load, and
// XNNPACK caps its thread pool at half the reported CPUs (one on a 2-core machine). This
// module starts that build in Node from the files of @tensorflow/tfjs-backend-wasm: the
// worker script is written once to a temporary file, the main script is the package's own
// file, and the CPU count is reported as at least twice the threads asked for while the
// module initialises.

/** The parts of Node this module uses, looked up at run time so bundlers never see them. */
interface NodeParts {
  createRequire: (from: string) => NodeJS.Require;
  fs: typeof import('node:fs');
  os: typeof import('node:os');
  path: typeof import('node:path');
}

function nodeParts(): NodeParts {
  const get = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)
    ?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new BackendError(
      'initBackend: WASM threads in Node need process.getBuiltinModule (Node 20.16 or later).',
    );
  }
  return {
    createRequire: (get('node:module') as typeof import('node:module')).createRequire,
    fs: get('node:fs') as typeof import('node:fs'),
    os: get('node:os') as typeof import('node:os'),
    path: get('node:path') as typeof import('node:path'),
  };
}

/** Whether this is Node (not a browser, not a worker of one). */
export function isNode(): boolean {
  const proc = globalThis.process as { versions?: { node?: string } } | undefined;
  return typeof proc?.versions?.node === 'string' && typeof window === 'undefined';
}

let workerFile: string | undefined;

/** The Emscripten pthread worker script, written once per process to a temporary folder. */
function writeWorkerScript(node: NodeParts, contents: string): string {
  if (workerFile) return workerFile;
  const dir = node.fs.mkdtempSync(node.path.join(node.os.tmpdir(), 'gankit-wasm-'));
  const file = node.path.join(dir, 'pthread-worker.cjs');
  // tfjs escapes newlines the same way before it makes a Blob of this text.
  node.fs.writeFileSync(file, contents.replace(/\n/g, '\\n'));
  process.once('exit', () => node.fs.rmSync(dir, { recursive: true, force: true }));
  workerFile = file;
  return file;
}

type WasmModule = {
  cwrap: (name: string, returns: string | null, args: string[]) => unknown;
  PThread?: { unusedWorkers: { unref?: () => void }[]; runningWorkers: { unref?: () => void }[] };
  tfjs?: unknown;
};

/**
 * Registers tfjs's threaded SIMD WASM build as the `wasm` backend of this Node process, with
 * `threads` threads for XNNPACK (convolutions and matrix products; other kernels stay on one
 * thread). Call it before the backend starts: it replaces any `wasm` backend registered.
 */
export async function registerThreadedWasm(threads: number): Promise<void> {
  // Replacing the backend frees every buffer it holds: refuse while tensors live on it.
  const running = (tf.engine().registry as Record<string, unknown>).wasm as BackendWasm | undefined;
  const buffers = running?.numDataIds() ?? 0;
  if (buffers > 0) {
    throw new BackendError(
      `initBackend: WASM threads must be chosen before any tensor exists on the 'wasm' backend, but it holds ${buffers} buffer(s) that the threaded build would lose.`,
    );
  }
  const node = nodeParts();
  const require = node.createRequire(import.meta.url);
  const dir = node.path.join(
    node.path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'wasm-out',
  );
  const mainScript = node.path.join(dir, 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(
    node.path.join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js'),
  ) as { wasmWorkerContents: string };
  const worker = writeWorkerScript(node, wasmWorkerContents);
  const factory = require(mainScript) as (config: object) => Promise<WasmModule>;
  const cpus = node.os.cpus;
  const reported = Math.max(cpus().length, 2 * threads);
  node.os.cpus = () => Array.from({ length: reported }, () => cpus()[0] as never);
  let module: WasmModule;
  try {
    module = await factory({
      locateFile: (file: string) =>
        file.endsWith('.worker.js') ? worker : node.path.join(dir, file),
      mainScriptUrlOrBlob: mainScript,
    });
  } finally {
    node.os.cpus = cpus;
  }
  // Idle pthread workers must not keep the process alive after the program ends.
  for (const w of [
    ...(module.PThread?.unusedWorkers ?? []),
    ...(module.PThread?.runningWorkers ?? []),
  ]) {
    w.unref?.();
  }
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  // Helper threads of a threaded backend being replaced hold its memory: stop them first.
  stopGemmHelpers();
  if (tf.findBackendFactory('wasm')) tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    () => {
      const backend = new BackendWasm(module as never); // starts XNNPACK's thread pool
      unrefWorkers(module);
      return backend;
    },
    2,
  );
}

/**
 * Lets the process exit while the pool's threads wait for work: its workers would otherwise
 * keep Node's event loop alive after the program ends.
 */
function unrefWorkers(module: WasmModule): void {
  const pthreads = module.PThread;
  for (const w of [...(pthreads?.unusedWorkers ?? []), ...(pthreads?.runningWorkers ?? [])]) {
    w.unref?.();
  }
}
