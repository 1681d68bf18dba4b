import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type RgbaImage, savePng } from '@gankit/gan';
import { UsageError } from './errors';

/**
 * Saves `image` as the PNG `file`, creating its folder; a file that cannot be written is a
 * {@link UsageError} naming it (one line, not a stack trace).
 */
export async function writePng(image: RgbaImage, file: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await savePng(image, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
