import { registerCoreExtension } from './extension';
import { registerUpgradeHandler } from './upgrade';

export { upgradeCore } from './upgrade';
export { syncCore } from './extension';

/** Plugs the project core into the provisioner (balancers as wanted objects) and the worker. */
export function registerProjectCore(): void {
  registerCoreExtension();
  registerUpgradeHandler();
}
