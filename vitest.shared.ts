import { defineConfig } from 'vitest/config';

/**
 * Shared test settings. The `gankit-source` export condition makes every workspace
 * package resolve to its `src/`, so tests never need a build first.
 */
export default defineConfig({
  resolve: { conditions: ['gankit-source'] },
  ssr: { resolve: { conditions: ['gankit-source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    deps: {
      // tfjs-core's deep ESM entry points (gradients, chained ops) have extensionless
      // imports that only a bundler resolves: pre-bundle them once per run.
      optimizer: {
        ssr: {
          enabled: true,
          include: [
            '@tensorflow/tfjs-core/dist/register_all_gradients',
            '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops',
          ],
        },
      },
    },
  },
});
