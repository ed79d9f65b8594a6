import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, renderConfigurationDoc } from './config.js';

describe('loadConfig', () => {
  it('runs on defaults with the embedded database', () => {
    const config = loadConfig({});
    expect(config.databaseEngine).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.seedOnStart).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('LOG_LEVEL');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('refuses a production start without the required values', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL[\s\S]*PUBLIC_URL|PUBLIC_URL[\s\S]*DATABASE_URL/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://dvc.example.gov.vn' }).seedOnStart).toBe(false);
  });

  it('documents every variable', () => {
    const doc = renderConfigurationDoc();
    for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'PUBLIC_URL', 'LOG_LEVEL']) expect(doc).toContain(`\`${name}\``);
  });
});
