import type { RgbaImage } from '@gankit/gan';

/** A 3x5 pixel font: digits and the signs of latent arithmetic, one string of 15 bits per glyph. */
const FONT: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001111',
  '-': '000000111000000',
  '+': '000010111010000',
  '=': '000111000111000',
};

/** Width in pixels of `text` drawn at `scale` (3 pixels per glyph, 1 between glyphs). */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * 4 - 1) * scale;
}

/**
 * Draws `text` (digits, '-', '+', '=') into `image` with its top-left corner at (x, y), each
 * font pixel a `scale` x `scale` square of colour `rgb` (default amber, which stands out on
 * both the black background and the white strokes of a digit).
 */
export function drawText(
  image: RgbaImage,
  text: string,
  x: number,
  y: number,
  options: { scale?: number; rgb?: [number, number, number] } = {},
): void {
  const scale = options.scale ?? 1;
  const [r, g, b] = options.rgb ?? [255, 200, 0];
  [...text].forEach((ch, i) => {
    const bits = FONT[ch];
    if (!bits) throw new Error(`drawText: no glyph for '${ch}'`);
    for (let row = 0; row < 5; row++) {
      for (let col = 0; col < 3; col++) {
        if (bits[row * 3 + col] !== '1') continue;
        const left = x + (i * 4 + col) * scale;
        const top = y + row * scale;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const px = left + dx;
            const py = top + dy;
            if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
            const o = (py * image.width + px) * 4;
            image.data[o] = r;
            image.data[o + 1] = g;
            image.data[o + 2] = b;
            image.data[o + 3] = 255;
          }
        }
      }
    }
  });
}

/** `image` enlarged `factor` times, each pixel a `factor` x `factor` square. */
export function upscale(image: RgbaImage, factor: number): RgbaImage {
  const width = image.width * factor;
  const height = image.height * factor;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(src, src + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Where the cells of an `imageGrid` of `cell`-pixel images with `pad`-pixel borders sit. */
export interface GridLayout {
  cols: number;
  cell: number;
  pad: number;
  /** How much the grid was enlarged by {@link upscale} since. */
  scale: number;
}

/** The top-left pixel of cell `k` (counted row by row) of a grid laid out as `layout`. */
export function cellOrigin(k: number, layout: GridLayout): { x: number; y: number } {
  const step = layout.cell + layout.pad;
  return {
    x: (layout.pad + (k % layout.cols) * step) * layout.scale,
    y: (layout.pad + Math.floor(k / layout.cols) * step) * layout.scale,
  };
}

/**
 * Writes `labels[k]` into cell k of a grid (skipping undefined ones): in the top-left corner,
 * or centred with `centre`.
 */
export function labelCells(
  image: RgbaImage,
  labels: readonly (string | undefined)[],
  layout: GridLayout,
  options: {
    textScale?: number;
    rgb?: [number, number, number];
    centre?: boolean;
    /** Draw the label on a black box, so it reads over any image. */
    box?: boolean;
  } = {},
): void {
  const textScale = options.textScale ?? layout.scale;
  const size = layout.cell * layout.scale;
  labels.forEach((text, k) => {
    if (text === undefined) return;
    const { x, y } = cellOrigin(k, layout);
    const dx = options.centre ? Math.floor((size - textWidth(text, textScale)) / 2) : textScale;
    const dy = options.centre ? Math.floor((size - 5 * textScale) / 2) : textScale;
    if (options.box)
      fillRect(image, x, y, textWidth(text, textScale) + 2 * dx, 5 * textScale + 2 * dy);
    drawText(image, text, x + dx, y + dy, { scale: textScale, rgb: options.rgb });
  });
}

/** Paints a black rectangle (clipped to the image). */
function fillRect(image: RgbaImage, x: number, y: number, width: number, height: number): void {
  for (let py = Math.max(0, y); py < Math.min(image.height, y + height); py++) {
    for (let px = Math.max(0, x); px < Math.min(image.width, x + width); px++) {
      image.data.set([0, 0, 0, 255], (py * image.width + px) * 4);
    }
  }
}
