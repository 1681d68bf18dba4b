/** One line of a {@link drawLinePlot}. */
export interface Series {
  label: string;
  color: string;
  x: number[];
  y: number[];
}

/** Draws lines on a canvas with a y range fitted to the data, axis labels and a legend. */
export function drawLinePlot(canvas: HTMLCanvasElement, series: Series[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const pad = { left: 40, right: 10, top: 24, bottom: 20 };
  ctx.clearRect(0, 0, width, height);
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys, 1e-6)];
  const px = (x: number) => pad.left + ((x - x0) / (x1 - x0)) * (width - pad.left - pad.right);
  const py = (y: number) =>
    height - pad.bottom - ((y - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(pad.left, pad.top, width - pad.left - pad.right, height - pad.top - pad.bottom);
  ctx.fillStyle = '#555';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(y1.toFixed(2), 2, pad.top + 9);
  ctx.fillText(y0.toFixed(2), 2, height - pad.bottom);
  ctx.fillText(`step ${Math.round(x0)}`, pad.left, height - 5);
  const right = `step ${Math.round(x1)}`;
  ctx.fillText(right, width - pad.right - ctx.measureText(right).width, height - 5);
  series.forEach((s, k) => {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    s.x.forEach((x, i) => {
      const y = s.y[i] as number;
      if (i === 0) ctx.moveTo(px(x), py(y));
      else ctx.lineTo(px(x), py(y));
    });
    ctx.stroke();
    ctx.fillStyle = s.color;
    ctx.fillText(s.label, pad.left + 80 * k, 14);
  });
}

/**
 * Keeps a long loss trace small enough to plot: past `limit` points it averages
 * neighbouring pairs, so the plot always spans the whole run.
 */
export class Trace {
  x: number[] = [];
  y: number[] = [];
  constructor(private readonly limit = 600) {}

  push(x: number, y: number): void {
    if (!Number.isFinite(y)) return;
    this.x.push(x);
    this.y.push(y);
    if (this.x.length > this.limit) {
      this.x = halve(this.x);
      this.y = halve(this.y);
    }
  }

  clear(): void {
    this.x = [];
    this.y = [];
  }
}

function halve(values: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) {
    out.push(((values[i] as number) + (values[i + 1] as number)) / 2);
  }
  return out;
}
