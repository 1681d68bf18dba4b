import { byId } from '../dom';
import { drawLinePlot, Trace } from '../draw/line_plot';
import type { FromWorker, MnistModel } from '../protocol';
import { listen, send } from '../worker_client';

/** Live MNIST training: the sample grid and the loss plot, updated as the worker trains. */
export function mountMnist(): void {
  const gridCanvas = byId('mnist-grid', HTMLCanvasElement);
  const lossCanvas = byId('mnist-losses', HTMLCanvasElement);
  const model = byId('mnist-model', HTMLSelectElement);
  const startButton = byId('mnist-start', HTMLButtonElement);
  const statusLabel = byId('mnist-status', HTMLElement);
  const dTrace = new Trace();
  const gTrace = new Trace();
  let running = false;

  listen((message: FromWorker) => {
    if (message.type === 'mnist:frame') {
      if (message.step === 0) {
        dTrace.clear();
        gTrace.clear();
      }
      byId('mnist-step', HTMLElement).textContent = String(message.step);
      if (message.stepsPerSecond > 0) {
        byId('mnist-speed', HTMLElement).textContent =
          `${message.stepsPerSecond.toFixed(1)} steps/s`;
      }
      message.losses.steps.forEach((step, i) => {
        dTrace.push(step, message.losses.dLoss[i] as number);
        gTrace.push(step, message.losses.gLoss[i] as number);
      });
      const { width, height, data } = message.grid;
      gridCanvas.width = width;
      gridCanvas.height = height;
      gridCanvas
        .getContext('2d')
        ?.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
      drawLinePlot(lossCanvas, [
        { label: 'D loss', color: '#2b8a3e', x: dTrace.x, y: dTrace.y },
        { label: 'G loss', color: '#862e9c', x: gTrace.x, y: gTrace.y },
      ]);
    }
    if (message.type === 'status' && message.view === 'mnist') {
      running = message.running;
      startButton.textContent = running ? 'Pause' : 'Start';
      statusLabel.textContent = message.text;
    }
  });

  startButton.addEventListener('click', () => {
    send(
      running ? { type: 'mnist:pause' } : { type: 'mnist:start', model: model.value as MnistModel },
    );
  });
  const reset = () => send({ type: 'mnist:reset', model: model.value as MnistModel });
  byId('mnist-reset', HTMLButtonElement).addEventListener('click', reset);
  model.addEventListener('change', reset);
}
