import { func, get, set } from './wat';
/**
 * The WebAssembly text of the last pass of the Tanh fast path (see `tanh.ts`), part of the
 * module `simd_wat.ts` assembles. `tanhFromSigmoid(x, s, count)` turns `s = σ(2x)` into
 * `tanh(x) = 2s − 1` in place, and where `|x| < small` writes the odd Taylor polynomial
 * `x·(1 + x²·(−1/3 + x²·(2/15 − 17/315·x²)))` instead (2s − 1 loses relative accuracy
 * there). Four values at a time; `count` a multiple of 4.
 */
export function tanhWat(small: number): string[] {
  const splat = (value: number) => `(f32x4.splat (f32.const ${value}))`;
  const mul = (x: string, y: string) => `(f32x4.mul ${x} ${y})`;
  const add = (x: string, y: string) => `(f32x4.add ${x} ${y})`;
  const at = (base: string) => `(i32.add ${get(base)} ${get('o')})`;
  const taylor = mul(
    get('v'),
    add(
      splat(1),
      mul(
        get('v2'),
        add(splat(-1 / 3), mul(get('v2'), add(splat(2 / 15), mul(splat(-17 / 315), get('v2'))))),
      ),
    ),
  );
  const lines = [
    '(func (export "tanhFromSigmoid") (param $x i32) (param $s i32) (param $count i32)',
    '  (local $o i32) (local $end i32) (local $v v128) (local $v2 v128)',
    set('end', `(i32.shl ${get('count')} (i32.const 2))`),
    `(block $done (loop $next (br_if $done (i32.ge_u ${get('o')} ${get('end')}))`,
    set('v', `(v128.load ${at('x')})`),
    set('v2', mul(get('v'), get('v'))),
    `(v128.store ${at('s')} (v128.bitselect ${taylor}`,
    `  (f32x4.sub ${mul(splat(2), `(v128.load ${at('s')})`)} ${splat(1)})`,
    `  (f32x4.lt ${get('v2')} ${splat(small * small)})))`,
    `${set('o', `(i32.add ${get('o')} (i32.const 16))`)} (br $next)))`,
    ')',
  ];
  return [func(lines)];
}
