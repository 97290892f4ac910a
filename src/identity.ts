import { TranslationBundle } from '@jupyterlab/translation';

import { IGitIdentity, IIdentity, IRepoInfo } from './tokens';

/**
 * Asks the user for a git name and email, starting from the known values.
 * Resolves to null when the user cancels.
 */
export type AskIdentity = (
  initial: IGitIdentity | null
) => Promise<IIdentity | null>;

/**
 * Shape of an email address: one `@`, no spaces, and a dot in the domain.
 */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Tell whether commits in a repository lack a git name or email.
 *
 * A folder in no git repository, or a server that does not send
 * `git_identity`, needs none yet, because the server reports
 * `no_git_identity` when a commit fails for that reason.
 */
export function lacksIdentity(repo: IRepoInfo | null): boolean {
  const identity = repo?.git_identity;
  if (!identity) {
    return false;
  }
  return !identity.name || !identity.email;
}

/**
 * Check the name and email typed into the identity dialog.
 *
 * @returns The message to show next to the inputs, or null when both are
 * valid.
 */
export function validateIdentity(
  identity: IIdentity,
  trans: TranslationBundle
): string | null {
  if (!identity.name.trim()) {
    return trans.__('Enter your name, as git shows it in commits.');
  }
  if (!identity.email.trim()) {
    return trans.__('Enter your email address.');
  }
  if (!EMAIL_PATTERN.test(identity.email.trim())) {
    return trans.__(
      'The email address %1 is invalid; enter one such as ada@example.com.',
      identity.email.trim()
    );
  }
  return null;
}
