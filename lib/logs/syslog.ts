import dgram from 'node:dgram';
import os from 'node:os';
import { z } from 'zod';

export const logForwardSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'Enter a host')
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'Use a host name or IPv4 address'),
  port: z.coerce.number().int('Enter a whole number').min(1, 'Use a port from 1 to 65535').max(65535, 'Use a port from 1 to 65535'),
  /** Admins only: allow an address on this machine (loopback, link-local, own interfaces). */
  allowLocal: z.boolean().optional(),
});
/** A forwarding target as stored: the name the user gave and the address it resolved to when set. */
export type LogForward = z.infer<typeof logForwardSchema> & { address?: string };

/** One RFC 5424 message (facility user, severity info for stdout and error for stderr). */
export function formatSyslog(line: { at: string; container: string; stream: string; message: string }, hostname = os.hostname()): string {
  const pri = 8 + (line.stream === 'stderr' ? 3 : 6);
  const app = line.container.replace(/[^\x21-\x7e]/g, '').slice(0, 48) || '-';
  const at = line.at.replace(/(\.\d{6})\d+/, '$1'); // RFC 5424 TIME-SECFRAC: at most 6 digits
  return `<${pri}>1 ${at} ${hostname} ${app} - - - ${line.message}`;
}

/** Sends messages over UDP to the user's syslog endpoint (fire and forget, one socket per batch). */
export async function sendSyslog(target: LogForward, messages: string[]): Promise<void> {
  if (!messages.length) return;
  const socket = dgram.createSocket('udp4');
  try {
    for (const m of messages) {
      // The address resolved (and checked) when the target was set: no name lookup per line.
      await new Promise<void>((resolve) => socket.send(Buffer.from(m), target.port, target.address ?? target.host, () => resolve()));
    }
  } finally {
    socket.close();
  }
}
