import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { registerSW } from 'virtual:pwa-register';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './style.css';

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app');

// The service worker precaches the app shell so the next visit starts without the server.
registerSW({ immediate: true });
