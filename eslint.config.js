import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test/**/bin/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': 'off',
    },
  },
  {
    // The domain is pure: no framework, no adapters, no apps, no I/O.
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@sales/*',
                '**/apps/**',
                'node:*',
                'fs',
                'path',
                'http',
                'crypto',
                'better-sqlite3',
                'mongodb',
                '@eventstore/*',
                'class-validator',
                'class-transformer',
              ],
              message: 'libs/domain must stay pure: no framework, adapter, app or I/O imports.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time enters on the command; the domain never reads the clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time enters on the command; the domain never reads the clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Deciders are deterministic.',
        },
      ],
    },
  },
  {
    // Specs may use the given/when/then helpers; everything else the purity rule forbids still applies.
    files: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@sales/!(testing)',
                '**/apps/**',
                'node:*',
                'better-sqlite3',
                'mongodb',
                '@eventstore/*',
              ],
              message: 'domain specs may import @sales/testing only',
            },
          ],
        },
      ],
    },
  },
);
