import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// Threads in the WASM backend need SharedArrayBuffer, which browsers only give to
// cross-origin-isolated pages: both servers send these two headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// tfjs starts its WASM threads from the source text of its Emscripten factory
// (`factory.toString()` in a Blob), which must still make sense outside the bundle:
// mangling renames the names it shares with its enclosing scope, and compressing turns
// its `typeof _scriptDir` guard into a plain reference. Only whitespace is removed.
const minify = { output: { minify: { mangle: false, compress: false } } };

// @gankit/core's entry registers tfjs's gradients and chained ops when imported. Its
// package.json marks only the built files and register_tfjs.ts as having side effects, so
// a bundle made from the sources would drop that registration (training then fails with
// "gradient function not found"). Keep every module of core's sources.
function keepCoreRegistrations(): Plugin {
  return {
    name: 'gankit-keep-core-registrations',
    transform(code, id) {
      if (/[\\/]packages[\\/]core[\\/]src[\\/]/.test(id)) return { code, moduleSideEffects: true };
      return null;
    },
  };
}

export default defineConfig({
  plugins: [keepCoreRegistrations()],
  // Workspace packages resolve to their TypeScript sources: no package build needed.
  resolve: { conditions: ['gankit-source', ...defaultClientConditions] },
  worker: { format: 'es', plugins: () => [keepCoreRegistrations()], rolldownOptions: minify },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: minify },
});
