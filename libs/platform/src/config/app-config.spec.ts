import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BACKOFF } from '@sales/feed';
import { loadWebhookConfig } from '../webhooks/webhook-config.js';
import { ConfigError, loadConfig } from './app-config.js';

const errorOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration from the environment', () => {
  it('takes the defaults when nothing is set, or set empty', () => {
    for (const env of [{}, { PORT: '', SALES_CURRENCY: '', SALES_PROJECTORS: '' }]) {
      const config = loadConfig(env);
      expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', currency: 'CNY', projectors: 'inline' });
      expect(config.apiKeys).toBeNull();
    }
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      EVENTSTORE_URL: 'esdb+discover://n1:2113,n2:2113?tls=true',
      MONGODB_URL: 'mongodb://u:p@db:27017/?replicaSet=rs0',
      MONGODB_DB: 'sales_eu',
      SALES_CURRENCY: 'EUR',
      SALES_API_KEYS: 'svc:service:s3cr:et, ana:analyst:k2',
      SALES_PROJECTORS: 'external',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      mongodbDb: 'sales_eu',
      currency: 'EUR',
      projectors: 'external',
      apiKeys: [
        { name: 'svc', role: 'service', secret: 's3cr:et' },
        { name: 'ana', role: 'analyst', secret: 'k2' },
      ],
    });
  });

  it('names every bad value in one message', () => {
    const error = errorOf({
      PORT: 'eighty',
      SALES_CURRENCY: 'XYZ123',
      SALES_PROJECTORS: 'sometimes',
      SALES_RATE_LIMIT_PER_MINUTE: '-5',
      SALES_CORS_ORIGINS: '*',
      EVENTSTORE_URL: 'http://esdb:2113',
      MONGODB_DB: 'a.b',
      LOG_LEVEL: 'loud',
      SALES_WEBHOOK_HOSTS: 'https://hooks.internal/path',
      SALES_WEBHOOK_TIMEOUT_MS: '10s',
      SALES_WEBHOOK_BACKOFF_MAX_MS: '0',
      SALES_WEBHOOK_POLL_MS: '2.5',
      METRICS_PORT: '0',
    });
    expect(error).toBeInstanceOf(ConfigError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    for (const name of [
      'PORT',
      'SALES_CURRENCY',
      'SALES_PROJECTORS',
      'SALES_RATE_LIMIT_PER_MINUTE',
      'SALES_CORS_ORIGINS',
      'EVENTSTORE_URL',
      'MONGODB_DB',
      'LOG_LEVEL',
      'SALES_WEBHOOK_HOSTS',
      'SALES_WEBHOOK_TIMEOUT_MS',
      'SALES_WEBHOOK_BACKOFF_MAX_MS',
      'SALES_WEBHOOK_POLL_MS',
      'METRICS_PORT',
    ])
      expect(lines.filter((l) => l.startsWith(`  - ${name} `))).toHaveLength(1);
    expect(error.message).toContain('SALES_CURRENCY must be an ISO 4217 currency code');
    expect(error.message).toContain('(got "XYZ123")');
  });

  it.each(['XYZ', 'eur', 'EURO', 'US$'])('refuses the currency %s', (currency) => {
    expect(errorOf({ SALES_CURRENCY: currency }).message).toContain('SALES_CURRENCY');
  });

  it.each(['70000', '1.5', '-1'])('refuses the port %s', (port) => {
    expect(errorOf({ PORT: port }).message).toContain('PORT must be a whole number 0–65535');
  });

  it('never repeats a value that may hold a secret', () => {
    const error = errorOf({
      SALES_API_KEYS: 'ok:admin:sk_first_secret,broken:root:sk_second_secret',
      MONGODB_URL: 'mongo://user:hunter2@db',
    });
    expect(error.message).toContain('SALES_API_KEYS must be name:role:secret');
    expect(error.message).toContain('entry 2 is not');
    expect(error.message).toContain('MONGODB_URL must be a mongodb://');
    for (const secret of ['sk_first_secret', 'sk_second_secret', 'hunter2'])
      expect(error.message).not.toContain(secret);
  });

  it('reads the webhook variables and the worker metrics port, or takes their defaults', () => {
    expect(loadWebhookConfig({})).toEqual({
      hosts: new Set(),
      backoff: DEFAULT_BACKOFF,
      timeoutMs: 10_000,
      pollMs: 2_000,
    });
    expect(loadConfig({}).metricsPort).toBeNull();
    const env = {
      SALES_WEBHOOK_HOSTS: 'Hooks.Internal, 10.0.0.5:8443,[::1]:9000',
      SALES_WEBHOOK_TIMEOUT_MS: '2500',
      SALES_WEBHOOK_BACKOFF_MAX_MS: '60000',
      SALES_WEBHOOK_POLL_MS: '500',
      METRICS_PORT: '9464',
    };
    expect(loadWebhookConfig(env)).toEqual({
      hosts: new Set(['hooks.internal', '10.0.0.5:8443', '[::1]:9000']),
      backoff: { initialMs: DEFAULT_BACKOFF.initialMs, maxMs: 60_000 },
      timeoutMs: 2_500,
      pollMs: 500,
    });
    expect(loadConfig(env).metricsPort).toBe(9464);
  });

  it.each(['*.internal', 'hooks.internal/x', 'http://hooks.internal', 'a b', 'hooks.internal:'])(
    'refuses the webhook host list %s',
    (hosts) => {
      expect(errorOf({ SALES_WEBHOOK_HOSTS: `ok.internal,${hosts}` }).message).toContain(
        'SALES_WEBHOOK_HOSTS must be comma-separated hosts or host:port',
      );
    },
  );

  it.each(['0', '-5', '1.5', 'soon', '86400001'])('refuses the webhook timeout %s', (ms) => {
    expect(() => loadWebhookConfig({ SALES_WEBHOOK_TIMEOUT_MS: ms })).toThrow(
      /SALES_WEBHOOK_TIMEOUT_MS must be a positive whole number of milliseconds/,
    );
  });
});
