/**
 * Removes the Docker objects of finished test runs (every object a run makes carries the runner's
 * pid; a run whose pid is gone is finished). The test command calls it after the last tier, so a
 * finished `npm run test:all` leaves no container, network or volume behind.
 */
import Docker from 'dockerode';
import { removeLeftovers } from '@/lib/testing/global-setup';

await removeLeftovers(new Docker());
