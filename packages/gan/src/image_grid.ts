import { assertInteger, ShapeError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';

/** An RGBA image, laid out like the browser's `ImageData`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Tiles images `[n, h, w, c]` (c = 1 or 3; values in [-1, 1] as a Tanh generator makes
 * them, or [0, 1] with `range: '0..1'`) into one RGBA image with `cols` columns and a
 * `padding`-pixel border. In a browser: `new ImageData(grid.data, grid.width, grid.height)`.
 */
export function imageGrid(
  images: tf.Tensor,
  options: { cols?: number; padding?: number; range?: '-1..1' | '0..1' } = {},
): RgbaImage {
  if (images.rank !== 4 || (images.shape[3] !== 1 && images.shape[3] !== 3)) {
    throw new ShapeError(
      `Argument 'images' passed to 'imageGrid' must have shape [n, height, width, 1 or 3], but got [${images.shape.join(', ')}].`,
    );
  }
  const [n, h, w, c] = images.shape as [number, number, number, number];
  const cols = assertInteger('imageGrid', 'cols', options.cols ?? Math.ceil(Math.sqrt(n)));
  const pad = assertInteger('imageGrid', 'padding', options.padding ?? 2, 0);
  const rows = Math.ceil(n / cols);
  const width = cols * w + (cols + 1) * pad;
  const height = rows * h + (rows + 1) * pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const values = images.dataSync();
  const toByte = options.range === '0..1' ? (v: number) => v * 255 : (v: number) => (v + 1) * 127.5;
  for (let k = 0; k < n; k++) {
    const x0 = pad + (k % cols) * (w + pad);
    const y0 = pad + Math.floor(k / cols) * (h + pad);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((k * h + y) * w + x) * c;
        const dst = ((y0 + y) * width + x0 + x) * 4;
        for (let ch = 0; ch < 3; ch++)
          data[dst + ch] = toByte(values[src + (c === 1 ? 0 : ch)] as number);
      }
    }
  }
  return { width, height, data };
}
