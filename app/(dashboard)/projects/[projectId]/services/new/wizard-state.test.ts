import { describe, expect, it } from 'vitest';
import { completeReference, emptyWizard, openReference, referenceOptions, stepOfField, toPayload, validateStep, wizardSubmitSchema, type TakenNames, type WizardCatalogEntry, type WizardState } from './wizard-state';

const nodejs: WizardCatalogEntry = {
  type: 'nodejs',
  displayName: 'Node.js',
  category: 'runtime',
  versions: ['18', '20'],
  defaultVersion: '18',
  ha: null,
  scaling: { min: 1, max: 10 },
  ports: [{ port: 3000, protocol: 'tcp', http: true, name: 'http' }],
  resources: { cpu: 1, memoryMb: 512 },
};
const postgresql: WizardCatalogEntry = {
  ...nodejs,
  type: 'postgresql',
  displayName: 'PostgreSQL',
  category: 'database',
  versions: ['15'],
  ha: { roles: [{ role: 'primary', count: 1 }, { role: 'replica', count: 2 }], available: true },
  scaling: { min: 1, max: 1 },
  ports: [{ port: 5432, protocol: 'tcp', http: false, name: 'pg' }],
};
const taken: TakenNames = { hostnames: ['db'], publicPorts: [{ port: 15432, protocol: 'tcp' }], reservedPorts: [10080, 10443] };
const state = (patch: Partial<WizardState>): WizardState => ({ ...emptyWizard, type: 'nodejs', version: '18', hostname: 'app', ...patch });
const errorsOf = (step: number, patch: Partial<WizardState>, entry: WizardCatalogEntry | undefined = nodejs) => validateStep(step, state(patch), entry, taken);

describe('wizard steps', () => {
  it('step 1 needs a type', () => expect(validateStep(0, emptyWizard, undefined, taken)).toEqual({ type: ['Choose a service type'] }));
  it('step 2 needs a version of the type', () => expect(errorsOf(1, { version: '99' })).toHaveProperty('version'));
  it.each([
    ['', 'Enter a hostname'],
    ['My-App', 'Use lowercase letters a-z and digits 0-9 only (no dashes, no uppercase)'],
    ['a'.repeat(26), 'Use at most 25 characters'],
    ['core', 'This hostname is reserved'],
    ['db', 'Another service of this project has this hostname'],
  ])('step 3 refuses hostname %j', (hostname, message) => expect(errorsOf(2, { hostname }).hostname).toEqual([message]));
  it('step 3 accepts a free hostname', () => expect(errorsOf(2, { hostname: 'web2' })).toEqual({}));
  it('step 4 refuses HA on a type without it, and out-of-range counts', () => {
    expect(errorsOf(3, { mode: 'HA' }).mode?.[0]).toMatch(/Node.js has no HA mode/);
    expect(errorsOf(3, { count: '11' }).containerCount).toEqual(['Use 1 to 10 containers']);
    expect(errorsOf(3, { cpu: '0', memory: '10' })).toMatchObject({ cpu: ['Use 0.1 to 16 CPUs'], memoryMb: ['Use 64 to 65536 MB'] });
    expect(errorsOf(3, { mode: 'HA' }, postgresql)).toEqual({});
  });
  it('step 5 refuses bad env keys, duplicate keys, bad ports and firewalls', () => {
    const e = errorsOf(4, {
      port: '70000',
      env: [
        { key: '1BAD', value: 'x', secret: false },
        { key: 'A', value: 'x', secret: false },
        { key: 'a', value: 'x', secret: false },
      ],
      subdomain: true,
      firewallPolicy: 'allow',
      firewallRanges: '300.1.1.1',
    });
    expect(e.port).toEqual(['Ports go from 10 to 65435']);
    expect(e['env.0.key']?.[0]).toMatch(/^Use letters, digits and _ only/);
    expect(e['env.2.key']).toEqual(['This key is already in the list']);
    expect(e.firewall).toEqual(['300.1.1.1 is not an IPv4 or IPv6 address or CIDR']);
  });
  it('step 5 refuses public ports that are taken, reserved, out of range or repeated', () => {
    const row = (publicPort: string) => ({ publicPort, target: 'tcp/5432', policy: 'none' as const, ranges: '' });
    const e = validateStep(4, state({ type: 'postgresql', publicPorts: [row('15432'), row('10080'), row('80'), row('16000'), row('16000')] }), postgresql, taken);
    expect(e['publicPorts.0.publicPort']).toEqual(["tcp/15432 is already open on this project's address"]);
    expect(e['publicPorts.1.publicPort']).toEqual(["10080 is the project balancer's own port"]);
    expect(e['publicPorts.2.publicPort']?.[0]).toMatch(/80 and 443/);
    expect(e['publicPorts.3.publicPort']).toBeUndefined();
    expect(e['publicPorts.4.publicPort']).toEqual(["tcp/16000 is already open on this project's address"]);
  });
  it('maps server field errors back to their step', () => {
    expect(['type', 'version', 'hostname', 'containerCount', 'env.3.key', 'publicPorts.0.publicPort'].map(stepOfField)).toEqual([0, 1, 2, 3, 4, 4]);
  });
  it('builds a payload the action schema accepts; a runtime public port goes to its HTTP port', () => {
    const payload = toPayload(state({ port: '8080', subdomain: true, publicPorts: [{ publicPort: '18000', target: 'tcp/3000', policy: 'allow', ranges: '10.0.0.0/8' }] }), nodejs);
    expect(payload.service).toMatchObject({ hostname: 'app', type: 'nodejs', version: '18', port: 8080, subdomainAccess: true, containerCount: 1 });
    const parsed = wizardSubmitSchema.parse(payload);
    expect(parsed.publicPorts).toEqual([{ publicPort: 18000, internalPort: 8080, protocol: 'tcp', firewall: { policy: 'allow', ranges: ['10.0.0.0/8'] } }]);
    expect(parsed.routeFirewall).toBeUndefined();
  });
});

describe('reference completion', () => {
  const refs = ['${db_connectionString}', '${db_hostname}', '${cache_port}'];
  it('opens after an unfinished ${ at the end only', () => {
    expect(['postgres://${db_c', '${', 'x', '${db}', '${db_host} and ${ca'].map(openReference)).toEqual(['db_c', '', undefined, undefined, 'ca']);
  });
  it('offers matching references and completes the unfinished one', () => {
    expect(referenceOptions(refs, 'DB_')).toEqual(['${db_connectionString}', '${db_hostname}']);
    expect(referenceOptions(refs, '')).toHaveLength(3);
    expect(completeReference('url=${db_c', '${db_connectionString}')).toBe('url=${db_connectionString}');
  });

  it('automatic scaling: ranges go out under Zerops names, min above max and a maximum below the count are refused on step 4', () => {
    expect(toPayload(state({}), nodejs).service.autoscaling).toBeUndefined();
    expect(toPayload(state({ count: '2', minCpu: '0.5', maxCpu: '2', maxRam: '1', maxContainers: '4' }), nodejs).service.autoscaling).toEqual({ minCpu: 0.5, maxCpu: 2, maxRam: 1, minContainers: 2, maxContainers: 4 });
    expect(toPayload(state({ maxContainers: '4', maxRam: '2' }), postgresql).service.autoscaling).toEqual({ maxRam: 2 });
    expect(errorsOf(3, { minCpu: '2', maxCpu: '1', minRam: '-1', count: '3', maxContainers: '2' })).toEqual({
      'autoscaling.maxCpu': ['At least the minimum (2)'],
      'autoscaling.minRam': ['Enter a positive number'],
      'autoscaling.maxContainers': ['Use 3 (the containers above) to 10'],
    });
    expect(stepOfField('autoscaling.maxCpu')).toBe(3);
  });
});

describe('object storage in the wizard', () => {
  const storage: WizardCatalogEntry = { ...postgresql, type: 'object-storage', displayName: 'Object storage', category: 'storage', versions: ['1'], ha: null, ports: [{ port: 9000, protocol: 'tcp', http: true, name: 's3' }] };
  const at = (patch: Partial<WizardState>) => validateStep(3, state({ type: 'object-storage', version: '1', ...patch }), storage, taken);

  it('checks the quota and a custom policy document on the scaling step', () => {
    expect(at({ storageSize: '5', storagePolicy: 'public-read' })).toEqual({});
    expect(at({ storageSize: '101' })).toEqual({ 'objectStorage.sizeGb': ['Use 1 to 100 GB'] });
    expect(at({ storagePolicy: 'custom', storageRawPolicy: '' })).toEqual({ 'objectStorage.rawPolicy': ['is required with objectStoragePolicy: custom'] });
    expect(at({ storagePolicy: 'custom', storageRawPolicy: '{"Statement": [' })['objectStorage.rawPolicy']![0]).toMatch(/^is not valid JSON/);
    expect(stepOfField('objectStorage.rawPolicy')).toBe(3);
  });

  it('sends the quota and policy, the document only with custom', () => {
    const s = state({ type: 'object-storage', version: '1', storageSize: '3', storagePolicy: 'public-objects-read', storageRawPolicy: '{"ignored":1}' });
    expect(toPayload(s, storage).service.objectStorage).toEqual({ sizeGb: 3, policy: 'public-objects-read', rawPolicy: undefined });
    expect(toPayload({ ...s, storageSize: '' }, storage).service.objectStorage?.sizeGb).toBeUndefined();
    expect(toPayload(state({}), nodejs).service.objectStorage).toBeUndefined();
  });
});
