import { describe, expect, it } from 'vitest';
import { findUnresolvedReferences, resolveServiceEnv, type ProjectVars } from './resolve';

const vars: ProjectVars = {
  project: { APP_ENV: 'production', SHARED: 'project' },
  services: {
    db: { hostname: 'db', password: 's3cret', connectionString: 'postgresql://db:s3cret@db:5432/db' },
    api: { hostname: 'api', DATABASE_URL: '${db_connectionString}', GREETING: 'hi ${NAME}', NAME: 'api', SHARED: 'service', BAD: '${nope_x}' },
    db2: { password: 'other' },
  },
};

describe('resolveServiceEnv', () => {
  it('inherits project variables and lets service variables override them', () => {
    const { env } = resolveServiceEnv(vars, 'api');
    expect(env.APP_ENV).toBe('production');
    expect(env.SHARED).toBe('service');
  });

  it('resolves cross-service and same-service references', () => {
    const { env } = resolveServiceEnv(vars, 'api');
    expect(env.DATABASE_URL).toBe('postgresql://db:s3cret@db:5432/db');
    expect(env.GREETING).toBe('hi api');
  });

  it('keeps an unresolved reference literal and reports it', () => {
    const { env, unresolved } = resolveServiceEnv(vars, 'api');
    expect(env.BAD).toBe('${nope_x}');
    expect(unresolved).toEqual(['nope_x']);
  });

  it('prefers the longest matching hostname', () => {
    expect(resolveServiceEnv({ project: {}, services: { a: { X: '${db2_password}' }, ...vars.services } }, 'a').env.X).toBe('other');
  });

  it('does not loop on self-references', () => {
    const { env, unresolved } = resolveServiceEnv({ project: {}, services: { s: { X: '${X}' } } }, 's');
    expect(env.X).toBe('${X}');
    expect(unresolved).toEqual(['X']);
  });
});

describe('findUnresolvedReferences', () => {
  it('lists what cannot resolve now', () => {
    expect(findUnresolvedReferences(vars, 'api', '${db_password} ${cache_url}')).toEqual(['cache_url']);
  });
});
