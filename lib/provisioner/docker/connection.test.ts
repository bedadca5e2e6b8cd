import { describe, expect, it } from 'vitest';
import { engineAddress } from './connection';

describe('engineAddress', () => {
  it('defaults to the local socket', () => {
    expect(engineAddress(undefined).options).toEqual({ socketPath: '/var/run/docker.sock' });
  });
  it('reads unix:// and tcp:// DOCKER_HOST values', () => {
    expect(engineAddress('unix:///run/user/1000/docker.sock').options).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(engineAddress('tcp://10.0.0.5:2375').options).toEqual({ host: '10.0.0.5', port: 2375, protocol: 'http' });
  });
});
