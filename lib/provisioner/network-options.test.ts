import { describe, expect, it } from 'vitest';
import { L } from './labels';
import { reconcile } from './reconcile';
import { memoryEngine } from './testing/memory-engine';

const labels = { [L.managed]: 'true', [L.project]: 'p' };

describe('project network options', () => {
  it('creates the network with IPv6 on the wanted subnet, and without it when none is wanted', async () => {
    const mem = memoryEngine();
    await reconcile(mem.engine, { projectId: 'p', network: { name: 'net6', labels, ipv6: { subnet: 'fd42:b1:2::/64' } }, volumes: [], containers: [] });
    await reconcile(mem.engine, { projectId: 'q', network: { name: 'net4', labels: { ...labels, [L.project]: 'q' } }, volumes: [], containers: [] });
    expect(mem.calls).toEqual(['createNetwork net6 ipv6 fd42:b1:2::/64', 'createNetwork net4']);
    expect(await mem.engine.inspectNetwork('net6')).toMatchObject({ enableIpv6: true, subnets: expect.arrayContaining(['fd42:b1:2::/64']) });
    expect(await mem.engine.inspectNetwork('net4')).toMatchObject({ enableIpv6: false });
  });
});
