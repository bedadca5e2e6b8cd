import { describe, expect, it } from 'vitest';
import { parseZeropsYml, type ZeropsYmlIssue } from './parse';

const ok = (text: string) => {
  const r = parseZeropsYml(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.parsed.value;
};
const issues = (text: string): ZeropsYmlIssue[] => {
  const r = parseZeropsYml(text);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};

const full = `zerops:
  - setup: api
    build:
      base: nodejs@22
      os: ubuntu
      prepareCommands: [apt-get update]
      buildCommands:
        - npm ci
        - npm run build
      deployFiles: [dist, node_modules, package.json, ./public/~]
      cache: node_modules
      addToRunPrepare: [requirements.txt]
      envVariables:
        NODE_ENV: production
        RETRIES: 3
    deploy:
      temporaryShutdown: false
      readinessCheck:
        httpGet: { port: 3000, path: /health, host: localhost, scheme: http }
    run:
      base: nodejs@22
      prepareCommands: [echo prep]
      initCommands:
        - zsc execOnce \${appVersionId} -- npm run migrate
      start: npm start
      ports:
        - port: 3000
          httpSupport: true
        - port: 5353
          protocol: udp
      envVariables:
        DATABASE_URL: \${db_connectionString}
      healthCheck:
        exec: { command: curl -f localhost:3000 }
      documentRoot: public
`;

describe('parseZeropsYml: valid documents', () => {
  it('accepts every supported key', () => {
    const v = ok(full);
    const s = v.zerops[0]!;
    expect(s.build?.envVariables).toEqual({ NODE_ENV: 'production', RETRIES: '3' });
    expect(s.run?.ports?.[0]).toEqual({ port: 3000, protocol: 'TCP', httpSupport: true });
    expect(s.run?.ports?.[1]?.protocol).toBe('UDP');
    expect(s.deploy?.readinessCheck?.httpGet?.path).toBe('/health');
    expect(s.run?.healthCheck?.exec?.command).toBe('curl -f localhost:3000');
    expect(s.run?.documentRoot).toBe('public');
  });

  it.each([
    ['base as a list', 'zerops:\n  - setup: a\n    build: { base: [nodejs@22, python@3.12], deployFiles: ./ }\n    run: { start: x }\n'],
    ['cache true', 'zerops:\n  - setup: a\n    build: { base: go@1, deployFiles: app, cache: true }\n    run: { start: ./app }\n'],
    ['cache list', 'zerops:\n  - setup: a\n    build: { base: go@1, deployFiles: app, cache: [a, b] }\n    run: { start: ./app }\n'],
    ['startCommands', 'zerops:\n  - setup: a\n    run:\n      startCommands:\n        - { name: web, command: npm start, workingDir: /var/www, initCommands: [echo hi] }\n'],
    ['extends a string', 'zerops:\n  - setup: base\n    run: { start: x }\n  - setup: a\n    extends: base\n'],
    ['extends a list', 'zerops:\n  - setup: b1\n  - setup: b2\n  - setup: a\n    extends: [b1, b2]\n'],
    ['a setup without sections', 'zerops:\n  - setup: only\n'],
    ['YAML anchors', 'x: &b { base: nodejs@22 }\nzerops:\n  - setup: a\n'],
  ])('%s', (_name, text) => {
    if (_name === 'YAML anchors') {
      expect(issues(text)[0]).toMatchObject({ path: 'x', message: 'unknown key', line: 1, col: 1 });
      return;
    }
    expect(ok(text).zerops.length).toBeGreaterThan(0);
  });
});

describe('parseZeropsYml: bad input names the line, the key and the rule', () => {
  it.each<[string, string, Partial<ZeropsYmlIssue>]>([
    ['invalid YAML line', 'zerops:\n  - setup: a\n    build: [unclosed\n', { line: 4, path: '(yaml)' }],
    ['tab-indented YAML', 'zerops:\n\t- setup: a\n', { line: 2, path: '(yaml)' }],
    ['duplicate YAML key', 'zerops:\n  - setup: a\n    setup: b\n', { line: 3, path: '(yaml)' }],
    ['empty file', '', { path: 'zerops', message: 'is required (the file is empty)' }],
    ['top level not a map', '- a\n', { path: '(document)' }],
    ['no zerops key', 'services: []\n', { path: 'zerops', message: 'is required', line: 1, col: 1 }],
    ['zerops empty', 'zerops: []\n', { path: 'zerops', message: 'must list at least one setup' }],
    ['setup missing', 'zerops:\n  - build: { base: go@1 }\n', { path: 'zerops[0].setup', message: 'is required', line: 2 }],
    ['unknown key in build', 'zerops:\n  - setup: a\n    build:\n      bsae: nodejs@22\n', { path: 'zerops[0].build.bsae', message: 'unknown key', line: 4, col: 7 }],
    ['unknown key in run', 'zerops:\n  - setup: a\n    run:\n      start: x\n      strat: y\n', { path: 'zerops[0].run.strat', line: 5, col: 7 }],
    ['unknown top key in setup', 'zerops:\n  - setup: a\n    runn: {}\n', { path: 'zerops[0].runn', line: 3, col: 5 }],
    ['unsupported key', 'zerops:\n  - setup: a\n    run:\n      siteConfigPath: site.conf\n', { path: 'zerops[0].run.siteConfigPath', message: 'not supported yet', line: 4, col: 7 }],
    ['readiness failureTimeout too long', 'zerops:\n  - setup: a\n    deploy:\n      readinessCheck: { exec: { command: x }, failureTimeout: 9999 }\n', { path: 'zerops[0].deploy.readinessCheck.failureTimeout', message: 'must be at most 3600 (seconds)' }],
    ['unsupported routing', 'zerops:\n  - setup: a\n    run:\n      routing: {}\n', { message: 'not supported yet', path: 'zerops[0].run.routing' }],
    ['unsupported startCommands user', 'zerops:\n  - setup: a\n    run:\n      startCommands:\n        - command: x\n          user: root\n', { path: 'zerops[0].run.startCommands[0].user', message: 'not supported yet', line: 6 }],
    ['port too low', 'zerops:\n  - setup: a\n    run:\n      ports: [{ port: 9 }]\n', { path: 'zerops[0].run.ports[0].port', message: 'must be at least 10', line: 4 }],
    ['port too high', 'zerops:\n  - setup: a\n    run:\n      ports:\n        - port: 65436\n', { path: 'zerops[0].run.ports[0].port', message: 'must be at most 65435', line: 5, col: 17 }],
    ['port not a number', 'zerops:\n  - setup: a\n    run:\n      ports: [{ port: abc }]\n', { path: 'zerops[0].run.ports[0].port' }],
    ['bad protocol', 'zerops:\n  - setup: a\n    run:\n      ports: [{ port: 80, protocol: SCTP }]\n', { path: 'zerops[0].run.ports[0].protocol', message: 'must be TCP or UDP' }],
    ['http over UDP', 'zerops:\n  - setup: a\n    run:\n      ports: [{ port: 80, protocol: UDP, httpSupport: true }]\n', { path: 'zerops[0].run.ports[0]', message: 'httpSupport needs protocol TCP' }],
    ['start and startCommands', 'zerops:\n  - setup: a\n    run:\n      start: x\n      startCommands: [{ command: y }]\n', { path: 'zerops[0].run', message: 'use start or startCommands, not both' }],
    ['startCommands without command', 'zerops:\n  - setup: a\n    run:\n      startCommands: [{ name: web }]\n', { path: 'zerops[0].run.startCommands[0].command', message: 'is required' }],
    ['check with both kinds', 'zerops:\n  - setup: a\n    deploy:\n      readinessCheck: { httpGet: { port: 80 }, exec: { command: x } }\n', { path: 'zerops[0].deploy.readinessCheck', message: 'needs exactly one of httpGet or exec' }],
    ['check with none', 'zerops:\n  - setup: a\n    run:\n      healthCheck: {}\n', { path: 'zerops[0].run.healthCheck' }],
    ['httpGet path without slash', 'zerops:\n  - setup: a\n    deploy:\n      readinessCheck: { httpGet: { port: 80, path: health } }\n', { path: 'zerops[0].deploy.readinessCheck.httpGet.path', message: 'must start with /' }],
    ['bad scheme', 'zerops:\n  - setup: a\n    deploy:\n      readinessCheck: { httpGet: { port: 80, scheme: ftp } }\n', { path: 'zerops[0].deploy.readinessCheck.httpGet.scheme' }],
    ['bad env name', 'zerops:\n  - setup: a\n    run:\n      envVariables: { 1BAD: x }\n', { path: 'zerops[0].run.envVariables.1BAD' }],
    ['env value a map', 'zerops:\n  - setup: a\n    run:\n      envVariables: { A: { b: 1 } }\n', { path: 'zerops[0].run.envVariables.A' }],
    ['empty build command', 'zerops:\n  - setup: a\n    build:\n      buildCommands: ["  "]\n', { path: 'zerops[0].build.buildCommands[0]', message: 'must be a non-empty command' }],
    ['bad os', 'zerops:\n  - setup: a\n    build: { os: windows }\n', { path: 'zerops[0].build.os' }],
    ['crontab with names in the timing', 'zerops:\n  - setup: a\n    run:\n      crontab: [{ timing: "0 3 * * MON", command: x }]\n', { path: 'zerops[0].run.crontab[0].timing', message: 'must use numbers, *, ranges (a-b), lists (a,b) and steps (/n) only' }],
    ['crontab with a bad timing', 'zerops:\n  - setup: a\n    run:\n      crontab: [{ timing: "* * *", command: x }]\n', { path: 'zerops[0].run.crontab[0].timing', message: 'must be a cron expression with 5 fields' }],
    ['envReplace target leaving the app', 'zerops:\n  - setup: a\n    run:\n      envReplace: { delimiter: "%%", target: [./config/, ../etc] }\n', { path: 'zerops[0].run.envReplace.target[1]', message: 'must stay inside the app (no ..)' }],
    ['envReplace empty delimiter', 'zerops:\n  - setup: a\n    run:\n      envReplace: { delimiter: "", target: ./config/ }\n', { path: 'zerops[0].run.envReplace.delimiter' }],
    ['documentRoot leaving the app', 'zerops:\n  - setup: a\n    run: { documentRoot: ../etc }\n', { path: 'zerops[0].run.documentRoot', message: 'must stay inside the app (no ..)' }],
    ['documentRoot with nginx syntax', 'zerops:\n  - setup: a\n    run: { documentRoot: "x; }" }\n', { path: 'zerops[0].run.documentRoot' }],
    ['temporaryShutdown not a bool', 'zerops:\n  - setup: a\n    deploy: { temporaryShutdown: maybe }\n', { path: 'zerops[0].deploy.temporaryShutdown' }],
    ['duplicate setup', 'zerops:\n  - setup: a\n  - setup: a\n', { path: 'zerops[1].setup', message: 'duplicate setup name "a"', line: 3 }],
    ['extends unknown', 'zerops:\n  - setup: a\n    extends: nope\n', { path: 'zerops[0].extends', message: 'no setup named "nope" to extend', line: 3 }],
    ['extends itself', 'zerops:\n  - setup: a\n    extends: a\n', { path: 'zerops[0].extends', message: 'a setup cannot extend itself' }],
  ])('%s', (_name, text, expected) => {
    const found = issues(text);
    expect(found[0]).toMatchObject(expected);
    expect(found[0]!.line).toBeGreaterThan(0);
    expect(found[0]!.col).toBeGreaterThan(0);
  });

  it('refuses a huge document', () => {
    expect(issues(`zerops:\n  - setup: a\n#${'x'.repeat(300_000)}\n`)[0]!.message).toMatch(/larger than/);
  });

  it('reports every problem, not only the first', () => {
    const found = issues('zerops:\n  - setup: a\n    run:\n      ports: [{ port: 1 }]\n      strat: x\n');
    expect(found.map((i) => i.path).sort()).toEqual(['zerops[0].run.ports[0].port', 'zerops[0].run.strat']);
  });
});
