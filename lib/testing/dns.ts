import type { DomainResolver } from '@/lib/core/domain-proof';

/** A resolver that answers only what the test set: names pointed at addresses, TXT records. */
export function testResolver(): DomainResolver & { point(name: string, address: string): void; setTxt(name: string, value: string): void } {
  const a = new Map<string, string[]>();
  const t = new Map<string, string[]>();
  return {
    addresses: async (name) => a.get(name) ?? [],
    txt: async (name) => t.get(name) ?? [],
    point: (name, address) => a.set(name, [...(a.get(name) ?? []), address]),
    setTxt: (name, value) => t.set(name, [...(t.get(name) ?? []), value]),
  };
}
