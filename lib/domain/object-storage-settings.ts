import { policyProblem } from '@/lib/catalog/bucket-policy';
import type { CatalogEntry } from '@/lib/catalog/types';
import type { ImportedServiceKeys } from '@/lib/db/schema/settings';
import { invalid } from '@/lib/errors';
import type { addServiceSchema } from '@/lib/validations/services';
import type { z } from 'zod';

type ObjectStorageInput = z.output<typeof addServiceSchema>['objectStorage'];

/**
 * A new service's object-storage choices as the settings it keeps (Zerops' import keys), checked:
 * they apply to object storage only, and a custom policy must be a policy document.
 */
export function objectStorageSettings(entry: CatalogEntry, input: ObjectStorageInput): ImportedServiceKeys {
  if (!input) return {};
  if (entry.type !== 'object-storage') throw invalid('objectStorage', `applies to object storage only, not to ${entry.displayName}`);
  const problem = policyProblem(input.policy, input.rawPolicy);
  if (problem) throw invalid(`objectStorage.${problem.field}`, problem.message);
  const policy = input.policy ?? (input.rawPolicy !== undefined ? 'custom' : undefined);
  return {
    ...(input.sizeGb !== undefined ? { objectStorageSize: input.sizeGb } : {}),
    ...(policy ? { objectStoragePolicy: policy } : {}),
    ...(policy === 'custom' ? { objectStorageRawPolicy: input.rawPolicy } : {}),
  };
}

/** The settings after a change of quota or access: a canned policy drops an earlier custom document. */
export function changedObjectStorageSettings(current: ImportedServiceKeys, change: ImportedServiceKeys): ImportedServiceKeys {
  const next = { ...current, ...change };
  if (change.objectStoragePolicy && change.objectStoragePolicy !== 'custom') delete next.objectStorageRawPolicy;
  return next;
}
