// Registers the service worker (vite-plugin-pwa): the app shell is kept on
// the device so the console opens with no network after a first visit. A
// new version is offered, never forced: what is queued lives in IndexedDB
// (src/offline/) and is the same after the update.
import { registerSW } from 'virtual:pwa-register'
import { ElNotification } from 'element-plus'
import { h } from 'vue'

export function startServiceWorker() {
  if (!('serviceWorker' in navigator)) return
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      const note = ElNotification({
        title: '有新版本',
        message: h('span', ['安居已更新。待上传的记录不受影响。', h('a', {
          href: '#', 'data-test': 'take-update',
          onClick: (e) => { e.preventDefault(); note.close(); update(true) },
        }, '立即更新')]),
        duration: 0,
        type: 'info',
      })
    },
    onOfflineReady() { /* the shell is cached: nothing to tell */ },
  })
}
