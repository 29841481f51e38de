import { createRouter, createWebHistory } from 'vue-router';
import { operatorRoutes } from '@/operator/routes';
import { moduleRoutes } from './modules';

/**
 * The router with every installed module's routes (made at start, after the modules are installed) and
 * the platform operator's console under /operator (its pages load only when opened).
 */
export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes: [...moduleRoutes(), ...operatorRoutes, { path: '/:pathMatch(.*)*', redirect: '/' }],
  });
}
