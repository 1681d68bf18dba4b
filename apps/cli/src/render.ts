import type { RgbaImage } from '@gankit/gan';

/**
 * Draws 2-D points as a scatter plot (generated points dark, real points light) on a
 * `size` x `size` image covering [-extent, extent]².
 */
export function scatterPlot(
  generated: Float32Array,
  real: Float32Array,
  options: { size?: number; extent?: number } = {},
): RgbaImage {
  const size = options.size ?? 320;
  const extent = options.extent ?? 5;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  const plot = (points: Float32Array, rgb: [number, number, number]) => {
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = Math.round((((points[i] as number) + extent) / (2 * extent)) * (size - 1));
      const y = Math.round(((extent - (points[i + 1] as number)) / (2 * extent)) * (size - 1));
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const px = x + dx;
          const py = y + dy;
          if (px < 0 || py < 0 || px >= size || py >= size) continue;
          const o = (py * size + px) * 4;
          data[o] = rgb[0];
          data[o + 1] = rgb[1];
          data[o + 2] = rgb[2];
        }
      }
    }
  };
  plot(real, [150, 200, 255]);
  plot(generated, [200, 40, 40]);
  return { width: size, height: size, data };
}
