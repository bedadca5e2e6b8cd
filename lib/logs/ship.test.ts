import { describe, expect, it } from 'vitest';
import { loggerFrame } from './ship';

describe('loggerFrame', () => {
  it('is one RFC 5424 line: millisecond time, service hostname, container, severity from the stream', () => {
    const at = new Date('2026-11-23T07:30:00.123Z');
    expect(loggerFrame({ at, stream: 'stdout', hostname: 'app', container: 'berth-1-app-0', message: 'hello' })).toBe(
      '<14>1 2026-11-23T07:30:00.123Z app berth-1-app-0 - - - hello',
    );
    expect(loggerFrame({ at, stream: 'stderr', hostname: null, container: 'c', message: 'a\r\nb' })).toBe('<11>1 2026-11-23T07:30:00.123Z - c - - - a b');
  });
});
