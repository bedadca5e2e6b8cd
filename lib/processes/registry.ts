import type { ProcessAction } from './enqueue';
import type { ProcessContext } from './context';

export type ProcessHandler = (ctx: ProcessContext) => Promise<void>;

const handlers = new Map<string, ProcessHandler>();

/** Other modules (the project core) add handlers for their actions. */
export function registerHandler(action: ProcessAction, handler: ProcessHandler): void {
  handlers.set(action, handler);
}

export function handlerFor(action: string): ProcessHandler | undefined {
  return handlers.get(action);
}
