import { describe, expect, it } from 'vitest';
import { fingerprintOf, parseKnownHosts, withoutHost } from './known-hosts';

// A real ed25519 public key body; `ssh-keygen -lf` prints the fingerprint below for it.
const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIN5qqundh6I+TxTtZ5HM3ec39FmtjiQ0KCANpt0A7mUJ';
const FINGERPRINT = 'SHA256:tNsuL5x6y+Pu0tEkb2PFYVOA2aNU700295u3vbTclwk';
const file = [
  '# a comment',
  `[127.0.0.1]:2222 ssh-ed25519 ${KEY}`,
  `github.com,140.82.121.4 ssh-ed25519 ${KEY}`,
  `|1|abc=|def= ssh-rsa ${KEY}`,
  '',
].join('\n');

describe('known_hosts of a service', () => {
  it('lists each pinned host with its key type and SHA256 fingerprint', () => {
    expect(fingerprintOf(KEY)).toBe(FINGERPRINT);
    expect(parseKnownHosts(file)).toEqual([
      { host: '[127.0.0.1]:2222', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(KEY) },
      { host: 'github.com', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(KEY) },
      { host: '140.82.121.4', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(KEY) },
      { host: '(hashed)', keyType: 'ssh-rsa', fingerprint: fingerprintOf(KEY) },
    ]);
  });

  it('forgets one host: its own line goes, a shared line keeps the other names, the rest stays', () => {
    const a = withoutHost(file, '[127.0.0.1]:2222');
    expect(a.removed).toBe(1);
    expect(parseKnownHosts(a.text).map((h) => h.host)).toEqual(['github.com', '140.82.121.4', '(hashed)']);
    const b = withoutHost(a.text, 'github.com');
    expect(b.removed).toBe(1);
    expect(b.text).toContain(`140.82.121.4 ssh-ed25519 ${KEY}\n`);
    expect(withoutHost(b.text, 'gitlab.com').removed).toBe(0);
    expect(withoutHost(`x ssh-ed25519 ${KEY}\n`, 'x')).toEqual({ text: '', removed: 1 });
  });
});
