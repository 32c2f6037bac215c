import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// GraphiQL for admins: a static folder the API serves at /graphiql. Everything, the Monaco
// workers and fonts included, is bundled here: customers' networks forbid CDNs.
const apiPort = Number(process.env.API_PORT ?? 4000);
if (!Number.isInteger(apiPort) || apiPort <= 0 || apiPort > 65535) {
  throw new Error(`API_PORT must be a TCP port, got "${process.env.API_PORT}"`);
}
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/graphiql', import.meta.url)),
    // Only dist/graphiql: the inbox owns dist/web and the widget dist/widget.
    emptyOutDir: true,
    // Monaco alone is several MB; it loads once, on an admin-only page.
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's react-compiler-runtime starts with "use no memo", which bundling drops harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('react-compiler-runtime')) return;
        warn(warning);
      },
    },
  },
  optimizeDeps: {
    // The dev server's dependency pre-bundling cannot follow their `?worker` imports
    // (graphql/graphiql#4038); served as they are, Vite's worker plugin handles them.
    exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'],
    // The GraphQL worker then loads its dependencies unbundled; these two are CommonJS and
    // fail in the browser unless pre-bundled.
    include: ['nullthrows', 'picomatch-browser'],
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
    },
  },
});
