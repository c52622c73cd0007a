// Lint: typescript-eslint's recommended rules, the size limits of the style guide, and the direction of the layers.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

// The layers, bottom first (docs/architecture.md). A module may import from its own layer and the ones below it.
const LAYERS = [
  { name: 'domain', paths: ['./src/domain'] },
  { name: 'shared words', paths: ['./src/i18n.ts', './src/settings.ts'] },
  { name: 'access rules', paths: ['./access'] },
  { name: 'services', paths: ['./src/services', './src/seed/demo.ts', './src/seed/reference.ts', './src/seed/pdf.ts'] },
  {
    name: 'hooks, endpoints, plugins, admin components',
    paths: ['./hooks', './src/endpoints', './plugins', './src/components'],
  },
  { name: 'collections', paths: ['./collections'] },
  { name: 'config', paths: ['./payload.config.ts'] },
]

// Each layer may not import anything from the layers above it (the runtime, src/app and scripts are the top).
const TOP = [
  './src/runtime',
  './src/server.ts',
  './src/worker.ts',
  './src/start.ts',
  './src/build.ts',
  './src/seed/cli.ts',
]
const layerZones = LAYERS.flatMap((layer, index) => {
  const above = [...LAYERS.slice(index + 1).flatMap((l) => l.paths), ...TOP]
  return layer.paths.map((target) => ({
    target,
    from: above,
    message: `"${layer.name}" may not import upwards (docs/architecture.md, "The one rule").`,
  }))
})

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      'src/payload-types.ts',
      'migrations/**',
      'src/app/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The ingestion plugin gets what it needs from its host through its options; it imports only types from the host.
    files: ['plugins/mqtt-ingest/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*', '../../../*'],
              allowTypeImports: true,
              message:
                'plugins/mqtt-ingest takes what it needs from the host through its options (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // A test file's describe() holds its cases: the function limit is for product code.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      // Tests and scripts read JSON answers whose shape the next line asserts; typing each one would add nothing.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  prettier,
)
