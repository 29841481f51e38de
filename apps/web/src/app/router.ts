import { createRouter, createWebHistory } from 'vue-router';
import { moduleRoutes } from './modules';

/** The router with every installed module's routes (made at start, after the modules are installed). */
export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes: [...moduleRoutes(), { path: '/:pathMatch(.*)*', redirect: '/' }],
  });
}
