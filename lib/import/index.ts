import { AppError } from '@/lib/errors';
import type { ImportPlan } from './plan-types';
import { planImport, type PlanContext } from './plan';
import { previewOf, type ImportPreview } from './preview';
import { readSource, SourceErrors } from './source';

export type { ImportPlan, PlannedService } from './plan-types';
export type { ImportPreview } from './preview';
export type { PlanContext, ExistingService } from './plan';

/** The 422 a caller gets: every problem with line, column, key path and rule. */
export function importError(issues: SourceErrors['issues'], summary = 'The import file has problems'): AppError {
  const first = issues[0];
  const message = first ? `${summary}: line ${first.line}:${first.column} ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` : summary;
  return new AppError('VALIDATION', message, undefined, issues);
}

/** Parse → preprocess → validate → plan + preview. Throws a VALIDATION AppError listing every problem. */
export async function prepareImport(text: string, ctx: PlanContext): Promise<{ plan: ImportPlan; preview: ImportPreview }> {
  try {
    const src = await readSource(text);
    const { plan, pending } = planImport(src, ctx);
    return { plan, preview: previewOf(plan, pending) };
  } catch (err) {
    if (err instanceof SourceErrors) throw importError(err.issues);
    throw err;
  }
}
