/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Served at /explorer/ (the WAR's context root); relative asset URLs keep it movable.
// modulePreload polyfill off: it would be one more script, and CSP allows only our files.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    // Maven builds into target/frontend (explorer-war/pom.xml); `npm run build` alone into dist/.
    outDir: process.env.EXPLORER_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0
  },
  server: {
    // `npm run dev` against a node on 9080: the admin API and the feed are proxied.
    proxy: {
      '/admin': 'http://127.0.0.1:9080',
      '/health': 'http://127.0.0.1:9080',
      '/explorer/feed': { target: 'ws://127.0.0.1:9080', ws: true }
    }
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Typing through user-event is slow on a loaded 2-core CI machine; no test waits on time.
    testTimeout: 30000
  }
})
