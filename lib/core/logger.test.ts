import { describe, expect, it } from 'vitest';
import { ARCHIVE, LOGGER, loggerHost, renderLoggerConfig } from './logger';

describe('project logger', () => {
  it('listens on the project address only and writes a size-bounded archive', () => {
    const conf = renderLoggerConfig({ address: '127.0.100.7', port: 10514, fileBytes: 1000 });
    expect(conf).toContain('input(type="imtcp" address="127.0.100.7" port="10514" ruleset="berth")');
    expect(conf).toContain(`$outchannel berthArchive,${ARCHIVE},1000,/usr/local/bin/berth-log-rotate`);
    expect(conf).not.toMatch(/imudp|imuxsock|omfwd/);
  });

  it('lives in the Light container until the upgrade moves it to its own', () => {
    expect(loggerHost({ corePackage: 'LIGHT', settings: {} })).toBe('core-balancer-0');
    expect(loggerHost({ corePackage: 'SERIOUS', settings: { coreUpgrade: 'starting' } })).toBe('core-balancer-0');
    expect(loggerHost({ corePackage: 'SERIOUS', settings: { coreUpgrade: 'logger' } })).toBe(LOGGER);
    expect(loggerHost({ corePackage: 'SERIOUS', settings: {} })).toBe(LOGGER);
  });
});
