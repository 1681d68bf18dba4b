import type { RgbaImage } from './image_grid';

/**
 * Encodes an RGBA image as PNG bytes with pngjs (loaded on first use, so browser bundles that
 * never call it do not need it).
 */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.data);
  return PNG.sync.write(png);
}

/** Writes an RGBA image to `path` as PNG, atomically (temporary file, then rename). Node only. */
export async function savePng(image: RgbaImage, path: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  await fs.writeFile(tmp, await encodePng(image));
  await fs.rename(tmp, path);
}
