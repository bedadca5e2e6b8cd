export { parseZeropsYml, formatIssue, formatPath, MAX_ZEROPS_YML_BYTES } from './parse';
export type { ParsedZeropsYml, ParseResult, ZeropsYmlIssue } from './parse';
export { selectSetup, mergeSetups } from './select';
export type { ResolvedSetup, SelectOptions } from './select';
export { zeropsYmlSchema, setupSchema } from './schema';
export type { ZeropsYml, ZeropsSetup, ZeropsBuild, ZeropsRun, ZeropsCheck, ZeropsPort } from './schema';
export { parseZeropsYmlOrThrow } from './throwing';
