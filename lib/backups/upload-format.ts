/** Bytes of the start of an upload the format check needs (a tar header's magic sits at 257). */
export const HEAD_BYTES = 512;

const starts = (head: Buffer, magic: string) => head.subarray(0, magic.length).toString('latin1') === magic;
const gzip = (head: Buffer) => head[0] === 0x1f && head[1] === 0x8b;
const binary = (head: Buffer) => head.includes(0);

/** What each type takes, for the message that refuses another file. */
export const UPLOAD_FORMATS: Record<string, string> = {
  postgresql: 'a pg_dump custom-format file (pg_dump -Fc)',
  mariadb: 'a plain SQL dump (mariadb-dump or mysqldump, .sql)',
  'shared-storage': 'a tar archive of the files (tar -cf)',
  rabbitmq: 'a definitions export (JSON, rabbitmqctl export_definitions)',
  redis: 'an RDB snapshot (redis-cli --rdb)',
  valkey: 'an RDB snapshot (valkey-cli --rdb)',
};

function describe(head: Buffer): string {
  if (gzip(head)) return 'a gzip-compressed file (decompress it first)';
  if (starts(head, 'PGDMP')) return 'a pg_dump custom-format file';
  if (starts(head, 'REDIS')) return 'an RDB snapshot';
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'a tar archive';
  if (!binary(head)) return /^\s*[[{]/.test(head.toString('utf8')) ? 'JSON' : 'text';
  return 'binary data of an unknown kind';
}

function fits(type: string, head: Buffer): boolean {
  switch (type) {
    case 'postgresql':
      return starts(head, 'PGDMP');
    case 'mariadb':
      return (
        !gzip(head) && !binary(head) && !starts(head, 'PGDMP') && !/^\s*[[{]/.test(head.toString('utf8'))
      );
    case 'shared-storage':
      return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
    case 'rabbitmq':
      return !binary(head) && /^\s*\{/.test(head.toString('utf8'));
    case 'redis':
    case 'valkey':
      return starts(head, 'REDIS');
    default:
      return false;
  }
}

/** Null when the start of the file fits the type's dump format, else the message that says what was expected and what came. */
export function checkUploadFormat(type: string, head: Buffer): string | null {
  if (!head.length) return 'the file is empty';
  if (fits(type, head)) return null;
  return `a ${type} backup must be ${UPLOAD_FORMATS[type] ?? 'its dump format'}; this file is ${describe(head)}`;
}
