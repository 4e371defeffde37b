import { createApp } from 'vue'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'leaflet/dist/leaflet.css'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'
import { startServiceWorker } from './pwa.js'

createApp(App).use(router).mount('#app')
startServiceWorker()
