import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // Main keeps node_modules external (keytar is native; undici/zod load from node_modules),
  // except superjson: it is ESM-only, so it is bundled rather than left to require(esm).
  main: {
    build: {
      externalizeDeps: { exclude: ['superjson'] },
      lib: { entry: resolve(__dirname, 'src-main/index.ts'), formats: ['cjs'] },
    },
  },
  preload: {
    build: {
      // Sandboxed preload: bundle everything so the only require left is require("electron").
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-preload/preload.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: { rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
  },
});
