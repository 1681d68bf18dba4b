import '@tensorflow/tfjs-backend-cpu';
import {
  type BackendWasm,
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
} from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, ValueError } from './errors';
import { registerKernelPatches } from './kernels/register';
import { simdKernels } from './kernels/simd_kernels';
import { assertInteger, assertKnownOptions, assertOneOf } from './validate';
import { isNode, registerThreadedWasm } from './wasm_threads_node';

/** The backends gankit supports. */
export type BackendName = 'wasm' | 'cpu';

/** Options of {@link initBackend}. */
export interface BackendOptions {
  /** Which backend to use. Default `'wasm'`. */
  backend?: BackendName;
  /**
   * Threads for the WASM backend: `false` for one thread, `true` (default) for all cores
   * where the runtime allows it (a cross-origin-isolated page), or a thread count.
   * In Node, `true` means one thread, and a count of 2 or more starts tfjs's threaded build
   * (which tfjs itself never starts in Node). Needs Node 20.16 or later (older ones warn and
   * keep one thread); choose it once, before creating tensors. On the threaded build
   * gankit's matrix products run on two threads (a helper thread takes half of each large
   * product) and the backend's own XNNPACK kernels (convolutions, element-wise ops) on
   * `xnnpackThreads`.
   */
  threads?: boolean | number;
  /**
   * With `threads` of 2 or more: threads for the backend's own XNNPACK kernels. Default
   * `threads`. XNNPACK's idle threads spin for milliseconds after each kernel and take the
   * core gankit's product helper needs, so dense networks run faster with `1` (an MLP GAN
   * step here: 36 ms with 1, 52 ms with 2, 50 ms on the single-threaded build), while
   * convolutional networks gain from more (a DCGAN step: 620 ms with 2, 730-870 ms with 1).
   */
  xnnpackThreads?: number;
  /** If the WASM backend fails to start, use `cpu` instead (and say why) rather than throw. Default `false`. */
  allowFallback?: boolean;
  /**
   * Where a bundled page serves the three `.wasm` files of `@tensorflow/tfjs-backend-wasm`
   * (a URL prefix ending in `/`, or a map from file name to URL). Not needed in Node.
   */
  wasmPaths?: string | Record<string, string>;
}

/** What {@link initBackend} got. */
export interface BackendInfo {
  /** The backend now active. */
  backend: BackendName;
  /** Whether the WASM SIMD build is running (always false on `cpu`). */
  simd: boolean;
  /** Threads the WASM backend uses (1 on `cpu`). */
  threads: number;
  /** Set when `allowFallback` made gankit use `cpu` instead of `wasm`: the reason. */
  fallbackReason?: string;
}

let last: { key: string; info: Promise<BackendInfo> } | undefined;

/**
 * Starts a tfjs backend for gankit and reports what it got. Call it once before any
 * training; calling it again with the same options returns the same result without
 * restarting anything.
 *
 * ```ts
 * const info = await initBackend(); // { backend: 'wasm', simd: true, threads: 1 }
 * ```
 *
 * In a bundled page (Vite, webpack), tell it where the `.wasm` files are served, for
 * example after copying them from `node_modules/@tensorflow/tfjs-backend-wasm/dist/` to
 * your public folder: `initBackend({ wasmPaths: '/wasm/' })`.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  assertKnownOptions('initBackend', options, [
    'backend',
    'threads',
    'xnnpackThreads',
    'allowFallback',
    'wasmPaths',
  ]);
  const backend = assertOneOf('initBackend', 'backend', options.backend ?? 'wasm', ['wasm', 'cpu']);
  const key = JSON.stringify({ ...options, backend });
  if (last?.key === key) return last.info;
  const info = start(backend, options);
  last = { key, info };
  info.catch(() => {
    if (last?.info === info) last = undefined;
  });
  return info;
}

async function start(backend: BackendName, options: BackendOptions): Promise<BackendInfo> {
  registerKernelPatches();
  if (backend === 'cpu') return useCpu();
  await configureWasm(options);
  let failure: string;
  try {
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      // On the threaded build gankit's products use two threads whatever XNNPACK uses.
      const products = simdKernels(tf.backend() as BackendWasm)?.shared ? 2 : 1;
      const threads = Math.max(getThreadsCount(), products);
      if (
        isNode() &&
        threads > 1 &&
        !(typeof options.threads === 'number' && options.threads > 1)
      ) {
        console.warn(
          `gankit: initBackend was asked for one thread, but this process already runs the threaded build (threads are chosen once per process); keeping ${threads} threads.`,
        );
      }
      return {
        backend: 'wasm',
        simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
        threads,
      };
    }
    failure = 'tf.setBackend("wasm") returned false';
  } catch (error) {
    failure =
      error instanceof Error
        ? error.message
        : String((error as { message?: string })?.message ?? error);
  }
  if (!options.allowFallback) {
    throw new BackendError(
      `initBackend could not start the 'wasm' backend (${failure}). Pass { allowFallback: true } to use 'cpu' instead.`,
    );
  }
  const info = await useCpu();
  const fallbackReason = `wasm backend failed: ${failure}`;
  console.warn(`gankit: ${fallbackReason}; using the cpu backend.`);
  return { ...info, fallbackReason };
}

async function configureWasm(options: BackendOptions): Promise<void> {
  if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
  const threads = options.threads ?? true;
  if (typeof threads === 'number') assertInteger('initBackend', 'threads', threads, 1);
  else if (typeof threads !== 'boolean') {
    throw new ValueError(
      `Argument 'threads' passed to 'initBackend' must be a boolean or an integer >= 1, but got ${typeof threads}.`,
    );
  }
  const { xnnpackThreads } = options;
  if (xnnpackThreads !== undefined) {
    assertInteger('initBackend', 'xnnpackThreads', xnnpackThreads, 1);
    if (typeof threads !== 'number' || threads < 2) {
      throw new ValueError(
        `Argument 'xnnpackThreads' passed to 'initBackend' needs 'threads' to be a count of 2 or more, but 'threads' is ${options.threads === undefined ? 'not given' : JSON.stringify(threads)}.`,
      );
    }
  }
  if (isNode()) {
    if (typeof threads === 'number' && threads > 1) {
      await startNodeThreads(xnnpackThreads ?? threads);
    }
    return;
  }
  if (threads === false || threads === 1) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else if (typeof threads === 'number') {
    setThreadsCount(xnnpackThreads ?? threads);
  }
}

/** The threaded build in Node, or one thread (with a warning saying why) where it cannot start. */
async function startNodeThreads(threads: number): Promise<void> {
  try {
    await registerThreadedWasm(threads);
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    console.warn(`gankit: ${error.message} Using one thread.`);
  }
}

async function useCpu(): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu'))) {
    throw new BackendError("initBackend could not start the 'cpu' backend.");
  }
  await tf.ready();
  return { backend: 'cpu', simd: false, threads: 1 };
}
