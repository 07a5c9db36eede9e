import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves dist/ at `/` and the JSON API under `/api/` on the same origin,
// so the app only ever uses relative URLs. During `vite dev`, /api is proxied to
// a running API (RIFT_API_URL, default http://localhost:8080).
export default defineConfig({
  plugins: [react()],
  base: '/',
  // React + Recharts make one ~620 kB chunk; a single page does not gain from splitting it.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: { '/api': process.env.RIFT_API_URL ?? 'http://localhost:8080' },
  },
});
