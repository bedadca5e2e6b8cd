/**
 * Removes the Docker objects of finished test runs (every object a run makes carries the runner's
 * pid; a run whose pid is gone is finished). The test command calls it after the last tier, so a
 * finished `npm run test:all` leaves no container, network or volume behind, and no test database
 * template of an older set of migrations.
 */
import Docker from 'dockerode';
import { removeStaleTemplates } from '@/lib/testing/db';
import { removeLeftovers } from '@/lib/testing/global-setup';

await removeLeftovers(new Docker());
// Test databases are copies of a migrated template: the templates of other migration sets go.
await removeStaleTemplates().catch((err: Error) => console.log(`stale test templates not removed: ${err.message}`));
