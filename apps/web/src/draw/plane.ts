/**
 * A square canvas showing the plane `[-extent, extent]²`: converts between data and
 * pixel coordinates and draws points, heat maps and ellipses.
 */
export class Plane {
  readonly ctx: CanvasRenderingContext2D;

  constructor(
    readonly canvas: HTMLCanvasElement,
    public extent: number,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;
  }

  /** Pixel x of data x. */
  px(x: number): number {
    return ((x + this.extent) / (2 * this.extent)) * this.canvas.width;
  }

  /** Pixel y of data y (y grows upwards). */
  py(y: number): number {
    return ((this.extent - y) / (2 * this.extent)) * this.canvas.height;
  }

  /** Data coordinates of a mouse event on the canvas. */
  toData(event: MouseEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    const u = ((event.clientX - rect.left) / rect.width) * this.canvas.width;
    const v = ((event.clientY - rect.top) / rect.height) * this.canvas.height;
    return [
      (u / this.canvas.width) * 2 * this.extent - this.extent,
      this.extent - (v / this.canvas.height) * 2 * this.extent,
    ];
  }

  clear(color = '#ffffff'): void {
    this.ctx.fillStyle = color;
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /**
   * Paints a `resolution` x `resolution` grid of values in [0, 1] (row 0 at the top),
   * from purple (0: "fake") through white (0.5) to green (1: "real"), as GAN Lab does.
   */
  heatMap(values: Float32Array, resolution: number): void {
    const image = this.ctx.createImageData(resolution, resolution);
    for (let k = 0; k < values.length; k++) {
      const [r, g, b] = divergingColor(values[k] as number);
      image.data.set([r, g, b, 255], 4 * k);
    }
    const cells = document.createElement('canvas');
    cells.width = resolution;
    cells.height = resolution;
    cells.getContext('2d')?.putImageData(image, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(cells, 0, 0, this.canvas.width, this.canvas.height);
  }

  /** Draws `[x, y]` pairs as dots. */
  points(xy: Float32Array | number[], color: string, radius = 2): void {
    this.ctx.fillStyle = color;
    for (let k = 0; k + 1 < xy.length; k += 2) {
      this.ctx.beginPath();
      this.ctx.arc(this.px(xy[k] as number), this.py(xy[k + 1] as number), radius, 0, 2 * Math.PI);
      this.ctx.fill();
    }
  }

  /** Draws the ellipse `{ p : (p - mean)ᵀ Σ⁻¹ (p - mean) = scale² }` of a 2x2 covariance. */
  ellipse(mean: number[], cov: number[][], scale: number, color: string): void {
    const [a, b, d] = [cov[0]?.[0] ?? 0, cov[0]?.[1] ?? 0, cov[1]?.[1] ?? 0];
    const mid = (a + d) / 2;
    const spread = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    const [l1, l2] = [mid + spread, Math.max(mid - spread, 0)];
    const angle = Math.atan2(l1 - a, b || 1e-12);
    const unit = this.canvas.width / (2 * this.extent);
    this.ctx.strokeStyle = color;
    this.ctx.lineWidth = 2;
    this.ctx.beginPath();
    this.ctx.ellipse(
      this.px(mean[0] ?? 0),
      this.py(mean[1] ?? 0),
      scale * Math.sqrt(l1) * unit,
      scale * Math.sqrt(l2) * unit,
      -(b === 0 && a >= d ? 0 : b === 0 ? Math.PI / 2 : angle),
      0,
      2 * Math.PI,
    );
    this.ctx.stroke();
  }
}

function divergingColor(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  const fake: [number, number, number] = [158, 98, 196];
  const real: [number, number, number] = [62, 160, 95];
  const end = t < 0.5 ? fake : real;
  const w = Math.abs(t - 0.5) * 2;
  return [0, 1, 2].map((c) => Math.round(255 + (end[c as 0] - 255) * w)) as [
    number,
    number,
    number,
  ];
}

/** Ten distinct colours for clusters. */
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
