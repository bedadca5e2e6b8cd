import { AppError } from '@/lib/errors';
import { formatIssue, parseZeropsYml, type ParsedZeropsYml } from './parse';

/** parseZeropsYml for callers that want a VALIDATION AppError naming every problem. */
export function parseZeropsYmlOrThrow(text: string): ParsedZeropsYml {
  const result = parseZeropsYml(text);
  if (result.ok) return result.parsed;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.issues) (fieldErrors[issue.path] ??= []).push(`line ${issue.line}:${issue.col}: ${issue.message}`);
  throw new AppError('VALIDATION', result.issues.map(formatIssue).join('; '), fieldErrors);
}
