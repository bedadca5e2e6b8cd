import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createFirstAdminAction } from '@/app/(auth)/setup/actions';
import { useDbHandle } from '@/lib/db';
import { changeOwnPassword, countUsers, createFirstAdmin, createUser, revokeSessions, setPassword, setUserDisabled } from '@/lib/db/queries/users';
import { setTestSessionUser } from './guards';
import { createProject } from '@/lib/domain/projects';
import { users } from '@/lib/db/schema';
import { isAppError } from '@/lib/errors';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { activeSessionUser, authorizeCredentials } from './credentials';
import { BAD_CREDENTIALS } from './messages';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { createBackoffLimiter, createRateLimiter, type SignInLimiters } from './rate-limit';

const opened: TestDb[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});
async function freshDb(driver: 'pglite' | 'postgres') {
  const tdb = await createTestDb(driver);
  opened.push(tdb);
  return tdb;
}
const limiters = (): SignInLimiters => ({
  email: createBackoffLimiter({ free: 5, baseMs: 15 * 60_000, maxMs: 24 * 3600_000, forgetMs: 24 * 3600_000 }),
  ip: createRateLimiter({ max: 20, windowMs: 15 * 60_000 }),
});
const admin = { name: 'Ada', email: 'ada@berth.test', password: 'correct-horse-battery' };

describe('passwords', () => {
  it('are hashed with bcrypt at cost 12 or more and verified', async () => {
    const hash = await hashPassword('correct-horse-battery');
    expect(hash).not.toContain('correct-horse-battery');
    expect(bcrypt.getRounds(hash)).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword('correct-horse-battery', hash)).toBe(true);
    expect(await verifyPassword('correct-horse-batterY', hash)).toBe(false);
    // The stand-in hash for unknown emails costs the same, so timing does not tell them apart.
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(bcrypt.getRounds(hash));
  });
});

describe.each(testDrivers)('first admin on %s', (driver) => {
  it('concurrent attempts make exactly one admin; the others are refused', async () => {
    const { db } = await freshDb(driver);
    const attempts = await Promise.allSettled(
      [0, 1, 2, 3].map((i) => createFirstAdmin(db, { name: `Admin ${i}`, email: `admin${i}@berth.test`, password: 'correct-horse-battery' })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts.filter((x) => x.status === 'rejected')) {
      const reason = (a as PromiseRejectedResult).reason;
      expect(isAppError(reason) && reason.code).toBe('CONFLICT');
    }
    const rows = await db.select().from(users);
    expect(rows.map((r) => r.role)).toEqual(['admin']);
  });

  it('once an admin exists, setup refuses without hashing the password', async () => {
    const { db } = await freshDb(driver);
    await createFirstAdmin(db, admin);
    let hashed = 0;
    const counting = async (plain: string) => {
      hashed++;
      return plain;
    };
    await expect(createFirstAdmin(db, { name: 'Eve', email: 'eve@berth.test', password: 'eve-password-1' }, counting)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(hashed).toBe(0);
  });

  it('the setup action: bad input gets field errors and creates nothing; a second admin is refused', async () => {
    const tdb = await freshDb(driver);
    useDbHandle(tdb);
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    };
    const bad = await createFirstAdminAction({}, form({ name: '', email: 'nope', password: 'short', confirm: 'other' }));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['confirm', 'email', 'name', 'password']);
    expect(bad.values).toEqual({ name: '', email: 'nope' });
    expect(await countUsers(tdb.db)).toBe(0);

    const good = form({ ...admin, confirm: admin.password });
    // Success redirects to sign-in (next/navigation throws its redirect signal).
    await expect(createFirstAdminAction({}, good)).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    const second = await createFirstAdminAction({}, form({ name: 'Eve', email: 'eve@berth.test', password: 'eve-password-1', confirm: 'eve-password-1' }));
    expect(second.error).toBe('An admin already exists. Sign in instead.');
    const rows = await tdb.db.select().from(users);
    expect(rows.map((r) => [r.email, r.role])).toEqual([[admin.email, 'admin']]);
  });

  it('sign-in: one message for every refusal, disabled users refused, sessions end when disabled', async () => {
    const { db } = await freshDb(driver);
    const user = await createUser(db, { name: 'Bob', email: 'bob@berth.test', password: 'bob-password-1' });
    const l = limiters();
    const ok = await authorizeCredentials(db, { email: 'BOB@berth.test ', password: 'bob-password-1' }, '10.0.0.1', l);
    expect(ok).toEqual({ id: user.id, name: 'Bob', email: 'bob@berth.test', role: 'user' });

    for (const creds of [
      { email: 'bob@berth.test', password: 'wrong-password' },
      { email: 'nobody@berth.test', password: 'bob-password-1' },
      { email: 'not an email', password: 'x' },
      {},
    ]) {
      await expect(authorizeCredentials(db, creds, '10.0.0.2', l)).rejects.toThrow(new Error(BAD_CREDENTIALS));
    }
    expect(await activeSessionUser(db, user.id)).toMatchObject({ id: user.id });
    await setUserDisabled(db, user.id, true);
    await expect(authorizeCredentials(db, { email: 'bob@berth.test', password: 'bob-password-1' }, '10.0.0.3', l)).rejects.toThrow(
      new Error(BAD_CREDENTIALS),
    );
    expect(await activeSessionUser(db, user.id)).toBeUndefined();
    expect(await activeSessionUser(db, undefined)).toBeUndefined();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.disabled).toBe(true);
  });
});

describe('sign-in rate limit', () => {
  it('5 failures per email lock that email (even with the right password), with the wait in minutes', async () => {
    const tdb = await freshDb('pglite');
    await createUser(tdb.db, { name: 'Carol', email: 'carol@berth.test', password: 'carol-password-1' });
    const l = limiters();
    for (let i = 0; i < 5; i++) {
      await expect(authorizeCredentials(tdb.db, { email: 'carol@berth.test', password: `guess-${i}` }, `10.1.0.${i}`, l)).rejects.toThrow(BAD_CREDENTIALS);
    }
    await expect(authorizeCredentials(tdb.db, { email: 'carol@berth.test', password: 'carol-password-1' }, '10.1.1.1', l)).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in 15 minutes\.$/,
    );
  });

  it('failures from one address lock the address for every email; a success resets only its email', async () => {
    const tdb = await freshDb('pglite');
    await createUser(tdb.db, { name: 'Dan', email: 'dan@berth.test', password: 'dan-password-1' });
    // The production limits are 5 per email and 20 per address; a smaller address limit keeps this quick.
    const l = { email: createRateLimiter({ max: 5, windowMs: 15 * 60_000 }), ip: createRateLimiter({ max: 8, windowMs: 15 * 60_000 }) };
    for (let i = 0; i < 4; i++) {
      await expect(authorizeCredentials(tdb.db, { email: 'dan@berth.test', password: `guess-${i}` }, '10.2.0.1', l)).rejects.toThrow(BAD_CREDENTIALS);
    }
    await authorizeCredentials(tdb.db, { email: 'dan@berth.test', password: 'dan-password-1' }, '10.2.0.1', l);
    expect(l.email.retryAfter('dan@berth.test')).toBe(0);
    for (let i = 4; i < 8; i++) {
      await expect(authorizeCredentials(tdb.db, { email: `x${i}@berth.test`, password: 'guess' }, '10.2.0.1', l)).rejects.toThrow(BAD_CREDENTIALS);
    }
    await expect(authorizeCredentials(tdb.db, { email: 'dan@berth.test', password: 'dan-password-1' }, '10.2.0.1', l)).rejects.toThrow(/Too many/);
    // Another address is not affected.
    await expect(authorizeCredentials(tdb.db, { email: 'dan@berth.test', password: 'dan-password-1' }, '10.2.0.2', l)).resolves.toMatchObject({
      email: 'dan@berth.test',
    });
  });
});

describe('sessions end when they should', () => {
  it('sign-out voids the sessions issued before it; a sign-in after it works', async () => {
    const { db } = await freshDb('pglite');
    const user = await createUser(db, { name: 'Eve', email: 'eve@berth.test', password: 'eve-password-1' });
    const issued = Date.now();
    expect(await activeSessionUser(db, user.id, issued)).toMatchObject({ id: user.id });
    await revokeSessions(db, user.id); // what the sign-out event does
    expect(await activeSessionUser(db, user.id, issued)).toBeUndefined();
    expect(await activeSessionUser(db, user.id, undefined)).toBeUndefined(); // a token from before sign-in times existed
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await activeSessionUser(db, user.id, Date.now())).toMatchObject({ id: user.id });
  });

  it('an admin reset and an own change set the password and sign the user out everywhere', async () => {
    const { db } = await freshDb('pglite');
    const user = await createUser(db, { name: 'Fay', email: 'fay@berth.test', password: 'fay-password-1' });
    const issued = Date.now();
    await setPassword(db, user.id, 'fay-password-2');
    expect(await activeSessionUser(db, user.id, issued)).toBeUndefined();
    await expect(authorizeCredentials(db, { email: 'fay@berth.test', password: 'fay-password-1' }, '10.3.0.1', limiters())).rejects.toThrow(BAD_CREDENTIALS);
    await authorizeCredentials(db, { email: 'fay@berth.test', password: 'fay-password-2' }, '10.3.0.1', limiters());
    await expect(changeOwnPassword(db, user.id, 'wrong-password', 'fay-password-3')).rejects.toThrow(/current: is not your current password/);
    await changeOwnPassword(db, user.id, 'fay-password-2', 'fay-password-3');
    await authorizeCredentials(db, { email: 'fay@berth.test', password: 'fay-password-3' }, '10.3.0.1', limiters());
  });

  it("disabling a user ends their open live stream", async () => {
    const tdb = await freshDb('pglite');
    useDbHandle(tdb);
    const user = await createUser(tdb.db, { name: 'Gus', email: 'gus@berth.test', password: 'gus-password-1' });
    const { project } = await createProject(tdb.db, user.id, { name: 'stream' });
    setTestSessionUser({ id: user.id, name: user.name, email: user.email, role: 'user' });
    try {
      const route = await import('@/app/api/stream/projects/[projectId]/route');
      const abort = new AbortController();
      const res = await route.GET(new Request('http://berth.test/x', { signal: abort.signal }), { params: Promise.resolve({ projectId: project.id }) });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      let text = '';
      const readUntil = async (needle: string, ms: number) => {
        const until = Date.now() + ms;
        while (!text.includes(needle) && Date.now() < until) {
          const { done, value } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text.includes(needle);
      };
      expect(await readUntil('data:', 5_000)).toBe(true);
      await setUserDisabled(tdb.db, user.id, true);
      expect(await readUntil('event: end', 10_000)).toBe(true);
      abort.abort();
    } finally {
      setTestSessionUser(undefined);
    }
  });
});
