import js from '@eslint/js';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import { tsImport } from 'tsx/esm/api';
import { moduleBoundaries } from './scripts/lint/module-boundaries.js';

// The modules' own declarations (requires, uses) decide which module folders may import which.
const { moduleDefinitions } = await tsImport('./packages/shared/src/modules/index.ts', import.meta.url);
const declarations = Object.fromEntries(moduleDefinitions.map((m) => [m.id, { requires: m.requires, uses: m.uses }]));

export default defineConfigWithVueTs(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/server/public/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // Fastify hooks and plugins are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    plugins: {
      roaauto: {
        rules: {
          'module-boundaries': moduleBoundaries({
            root: import.meta.dirname,
            packages: ['packages/shared', 'apps/server', 'apps/web', 'e2e', 'bench'],
            declarations,
            aliases: { '@/': 'apps/web/src/' },
          }),
        },
      },
    },
    rules: { 'roaauto/module-boundaries': 'error' },
  },
  {
    // Playwright fixtures declare their dependencies with a destructuring pattern, empty or not.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [vueTsConfigs.disableTypeChecked],
  },
);
