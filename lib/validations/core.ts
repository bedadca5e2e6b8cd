import { z } from 'zod';

/** An IPv4 address or CIDR (a.b.c.d or a.b.c.d/n). */
export function isIpv4OrCidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value.trim());
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  return octets.every((o) => o >= 0 && o <= 255) && prefix >= 0 && prefix <= 32;
}

/** A dotted-quad IPv4 address. */
export const isIpv4 = (value: string): boolean => !value.includes('/') && isIpv4OrCidr(value);

/** An IPv6 address (without zone or embedded IPv4), groups of 1–4 hex digits, `::` at most once. */
export function isIpv6(value: string): boolean {
  const v = value.trim();
  if (!/^[0-9a-fA-F:]+$/.test(v) || v.includes(':::')) return false;
  const halves = v.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.some((x) => !/^[0-9a-fA-F]{1,4}$/.test(x)))) return false;
  const n = groups.reduce((sum, g) => sum + g.length, 0);
  return halves.length === 2 ? n <= 7 : n === 8;
}

/** An IPv6 address or CIDR (fd00::1 or fd00::/8). */
export function isIpv6OrCidr(value: string): boolean {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(value.trim());
  return !!m && isIpv6(m[1]!) && (m[2] === undefined || Number(m[2]) <= 128);
}

export const isIpOrCidr = (value: string): boolean => isIpv4OrCidr(value) || isIpv6OrCidr(value);

export const firewallSchema = z
  .object({
    policy: z.enum(['none', 'allow', 'deny'], { message: 'Choose none, allow or deny' }).default('none'),
    ranges: z.array(z.string().trim().refine(isIpOrCidr, { message: 'Use an IPv4 or IPv6 address or CIDR, such as 10.0.0.0/8 or fd00::/8' })).max(100).default([]),
  })
  .refine((f) => f.policy === 'none' || f.ranges.length > 0, { path: ['ranges'], message: 'List at least one address or range' });

/** Public ports: 10–65435 (the range Zerops allows), never 80/443, which belong to the edge. */
export const publicPortSchema = z.object({
  serviceId: z.string().uuid('Choose a service'),
  publicPort: z.coerce
    .number({ message: 'Enter a port number' })
    .int('Enter a whole number')
    .min(10, 'Public ports go from 10 to 65435')
    .max(65435, 'Public ports go from 10 to 65435')
    .refine((p) => p !== 80 && p !== 443, { message: '80 and 443 are the edge’s; choose another port' }),
  internalPort: z.coerce.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp'], { message: 'Choose tcp or udp' }).default('tcp'),
  firewall: firewallSchema.default({ policy: 'none', ranges: [] }),
});
export type PublicPortInput = z.input<typeof publicPortSchema>;
export type PublicPort = z.output<typeof publicPortSchema>;
export type Firewall = z.output<typeof firewallSchema>;
