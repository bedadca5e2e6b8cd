/** True when a database error is a unique violation (both drivers expose SQLSTATE 23505). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const rec = e as { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };
    if (rec.code === '23505') {
      if (!constraint) return true;
      const name = rec.constraint_name ?? rec.constraint ?? rec.message ?? '';
      return name.includes(constraint);
    }
    e = rec.cause;
  }
  return false;
}
