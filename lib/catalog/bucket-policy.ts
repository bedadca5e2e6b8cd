/**
 * Zerops' object-storage policies as S3 bucket policies: `private` is none, the public ones let
 * anonymous clients read (with or without listing) or write, `custom` is the user's own IAM document
 * with `{{ .BucketName }}` standing for the bucket.
 */
export const OBJECT_STORAGE_POLICIES = ['private', 'public-read', 'public-objects-read', 'public-write', 'public-read-write', 'custom'] as const;
export type ObjectStoragePolicy = (typeof OBJECT_STORAGE_POLICIES)[number];

/** Quota when the import file or the wizard names none, in GB (Zerops allows 1 to 100). */
export const DEFAULT_OBJECT_STORAGE_GB = 2;

const CANNED: Record<Exclude<ObjectStoragePolicy, 'private' | 'custom'>, { objects: string[]; bucket: string[] }> = {
  'public-read': { objects: ['s3:GetObject'], bucket: ['s3:ListBucket', 's3:GetBucketLocation'] },
  'public-objects-read': { objects: ['s3:GetObject'], bucket: [] },
  'public-write': { objects: ['s3:PutObject'], bucket: [] },
  'public-read-write': { objects: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], bucket: ['s3:ListBucket', 's3:GetBucketLocation'] },
};

export class BucketPolicyError extends Error {}

/** `{{ .BucketName }}` (any spacing) replaced by the bucket's name. */
export function fillBucketName(raw: string, bucket: string): string {
  return raw.replace(/\{\{\s*\.BucketName\s*\}\}/g, bucket);
}

/**
 * The bucket policy document for a policy name ('' for private). A custom document must be a JSON
 * object once the bucket name is filled in; otherwise BucketPolicyError says why.
 */
export function bucketPolicy(policy: ObjectStoragePolicy, bucket: string, raw?: string): string {
  if (policy === 'private') return '';
  if (policy === 'custom') {
    if (!raw?.trim()) throw new BucketPolicyError('is required with objectStoragePolicy: custom');
    let doc: unknown;
    try {
      doc = JSON.parse(fillBucketName(raw, bucket));
    } catch (err) {
      throw new BucketPolicyError(`is not valid JSON: ${(err as Error).message}`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !('Statement' in doc)) {
      throw new BucketPolicyError('must be a policy document (a JSON object with Statement)');
    }
    return JSON.stringify(doc);
  }
  const { objects, bucket: onBucket } = CANNED[policy];
  const statement = (actions: string[], resource: string) => ({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: actions, Resource: [resource] });
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [statement(objects, `arn:aws:s3:::${bucket}/*`), ...(onBucket.length ? [statement(onBucket, `arn:aws:s3:::${bucket}`)] : [])],
  });
}

/**
 * What is wrong with a policy choice, if anything: a custom document that does not parse, or a
 * document given with a canned policy. `policy` absent with a document means custom.
 */
export function policyProblem(policy: ObjectStoragePolicy | undefined, raw: string | undefined): { field: 'policy' | 'rawPolicy'; message: string } | null {
  const chosen = policy ?? (raw !== undefined ? 'custom' : 'private');
  if (raw !== undefined && chosen !== 'custom') return { field: 'rawPolicy', message: `applies with the custom policy only (the policy is ${chosen})` };
  if (chosen !== 'custom') return null;
  try {
    bucketPolicy('custom', 'bucket', raw);
    return null;
  } catch (err) {
    if (err instanceof BucketPolicyError) return { field: 'rawPolicy', message: err.message };
    throw err;
  }
}
