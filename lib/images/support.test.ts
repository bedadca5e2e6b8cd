import { describe, expect, it } from 'vitest';
import { localImageSupport } from './support';

describe('local image support notes', () => {
  it('names the Debian suite and its support, or the registry binary', () => {
    expect(localImageSupport('berth/postgresql:15')).toMatch(/^Debian 12 \(bookworm\), LTS support until June 2028$/);
    expect(localImageSupport('berth/postgresql:17')).toMatch(/^Debian 13 \(trixie\), security support/);
    expect(localImageSupport('berth/postgresql:18')).toMatch(/no security support/);
    expect(localImageSupport('berth/bun:1')).toMatch(/^official binary \(@oven\/bun-linux-x64@1\.\d+\.\d+\) on Debian 12 \(bookworm\)$/);
    expect(localImageSupport('berth/unknown:1')).toBeUndefined();
  });
});
