import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { intWorkers } from './lib/testing/int-workers.ts';

const alias = { '@': path.resolve(import.meta.dirname) , 'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only-stub.ts') };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Pure code, no module mocks: the files share each worker's module cache instead of
          // importing everything again per file (the tier's CPU time went from 48 s to 17 s).
          isolate: false,
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.serial.test.ts', 'node_modules/**', 'e2e/**', '.next/**'],
          environment: 'node',
          // The test command runs this tier beside the integration tier on a busy machine (key
          // generation, bcrypt): a slow test is not a failed one.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/**', '.next/**'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Files run side by side, each worker with its own run id, edge ports and address pool.
          maxWorkers: intWorkers(),
          globalSetup: ['lib/testing/global-setup.ts'],
          setupFiles: ['lib/testing/worker-env.ts'],
          // The edge gets high ports per run (global-setup; 80/443 are production defaults); a quiet log.
          env: { BERTH_LOG_LEVEL: 'warn' },
        },
      },
      {
        resolve: { alias },
        test: {
          // Tests that disturb the shared Docker daemon (a dockerd restart): alone, after every other tier.
          name: 'serial',
          include: ['**/*.serial.test.ts'],
          exclude: ['node_modules/**', 'e2e/**', '.next/**'],
          environment: 'node',
          testTimeout: 400_000,
          hookTimeout: 600_000,
          maxWorkers: 1,
          globalSetup: ['lib/testing/global-setup.ts'],
          setupFiles: ['lib/testing/worker-env.ts'],
          env: { BERTH_LOG_LEVEL: 'warn' },
        },
      },
    ],
  },
});
