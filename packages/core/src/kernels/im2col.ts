import type { backend_util } from '@tensorflow/tfjs-core';

/** The geometry of a 2-D convolution in NHWC, as tfjs computes it. */
export type ConvGeometry = backend_util.Conv2DInfo;

/** Runs shorter than this are copied element by element; longer ones with `set`. */
const SHORT_RUN = 16;

/**
 * The filter taps `kx` of row `ky` that land inside the input for output column `ox`:
 * `[first, end)`, or for dilated filters the whole row (checked tap by tap).
 */
function tapsInside(g: ConvGeometry, ox: number): [number, number] {
  if (g.dilationWidth !== 1) return [0, g.filterWidth];
  const ix0 = ox * g.strideWidth - g.padInfo.left;
  return [Math.max(0, -ix0), Math.min(g.filterWidth, g.inWidth - ix0)];
}

/**
 * Copies the input patches of `images` images, starting at image `firstImage`, into the rows
 * of `cols`: one row per output pixel, `filterHeight * filterWidth * inChannels` columns in
 * the order of a `[fh, fw, ci, co]` filter's first three axes. Padding reads as zero.
 */
export function im2col(
  x: Float32Array,
  g: ConvGeometry,
  firstImage: number,
  images: number,
  cols: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = g;
  const { dilationHeight: DH, dilationWidth: DW } = g;
  const { top, left } = g.padInfo;
  const rowLength = FW * C;
  let k = 0;
  for (let b = firstImage; b < firstImage + images; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const [first, end] = tapsInside(g, ox);
        const ix0 = ox * SW - left;
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky * DH;
          if (iy < 0 || iy >= H || first >= end) {
            cols.fill(0, k, k + rowLength);
          } else if (DW === 1) {
            // Taps first..end-1 read one contiguous run of the input row.
            const src = image + (iy * W + ix0 + first) * C;
            const run = (end - first) * C;
            const dst = k + first * C;
            if (first > 0) cols.fill(0, k, dst);
            if (run < SHORT_RUN) {
              for (let j = 0; j < run; j++) cols[dst + j] = x[src + j]!;
            } else {
              cols.set(x.subarray(src, src + run), dst);
            }
            if (end < FW) cols.fill(0, dst + run, k + rowLength);
          } else {
            for (let kx = 0; kx < FW; kx++) {
              const ix = ix0 + kx * DW;
              const dst = k + kx * C;
              if (ix < 0 || ix >= W) {
                cols.fill(0, dst, dst + C);
              } else {
                const src = image + (iy * W + ix) * C;
                for (let c = 0; c < C; c++) cols[dst + c] = x[src + c]!;
              }
            }
          }
          k += rowLength;
        }
      }
    }
  }
}

/**
 * The adjoint of {@link im2col}: adds each row of `cols` back onto the input pixels its
 * patch came from, in `dx` (which the caller has zeroed). Patches overlap, so pixels
 * covered by several windows receive the sum.
 */
export function col2im(
  cols: Float32Array,
  g: ConvGeometry,
  firstImage: number,
  images: number,
  dx: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = g;
  const { dilationHeight: DH, dilationWidth: DW } = g;
  const { top, left } = g.padInfo;
  const rowLength = FW * C;
  let k = 0;
  for (let b = firstImage; b < firstImage + images; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const [first, end] = tapsInside(g, ox);
        const ix0 = ox * SW - left;
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky * DH;
          if (iy >= 0 && iy < H && first < end) {
            if (DW === 1) {
              const dst = image + (iy * W + ix0 + first) * C;
              const src = k + first * C;
              const run = (end - first) * C;
              for (let j = 0; j < run; j++) dx[dst + j] = dx[dst + j]! + cols[src + j]!;
            } else {
              for (let kx = 0; kx < FW; kx++) {
                const ix = ix0 + kx * DW;
                if (ix < 0 || ix >= W) continue;
                const dst = image + (iy * W + ix) * C;
                const src = k + kx * C;
                for (let c = 0; c < C; c++) dx[dst + c] = dx[dst + c]! + cols[src + c]!;
              }
            }
          }
          k += rowLength;
        }
      }
    }
  }
}

/**
 * How many images to lower at a time so that the patch matrix of one chunk stays under
 * `maxFloats` floats (at least one image per chunk).
 */
export function imagesPerChunk(floatsPerImage: number, batch: number, maxFloats = 1 << 22): number {
  return Math.max(1, Math.min(batch, Math.floor(maxFloats / Math.max(1, floatsPerImage))));
}
