import fs from 'node:fs';
import path from 'node:path';

/**
 * The Debian mirror the host's apt already uses (the only one reachable here), read from
 * /etc/apt/sources.list (one-line format) and /etc/apt/sources.list.d/*.{list,sources} (deb822).
 * mmdebstrap gets it explicitly, so the base never depends on mmdebstrap's default mirror.
 */
export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

export function parseOneLine(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line.startsWith('deb ')) continue;
    const parts = line
      .slice(4)
      .replace(/\[[^\]]*\]/, '')
      .trim()
      .split(/\s+/);
    const [uri, suite, ...components] = parts;
    if (uri && suite) out.push({ uri, suites: [suite], components });
  }
  return out;
}

export function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const raw of stanza.split('\n')) {
      if (raw.trimStart().startsWith('#')) continue;
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(raw);
      if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    const types = (fields.get('types') ?? '').split(/\s+/);
    if (!types.includes('deb') || fields.get('enabled') === 'no') continue;
    const suites = (fields.get('suites') ?? '').split(/\s+/).filter(Boolean);
    const components = (fields.get('components') ?? '').split(/\s+/).filter(Boolean);
    for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean))
      out.push({ uri, suites, components });
  }
  return out;
}

export function hostAptSources(root = '/etc/apt'): AptSource[] {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const sources = parseOneLine(read(path.join(root, 'sources.list')));
  const dir = path.join(root, 'sources.list.d');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  for (const f of files) {
    if (f.endsWith('.list')) sources.push(...parseOneLine(read(path.join(dir, f))));
    else if (f.endsWith('.sources')) sources.push(...parseDeb822(read(path.join(dir, f))));
  }
  return sources;
}

/** The host's mirror serving `suite` with component main; throws with what it found otherwise. */
export function hostMirror(suite: string, sources = hostAptSources()): string {
  const match = sources.find((s) => s.suites.includes(suite) && s.components.includes('main'));
  if (!match) {
    const seen = sources.map((s) => `${s.uri} ${s.suites.join(',')}`).join('; ') || 'none';
    throw new Error(
      `no apt source for Debian ${suite} main in /etc/apt (found: ${seen}); the local image set is bootstrapped from the host's mirror`,
    );
  }
  return match.uri.replace(/\/+$/, '');
}
