import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { registerSW } from 'virtual:pwa-register';
import App from './App.vue';
import { useDatabase } from './database';
import { i18n } from './i18n';
import { router } from './router';
import './style.css';

const app = createApp(App).use(createPinia()).use(router).use(i18n);
app.mount('#app');
document.documentElement.lang = i18n.global.locale.value;

// The local database opens at once; every page reads from it, with or without the network.
void useDatabase().open();

// The service worker precaches the app shell so the next visit starts without the server.
registerSW({ immediate: true });
