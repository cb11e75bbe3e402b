import { describe, expect, it } from '@jest/globals';
import { runBuilt } from './support/engine-process.js';
import { tempDataDir } from './support/store-targets.js';

// The built programs, as an operator starts them, with a bad environment: one message naming every
// bad value, no stack trace, a non-zero exit, and no secret repeated.
const BAD_ENV = {
  PORT: 'eighty',
  SALES_CURRENCY: 'XYZ123',
  SALES_PROJECTORS: 'sometimes',
  SALES_API_KEYS: 'ops:root:sk_do_not_print_me',
  SALES_WEBHOOK_HOSTS: 'https://hooks.internal/x',
  SALES_WEBHOOK_TIMEOUT_MS: 'ten seconds',
  METRICS_PORT: '99999',
};

describe.each([
  ['the API', 'dist/apps/api/src/main.js', []],
  ['the projector worker', 'dist/apps/projector/src/main.js', []],
  ['the CLI', 'dist/apps/cli/src/main.js', ['projections', 'status']],
])('%s refuses a bad environment', (_name, program, args) => {
  it('names every bad value, prints no stack trace and exits non-zero', async () => {
    const data = tempDataDir();
    try {
      const { code, stdout, stderr } = await runBuilt(program, args, {
        ...BAD_ENV,
        SALES_DATA_DIR: data.dir,
      });
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^invalid configuration:\n/);
      for (const name of Object.keys(BAD_ENV)) expect(stderr).toContain(`  - ${name} `);
      expect(stderr).toContain('(got "XYZ123")');
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stderr).not.toContain('sk_do_not_print_me');
    } finally {
      data.remove();
    }
  });
});
