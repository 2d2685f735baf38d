import { describe, expect, it } from 'vitest';
import { SettingsError, readSettings } from './config.ts';

describe('readSettings', () => {
  it('has the documented defaults', () => {
    const settings = readSettings({});
    expect(settings).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      demo: true,
      logLevel: 'info',
      sessionCacheSeconds: 5,
      boardMaxAgeMs: 1_000,
      sqliteSynchronous: 'full',
    });
    expect(settings.dataDir.endsWith('data')).toBe(true);
  });

  it('reads every variable', () => {
    const settings = readSettings({
      PORT: '8080',
      HOST: '127.0.0.1',
      DUTYDESK_DATA_DIR: '/tmp/dd',
      DATABASE_URL: 'postgres://u:p@localhost/db',
      DUTYDESK_LOG_LEVEL: 'warn',
      DUTYDESK_DEMO: '0',
      DUTYDESK_DEMO_PASSWORD: 'another-pass',
      DUTYDESK_SESSION_CACHE_SECONDS: '0',
      DUTYDESK_BOARD_MAX_AGE_MS: '250',
      DUTYDESK_SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    expect(settings).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/tmp/dd',
      databaseUrl: 'postgres://u:p@localhost/db',
      logLevel: 'warn',
      demo: false,
      demoPassword: 'another-pass',
      sessionCacheSeconds: 0,
      boardMaxAgeMs: 250,
      sqliteSynchronous: 'normal',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => readSettings({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => readSettings({ DATABASE_URL: 'mysql://x' })).toThrow(SettingsError);
    expect(() => readSettings({ DUTYDESK_LOG_LEVEL: 'loud' })).toThrow(/DUTYDESK_LOG_LEVEL/);
    expect(() => readSettings({ DUTYDESK_SQLITE_SYNCHRONOUS: 'off' })).toThrow(
      /DUTYDESK_SQLITE_SYNCHRONOUS/,
    );
    expect(() => readSettings({ DUTYDESK_SESSION_CACHE_SECONDS: '600' })).toThrow(
      /DUTYDESK_SESSION_CACHE_SECONDS/,
    );
    expect(() => readSettings({ DUTYDESK_DEMO_PASSWORD: 'short' })).toThrow(
      /DUTYDESK_DEMO_PASSWORD/,
    );
  });
});
