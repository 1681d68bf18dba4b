import { func, get } from './wat';
/**
 * The WebAssembly text of Adam's update (see `adam_update.ts`), part of the module
 * `simd_wat.ts` assembles. `adam` updates `count` values (a multiple of 4, four at a time):
 * `m' = β1·m + c1·g`, `v' = β2·v + c2·g²`, `p' = p − stepSize·m' / (sqrt(v')·correction + ε)`,
 * reading p, g, m, v and writing p', m', v' at the given byte addresses. `c1`, `c2`,
 * `stepSize` and `correction` are the caller's (see `adamUpdateValues`).
 */
export function adamWat(): string[] {
  const at = (base: string) => `(i32.add ${get(base)} ${get('o')})`;
  const load = (base: string) => `(v128.load ${at(base)})`;
  const splat = (name: string) => `(local.set $${name}4 (f32x4.splat ${get(name)}))`;
  const mul = (x: string, y: string) => `(f32x4.mul ${x} ${y})`;
  const lines = [
    '(func (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32)',
    '  (param $pOut i32) (param $mOut i32) (param $vOut i32) (param $count i32)',
    '  (param $beta1 f32) (param $beta2 f32) (param $c1 f32) (param $c2 f32)',
    '  (param $stepSize f32) (param $correction f32) (param $epsilon f32)',
    '  (local $o i32) (local $end i32) (local $gi v128) (local $mi v128) (local $vi v128)',
    '  (local $beta14 v128) (local $beta24 v128) (local $c14 v128) (local $c24 v128)',
    '  (local $stepSize4 v128) (local $correction4 v128) (local $epsilon4 v128)',
    ...['beta1', 'beta2', 'c1', 'c2', 'stepSize', 'correction', 'epsilon'].map(splat),
    `(local.set $end (i32.shl ${get('count')} (i32.const 2)))`,
    `(block $done (loop $next (br_if $done (i32.ge_u ${get('o')} ${get('end')}))`,
    `(local.set $gi ${load('g')})`,
    `(local.set $mi (f32x4.add ${mul(get('beta14'), load('m'))} ${mul(get('c14'), get('gi'))}))`,
    `(local.set $vi (f32x4.add ${mul(get('beta24'), load('v'))} ${mul(get('c24'), mul(get('gi'), get('gi')))}))`,
    `(v128.store ${at('mOut')} ${get('mi')})`,
    `(v128.store ${at('vOut')} ${get('vi')})`,
    `(v128.store ${at('pOut')} (f32x4.sub ${load('p')} (f32x4.div ${mul(get('stepSize4'), get('mi'))}`,
    `  (f32x4.add ${mul('(f32x4.sqrt (local.get $vi))', get('correction4'))} ${get('epsilon4')}))))`,
    `(local.set $o (i32.add ${get('o')} (i32.const 16)))`,
    '(br $next)))',
    ')',
  ];
  return [func(lines)];
}
