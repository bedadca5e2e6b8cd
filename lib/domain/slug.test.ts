import { describe, expect, it } from 'vitest';
import { subdomainHost } from '@/lib/core/render';
import { MAX_SLUG, slugify } from './projects';

describe('project slugs', () => {
  it('keep the longest subdomain label (25-character hostname) within 63 characters', () => {
    const slug = slugify('A very long project name that goes on and on and on, well past any sensible length');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(slug).not.toMatch(/^-|-$/);
    const label = subdomainHost('a'.repeat(25), `${slugify('x'.repeat(80), MAX_SLUG - 6)}-abcde`, 'localhost').split('.')[0]!;
    expect(label.length).toBeLessThanOrEqual(63);
    expect(subdomainHost('a'.repeat(25), slug, 'localhost').split('.')[0]!.length).toBeLessThanOrEqual(63);
    expect(slugify('Shop -- Prod!')).toBe('shop-prod');
  });
});
