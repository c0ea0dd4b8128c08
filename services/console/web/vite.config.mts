import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The oversight pages verify ledger exports and bundles in the browser with the very code of
 * custos-verify (libs/ledger-core), whose only Node import is `node:crypto` (SHA-256, Ed25519
 * verification): inside that library it resolves to a browser implementation.
 */
function ledgerCoreInBrowser(): Plugin {
  const shim = fileURLToPath(new URL('./src/pages/oversight/verify/node-crypto.browser.ts', import.meta.url));
  return {
    name: 'custos-ledger-core-browser',
    enforce: 'pre',
    resolveId(id, importer) {
      if ((id === 'node:crypto' || id === 'crypto') && importer?.includes('/libs/ledger-core/')) return shim;
      return null;
    },
  };
}

// No @vitejs/plugin-react: Vite 8 (Oxc) transforms TSX itself; the automatic runtime means
// components need no `import React`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [ledgerCoreInBrowser()],
  worker: { format: 'es', plugins: () => [ledgerCoreInBrowser()] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // antd's "use client" markers mean nothing without server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite services/console/web` while `npm start` runs: the gateway serves the APIs.
    proxy: { '/api': 'http://127.0.0.1:3000', '/console-config.json': 'http://127.0.0.1:3000' },
  },
  // The generator's staleness test lives beside the generator (Node, not the browser).
  test: { environment: 'jsdom', include: ['src/**/*.test.ts', 'src/**/*.test.tsx', '../scripts/*.test.ts'] },
} as Parameters<typeof defineConfig>[0]);
