import { defineConfig } from 'tsup';

/**
 * Bundles the kernel benchmark for Node (see bench.ts): tfjs-core's gradient registrations
 * ship only as ESM that Node cannot load, so they are bundled, as in the package build.
 */
export default defineConfig({
  entry: { bench: 'src/kernels/bench.ts' },
  format: ['cjs'],
  // Inside node_modules so that the bundle resolves tfjs and its .wasm files from there.
  outDir: 'node_modules/.cache/gankit-kernel-bench',
  target: 'node20',
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
  esbuildOptions(options) {
    options.conditions = ['gankit-source'];
  },
});
