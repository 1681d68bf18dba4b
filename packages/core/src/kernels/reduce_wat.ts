import { add, func, get, set } from './wat';
/**
 * The WebAssembly text of the column sums behind the Sum and Mean fast paths (see
 * `reduce_leading_axes.ts`), part of the module `simd_wat.ts` assembles.
 * `columnSums(x, out, rows, cols, scale)` writes `out[c] = scale · Σ_r x[r, c]` for the
 * first `cols - cols % 4` columns of the row-major `[rows, cols]` matrix at `x`, four columns
 * at a time, summing in float64 (rows can number hundreds of thousands).
 */
export function reduceWat(): string[] {
  const f64add = (x: string, y: string) => `(f64x2.add ${x} ${y})`;
  // The high two floats of a vector moved to its low half.
  const high = (v: string) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${v} ${v})`;
  const store2 = (sum: string, offset: number) =>
    `(v128.store64_lane offset=${offset} 0 ${get('po')} (f32x4.demote_f64x2_zero (f64x2.mul ${get(sum)} ${get('s')})))`;
  const lines = [
    '(func (export "columnSums") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)',
    '  (param $scale f64)',
    '  (local $c i32) (local $r i32) (local $p i32) (local $po i32) (local $stride i32)',
    '  (local $v v128) (local $lo v128) (local $hi v128) (local $s v128)',
    set('s', `(f64x2.splat ${get('scale')})`),
    set('stride', `(i32.shl ${get('cols')} (i32.const 2))`),
    `(block $cdone (loop $cloop (br_if $cdone (i32.gt_u (i32.add ${get('c')} (i32.const 4)) ${get('cols')}))`,
    set('lo', '(v128.const i64x2 0 0)'),
    set('hi', '(v128.const i64x2 0 0)'),
    set('p', add(get('x'), `(i32.shl ${get('c')} (i32.const 2))`)),
    set('r', get('rows')),
    `(block $rdone (br_if $rdone (i32.eqz ${get('r')})) (loop $rloop`,
    set('v', `(v128.load ${get('p')})`),
    set('lo', f64add(get('lo'), `(f64x2.promote_low_f32x4 ${get('v')})`)),
    set('hi', f64add(get('hi'), `(f64x2.promote_low_f32x4 ${high(get('v'))})`)),
    set('p', add(get('p'), get('stride'))),
    `(br_if $rloop (local.tee $r (i32.sub ${get('r')} (i32.const 1))))))`,
    set('po', add(get('out'), `(i32.shl ${get('c')} (i32.const 2))`)),
    store2('lo', 0),
    store2('hi', 8),
    `${set('c', add(get('c'), '(i32.const 4)'))} (br $cloop)))`,
    ')',
  ];
  return [func(lines)];
}
