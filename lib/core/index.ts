import { registerCoreExtension } from './extension';
import { converge } from '@/lib/processes/converge';
import { registerHandler } from '@/lib/processes/registry';
import { registerUpgradeHandler } from './upgrade';

export { upgradeCore } from './upgrade';
export { syncCore } from './extension';
export { addPublicPort, listPublicPorts, removePublicPort, setRouteFirewall } from './public-ports';

/** Plugs the project core into the provisioner (balancers as wanted objects) and the worker. */
export function registerProjectCore(): void {
  registerCoreExtension();
  registerUpgradeHandler();
  // Ports and firewalls: converge renders them into the balancers (nginx -t before the swap).
  registerHandler('stack.updatePorts', async (ctx) => {
    await converge(ctx, ctx.process.projectId!);
    await ctx.log('routing published to the balancers', { step: 'core' });
  });
}
