import { pingEngine } from '@/lib/provisioner/docker/connection';

/** Shown on every dashboard page when the Docker Engine does not answer. */
export async function DockerBanner() {
  const ping = await pingEngine();
  if (ping.ok) return null;
  return (
    <div role="alert" className="border-b border-red-300 bg-red-50 px-6 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">Docker Engine is not reachable at {ping.address}</p>
      <p className="mt-1">
        Berth cannot create or repair containers until it answers ({ping.error}). Start it (<code>sudo dockerd</code> or{' '}
        <code>sudo systemctl start docker</code>), point <code>DOCKER_HOST</code> at a running engine, or give this user access
        to the socket (the <code>docker</code> group).
      </p>
    </div>
  );
}
