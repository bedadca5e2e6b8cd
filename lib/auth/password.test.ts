import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing off the event loop', () => {
  it('hashes and verifies with bcrypt cost 12', async () => {
    const hash = await hashPassword('correct-horse-battery');
    expect(bcrypt.getRounds(hash)).toBe(12);
    expect(await verifyPassword('correct-horse-battery', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
  }, 30_000);

  it('a burst of sign-in checks leaves the event loop free (its utilisation stays under 30 %; bcryptjs on the main thread keeps it near 100 %)', async () => {
    const hash = await hashPassword('warm-up');
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 4 }, (_, i) => verifyPassword(`guess-${i}`, hash)));
    const elu = performance.eventLoopUtilization(before);
    expect(elu.utilization).toBeLessThan(0.3);
  }, 60_000);
});
