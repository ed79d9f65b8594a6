import { describe, expect, it } from 'vitest';
import { componentUploadPolicy } from './dossiers.models.js';

describe('upload limits of a component', () => {
  it('uses the component\'s own size and types, else the configured size and PDF/JPEG/PNG', () => {
    expect(componentUploadPolicy({ maxSizeMb: null, acceptedTypes: null }, 10_485_760)).toEqual({ maxBytes: 10_485_760, allowedTypes: ['application/pdf', 'image/jpeg', 'image/png'] });
    expect(componentUploadPolicy({ maxSizeMb: 5, acceptedTypes: ['image/jpeg', 'application/pdf'] }, 10_485_760)).toEqual({ maxBytes: 5_242_880, allowedTypes: ['image/jpeg', 'application/pdf'] });
    expect(componentUploadPolicy({ maxSizeMb: 2.5, acceptedTypes: null }, 1024).maxBytes).toBe(2_621_440);
  });
});
