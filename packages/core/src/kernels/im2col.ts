import type { backend_util } from '@tensorflow/tfjs-core';

/** The geometry of a 2-D convolution in NHWC, as tfjs computes it. */
export type ConvGeometry = backend_util.Conv2DInfo;

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
  let k = 0;
  for (let b = firstImage; b < firstImage + images; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky * DH;
          if (iy < 0 || iy >= H) {
            cols.fill(0, k, k + FW * C);
            k += FW * C;
            continue;
          }
          const row = image + iy * W * C;
          for (let kx = 0; kx < FW; kx++) {
            const ix = ox * SW - left + kx * DW;
            if (ix < 0 || ix >= W) {
              for (let c = 0; c < C; c++) cols[k + c] = 0;
            } else {
              const src = row + ix * C;
              for (let c = 0; c < C; c++) cols[k + c] = x[src + c]!;
            }
            k += C;
          }
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
  let k = 0;
  for (let b = firstImage; b < firstImage + images; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky * DH;
          if (iy < 0 || iy >= H) {
            k += FW * C;
            continue;
          }
          const row = image + iy * W * C;
          for (let kx = 0; kx < FW; kx++) {
            const ix = ox * SW - left + kx * DW;
            if (ix >= 0 && ix < W) {
              const dst = row + ix * C;
              for (let c = 0; c < C; c++) dx[dst + c]! += cols[k + c]!;
            }
            k += C;
          }
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
