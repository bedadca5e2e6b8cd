import { describe, expect, it } from 'vitest';
import { NODE_PLACEHOLDER_6, PYTHON_PLACEHOLDER_6, rewrite } from './both-families';
import { getCatalogEntry } from './index';
import type { ContainersForInput, ImageSource } from './types';

const input = (type: string, ipv6: boolean | undefined, source: ImageSource = 'local'): ContainersForInput => {
  const entry = getCatalogEntry(type);
  const version = entry.versions.find((v) => v.images[source])!.version;
  return { hostname: 'svc', version, mode: 'NON_HA', containerCount: 1, source, generated: { password: 'pw', user: 'u' }, ...(ipv6 === undefined ? {} : { ipv6 }) };
};
const main = (type: string, ipv6?: boolean, source: ImageSource = 'local') => getCatalogEntry(type).containersFor(input(type, ipv6, source))[0]!;
const argv = (type: string, ipv6?: boolean, source: ImageSource = 'local') => {
  const t = main(type, ipv6, source);
  return [...(t.entrypoint ?? []), ...(t.cmd ?? [])].join(' ');
};

const TYPES = ['postgresql', 'mariadb', 'valkey', 'redis', 'rabbitmq', 'nats', 'nodejs', 'python', 'go', 'bun', 'deno', 'static', 'php-nginx', 'php-apache', 'debian'];

describe('servers on a network with IPv6 listen on both families', () => {
  it('changes nothing on an IPv4-only network (the spec hash of running containers stays)', () => {
    for (const type of TYPES) expect(main(type, false), type).toEqual(main(type, undefined));
  });

  it('passes the both-family listen to each server that needs it', () => {
    expect(argv('mariadb', true)).toContain('exec mariadbd "$@" "--bind-address=*"');
    expect(argv('valkey', true)).toBe('redis-server --bind 0.0.0.0 ::');
    expect(argv('redis', true)).toBe('redis-server --bind 0.0.0.0 ::');
    expect(argv('nats', true)).toContain('listen: \\"[::]:4222\\"');
    expect(argv('nats', false)).toContain('port: 4222');
    expect(argv('nodejs', true)).toContain(".listen(port, '::',");
    expect(argv('nodejs', true, 'official')).toContain(".listen(port, '::',");
    expect(argv('python', true)).toContain('socket.AF_INET6})(("::", port)');
    expect(main('go', true).env.BERTH_PLACEHOLDER_GO).toContain('http.ListenAndServe(":"+port, nil)');
    expect(argv('bun', true)).toContain("hostname: '::'");
    expect(argv('deno', true)).toContain("hostname: '::'");
    expect(argv('static', true)).toContain('listen [::]:80 default_server;');
    expect(argv('static', true)).toMatch(/nginx -g daemon off;$/);
    expect(argv('php-nginx', true)).toMatch(/listen \[::\]:80 default_server;.* \/usr\/local\/bin\/berth-php$/);
  });

  it('leaves servers that already listen on both families as they are', () => {
    // PostgreSQL listens on '*', RabbitMQ on both by default, Apache's Listen 80 too; the official images bind everything.
    for (const type of ['postgresql', 'rabbitmq', 'php-apache']) expect(main(type, true), type).toEqual(main(type, false));
    for (const type of ['mariadb', 'valkey', 'static']) expect(main(type, true, 'official'), type).toEqual(main(type, false, 'official'));
  });

  it('keeps local health checks out of the placeholders’ logs (IPv4 clients come as mapped addresses)', () => {
    expect(PYTHON_PLACEHOLDER_6).toContain('"::ffff:127.0.0.1"');
    expect(NODE_PLACEHOLDER_6).toContain("'::ffff:127.0.0.1'");
  });

  it('refuses to rewrite a source whose listen line moved', () => {
    expect(() => rewrite('server.listen(8080)', "'0.0.0.0'", "'::'")).toThrow(`cannot make the server listen on both families: "'0.0.0.0'" is not in its source`);
  });
});
