import { FormatError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../optimizers/optimizer';
import { decodeArtifacts, encodeArtifacts, parseModelJson, toModelJson } from './artifacts';

/**
 * Writes named tensors to `dir` as `model.json` + a weights file, atomically: the weights go
 * to a new file, `model.json` is written to a temporary name and renamed over the old one
 * (the switch), and only then is the old weights file removed. A failed or interrupted
 * save leaves the previous model intact. Node only.
 */
export async function saveTensors(
  dir: string,
  tensors: NamedTensor[],
  topology: Record<string, unknown> = {},
): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(dir, { recursive: true });
  const artifacts = await encodeArtifacts(tensors, topology);
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const weightsName = `weights.${stamp}.bin`;
  const modelPath = path.join(dir, 'model.json');
  const previous = await readWeightsPath(modelPath);
  await writeFileSynced(
    path.join(dir, weightsName),
    new Uint8Array(artifacts.weightData as ArrayBuffer),
  );
  const tmp = `${modelPath}.${stamp}.tmp`;
  await writeFileSynced(tmp, JSON.stringify(toModelJson(artifacts, weightsName)));
  await fs.rename(tmp, modelPath);
  if (previous && previous !== weightsName) {
    await fs.rm(path.join(dir, previous), { force: true });
  }
}

/**
 * Reads tensors saved by {@link saveTensors} from `dir`, checking the manifest, the byte
 * count of every weight and that values are finite. Throws `FormatError` on any problem.
 * The caller owns the returned tensors.
 */
export async function loadTensors(
  dir: string,
): Promise<{ tensors: Map<string, tf.Tensor>; topology: Record<string, unknown> }> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const modelPath = path.join(dir, 'model.json');
  const text = await readOrFormatError(() => fs.readFile(modelPath, 'utf8'), modelPath);
  const { json, weightsPath } = parseModelJson(text, modelPath);
  if (weightsPath.includes('/') || weightsPath.includes('\\')) {
    throw new FormatError(
      `${modelPath}: the weights path '${weightsPath}' must be a file name in the same folder.`,
    );
  }
  const binPath = path.join(dir, weightsPath);
  const bytes = await readOrFormatError(() => fs.readFile(binPath), binPath);
  const data = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const group = json.weightsManifest[0] as { weights: tf.io.WeightsManifestEntry[] };
  const tensors = decodeArtifacts({ weightSpecs: group.weights, weightData: data }, binPath);
  return { tensors, topology: json.modelTopology ?? {} };
}

async function readWeightsPath(modelPath: string): Promise<string | undefined> {
  const fs = await import('node:fs/promises');
  try {
    return parseModelJson(await fs.readFile(modelPath, 'utf8'), modelPath).weightsPath;
  } catch {
    return undefined;
  }
}

async function writeFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  const fs = await import('node:fs/promises');
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readOrFormatError<T>(read: () => Promise<T>, file: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FormatError(`${file}: cannot be read (${code ?? (error as Error).message}).`);
  }
}
