import { createRouter, createWebHistory } from 'vue-router';
import { moduleRoutes } from './modules';

export const router = createRouter({
  history: createWebHistory(),
  routes: [...moduleRoutes(), { path: '/:pathMatch(.*)*', redirect: '/' }],
});
