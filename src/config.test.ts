import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, ROLES } from './config.ts';

describe('loadConfig', () => {
  it('has the defaults of DESIGN §6', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      eventBus: 'memory',
      daprHttpPort: 3500,
      daprPubsub: 'pubsub',
      roles: [...ROLES],
    });
  });

  it('parses roles, brokers and optional URLs', () => {
    const config = loadConfig({
      ROLES: 'api, relay',
      KAFKA_BROKERS: 'a:1,b:2',
      DATABASE_URL: 'postgres://x/y',
      SMTP_URL: '',
    });
    expect(config.roles).toEqual(['api', 'relay']);
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.databaseUrl).toBe('postgres://x/y');
    expect(config.smtpUrl).toBeUndefined();
  });

  it('fails fast naming every bad variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', ROLES: 'api,chef', EVENT_BUS: 'pigeon', DATABASE_URL: 'mysql://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', ROLES: 'api,chef', AUTH_SECRET: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/unknown role\(s\) chef/);
      expect((error as Error).message).toMatch(/AUTH_SECRET/);
    }
  });
});
