import { createRng } from '@gankit/core';
import { blobs } from '@gankit/datasets/browser';
import { GaussianMixture, KMeans } from '@gankit/unsupervised';
import { byId } from '../dom';
import { PALETTE, Plane } from '../draw/plane';

const EXTENT = 6;

/** k-means and a Gaussian mixture on points the user adds by clicking. */
export function mountClusters(): void {
  const plane = new Plane(byId('clusters-plane', HTMLCanvasElement), EXTENT);
  const model = byId('clusters-model', HTMLSelectElement);
  const kInput = byId('clusters-k', HTMLInputElement);
  const info = byId('clusters-info', HTMLElement);
  const points: number[][] = [];
  const rng = createRng('web:clusters');
  let blobSeed = 0;
  // Fits run one after another; a change during a fit asks for one more afterwards.
  let fitting: Promise<void> | undefined;
  let again = false;

  const addBlobs = () => {
    const sample = blobs({ n: 150, centers: 3, std: 0.6, box: 4, seed: blobSeed++ });
    for (const p of sample.points) points.push([p[0] as number, p[1] as number]);
  };

  const refit = () => {
    if (fitting) {
      again = true;
      return;
    }
    fitting = fitAndDraw()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        fitting = undefined;
        if (again) {
          again = false;
          refit();
        }
      });
  };

  const fitAndDraw = async () => {
    const k = Math.max(1, Math.min(10, Math.round(Number(kInput.value)) || 1));
    plane.clear();
    if (points.length < k) {
      plane.points(points.flat(), '#333', 3);
      info.textContent = `add at least ${k} points`;
      return;
    }
    const started = performance.now();
    if (model.value === 'kmeans') {
      const km = await new KMeans({ nClusters: k, nInit: 4, seed: 0 }).fit(points);
      drawClusters(plane, points, km.labels);
      for (const [x, y] of km.clusterCenters) drawCenter(plane, x as number, y as number);
      info.textContent = `${points.length} points · inertia ${km.inertia.toFixed(1)} · ${km.nIter} iterations · ${(performance.now() - started).toFixed(0)} ms`;
    } else {
      const gmm = await new GaussianMixture({ nComponents: k, seed: 0 }).fit(points);
      drawClusters(plane, points, gmm.predict(points));
      const covariances = gmm.covariances as number[][][];
      gmm.means.forEach((mean, c) => {
        const color = PALETTE[c % PALETTE.length] as string;
        plane.ellipse(mean, covariances[c] as number[][], 1, color);
        plane.ellipse(mean, covariances[c] as number[][], 2, color);
      });
      info.textContent = `${points.length} points · log-likelihood ${gmm.score(points).toFixed(3)} per point · ${gmm.nIter} EM iterations · ${(performance.now() - started).toFixed(0)} ms`;
    }
  };

  plane.canvas.addEventListener('click', (event) => {
    const [x, y] = plane.toData(event);
    if (event.shiftKey) {
      for (let i = 0; i < 25; i++) points.push([x + 0.4 * rng.normal(), y + 0.4 * rng.normal()]);
    } else {
      points.push([x, y]);
    }
    refit();
  });
  byId('clusters-blobs', HTMLButtonElement).addEventListener('click', () => {
    addBlobs();
    refit();
  });
  byId('clusters-clear', HTMLButtonElement).addEventListener('click', () => {
    points.length = 0;
    refit();
  });
  model.addEventListener('change', refit);
  kInput.addEventListener('change', refit);
  addBlobs();
  refit();
}

function drawClusters(plane: Plane, points: number[][], labels: Int32Array): void {
  points.forEach(([x, y], i) => {
    plane.points(
      [x as number, y as number],
      PALETTE[(labels[i] as number) % PALETTE.length] as string,
      3,
    );
  });
}

function drawCenter(plane: Plane, x: number, y: number): void {
  const { ctx } = plane;
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 3;
  const [u, v] = [plane.px(x), plane.py(y)];
  ctx.beginPath();
  ctx.moveTo(u - 8, v - 8);
  ctx.lineTo(u + 8, v + 8);
  ctx.moveTo(u + 8, v - 8);
  ctx.lineTo(u - 8, v + 8);
  ctx.stroke();
}
