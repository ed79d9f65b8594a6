import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_SIGNING_PASSPHRASE, loadConfig, renderConfigurationDoc } from './config.js';

/** A key for the production cases (SECRETS_KEY is required there). */
const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('runs on defaults with the embedded database', () => {
    const config = loadConfig({});
    expect(config.databaseEngine).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.seedOnStart).toBe(true);
  });

  it('derives the public address from HOST and PORT outside production when PUBLIC_URL is unset', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3350' }).publicUrl).toBe('http://localhost:3350');
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).publicUrl).toBe('http://[::1]:8080');
    expect(loadConfig({ PORT: '3350', PUBLIC_URL: 'https://dvc.example.gov.vn' }).publicUrl).toBe('https://dvc.example.gov.vn');
  });

  it('national portal sync: off without DVCQG_BASE_URL; in production it needs a real account and a file-link secret', () => {
    expect(loadConfig({}).dvcqgBaseUrl).toBeUndefined();
    expect(loadConfig({ DOSSIER_RECEIVING_UNIT_CODE: '000.00.02.G99' }).dvcqgAgencyCode).toBe('000.00.02.G99');
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://dvc.example.gov.vn', DATABASE_URL: 'postgres://x@db/opendvc', SIGNING_PKCS12_PASSPHRASE: 'a-real-passphrase-1', SECRETS_KEY, DVCQG_BASE_URL: 'https://lgsp.example.gov.vn/forward' };
    let error: unknown;
    try {
      loadConfig(production);
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['DVCQG_USERNAME, DVCQG_PASSWORD', 'DVCQG_FILE_LINK_SECRET']);
    expect(loadConfig({ ...production, DVCQG_USERNAME: 'bo-tnmt', DVCQG_PASSWORD: 'mat-khau-that', DVCQG_FILE_LINK_SECRET: 'x'.repeat(32) }).dvcqgUsername).toBe('bo-tnmt');
    expect(() => loadConfig({ DVCQG_TLS_CERT_FILE: '/etc/cert.pem' })).toThrow(/DVCQG_TLS_KEY_FILE/);
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
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://dvc.example.gov.vn', SIGNING_PKCS12_PASSPHRASE: 'a-real-secret', SECRETS_KEY }).seedOnStart).toBe(false);
  });

  it('keeps the signing keystore in DATA_DIR with a demo passphrase and demo PKI, never in production', () => {
    const dev = loadConfig({ DATA_DIR: '/srv/opendvc' });
    expect(dev.signingKeystoreDir).toBe('/srv/opendvc/signing');
    expect(dev.signingPkcs12Passphrase).toBe(DEMO_SIGNING_PASSPHRASE);
    expect(dev.signingDemoPki).toBe(true);
    expect(loadConfig({ SIGNING_KEYSTORE_DIR: '/etc/opendvc/keys', SIGNING_DEMO_PKI: 'false' })).toMatchObject({ signingKeystoreDir: '/etc/opendvc/keys', signingDemoPki: false });

    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://dvc.example.gov.vn', SECRETS_KEY };
    expect(() => loadConfig(production)).toThrow(/SIGNING_PKCS12_PASSPHRASE: bắt buộc/);
    expect(() => loadConfig({ ...production, SIGNING_PKCS12_PASSPHRASE: DEMO_SIGNING_PASSPHRASE })).toThrow(/SIGNING_PKCS12_PASSPHRASE: không được dùng mật khẩu mẫu/);
    expect(() => loadConfig({ ...production, SIGNING_PKCS12_PASSPHRASE: 'a-real-secret', SIGNING_DEMO_PKI: 'true' })).toThrow(/SIGNING_DEMO_PKI/);
    expect(loadConfig({ ...production, SIGNING_PKCS12_PASSPHRASE: 'a-real-secret' }).signingDemoPki).toBe(false);
  });

  it('documents every variable', () => {
    const doc = renderConfigurationDoc();
    for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'PUBLIC_URL', 'LOG_LEVEL']) expect(doc).toContain(`\`${name}\``);
  });
});
