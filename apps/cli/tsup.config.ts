import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  sourcemap: true,
  target: 'es2022',
  banner: { js: '#!/usr/bin/env node' },
  // The CLI is an app: bundle gankit's packages from their sources (no build of each
  // package first) and tfjs-core's deep registration modules, which Node cannot load.
  noExternal: [/^@gankit\//, /^@tensorflow\/tfjs-core\/dist\//],
  esbuildOptions(options) {
    options.conditions = ['gankit-source'];
  },
});
