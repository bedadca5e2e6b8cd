import { compareInPool, hashInPool } from './hash-pool';

const COST = 12;

/** bcrypt (cost 12) in a worker thread, so hashing never blocks the event loop. */
export function hashPassword(plain: string): Promise<string> {
  return hashInPool(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return compareInPool(plain, hash);
}

/** A fixed hash to compare against when the email is unknown, so timing does not reveal it. */
export const DUMMY_HASH = '$2b$12$P34GRSypG0Xi5ljP/tt02.YKqDsPLizgm/7UFOGLkiEHD03NNn68i';
