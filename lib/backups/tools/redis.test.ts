import { describe, expect, it } from 'vitest';
import { infoField, keyCount } from './redis';

describe('INFO parsing', () => {
  it('sums the keys of every database', () => {
    expect(keyCount('# Keyspace\r\ndb0:keys=3000,expires=0,avg_ttl=0\r\ndb1:keys=4,expires=1,avg_ttl=9\r\n')).toBe(3004);
    expect(keyCount('# Keyspace\r\n')).toBe(0);
  });
  it('reads one field', () => {
    const info = '# Replication\r\nrole:slave\r\nmaster_link_status:up\r\nmaster_sync_in_progress:0\r\n';
    expect(infoField(info, 'master_link_status')).toBe('up');
    expect(infoField(info, 'master_sync_in_progress')).toBe('0');
    expect(infoField(info, 'missing')).toBeUndefined();
  });
});
