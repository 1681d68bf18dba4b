/**
 * Builders of WebAssembly text (folded S-expressions) shared by the `*_wat.ts` files that
 * generate gankit's SIMD module.
 */

/** Reads local `$name`. */
export const get = (name: string): string => `(local.get $${name})`;

/** Sets local `$name` to `value`. */
export const set = (name: string, value: string): string => `(local.set $${name} ${value})`;

/** 32-bit integer sum and product (addresses, counts). */
export const add = (x: string, y: string): string => `(i32.add ${x} ${y})`;
export const mul = (x: string, y: string): string => `(i32.mul ${x} ${y})`;

/** A count of float32 values as bytes. */
export const bytes = (x: string): string => `(i32.shl ${x} (i32.const 2))`;

/** The smaller of an i32 expression and a constant (both unsigned). */
export const atMost = (x: string, limit: number): string =>
  `(select ${x} (i32.const ${limit}) (i32.lt_u ${x} (i32.const ${limit})))`;

/** A function's lines, indented one step inside the module. */
export const func = (lines: string[]): string => lines.map((line) => `  ${line}`).join('\n');
