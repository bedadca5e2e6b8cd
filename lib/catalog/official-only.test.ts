import { describe, expect, it } from 'vitest';
import { getCatalogEntry, imageFor, listCatalog, resolveTypeVersion } from './index';
import type { GenerateContext } from './types';

const ctx: GenerateContext = { hostname: 'db', serviceId: 's1', projectId: 'p1', mode: 'NON_HA', password: () => 'Pw0123456789abcd' };
const vars = (type: string) => Object.fromEntries(Object.entries(getCatalogEntry(type).generate(ctx)).map(([k, v]) => [k, v.value]));
const only = (type: string, version?: string) => {
  const entry = getCatalogEntry(type);
  const v = version ?? entry.versions.find((x) => x.default)!.version;
  const generated = vars(type);
  return { generated, container: entry.containersFor({ hostname: 'db', version: v, mode: 'NON_HA', containerCount: 1, source: 'official', generated })[0]! };
};

const OFFICIAL_ONLY = ['mongodb', 'elasticsearch', 'meilisearch', 'typesense', 'clickhouse', 'kafka', 'qdrant'];

describe('types only the official image source provides', () => {
  it.each(OFFICIAL_ONLY)('%s: refused with the local source, naming the reason; offered with the official one', (type) => {
    const entry = getCatalogEntry(type);
    const { version } = resolveTypeVersion(type);
    expect(() => imageFor(entry, version, 'local')).toThrow(/no Debian suite ships .*BERTH_IMAGE_SOURCE=official/);
    expect(imageFor(entry, version, 'official')).not.toMatch(/^berth\//);
    expect(listCatalog('local').map((e) => e.type)).not.toContain(type);
    expect(listCatalog('official').map((e) => e.type)).toContain(type);
  });

  it.each(OFFICIAL_ONLY)('%s: secrets stay out of the health probe and the command line', (type) => {
    const { generated, container } = only(type);
    const argv = [...container.healthCheck!.test, ...(container.cmd ?? []), ...(container.entrypoint ?? [])].join(' ');
    for (const [key, value] of Object.entries(generated)) {
      if (getCatalogEntry(type).generate(ctx)[key]?.secret) expect(argv).not.toContain(value);
    }
  });

  it('MongoDB: the upstream image creates the root user and database from MONGO_INITDB_*', () => {
    const { generated, container } = only('mongodb');
    expect(generated).toMatchObject({ port: '27017', user: 'db', dbName: 'db', connectionString: 'mongodb://db:Pw0123456789abcd@db:27017' });
    expect(container.env).toEqual({ MONGO_INITDB_ROOT_USERNAME: 'db', MONGO_INITDB_ROOT_PASSWORD: 'Pw0123456789abcd', MONGO_INITDB_DATABASE: 'db' });
    expect(container.volumes).toEqual([{ name: 'data', mountPath: '/data/db' }]);
  });

  it('Elasticsearch: user elastic with ELASTIC_PASSWORD, single node, data under /usr/share/elasticsearch/data', () => {
    const { generated, container } = only('elasticsearch');
    expect(generated).toMatchObject({ port: '9200', user: 'elastic', password: 'Pw0123456789abcd' });
    expect(container.env).toMatchObject({ 'discovery.type': 'single-node', ELASTIC_PASSWORD: 'Pw0123456789abcd' });
    expect(container.volumes[0]!.mountPath).toBe('/usr/share/elasticsearch/data');
    expect(resolveTypeVersion('elasticsearch@8.16').version).toBe('8.16');
  });

  it('Meilisearch: masterKey and environment, like Zerops', () => {
    const { generated, container } = only('meilisearch');
    expect(generated).toMatchObject({ port: '7700', masterKey: 'Pw0123456789abcd', environment: 'production' });
    expect(container.env).toMatchObject({ MEILI_MASTER_KEY: 'Pw0123456789abcd', MEILI_ENV: 'production' });
    expect(container.volumes[0]!.mountPath).toBe('/meili_data');
  });

  it('Typesense: apiKey through TYPESENSE_API_KEY, never a flag', () => {
    const { generated, container } = only('typesense');
    expect(generated).toMatchObject({ port: '8108', apiKey: 'Pw0123456789abcd' });
    expect(container.env).toMatchObject({ TYPESENSE_API_KEY: 'Pw0123456789abcd', TYPESENSE_DATA_DIR: '/data' });
    expect(container.cmd).toBeUndefined();
  });

  it('ClickHouse: the four ports, user zerops and dbName', () => {
    const { generated, container } = only('clickhouse');
    expect(generated).toMatchObject({ port: '9000', portNative: '9000', portHttp: '8123', portMysql: '9004', portPostgresql: '9005', user: 'zerops', dbName: 'db' });
    expect(container.env).toMatchObject({ CLICKHOUSE_USER: 'zerops', CLICKHOUSE_PASSWORD: 'Pw0123456789abcd', CLICKHOUSE_DB: 'db' });
  });

  it('Kafka: SASL PLAIN on 9092 with the generated user, advertised under the hostname', () => {
    const { generated, container } = only('kafka');
    expect(generated).toMatchObject({ port: '9092', user: 'db', password: 'Pw0123456789abcd' });
    expect(container.env.KAFKA_ADVERTISED_LISTENERS).toBe('SASL_PLAINTEXT://db:9092');
    expect(container.env.KAFKA_LISTENER_NAME_SASL_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG).toContain('user_db="Pw0123456789abcd"');
  });

  it('Qdrant: HTTP and gRPC ports, read-write and read-only keys, connection strings', () => {
    const { generated, container } = only('qdrant');
    expect(generated).toMatchObject({ port: '6333', grpcPort: '6334', connectionString: 'http://db:6333', grpcConnectionString: 'http://db:6334' });
    expect(container.env).toMatchObject({ QDRANT__SERVICE__API_KEY: generated.apiKey, QDRANT__SERVICE__READ_ONLY_API_KEY: generated.readOnlyApiKey });
  });
});
