import type { FromWorker, ToWorker } from './protocol';

type Listener = (message: FromWorker) => void;

let worker: Worker | undefined;
const listeners = new Set<Listener>();

/** Sends a message to the training worker, starting it on first use. */
export function send(message: ToWorker): void {
  start().postMessage(message);
}

/** Calls `listener` with every message from the training worker. */
export function listen(listener: Listener): void {
  listeners.add(listener);
  start();
}

function start(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    if (event.data.type === 'error') console.error(`training worker: ${event.data.message}`);
    for (const listener of listeners) listener(event.data);
  };
  worker.onerror = (event) => console.error(`training worker failed: ${event.message}`);
  return worker;
}
