// Builds the console into web/dist, which `anju serve` serves. Element Plus
// components and their styles are imported on demand (only what the pages
// use); nothing is loaded from a CDN: the deployment networks are closed.
// vite-plugin-pwa (Workbox) writes the service worker that keeps the app
// shell on the phone, so the console opens with no signal (issue 24).
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    VitePWA({
      // A new version waits until the user takes it (src/pwa.js): a page is
      // never reloaded under a form being filled; the outbox is in
      // IndexedDB and outlives any version.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: '安居 · 农村住房安全回头看',
        short_name: '安居',
        description: '农村住房安全排查：外业核实、鉴定与台账',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#2f6f4f',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Every page of the app opens from the cached shell; the API is
        // never cached by the worker (the field copy lives in IndexedDB).
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts'
          if (id.includes('node_modules/leaflet')) return 'map'
          if (id.includes('node_modules/element-plus')) return 'ui'
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
