import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// No @vitejs/plugin-react: Vite 8 (Oxc) transforms TSX itself; the automatic runtime means
// components need no `import React`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
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
