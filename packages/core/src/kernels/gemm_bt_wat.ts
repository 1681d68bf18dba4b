import { add, bytes, func, get, mul, set } from './wat';
/**
 * The WebAssembly text of gankit's product with a transposed right operand (see `gemm.ts`),
 * part of the module `simd_wat.ts` assembles. Its export,
 * `gemmBT(a, b, c, m, k, n, lda, ldc, bias)`, computes `C[m, n] = A[m, k] · Bᵀ (+ bias[n])`
 * for B stored `[n, k]` (a dense layer's input gradient `dy · Wᵀ`), without transposing B:
 * - A is row-major with rows `lda` long, B row-major with rows `k` long, C with rows `ldc`
 *   long; `n` columns of C are computed (so two threads can each take their own);
 * - `k` and `n` must be multiples of 4;
 * - `bias` is the address of n values added to every row, or 0 for none.
 *
 * Each tile of 2 rows × 4 columns keeps 8 vector sums of `A[i, p..p+3] · B[j, p..p+3]` over
 * k and adds each one's four lanes at the end, so the sum runs in another order than the
 * backend's product (results agree to float32 rounding).
 */
export function gemmBTWat(): string[] {
  return [kernel('gemmBT2', 2), kernel('gemmBT1', 1), driver()];
}

/** Lanes of two vectors picked by 32-bit lane (0-3 from the first, 4-7 from the second). */
function pick(x: string, y: string, lanes: number[]): string {
  const byteIndices = lanes.flatMap((lane) => [0, 1, 2, 3].map((b) => 4 * lane + b));
  return `(i8x16.shuffle ${byteIndices.join(' ')} ${x} ${y})`;
}

/** `[Σ s0, Σ s1, Σ s2, Σ s3]`: the lanes of four vectors each added up. */
function laneSums(s: [string, string, string, string]): string {
  const [s0, s1, s2, s3] = s.map(get) as [string, string, string, string];
  const pairs01 = `(f32x4.add ${pick(s0, s1, [0, 4, 1, 5])} ${pick(s0, s1, [2, 6, 3, 7])})`;
  const pairs23 = `(f32x4.add ${pick(s2, s3, [0, 4, 1, 5])} ${pick(s2, s3, [2, 6, 3, 7])})`;
  return `(f32x4.add ${pick(pairs01, pairs23, [0, 1, 4, 5])} ${pick(pairs01, pairs23, [2, 3, 6, 7])})`;
}

/** A tile kernel: `rows` rows of C at a time, 4 columns, columns outermost. */
function kernel(name: string, rows: number): string {
  const rowIds = Array.from({ length: rows }, (_, r) => r);
  const colIds = [0, 1, 2, 3];
  const sum = (r: number, s: number) => `s${r}${s}`;
  const lines = [
    `(func $${name} (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32)`,
    '  (param $n i32) (param $lda i32) (param $ldc i32) (param $bias i32)',
    '  (local $i i32) (local $j i32) (local $p i32) (local $kb i32) (local $pc i32) (local $out v128)',
    `  ${rowIds.map((r) => `(local $pa${r} i32) (local $x${r} v128)`).join(' ')}`,
    `  ${colIds.map((s) => `(local $pb${s} i32) (local $y${s} v128)`).join(' ')}`,
    `  ${rowIds.flatMap((r) => colIds.map((s) => `(local $${sum(r, s)} v128)`)).join(' ')}`,
    set('kb', bytes(get('k'))),
    `(block $jdone (loop $jloop (br_if $jdone (i32.ge_u ${get('j')} ${get('n')}))`,
    set('i', '(i32.const 0)'),
    `(block $idone (loop $iloop (br_if $idone (i32.ge_u ${get('i')} ${get('m')}))`,
    ...rowIds.flatMap((r) => colIds.map((s) => set(sum(r, s), '(v128.const i32x4 0 0 0 0)'))),
    ...rowIds.map((r) =>
      set(`pa${r}`, add(get('a'), bytes(mul(add(get('i'), `(i32.const ${r})`), get('lda'))))),
    ),
    ...colIds.map((s) =>
      set(`pb${s}`, add(get('b'), mul(add(get('j'), `(i32.const ${s})`), get('kb')))),
    ),
    set('p', get('k')),
    `(block $pdone (br_if $pdone (i32.eqz ${get('p')})) (loop $ploop`,
    ...rowIds.map((r) => set(`x${r}`, `(v128.load ${get(`pa${r}`)})`)),
    ...colIds.map((s) => set(`y${s}`, `(v128.load ${get(`pb${s}`)})`)),
    ...rowIds.flatMap((r) =>
      colIds.map((s) =>
        set(sum(r, s), `(f32x4.add ${get(sum(r, s))} (f32x4.mul ${get(`x${r}`)} ${get(`y${s}`)}))`),
      ),
    ),
    ...rowIds.map((r) => set(`pa${r}`, add(get(`pa${r}`), '(i32.const 16)'))),
    ...colIds.map((s) => set(`pb${s}`, add(get(`pb${s}`), '(i32.const 16)'))),
    `(br_if $ploop (local.tee $p (i32.sub ${get('p')} (i32.const 4))))))`,
    ...rowIds.flatMap((r) => [
      set('out', laneSums(colIds.map((s) => sum(r, s)) as [string, string, string, string])),
      `(if ${get('bias')} (then ${set('out', `(f32x4.add ${get('out')} (v128.load ${add(get('bias'), bytes(get('j')))}))`)}))`,
      set(
        'pc',
        add(get('c'), bytes(add(mul(add(get('i'), `(i32.const ${r})`), get('ldc')), get('j')))),
      ),
      `(v128.store ${get('pc')} ${get('out')})`,
    ]),
    `${set('i', add(get('i'), `(i32.const ${rows})`))} (br $iloop)))`,
    `${set('j', add(get('j'), '(i32.const 4)'))} (br $jloop)))`,
    ')',
  ];
  return func(lines);
}

/** The exported `gemmBT`: 2-row tiles, then the last row if m is odd. */
function driver(): string {
  const call = (kernel: string, a: string, c: string, rows: string) =>
    `(call $${kernel} ${a} ${get('b')} ${c} ${rows} ${get('k')} ${get('n')} ${get('lda')} ${get('ldc')} ${get('bias')})`;
  const lines = [
    '(func (export "gemmBT") (param $a i32) (param $b i32) (param $c i32) (param $m i32)',
    '  (param $k i32) (param $n i32) (param $lda i32) (param $ldc i32) (param $bias i32)',
    '  (local $whole i32)',
    set('whole', `(i32.and ${get('m')} (i32.const -2))`),
    call('gemmBT2', get('a'), get('c'), get('whole')),
    call(
      'gemmBT1',
      add(get('a'), bytes(mul(get('whole'), get('lda')))),
      add(get('c'), bytes(mul(get('whole'), get('ldc')))),
      `(i32.sub ${get('m')} ${get('whole')})`,
    ),
    ')',
  ];
  return func(lines);
}
