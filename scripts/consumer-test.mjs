// Packages as users get them: build, `pnpm pack` each package, install the tarballs with npm
// into a fresh project outside the workspace, then import them from Node ESM and CJS and
// start the wasm backend there. Prints "consumer: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages')).sort();
let passed = 0;
let failed = 0;

function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    const out = [error.stdout, error.stderr].filter(Boolean).join('\n');
    console.log(`FAIL ${name}\n${out || error.message}`);
  }
}

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, {
    cwd,
    stdio: 'pipe',
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });

const work = mkdtempSync(join(tmpdir(), 'gankit-consumer-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);

check('build every package', () =>
  run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    root,
  ),
);
for (const name of packages) {
  check(`publint @gankit/${name}`, () =>
    run('pnpm', ['exec', 'publint', '--strict'], join(root, 'packages', name)),
  );
  check(`pack @gankit/${name}`, () =>
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name)),
  );
}

const app = join(work, 'app');
mkdirSync(app);
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
);
check('npm install the tarballs', () =>
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', ...readdirSync(tarballs).map((f) => join(tarballs, f))],
    app,
  ),
);

const esm = `
import { initBackend, createRng } from '@gankit/core';
import { Sequential, Dense, Adam } from '@gankit/nn';
import { GAN } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
${packages.map((p) => `import * as pkg_${p} from '@gankit/${p}';`).join('\n')}
const info = await initBackend();
if (info.backend !== 'wasm' || !info.simd) throw new Error('wasm SIMD did not start: ' + JSON.stringify(info));
for (const [name, mod] of Object.entries({ ${packages.map((p) => `'${p}': pkg_${p}`).join(', ')} })) {
  if (Object.keys(mod).length === 0) throw new Error('@gankit/' + name + ' exports nothing');
}
const model = new Sequential({ inputShape: [4], layers: [new Dense({ units: 1 })], seed: 0 });
const opt = new Adam({ learningRate: 0.1 });
const x = tf.ones([2, 4]);
const loss = opt.minimize(() => tf.mean(tf.square(model.apply(x))), model.trainableVariables);
if (!Number.isFinite(loss.dataSync()[0])) throw new Error('training step failed');
const gan = new GAN({ seed: 1 });
const img = gan.generate(2, { seed: 3 });
if (img.shape.join() !== '2,784') throw new Error('generate gave ' + img.shape);
console.log('esm ok', JSON.stringify(info));
`;
const cjs = `
const { initBackend } = require('@gankit/core');
const { Sequential, Dense } = require('@gankit/nn');
${packages.map((p) => `if (Object.keys(require('@gankit/${p}')).length === 0) throw new Error('${p} exports nothing');`).join('\n')}
initBackend().then((info) => {
  if (info.backend !== 'wasm') throw new Error('wasm did not start');
  const m = new Sequential({ inputShape: [3], layers: [new Dense({ units: 2 })] });
  if (m.countParams() !== 8) throw new Error('bad model');
  console.log('cjs ok');
}).catch((e) => { console.error(e); process.exit(1); });
`;
writeFileSync(join(app, 'esm.mjs'), esm);
writeFileSync(join(app, 'cjs.cjs'), cjs);
check('import every package from Node ESM, start wasm, train a step', () =>
  run('node', ['esm.mjs'], app),
);
check('require every package from Node CJS, start wasm', () => run('node', ['cjs.cjs'], app));

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
console.log(`(workspace ${version}, consumer project in ${app})`);
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
