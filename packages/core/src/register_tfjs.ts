// tfjs-core alone registers neither gradients nor chained ops (`x.sum()`); the union
// package `@tensorflow/tfjs` does this. gankit depends on tfjs-core only, so it does it here,
// once, at import. In a Vite bundle these resolve inside tfjs-core; in the Node builds tsup
// bundles them, and they register into tfjs's global registries all the same.
// The main tfjs-core entry must run first: it registers the flags the registrations read.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
