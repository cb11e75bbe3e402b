import tseslint from 'typescript-eslint';

// Apps import libs, never each other; libs never import apps. A path that names apps/ (or climbs
// out of one app into a sibling, ../../cli/src/…) is refused. libs/domain's own rule below says the same.
const APPS = ['api', 'cli', 'projector', 'dashboard'];
const appBoundaries = APPS.map((app) => {
  const others = APPS.filter((other) => other !== app).join('|');
  return {
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)apps/(?!${app}/)|^(\\.\\./)+(${others})/src/`,
              message: `apps/${app} imports libs (@sales/…), never another app.`,
            },
          ],
        },
      ],
    },
  };
});

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
  ...appBoundaries,
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)apps/', message: 'libs never import apps.' },
            { group: ['@nestjs/*'], message: 'libs are framework-free: Nest wrappers live in the apps.' },
          ],
        },
      ],
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
