import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from './src/cli/precompress.ts';

// The web app lives in src/web and is built to dist/web, which the server serves.
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    {
      // Brotli and gzip copies beside the built files, served by http/plugins/web.ts.
      name: 'dutydesk-precompress',
      apply: 'build',
      writeBundle(options) {
        if (options.dir !== undefined) precompressDir(options.dir);
      },
    },
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    // the API started by `dutydesk dev` on PORT (default 3000)
    // (only the API: Vite itself serves the web app's own modules src/web/api/*.ts under /api/)
    proxy: {
      '^/api/(?!.*\\.tsx?(?:\\?|$))': {
        target: `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
        // keep the browser's Host: the server refuses a change whose Origin names another host
        changeOrigin: false,
      },
    },
  },
});
