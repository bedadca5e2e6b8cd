/** True when a database error has the SQLSTATE (both drivers expose it), optionally on a named constraint. */
function hasSqlState(err: unknown, code: string, constraint?: string): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const rec = e as { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };
    if (rec.code === code) {
      if (!constraint) return true;
      const name = rec.constraint_name ?? rec.constraint ?? rec.message ?? '';
      return name.includes(constraint);
    }
    e = rec.cause;
  }
  return false;
}

/** A unique violation (SQLSTATE 23505). */
export const isUniqueViolation = (err: unknown, constraint?: string): boolean => hasSqlState(err, '23505', constraint);

/** A foreign-key violation (SQLSTATE 23503): the row it points at is gone. */
export const isForeignKeyViolation = (err: unknown): boolean => hasSqlState(err, '23503');
