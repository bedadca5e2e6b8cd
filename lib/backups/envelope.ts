import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The backup file format: a header ("BERTHBK1", 4-byte chunk size, 8-byte random nonce prefix),
 * then chunks of [4-byte ciphertext length][ciphertext][16-byte GCM tag]. Each chunk is sealed with
 * AES-256-GCM under the project's key, with an IV of nonce prefix + chunk index and the index and a
 * final-chunk flag as additional data: a changed, reordered, dropped or truncated chunk fails to open.
 */
const MAGIC = Buffer.from('BERTHBK1');
const HEADER = MAGIC.length + 4 + 8;
export const CHUNK = 1024 * 1024;

export class BackupTampered extends Error {
  constructor(detail: string) {
    super(`The backup file is damaged or was changed (${detail}); it is not restored`);
  }
}

function iv(prefix: Buffer, index: number): Buffer {
  const out = Buffer.alloc(12);
  prefix.copy(out, 0, 0, 8);
  out.writeUInt32BE(index, 8);
  return out;
}

function aad(index: number, final: boolean): Buffer {
  const out = Buffer.alloc(5);
  out.writeUInt32BE(index, 0);
  out[4] = final ? 1 : 0;
  return out;
}

/** Encrypts a stream into the backup format, one sealed chunk per CHUNK bytes of plain text. */
export function encryptStream(key: Buffer): Transform {
  const prefix = crypto.randomBytes(8);
  let index = 0;
  let buffered: Buffer[] = [];
  let size = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv(prefix, index));
    cipher.setAAD(aad(index++, final));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length, 0);
    return Buffer.concat([len, data, cipher.getAuthTag()]);
  };
  return new Transform({
    construct(done) {
      const header = Buffer.alloc(HEADER);
      MAGIC.copy(header, 0);
      header.writeUInt32BE(CHUNK, MAGIC.length);
      prefix.copy(header, MAGIC.length + 4);
      this.push(header);
      done();
    },
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      buffered.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) {
        let all = Buffer.concat(buffered);
        while (all.length >= CHUNK) {
          this.push(seal(all.subarray(0, CHUNK), false));
          all = all.subarray(CHUNK);
        }
        buffered = all.length ? [all] : [];
        size = all.length;
      }
      done();
    },
    flush(done) {
      this.push(seal(Buffer.concat(buffered), true));
      done();
    },
  });
}

/** Opens the backup format; fails with BackupTampered on any changed, missing or extra byte. */
export function decryptStream(key: Buffer): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let prefix: Buffer | undefined;
  let index = 0;
  let finished = false;
  const open = (data: Buffer, tag: Buffer, final: boolean): Buffer => {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv(prefix!, index));
    decipher.setAAD(aad(index, final));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new BackupTampered(`chunk ${index} does not authenticate`);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        if (!prefix) {
          if (pending.length < HEADER) return done();
          if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupTampered('not a Berth backup file');
          prefix = Buffer.from(pending.subarray(MAGIC.length + 4, HEADER));
          pending = pending.subarray(HEADER);
        }
        while (pending.length >= 4) {
          if (finished) throw new BackupTampered('data after the last chunk');
          const len = pending.readUInt32BE(0);
          if (len > CHUNK) throw new BackupTampered(`chunk ${index} has an impossible length`);
          if (pending.length < 4 + len + 16) break;
          const data = pending.subarray(4, 4 + len);
          const tag = pending.subarray(4 + len, 4 + len + 16);
          // A full chunk may be the last; a short one must be.
          let plain: Buffer;
          if (len < CHUNK) {
            plain = open(data, tag, true);
            finished = true;
          } else {
            try {
              plain = open(data, tag, false);
            } catch {
              plain = open(data, tag, true);
              finished = true;
            }
          }
          index++;
          this.push(plain);
          pending = pending.subarray(4 + len + 16);
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      if (!finished || pending.length) return done(new BackupTampered('the file ends before its last chunk'));
      done();
    },
  });
}
