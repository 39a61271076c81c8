import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron shell, the core worker it starts, and the browser host (plain Node, no Electron).
          index: resolve(root, 'main/app/index.ts'),
          'core-worker': resolve(root, 'main/host/core-worker.ts'),
          'web-host': resolve(root, 'main/host/web/serve.ts'),
          // Parses and normalises import files beside the thread that writes the vault.
          'parse-worker': resolve(root, 'main/core/ingest/import/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          // The browser host's stand-in for the Electron preload: same contract, HTTP transport.
          'web-bridge': resolve(root, 'preload/web-bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? 'web-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
