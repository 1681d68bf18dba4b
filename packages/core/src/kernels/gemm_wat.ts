import { add, atMost, bytes, func, get, mul, set } from './wat';
/**
 * The WebAssembly text of gankit's matrix product (see `gemm.ts`), part of the module
 * `simd_wat.ts` assembles. Its one export,
 * `gemm(a, b, c, m, k, n, lda, ldc, transposeA, bias)`, computes
 * `C[m, n] = A[m, k] · B[k, n] (+ bias[n])` with every address a byte offset into the
 * imported memory (tfjs-backend-wasm's heap):
 * - B and C are row-major with rows `ldc` long; `n` (a multiple of 8) columns of them are
 *   computed, so two threads can each take their own columns;
 * - A is row-major, A(i, p) at `a + 4·(i·lda + p)`, or with `transposeA` = 1 stored as
 *   [k, lda], A(i, p) at `a + 4·(p·lda + i)`;
 * - `bias` is the address of n values added to every row, or 0 for none.
 *
 * It runs over k in blocks of {@link K_BLOCK} (a block of B stays in cache while every row
 * of A uses it), each block in tiles of 4 rows × 8 columns (the last rows one at a time):
 * the tile kernels `gemm4n`, `gemm1n` (A row-major) and `gemm4t`, `gemm1t` (A transposed).
 * Products are summed in the order of k with a separate multiply and add, as XNNPACK's
 * WASM SIMD kernels do, so results match the backend's own product.
 */
export function gemmWat(): string[] {
  return [
    kernel('gemm4n', 4, 'n'),
    kernel('gemm1n', 1, 'n'),
    kernel('gemm4t', 4, 't'),
    kernel('gemm1t', 1, 't'),
    rowsDriver(),
    driver(),
  ];
}

/**
 * Depth of one pass over k. Measured on this machine's 2-core EPYC: 256 is 15-20% faster
 * than one pass for k = 784.
 */
export const K_BLOCK = 256;

/**
 * Rows per pass: a block of A (128 rows of one k block, 128 KB) stays in cache while every
 * column panel of B uses it. Products of 100-row batches are one block.
 */
export const M_BLOCK = 128;

/** The exported `gemm`: rows in blocks of {@link M_BLOCK}, each by {@link rowsDriver}. */
function driver(): string {
  const lines = [
    '(func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $m i32)',
    '  (param $k i32) (param $n i32) (param $lda i32) (param $ldc i32) (param $transA i32)',
    '  (param $bias i32)',
    '  (local $i0 i32) (local $rows i32)',
    `(block $done (loop $next (br_if $done (i32.ge_u ${get('i0')} ${get('m')}))`,
    set('rows', `(i32.sub ${get('m')} ${get('i0')})`),
    set('rows', atMost(get('rows'), M_BLOCK)),
    '(call $gemmRows',
    // Row i0 of A: column i0 of the stored [k, lda] matrix when A is transposed.
    `  (select ${add(get('a'), bytes(get('i0')))} ${add(get('a'), bytes(mul(get('i0'), get('lda'))))} ${get('transA')})`,
    `  ${get('b')} ${add(get('c'), bytes(mul(get('i0'), get('ldc'))))} ${get('rows')}`,
    `  ${get('k')} ${get('n')} ${get('lda')} ${get('ldc')} ${get('transA')} ${get('bias')})`,
    `${set('i0', add(get('i0'), `(i32.const ${M_BLOCK})`))} (br $next)))`,
    ')',
  ];
  return func(lines);
}

/** One block of rows: k in blocks, each block in 4-row tiles and then the last rows. */
function rowsDriver(): string {
  const call = (kernel: string, a: string, c: string, rows: string) =>
    `(call $${kernel} ${a} ${get('bb')} ${c} ${rows} ${get('depth')} ${get('n')} ${get('lda')} ${get('ldc')} ${get('acc')} ${get('bi')})`;
  const lines = [
    '(func $gemmRows (param $a i32) (param $b i32) (param $c i32) (param $m i32)',
    '  (param $k i32) (param $n i32) (param $lda i32) (param $ldc i32) (param $transA i32)',
    '  (param $bias i32)',
    '  (local $k0 i32) (local $depth i32) (local $whole i32) (local $acc i32) (local $bi i32)',
    '  (local $ab i32) (local $bb i32) (local $ctail i32)',
    set('whole', `(i32.and ${get('m')} (i32.const -4))`),
    set('ctail', add(get('c'), bytes(mul(get('whole'), get('ldc'))))),
    `(block $done (loop $next (br_if $done (i32.ge_u ${get('k0')} ${get('k')}))`,
    set('depth', `(i32.sub ${get('k')} ${get('k0')})`),
    set('depth', atMost(get('depth'), K_BLOCK)),
    set('acc', `(i32.ne ${get('k0')} (i32.const 0))`),
    set('bi', `(select (i32.const 0) ${get('bias')} ${get('acc')})`),
    set('bb', add(get('b'), bytes(mul(get('k0'), get('ldc'))))),
    `(if ${get('transA')} (then`,
    set('ab', add(get('a'), bytes(mul(get('k0'), get('lda'))))),
    call('gemm4t', get('ab'), get('c'), get('whole')),
    call(
      'gemm1t',
      add(get('ab'), bytes(get('whole'))),
      get('ctail'),
      `(i32.sub ${get('m')} ${get('whole')})`,
    ),
    ') (else',
    set('ab', add(get('a'), bytes(get('k0')))),
    call('gemm4n', get('ab'), get('c'), get('whole')),
    call(
      'gemm1n',
      add(get('ab'), bytes(mul(get('whole'), get('lda')))),
      get('ctail'),
      `(i32.sub ${get('m')} ${get('whole')})`,
    ),
    '))',
    `${set('k0', add(get('k0'), `(i32.const ${K_BLOCK})`))} (br $next)))`,
    ')',
  ];
  return func(lines);
}

type Layout = 'n' | 't';

function kernel(name: string, rows: number, layout: Layout): string {
  const rowIds = Array.from({ length: rows }, (_, r) => r);
  // The byte address of C(i, j), and of the row after the one at `pc`.
  const cAddress = add(get('c'), bytes(add(`(i32.mul ${get('i')} ${get('ldc')})`, get('j'))));
  const tileRows = (each: (r: number) => string[]) =>
    rowIds.flatMap((r) => [...(r > 0 ? [set('pc', add(get('pc'), get('nb')))] : []), ...each(r)]);
  const madd = (acc: string, x: string, y: string) =>
    set(acc, `(f32x4.add ${get(acc)} (f32x4.mul ${get(x)} ${get(y)}))`);
  // A(i + r, p): its own pointer per row ("n"), or one pointer and a constant offset ("t").
  const aLoad = (r: number) =>
    layout === 'n'
      ? `(v128.load32_splat ${get(`pa${r}`)})`
      : `(v128.load32_splat offset=${4 * r} ${get('pa0')})`;
  const aStep =
    layout === 'n'
      ? rowIds.map((r) => set(`pa${r}`, add(get(`pa${r}`), '(i32.const 4)')))
      : [set('pa0', add(get('pa0'), get('ab')))];
  const aStart =
    layout === 'n'
      ? [
          set('pa0', add(get('a'), `(i32.mul ${get('i')} ${get('ab')})`)),
          ...rowIds.slice(1).map((r) => set(`pa${r}`, add(get(`pa${r - 1}`), get('ab')))),
        ]
      : [set('pa0', add(get('a'), bytes(get('i'))))];
  const biasAt = (offset: number) =>
    `(v128.load offset=${offset} ${add(get('bias'), bytes(get('j')))})`;
  const zero = '(v128.const i32x4 0 0 0 0)';
  const lines = [
    `(func $${name} (param $a i32) (param $b i32) (param $c i32) (param $m i32)`,
    '  (param $k i32) (param $n i32) (param $lda i32) (param $ldc i32) (param $acc i32)',
    '  (param $bias i32)',
    '  (local $i i32) (local $j i32) (local $p i32) (local $nb i32) (local $ab i32)',
    '  (local $pb i32) (local $pc i32) (local $b0 v128) (local $b1 v128) (local $x v128)',
    `  ${rowIds.map((r) => `(local $pa${r} i32) (local $c${r}0 v128) (local $c${r}1 v128)`).join(' ')}`,
    set('nb', bytes(get('ldc'))),
    // Byte step of A between rows ("n") or between k steps ("t").
    set('ab', bytes(get('lda'))),
    set('j', '(i32.const 0)'),
    `(block $jdone (loop $jloop (br_if $jdone (i32.ge_u ${get('j')} ${get('n')}))`,
    set('i', '(i32.const 0)'),
    `(block $idone (loop $iloop (br_if $idone (i32.ge_u ${get('i')} ${get('m')}))`,
    // Start the tile from C, from the bias or from zero.
    `(if ${get('acc')} (then`,
    set('pc', cAddress),
    ...tileRows((r) => [
      set(`c${r}0`, `(v128.load ${get('pc')})`),
      set(`c${r}1`, `(v128.load offset=16 ${get('pc')})`),
    ]),
    `) (else (if ${get('bias')}`,
    `(then ${set('c00', biasAt(0))} ${set('c01', biasAt(16))})`,
    `(else ${set('c00', zero)} ${set('c01', zero)}))`,
    ...rowIds.slice(1).flatMap((r) => [set(`c${r}0`, get('c00')), set(`c${r}1`, get('c01'))]),
    '))',
    ...aStart,
    set('pb', add(get('b'), bytes(get('j')))),
    set('p', get('k')),
    `(block $pdone (br_if $pdone (i32.eqz ${get('p')})) (loop $ploop`,
    set('b0', `(v128.load ${get('pb')})`),
    set('b1', `(v128.load offset=16 ${get('pb')})`),
    ...rowIds.flatMap((r) => [
      set('x', aLoad(r)),
      madd(`c${r}0`, 'x', 'b0'),
      madd(`c${r}1`, 'x', 'b1'),
    ]),
    ...aStep,
    set('pb', add(get('pb'), get('nb'))),
    `(br_if $ploop (local.tee $p (i32.sub ${get('p')} (i32.const 1))))))`,
    set('pc', cAddress),
    ...tileRows((r) => [
      `(v128.store ${get('pc')} ${get(`c${r}0`)})`,
      `(v128.store offset=16 ${get('pc')} ${get(`c${r}1`)})`,
    ]),
    `${set('i', add(get('i'), `(i32.const ${rows})`))} (br $iloop)))`,
    `${set('j', add(get('j'), '(i32.const 8)'))} (br $jloop)))`,
    ')',
  ];
  return func(lines);
}
