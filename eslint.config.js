import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import { tsImport } from 'tsx/esm/api';
import { moduleBoundaries } from './scripts/lint/module-boundaries.js';

// The modules' own declarations (requires, uses) decide which module folders may import which.
const { moduleDefinitions } = await tsImport('./packages/shared/src/modules/index.ts', import.meta.url);
const declarations = Object.fromEntries(moduleDefinitions.map((m) => [m.id, { requires: m.requires, uses: m.uses }]));

// The house style (README, "House style"): the layout the code is written in, checked by `npm run lint` and
// applied by `npm run format`. Every rule fixes itself but max-len, no-mixed-operators and the tab rules.
function houseStyle() {
  const options = { indent: 2, quotes: 'single', semi: true, braceStyle: '1tbs', arrowParens: true, commaDangle: 'always-multiline' };
  const base = stylistic.configs.customize({ ...options, jsx: false });
  // Long lines are capped where the code stops: lines holding a string, a template literal, a URL or a regular
  // expression are not counted (messages and SQL stay whole).
  const maxLen = { code: 180, tabWidth: 2, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true };
  const quoteProps = ['error', 'as-needed'];
  return [
    {
      ...base,
      rules: {
        ...base.rules,
        // A string holding a single quote is written in double quotes rather than escaped.
        '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
        // Object keys are quoted only when they must be (HTTP headers mix both in one object).
        '@stylistic/quote-props': quoteProps,
        // Operators start the continued line; `=` ends it (`type X =` then one `| member` per line).
        '@stylistic/operator-linebreak': ['error', 'before', { overrides: { '=': 'after' } }],
        // Continued operands are indented by `indent` and by hand (SQL built by `+`); this rule's guesses differ.
        '@stylistic/indent-binary-ops': 'off',
        // Short callbacks stay on one line (`(d) => { d.serie = 'ROB'; }`), and a chain of ternaries may read as a table.
        '@stylistic/max-statements-per-line': 'off',
        '@stylistic/multiline-ternary': 'off',
        '@stylistic/max-len': ['error', maxLen],
        '@stylistic/array-bracket-newline': ['error', 'consistent'],
        '@stylistic/object-curly-newline': ['error', { consistent: true }],
        '@stylistic/function-call-spacing': 'error',
        '@stylistic/no-extra-semi': 'error',
        '@stylistic/one-var-declaration-per-line': 'error',
        '@stylistic/semi-style': 'error',
        '@stylistic/switch-colon-spacing': 'error',
        '@stylistic/linebreak-style': 'error',
      },
    },
    {
      // The same layout inside templates (eslint-plugin-vue's formatting rules; its recommended set already
      // checks the HTML: indent, attribute quotes, closing brackets, mustache spacing).
      files: ['**/*.vue'],
      rules: {
        '@stylistic/max-len': 'off',
        'vue/max-len': ['error', { ...maxLen, template: maxLen.code, ignoreHTMLAttributeValues: true, ignoreHTMLTextContents: true }],
        'vue/array-bracket-spacing': ['error', 'never'],
        'vue/array-bracket-newline': ['error', 'consistent'],
        'vue/arrow-spacing': 'error',
        'vue/block-spacing': 'error',
        'vue/brace-style': ['error', '1tbs', { allowSingleLine: true }],
        'vue/comma-dangle': ['error', 'always-multiline'],
        'vue/comma-spacing': 'error',
        'vue/comma-style': 'error',
        'vue/dot-location': ['error', 'property'],
        'vue/func-call-spacing': 'error',
        'vue/key-spacing': 'error',
        'vue/keyword-spacing': 'error',
        'vue/object-curly-spacing': ['error', 'always'],
        'vue/object-curly-newline': ['error', { consistent: true }],
        'vue/operator-linebreak': ['error', 'before'],
        'vue/quote-props': quoteProps,
        'vue/space-in-parens': 'error',
        'vue/space-infix-ops': 'error',
        'vue/space-unary-ops': 'error',
        'vue/template-curly-spacing': 'error',
        'vue/html-comment-content-spacing': 'error',
        'vue/block-tag-newline': 'error',
        'vue/padding-line-between-blocks': 'error',
      },
    },
  ];
}

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
  ...houseStyle(),
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
