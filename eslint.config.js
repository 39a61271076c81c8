// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.native/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The renderer is an untrusted web page: no Node, no main-process code, and only types from the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', 'node:*', 'electron'], message: 'The renderer may not import main-process code, Node or Electron.' },
            { group: ['**/preload/**', '!**/preload/contract', '!**/preload/contract/**'], message: 'The renderer reaches the core only through window.liaison.' },
            { group: ['**/preload/contract', '**/preload/contract/**'], allowTypeImports: true, message: 'Import only types from the contract.' },
          ],
        },
      ],
    },
  },
  {
    // Text from feeds and notes is rendered as React elements, never parsed as HTML (tests may build DOM fixtures).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render untrusted text as React elements, never as HTML.' },
        { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Render untrusted text as React elements, never as HTML.' },
      ],
    },
  },
  {
    // The domain core runs under plain Node, in tests, the CLI and the app alike.
    files: ['main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'main/core never imports electron.' },
            { group: ['**/preload/**', '**/ipc/**', '**/host/**', '**/cli/**', '**/app/**'], message: 'main/core depends on nothing above it.' },
          ],
        },
      ],
    },
  },
);
