import { describe, expect, it } from 'vitest';
import { getCatalogEntry } from '.';
import { capabilitiesOf } from './capabilities';

describe('type capabilities', () => {
  it('runtimes take user ports, a custom HTTP port, several containers and shared storage', () => {
    for (const type of ['nodejs', 'python', 'go', 'php-nginx']) {
      expect(capabilitiesOf(getCatalogEntry(type)), type).toEqual({ userPorts: true, customHttpPort: true, horizontalScaling: true, mountsSharedStorage: true, sharedStorage: false });
    }
  });
  it('managed databases listen on their own ports only and run a fixed topology', () => {
    expect(capabilitiesOf(getCatalogEntry('postgresql'))).toEqual({ userPorts: false, customHttpPort: false, horizontalScaling: false, mountsSharedStorage: false, sharedStorage: false });
  });
  it('the Linux container takes user ports but no HTTP port setting; static servers mount storage; shared storage is one', () => {
    expect(capabilitiesOf(getCatalogEntry('debian'))).toMatchObject({ userPorts: true, customHttpPort: false });
    expect(capabilitiesOf(getCatalogEntry('static'))).toMatchObject({ userPorts: false, mountsSharedStorage: true });
    expect(capabilitiesOf(getCatalogEntry('shared-storage')).sharedStorage).toBe(true);
  });
});
