import { describe, expect, it } from 'vitest';
import { formatSyslog, logForwardSchema } from './syslog';

describe('formatSyslog', () => {
  it('writes RFC 5424 with severity from the stream', () => {
    const at = '2026-11-23T07:30:00.123456789Z';
    expect(formatSyslog({ at, container: 'berth-1-app-runtime-0', stream: 'stdout', message: 'hello' }, 'host1')).toBe(
      '<14>1 2026-11-23T07:30:00.123456Z host1 berth-1-app-runtime-0 - - - hello', // RFC 5424: at most 6 fraction digits
    );
    expect(formatSyslog({ at, container: 'c', stream: 'stderr', message: 'boom' }, 'h')).toMatch(/^<11>1 /);
  });

  it('validates the endpoint', () => {
    expect(logForwardSchema.safeParse({ host: 'logs.example.com', port: '514' }).success).toBe(true);
    expect(logForwardSchema.safeParse({ host: 'bad host', port: 514 }).success).toBe(false);
    expect(logForwardSchema.safeParse({ host: 'x', port: 70000 }).success).toBe(false);
  });
});
