/// <reference lib="webworker" />
// The training worker: owns the 2D playground's GAN and the MNIST GAN, so the page stays
// responsive while they train. The library's `train` yields between steps, which lets
// pause and reset messages in.
import { describeBackend, startBackend } from './backend';
import { Gan2dSession } from './gan2d_session';
import { MnistSession } from './mnist_session';
import type { FromWorker, Mixture, MnistModel, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function fail(error: unknown): void {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

const ready = startBackend().then((info) => {
  post({ type: 'ready', backend: describeBackend(info) });
});
ready.catch(fail);

let gan2d: Gan2dSession | undefined;
let mnist: MnistSession | undefined;
// Messages are handled one at a time, in order: a reset waits for the pause before it.
let queue: Promise<void> = ready;

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue.then(() => handle(event.data)).catch(fail);
};

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'gan2d:start':
      // One training at a time: both would share this worker's thread.
      if (mnist?.isRunning) await pauseMnist();
      gan2d ??= new Gan2dSession(message.mixture, post);
      keepTraining('gan2d', gan2d.start());
      return;
    case 'gan2d:pause':
      await pauseGan2d();
      return;
    case 'gan2d:reset':
      await resetGan2d(message.mixture);
      return;
    case 'mnist:start':
      if (gan2d?.isRunning) await pauseGan2d();
      status('mnist', false, 'loading the MNIST test digits…');
      mnist ??= await MnistSession.create(message.model, post);
      keepTraining('mnist', mnist.start());
      return;
    case 'mnist:pause':
      await pauseMnist();
      return;
    case 'mnist:reset':
      await resetMnist(message.model);
      return;
  }
}

/** Reports that training runs, and reports errors of the run without blocking the queue. */
function keepTraining(view: 'gan2d' | 'mnist', run: Promise<void>): void {
  status(view, true);
  run.catch(fail).finally(() => status(view, false));
}

async function pauseGan2d(): Promise<void> {
  await gan2d?.pause();
  status('gan2d', false);
}

async function pauseMnist(): Promise<void> {
  await mnist?.pause();
  status('mnist', false);
}

async function resetGan2d(mixture: Mixture): Promise<void> {
  await gan2d?.dispose();
  gan2d = new Gan2dSession(mixture, post);
  status('gan2d', false);
}

async function resetMnist(model: MnistModel): Promise<void> {
  await mnist?.dispose();
  mnist = await MnistSession.create(model, post);
  status('mnist', false);
}

function status(view: 'gan2d' | 'mnist', running: boolean, text?: string): void {
  post({ type: 'status', view, running, text: text ?? (running ? 'training' : 'paused') });
}
