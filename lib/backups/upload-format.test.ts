import { describe, expect, it } from 'vitest';
import { checkUploadFormat } from './upload-format';

const tar = () => {
  const b = Buffer.alloc(512);
  b.write('ustar', 257, 'latin1');
  return b;
};

describe('upload format check', () => {
  it('takes each type’s own dump', () => {
    expect(checkUploadFormat('postgresql', Buffer.from('PGDMP\x01\x0e\x00'))).toBeNull();
    expect(checkUploadFormat('mariadb', Buffer.from('-- MariaDB dump 10.19\n/*!40101 SET'))).toBeNull();
    expect(checkUploadFormat('mariadb', Buffer.from('CREATE TABLE t (x int);'))).toBeNull();
    expect(checkUploadFormat('shared-storage', tar())).toBeNull();
    expect(checkUploadFormat('rabbitmq', Buffer.from('{"rabbit_version":"3.10"}'))).toBeNull();
    expect(checkUploadFormat('valkey', Buffer.from('REDIS0011\xfa'))).toBeNull();
  });
  it('refuses another format, saying what was expected and what came', () => {
    expect(checkUploadFormat('postgresql', Buffer.from('--\n-- PostgreSQL database dump\n'))).toBe(
      'a postgresql backup must be a pg_dump custom-format file (pg_dump -Fc); this file is text',
    );
    expect(checkUploadFormat('mariadb', Buffer.from('PGDMP\x01'))).toMatch(
      /mariadb backup must be a plain SQL dump.*this file is a pg_dump custom-format file/,
    );
    expect(checkUploadFormat('mariadb', Buffer.from([0x1f, 0x8b, 8, 0]))).toMatch(
      /gzip-compressed file \(decompress it first\)/,
    );
    expect(checkUploadFormat('redis', Buffer.from('{"a":1}'))).toMatch(/RDB snapshot.*this file is JSON/);
    expect(checkUploadFormat('shared-storage', Buffer.from('plain'))).toMatch(/tar archive/);
    expect(checkUploadFormat('postgresql', Buffer.alloc(0))).toBe('the file is empty');
  });
});
