import { TranslationBundle } from '@jupyterlab/translation';

import { CredentialSource, IRemote, IRemoteSettings } from './tokens';

/**
 * Name proposed for a repository's first DVC remote.
 */
export const DEFAULT_REMOTE_NAME = 'storage';

/**
 * The values of the remote settings form, as typed.
 */
export interface IRemoteFormValues {
  name: string;
  url: string;
  endpointurl: string;
  region: string;
  profile: string;
  access_key_id: string;
  secret_access_key: string;
  default: boolean;
}

/**
 * Messages of the invalid fields, by field name.
 */
export type RemoteFormErrors = Partial<Record<keyof IRemoteFormValues, string>>;

/**
 * DVC remote names, as the server accepts them.
 */
const REMOTE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * S3 bucket names: 3 to 63 lowercase letters, digits, `.` or `-`.
 */
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const ENDPOINT_PATTERN = /^https?:\/\/[^\s/]+/;

/**
 * Fill the form from a saved remote, or with the defaults of a new one.
 * The key fields always start empty because the server never sends keys.
 *
 * @param isFirst Whether the repository has no remote yet, so the new one
 * becomes the default.
 */
export function initialFormValues(
  remote: IRemote | null,
  isFirst: boolean
): IRemoteFormValues {
  return {
    name: remote?.name ?? DEFAULT_REMOTE_NAME,
    url: remote?.url ?? '',
    endpointurl: remote?.endpointurl ?? '',
    region: remote?.region ?? '',
    profile: remote?.profile ?? '',
    access_key_id: '',
    secret_access_key: '',
    default: remote?.default ?? isFirst
  };
}

/**
 * Check the form before it is sent, with the rules the server applies.
 *
 * @returns The message of each invalid field, or no entry when all are
 * valid.
 */
export function validateRemoteForm(
  values: IRemoteFormValues,
  trans: TranslationBundle
): RemoteFormErrors {
  const errors: RemoteFormErrors = {};
  const name = values.name.trim();
  const url = values.url.trim();
  const endpoint = values.endpointurl.trim();

  if (!name) {
    errors.name = trans.__('Enter a name for the remote, such as storage.');
  } else if (!REMOTE_NAME_PATTERN.test(name)) {
    errors.name = trans.__(
      'The remote name %1 is invalid; use letters, digits, "-", "_" or ".", starting with a letter or digit.',
      name
    );
  }

  if (!url) {
    errors.url = trans.__('Enter the S3 URL, such as s3://bucket/prefix.');
  } else if (!url.startsWith('s3://')) {
    errors.url = trans.__(
      'The URL %1 is not an S3 URL; use the form s3://bucket/prefix.',
      url
    );
  } else {
    const bucket = url.slice('s3://'.length).split('/', 1)[0];
    if (!BUCKET_PATTERN.test(bucket)) {
      errors.url = trans.__(
        'The bucket name %1 is invalid; bucket names have 3 to 63 lowercase letters, digits, "." or "-".',
        bucket
      );
    }
  }

  if (endpoint && !ENDPOINT_PATTERN.test(endpoint)) {
    errors.endpointurl = trans.__(
      'The endpoint URL %1 is invalid; use the form https://host:port.',
      endpoint
    );
  }
  return errors;
}

/**
 * Build the body of `PUT remotes/NAME` from the form.
 *
 * Empty endpoint, region and profile fields remove those settings. Key
 * fields are sent only when filled in, so empty ones keep the stored keys,
 * unless `removeKeys` sends empty strings that delete them.
 */
export function buildRemoteSettings(
  values: IRemoteFormValues,
  removeKeys = false
): IRemoteSettings {
  const settings: IRemoteSettings = {
    url: values.url.trim(),
    endpointurl: values.endpointurl.trim(),
    region: values.region.trim(),
    profile: values.profile.trim(),
    default: values.default
  };

  if (removeKeys) {
    settings.access_key_id = '';
    settings.secret_access_key = '';
    return settings;
  }
  if (values.access_key_id.trim()) {
    settings.access_key_id = values.access_key_id.trim();
  }
  if (values.secret_access_key) {
    settings.secret_access_key = values.secret_access_key;
  }
  return settings;
}

/**
 * Describe where the server finds a remote's S3 credentials.
 */
export function credentialsLabel(
  source: CredentialSource,
  profile: string | null,
  trans: TranslationBundle
): string {
  switch (source) {
    case 'local':
      return trans.__('Keys stored in .dvc/config.local, which git ignores');
    case 'environment':
      return trans.__('Keys from the environment of the Jupyter server');
    case 'profile':
      return trans.__('Keys from the AWS profile %1', profile ?? '');
    case 'none':
      return trans.__('No keys found');
  }
}

/**
 * Return the placeholder of the key inputs, which shows whether a key is
 * stored.
 */
export function keyPlaceholder(
  source: CredentialSource,
  profile: string | null,
  trans: TranslationBundle
): string {
  switch (source) {
    case 'local':
      return trans.__('Stored in .dvc/config.local — leave empty to keep');
    case 'environment':
      return trans.__('From the environment');
    case 'profile':
      return trans.__('From profile %1', profile ?? '');
    case 'none':
      return trans.__('None');
  }
}
