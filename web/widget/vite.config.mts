import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The widget is one classic script that customers embed with a single tag: an IIFE bundle
// with its CSS inlined, written to dist/widget (the API serves it as /widget.js).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/widget', import.meta.url)),
    // Only dist/widget: the inbox build owns dist/web.
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('src/main.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ChatOnceWidget',
      fileName: () => 'widget.js',
    },
  },
});
