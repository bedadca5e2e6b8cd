import type { ProcessAction } from './enqueue';
import type { ProcessContext } from './context';

export type ProcessHandler = (ctx: ProcessContext) => Promise<void>;

/** Handlers for some actions (one area's); the worker runs the full map, `processHandlers`. */
export type ProcessHandlers = Partial<Record<ProcessAction, ProcessHandler>>;
