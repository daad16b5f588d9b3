import { describe, expect, it } from 'vitest';
import { SERVICE_ALIASES, normaliseService } from '@/lib/blueprints/search';
import { AWS_SERVICES } from './schema';

describe('catalog service aliases', () => {
  it('are keyed by services blueprints may list, so none is dead', () => {
    const catalogServices = new Set(AWS_SERVICES.map((s) => s.toLowerCase().replace(/^(amazon|aws)\s+/, '')));
    expect(Object.keys(SERVICE_ALIASES).filter((key) => !catalogServices.has(key))).toEqual([]);
  });

  it('leave every service its own name', () => {
    for (const service of AWS_SERVICES) expect(normaliseService(service), service).toBe(service.toLowerCase().replace(/^(amazon|aws)\s+/, ''));
  });
});
