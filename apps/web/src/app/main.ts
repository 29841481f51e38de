import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { registerSW } from 'virtual:pwa-register';
import { webModules } from '@/modules';
import App from './App.vue';
import { useDatabase } from './database';
import { i18n, loadMessages } from './i18n';
import { installModules } from './modules';
import { createAppRouter } from './router';
import './style.css';

// The list file is read here and nowhere else in the shell: routes, navigation, texts and hooks come from it.
installModules(webModules);
loadMessages();

const app = createApp(App).use(createPinia()).use(createAppRouter()).use(i18n);
app.mount('#app');
document.documentElement.lang = i18n.global.locale.value;

// The local database opens at once; every page reads from it, with or without the network. The
// operator's console works on the server only and opens no company's data.
if (!/^\/operator(\/|$)/.test(location.pathname)) void useDatabase().open();

// The service worker precaches the app shell so the next visit starts without the server.
registerSW({ immediate: true });
