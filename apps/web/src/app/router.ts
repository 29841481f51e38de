import { createRouter, createWebHistory } from 'vue-router';
import { coreRoutes } from '../modules/core';

export const router = createRouter({
  history: createWebHistory(),
  routes: [...coreRoutes],
});
