import type { SimdKernels } from './simd_kernels';

/** Which export a job runs: `gemm` or `gemmBT`. */
export const GEMM = 0;
export const GEMM_BT = 1;

/** A job: its kind, then the arguments of `gemm` (10) or `gemmBT` (9). */
export type GemmJob = number[];

/** Runs a job on this thread. */
export function runJob(kernels: SimdKernels, job: GemmJob): void {
  const [kind, ...args] = job;
  if (kind === GEMM) kernels.gemm(...args);
  else kernels.gemmBT(...args);
}

/**
 * A second thread for gankit's matrix product on the backend's threaded build: a worker
 * that instantiates the same SIMD module on the same shared memory and computes the
 * columns it is given while the calling thread computes the others.
 *
 * Control words (an Int32Array on its own SharedArrayBuffer): [0] the number of the job
 * posted, [1] 1 once the worker is ready, [2] the number of the last job done, [3..13] the
 * job ({@link GemmJob}). Posting is a store and a notify; the caller then waits on [2].
 */
export interface GemmHelper {
  /** Whether the worker has started (until then the caller computes everything). */
  ready(): boolean;
  /** Posts a job to the worker. */
  post(job: GemmJob): void;
  /** Returns once the job posted last is done. */
  wait(): void;
}

const JOB = 0;
const READY = 1;
const DONE = 2;
const ARGS = 3;
/** How long the worker spins for the next job before it sleeps, in ms. */
const SPIN_MS = 2;
/** How long a job may take before the helper is declared dead (a job takes milliseconds). */
const TIMEOUT_MS = 60_000;

// The worker's whole program: plain JavaScript for a Node worker (eval) or a browser Blob.
const WORKER_SOURCE = `
const start = ({ module, memory, control }) => {
  const { gemm, gemmBT } = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const c = new Int32Array(control);
  Atomics.store(c, ${READY}, 1);
  let seen = 0;
  for (;;) {
    // Jobs come in bursts (a training step posts one every millisecond or two): spin a
    // little before sleeping, as XNNPACK's own threads do, to skip the wake-up delay.
    const until = performance.now() + ${SPIN_MS};
    while (Atomics.load(c, ${JOB}) === seen && performance.now() < until);
    Atomics.wait(c, ${JOB}, seen);
    seen = Atomics.load(c, ${JOB});
    const args = Array.from(c.subarray(${ARGS + 1}, ${ARGS + 11}));
    if (c[${ARGS}] === ${GEMM}) gemm(...args);
    else gemmBT(...args.slice(0, 9));
    Atomics.store(c, ${DONE}, seen);
    Atomics.notify(c, ${DONE});
  }
};
if (typeof require === 'function') require('node:worker_threads').parentPort.once('message', start);
else self.onmessage = (event) => start(event.data);
`;

const helpers = new WeakMap<WebAssembly.Memory, GemmHelper | null>();
/** How to stop each worker started (each holds its backend's whole memory). */
const running = new Set<() => void>();

/**
 * Stops every helper thread started so far; returns how many. Called before a backend whose
 * memory they share is replaced: a worker left waiting would keep that memory alive. A
 * stopped helper reports not ready, so products on that memory run on one thread.
 */
export function stopGemmHelpers(): number {
  const count = running.size;
  for (const stop of running) stop();
  running.clear();
  return count;
}

/**
 * The helper thread for these kernels' memory, started on first use; undefined where the
 * memory is not shared or no worker can be made here.
 */
export function gemmHelper(kernels: SimdKernels): GemmHelper | undefined {
  if (!kernels.shared) return undefined;
  let helper = helpers.get(kernels.memory);
  if (helper === undefined) {
    helper = startHelper(kernels);
    helpers.set(kernels.memory, helper);
  }
  return helper ?? undefined;
}

function startHelper(kernels: SimdKernels): GemmHelper | null {
  const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + 11)));
  const message = {
    module: kernels.module,
    memory: kernels.memory,
    control: control.buffer as SharedArrayBuffer,
  };
  try {
    if (!spawn(message)) return null;
  } catch {
    // No workers here (or a policy forbids them): one thread computes everything.
    return null;
  }
  let job = 0;
  // A browser's main thread may not block: there the caller spins (jobs take milliseconds).
  let canBlock = true;
  return {
    ready: () => Atomics.load(control, READY) === 1,
    post(work) {
      job += 1;
      control.fill(0, ARGS);
      control.set(work, ARGS);
      Atomics.store(control, JOB, job);
      Atomics.notify(control, JOB);
    },
    wait() {
      const started = Date.now();
      // The worker's half is usually done when the caller's is: spin before blocking.
      for (let spin = 0; spin < 100_000; spin++) if (Atomics.load(control, DONE) === job) return;
      for (;;) {
        const done = Atomics.load(control, DONE);
        if (done === job) return;
        if (Date.now() - started > TIMEOUT_MS) {
          throw new Error('gankit: the matrix-product helper thread stopped answering.');
        }
        if (canBlock) {
          try {
            Atomics.wait(control, DONE, done, 100);
          } catch {
            canBlock = false;
          }
        }
      }
    },
  };
}

function control(message: { control: SharedArrayBuffer }): Int32Array {
  return new Int32Array(message.control);
}

/** Starts the worker with Node's worker_threads or a browser's Worker; false if neither. */
function spawn(message: { control: SharedArrayBuffer }): boolean {
  const getBuiltin = (globalThis.process as { getBuiltinModule?: (id: string) => unknown })
    ?.getBuiltinModule;
  if (typeof getBuiltin === 'function') {
    const { Worker } = getBuiltin('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // The worker waits for jobs forever; it must not keep Node running.
    worker.unref();
    // A worker that fails is never used again (a job already posted to it times out).
    worker.on('error', () => Atomics.store(control(message), READY, -1));
    worker.postMessage(message);
    running.add(() => {
      Atomics.store(control(message), READY, -1);
      void worker.terminate();
    });
    return true;
  }
  if (typeof Worker === 'function' && typeof Blob === 'function') {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.onerror = () => Atomics.store(control(message), READY, -1);
    worker.postMessage(message);
    running.add(() => {
      Atomics.store(control(message), READY, -1);
      worker.terminate();
      URL.revokeObjectURL(url);
    });
    return true;
  }
  return false;
}
