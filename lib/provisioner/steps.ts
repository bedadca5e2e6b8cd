import type { ContainerSpec, ObservedContainer, WantedNetwork, WantedVolume } from './spec';

/** Every change the planner can ask for: serializable, so the step log can show it. */
export type Step =
  | { action: 'createNetwork'; target: WantedNetwork }
  | { action: 'createVolume'; target: WantedVolume }
  | { action: 'createContainer'; target: ContainerSpec; hash: string }
  | { action: 'startContainer'; current: Pick<ObservedContainer, 'id' | 'name'> }
  | { action: 'stopContainer'; current: Pick<ObservedContainer, 'id' | 'name'> }
  | { action: 'removeContainer'; current: Pick<ObservedContainer, 'id' | 'name'>; reason: string }
  | { action: 'removeVolume'; current: { name: string } }
  | { action: 'removeNetwork'; current: { id: string; name: string } };

export type StepAction = Step['action'];

export function describeStep(s: Step): string {
  switch (s.action) {
    case 'createNetwork':
    case 'createVolume':
    case 'createContainer':
      return `${s.action} ${s.target.name}`;
    case 'removeContainer':
      return `removeContainer ${s.current.name} (${s.reason})`;
    default:
      return `${s.action} ${s.current.name}`;
  }
}
