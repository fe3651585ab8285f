// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Section 1 of the style guide: a folder imports only from folders earlier in this list. */
const LAYERS = ['lib', 'config', 'embedded', 'crawler|classifier|db', 'jobs', 'api', 'app'];

function layerRules(index) {
  const later = LAYERS.slice(index + 1).flatMap((layer) => layer.split('|'));
  const siblings = LAYERS[index].split('|');
  const forbidden = [...later, ...(siblings.length > 1 ? siblings : [])];
  return forbidden.map((folder) => ({
    group: [`../${folder}/*`, `../../${folder}/*`, `../../../${folder}/*`],
    message: `imports go lib → config → embedded → crawler/classifier/db → jobs → api → app; not into ${folder}/ from here`,
    allowTypeImports: true,
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'embedded/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'named exports only' }],
    },
  },
  ...LAYERS.flatMap((layer, index) =>
    layer.split('|').map((folder) => ({
      files: [`${folder}/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerRules(index) }] },
    })),
  ),
  {
    // Only config/ reads the environment.
    files: ['lib/**/*.ts', 'embedded/**/*.ts', 'crawler/**/*.ts', 'classifier/**/*.ts', 'db/**/*.ts', 'jobs/**/*.ts', 'api/**/*.ts', 'app/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through config/' }],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
