import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The API serves dist/web on its own port; in dev, Vite forwards API routes to it.
const apiPort = Number(process.env.API_PORT ?? 4000);
if (!Number.isInteger(apiPort) || apiPort <= 0 || apiPort > 65535) {
  throw new Error(`API_PORT must be a TCP port, got "${process.env.API_PORT}"`);
}
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'graphql', test: /node_modules[\\/](@apollo|graphql|graphql-ws|rxjs|@wry|optimism|tslib|ts-invariant|@graphql-typed-document-node)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/graphiql': apiTarget,
      '/widget.js': apiTarget,
      '/demo': apiTarget,
    },
  },
});
