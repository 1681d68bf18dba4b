import { defineConfig } from 'tsup';

const common = { entry: ['src/index.ts'], sourcemap: true, target: 'es2022' as const };

export default defineConfig([
  {
    ...common,
    format: ['esm', 'cjs'],
    dts: true,
    // import.meta.url in the CJS build (the threaded WASM backend for Node resolves files with it).
    shims: true,
    // tfjs-core's gradient and chained-op registrations ship only as extensionless ESM,
    // which Node cannot load: bundle them (they register into tfjs's global registries).
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
  },
  // Bundlers resolve those deep imports themselves, so the browser build keeps them
  // external and the page holds one copy of tfjs-core.
  { ...common, format: ['esm'], outDir: 'dist/browser' },
]);
