import { describe, expect, it } from 'vitest';
import { bucketPolicy, fillBucketName, policyProblem } from './bucket-policy';

const statements = (doc: string) =>
  (JSON.parse(doc) as { Statement: { Effect: string; Principal: unknown; Action: string[]; Resource: string[] }[] }).Statement;

describe('bucket policies from Zerops policy names', () => {
  it('private has no policy', () => {
    expect(bucketPolicy('private', 'abc-files')).toBe('');
  });

  it('public-read lets anyone get objects and list the bucket', () => {
    const s = statements(bucketPolicy('public-read', 'abc-files'));
    expect(s).toEqual([
      { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::abc-files/*'] },
      { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: ['arn:aws:s3:::abc-files'] },
    ]);
  });

  it('public-objects-read reads objects without listing; public-write only uploads; public-read-write all of it', () => {
    expect(statements(bucketPolicy('public-objects-read', 'b')).map((x) => x.Action)).toEqual([['s3:GetObject']]);
    expect(statements(bucketPolicy('public-write', 'b')).map((x) => x.Action)).toEqual([['s3:PutObject']]);
    expect(statements(bucketPolicy('public-read-write', 'b')).map((x) => x.Action)).toEqual([
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      ['s3:ListBucket', 's3:GetBucketLocation'],
    ]);
  });

  it('custom fills in the bucket name and must be a policy document', () => {
    const raw = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{ .BucketName }}/pub/*"}]}';
    expect(statements(bucketPolicy('custom', 'abc-files', raw))[0]!.Resource).toBe('arn:aws:s3:::abc-files/pub/*');
    expect(fillBucketName('{{.BucketName}} {{  .BucketName }}', 'x')).toBe('x x');
    expect(() => bucketPolicy('custom', 'b', '')).toThrow(/is required/);
    expect(() => bucketPolicy('custom', 'b', '{"Statement": [')).toThrow(/is not valid JSON/);
    expect(() => bucketPolicy('custom', 'b', '[]')).toThrow(/must be a policy document/);
  });

  it('names the problem of a choice: a document with a canned policy, a bad document', () => {
    expect(policyProblem(undefined, undefined)).toBeNull();
    expect(policyProblem('public-read', undefined)).toBeNull();
    expect(policyProblem(undefined, '{"Statement":[]}')).toBeNull();
    expect(policyProblem('private', '{"Statement":[]}')).toEqual({ field: 'rawPolicy', message: 'applies with the custom policy only (the policy is private)' });
    expect(policyProblem('custom', undefined)).toEqual({ field: 'rawPolicy', message: 'is required with objectStoragePolicy: custom' });
  });
});
