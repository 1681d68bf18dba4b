import { FormatError } from '@gankit/core';
import { type Id, IdIndex, Interactions } from './interactions';

/** Typed arrays a model may save. */
export type StateArray = Float64Array | Float32Array | Int32Array;

/**
 * A fitted model as plain data: the model kind, its options, JSON metadata and named
 * typed arrays. Both the JSON and the binary file formats are encodings of this.
 */
export interface ModelState {
  kind: string;
  options: Record<string, unknown>;
  meta: Record<string, unknown>;
  arrays: Record<string, StateArray>;
}

/** Adds the training data of a model to `state` (ids, scale and the CSR arrays). */
export function saveInteractions(data: Interactions, state: ModelState): void {
  state.meta.userIds = data.users.ids;
  state.meta.itemIds = data.items.ids;
  state.meta.ratingScale = data.ratingScale;
  state.arrays.userPtr = data.userPtr;
  state.arrays.userItems = data.userItems;
  state.arrays.userRatings = data.userRatings;
}

/** Reads back what {@link saveInteractions} wrote, checking that it is consistent. */
export function loadInteractions(state: ModelState, where: string): Interactions {
  const userIds = checkIds(state.meta.userIds, 'userIds', where);
  const itemIds = checkIds(state.meta.itemIds, 'itemIds', where);
  const scale = state.meta.ratingScale;
  if (!Array.isArray(scale) || scale.length !== 2 || !scale.every(Number.isFinite)) {
    throw new FormatError(`The model passed to '${where}' has no valid ratingScale.`);
  }
  const ptr = stateArray(state, 'userPtr', Int32Array, userIds.length + 1, where);
  const nnz = ptr[userIds.length] as number;
  const items = stateArray(state, 'userItems', Int32Array, nnz, where);
  const ratings = stateArray(state, 'userRatings', Float64Array, nnz, where);
  for (let u = 0; u < userIds.length; u++) {
    if ((ptr[u] as number) > (ptr[u + 1] as number)) {
      throw new FormatError(`The model passed to '${where}' has a corrupt userPtr.`);
    }
  }
  for (let p = 0; p < nnz; p++) {
    const i = items[p] as number;
    if (i < 0 || i >= itemIds.length) {
      throw new FormatError(`The model passed to '${where}' has an item index out of range.`);
    }
  }
  return new Interactions(
    IdIndex.fromIds(userIds),
    IdIndex.fromIds(itemIds),
    [scale[0], scale[1]],
    ptr,
    items,
    ratings,
  );
}

function checkIds(value: unknown, name: string, where: string): Id[] {
  const ok =
    Array.isArray(value) && value.every((id) => typeof id === 'string' || typeof id === 'number');
  if (!ok) throw new FormatError(`The model passed to '${where}' has no valid ${name}.`);
  return value as Id[];
}

/** The array `name` of `state`, checked for type and length (`length` -1: any). */
export function stateArray<T extends StateArray>(
  state: ModelState,
  name: string,
  type: { new (n: number): T; name: string },
  length: number,
  where: string,
): T {
  const a = state.arrays[name];
  if (!(a instanceof type) || (length >= 0 && a.length !== length)) {
    throw new FormatError(
      `The model passed to '${where}' has a missing or corrupt array '${name}' (expected ${type.name} of length ${length}).`,
    );
  }
  return a;
}

/** A finite number from `meta`, or a `FormatError`. */
export function metaNumber(state: ModelState, name: string, where: string): number {
  const v = state.meta[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new FormatError(`The model passed to '${where}' has no valid '${name}'.`);
  }
  return v;
}
