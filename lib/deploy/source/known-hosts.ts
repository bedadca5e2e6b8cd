import crypto from 'node:crypto';

/** One host key a service's ssh fetches trust (recorded at the first fetch from that host). */
export interface PinnedHost {
  /** As ssh writes it: `github.com`, `[127.0.0.1]:2222`, or `(hashed)` for a hashed entry. */
  host: string;
  keyType: string;
  /** As `ssh-keygen -lf` prints it: `SHA256:` and the unpadded base64 of the key's hash. */
  fingerprint: string;
}

interface Line {
  hosts: string[];
  keyType: string;
  key: string;
}

function parseLine(raw: string): Line | undefined {
  const line = raw.trim();
  if (!line || line.startsWith('#')) return undefined;
  const [hosts, keyType, key] = line.split(/\s+/);
  if (!hosts || !keyType || !key || hosts.startsWith('@')) return undefined;
  return { hosts: hosts.startsWith('|1|') ? ['(hashed)'] : hosts.split(','), keyType, key };
}

export const fingerprintOf = (base64Key: string) =>
  `SHA256:${crypto.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64').replace(/=+$/, '')}`;

/** The pinned keys of a known_hosts file, one entry per host and key. */
export function parseKnownHosts(text: string): PinnedHost[] {
  return text
    .split('\n')
    .map(parseLine)
    .filter((l): l is Line => l !== undefined)
    .flatMap((l) => l.hosts.map((host) => ({ host, keyType: l.keyType, fingerprint: fingerprintOf(l.key) })));
}

/** The file without `host`'s keys (a line naming other hosts too keeps them), and how many keys went. */
export function withoutHost(text: string, host: string): { text: string; removed: number } {
  let removed = 0;
  const kept: string[] = [];
  for (const raw of text.split('\n')) {
    const line = parseLine(raw);
    if (!line || !line.hosts.includes(host)) {
      if (raw.trim()) kept.push(raw);
      continue;
    }
    removed++;
    const others = line.hosts.filter((h) => h !== host);
    if (others.length) kept.push(`${others.join(',')} ${line.keyType} ${line.key}`);
  }
  return { text: kept.length ? `${kept.join('\n')}\n` : '', removed };
}
