import { describe, expect, it } from 'vitest';
import { allowedFileUrl } from './integration.inbound.js';

describe('links of files pushed by the portal', () => {
  const hosts = ['files.dichvucong.gov.vn', '127.0.0.1:8090'];
  it('are fetched only from the listed hosts, over http(s), without credentials', () => {
    expect(allowedFileUrl('https://files.dichvucong.gov.vn/tep/1.pdf', hosts)?.pathname).toBe('/tep/1.pdf');
    expect(allowedFileUrl('http://127.0.0.1:8090/_sim/files/a', hosts)).not.toBeNull();
    expect(allowedFileUrl('http://127.0.0.1:8091/_sim/files/a', hosts)).toBeNull();
    expect(allowedFileUrl('http://169.254.169.254/latest/meta-data', hosts)).toBeNull();
    expect(allowedFileUrl('https://files.dichvucong.gov.vn.attacker.example/x', hosts)).toBeNull();
    expect(allowedFileUrl('https://user:pw@files.dichvucong.gov.vn/x', hosts)).toBeNull();
    expect(allowedFileUrl('file:///etc/passwd', hosts)).toBeNull();
    expect(allowedFileUrl('không phải URL', hosts)).toBeNull();
  });
});
