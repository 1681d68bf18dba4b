import { byId, figure } from '../dom';
import { drawLinePlot, Trace } from '../draw/line_plot';
import { Plane } from '../draw/plane';
import type { FromWorker, Mixture } from '../protocol';
import { listen, send } from '../worker_client';

/** The 2D GAN playground: real vs generated points over D's decision surface. */
export function mountGan2d(): void {
  const plane = new Plane(byId('gan2d-plane', HTMLCanvasElement), 3);
  const lossCanvas = byId('gan2d-losses', HTMLCanvasElement);
  const mixture = byId('gan2d-mixture', HTMLSelectElement);
  const startButton = byId('gan2d-start', HTMLButtonElement);
  const stepLabel = byId('gan2d-step', HTMLElement);
  const statusLabel = byId('gan2d-status', HTMLElement);
  const dTrace = new Trace();
  const gTrace = new Trace();
  let real: Float32Array = new Float32Array(0);
  let running = false;

  listen((message: FromWorker) => {
    if (message.type === 'ready') statusLabel.textContent = `paused · worker ${message.backend}`;
    if (message.type === 'gan2d:setup') {
      real = message.real;
      plane.extent = message.extent;
      dTrace.clear();
      gTrace.clear();
    }
    if (message.type === 'gan2d:frame') {
      stepLabel.textContent = String(message.step);
      message.losses.steps.forEach((step, i) => {
        dTrace.push(step, message.losses.dLoss[i] as number);
        gTrace.push(step, message.losses.gLoss[i] as number);
      });
      const last = message.losses.steps.length - 1;
      byId('gan2d-dloss', HTMLElement).textContent = figure(message.losses.dLoss[last]);
      byId('gan2d-gloss', HTMLElement).textContent = figure(message.losses.gLoss[last]);
      byId('gan2d-dreal', HTMLElement).textContent = figure(message.dReal);
      byId('gan2d-dfake', HTMLElement).textContent = figure(message.dFake);
      plane.heatMap(message.surface, message.resolution);
      plane.points(real, 'rgba(20, 110, 45, 0.55)', 1.6);
      plane.points(message.fake, 'rgba(110, 40, 150, 0.8)', 2.2);
      drawLinePlot(lossCanvas, [
        { label: 'D loss', color: '#2b8a3e', x: dTrace.x, y: dTrace.y },
        { label: 'G loss', color: '#862e9c', x: gTrace.x, y: gTrace.y },
      ]);
    }
    if (message.type === 'status' && message.view === 'gan2d') {
      running = message.running;
      startButton.textContent = running ? 'Pause' : 'Start';
      statusLabel.textContent = message.text;
    }
  });

  startButton.addEventListener('click', () => {
    send(
      running
        ? { type: 'gan2d:pause' }
        : { type: 'gan2d:start', mixture: mixture.value as Mixture },
    );
  });
  const reset = () => send({ type: 'gan2d:reset', mixture: mixture.value as Mixture });
  byId('gan2d-reset', HTMLButtonElement).addEventListener('click', reset);
  mixture.addEventListener('change', reset);
  reset();
}
