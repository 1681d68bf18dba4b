import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type RgbaImage, savePng } from '@gankit/gan';
import { UsageError } from './errors';

/** Runs a file-system write; an error from the system (EACCES, ENOTDIR...) becomes one line naming `path`. */
async function writing<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Creates the folder `dir` (and its parents) or explains in one line why it cannot. */
export async function makeFolder(dir: string): Promise<void> {
  await writing(dir, () => mkdir(dir, { recursive: true }));
}

/** Saves `image` as the PNG `file`, creating its folder, or explains in one line why it cannot. */
export async function writePng(image: RgbaImage, file: string): Promise<void> {
  await writing(file, async () => {
    await mkdir(dirname(file), { recursive: true });
    await savePng(image, file);
  });
}
