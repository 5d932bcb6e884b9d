/**
 * The S3 fields the two S3 types share, read from LangWatch's S3 adapter
 * (`services/pullers/s3PollingPullerAdapter.ts`): the bucket, prefix and region of its config
 * schema, and the AWS keys its `makeClient` reads from `credentials`.
 */
import { credential, field, parser, STORED_ONLY, type SourceField } from './source-catalog-types';

const NO_ROLE =
  "LangWatch's composer asks for a role ARN, but no LangWatch code assumes it: the S3 adapter signs with the AWS keys below, or with LangWatch's own AWS identity when none are given. Optional here, kept for your records.";

const KEYS_DEPARTURE =
  "LangWatch's composer has no field for these, but its S3 adapter signs with `credentials.aws_access_key_id` / `aws_secret_access_key` (and `aws_session_token`) when given; without them it uses the AWS identity LangWatch runs as.";

/** Bucket, prefix, region and role of an S3 type; `example` names the bucket in the placeholders. */
export function s3LocationFields(example: { bucket: string; prefix: string; role: string }): SourceField[] {
  return [
    field({
      key: 'bucket',
      label: 'S3 bucket name',
      placeholder: example.bucket,
      required: true,
      sendAs: parser('bucket'),
      readBy: 'config `bucket` (ListObjectsV2 / GetObject)',
    }),
    field({
      key: 'prefix',
      label: 'S3 key prefix',
      placeholder: example.prefix,
      sendAs: parser('prefix'),
      readBy: 'config `prefix` (empty: the whole bucket)',
    }),
    field({
      key: 'region',
      label: 'AWS region of the bucket',
      placeholder: 'us-east-1',
      required: true,
      sendAs: parser('region'),
      readBy: 'config `region` (the S3 client)',
      departure:
        "LangWatch's composer does not ask for the region, but its S3 adapter refuses a config without `region`, so every pull of such a source fails.",
    }),
    field({
      key: 'roleArn',
      label: 'Cross-account role ARN',
      placeholder: example.role,
      advanced: true,
      sendAs: parser('roleArn'),
      readBy: STORED_ONLY,
      departure: NO_ROLE,
    }),
  ];
}

/** The AWS access key pair (and session token) the S3 adapter signs with. */
export const AWS_KEY_FIELDS: readonly SourceField[] = [
  field({
    key: 'awsAccessKeyId',
    label: 'AWS access key ID',
    placeholder: 'AKIA...',
    hint: 'Give it with its secret access key, or leave both empty to use the AWS identity LangWatch runs as.',
    secret: true,
    advanced: true,
    sendAs: credential('aws_access_key_id'),
    readBy: '`credentials.aws_access_key_id` (the S3 client)',
    departure: KEYS_DEPARTURE,
  }),
  field({
    key: 'awsSecretAccessKey',
    label: 'AWS secret access key',
    placeholder: '(from the AWS IAM console)',
    secret: true,
    advanced: true,
    sendAs: credential('aws_secret_access_key'),
    readBy: '`credentials.aws_secret_access_key` (the S3 client)',
    departure: KEYS_DEPARTURE,
  }),
  field({
    key: 'awsSessionToken',
    label: 'AWS session token',
    placeholder: '(only for temporary keys)',
    hint: 'Temporary keys expire, and the source stops pulling when they do.',
    secret: true,
    advanced: true,
    sendAs: credential('aws_session_token'),
    readBy: '`credentials.aws_session_token` (the S3 client)',
    departure: KEYS_DEPARTURE,
  }),
];
