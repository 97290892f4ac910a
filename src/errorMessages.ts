import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import { IErrorInfo, TRANSLATION_DOMAIN } from './tokens';

/**
 * An error as the panel shows it, in the language of the JupyterLab
 * interface.
 */
export interface ILocalizedError {
  code: string;
  message: string;
  hint: string;
  /**
   * The server's own message, in English, when `message` is a translated
   * summary of the error code; null when `message` is the server's message.
   *
   * The REST API keeps its messages in English, and they name the value that
   * failed (a path, a bucket, a remote), which a summary per code cannot.
   */
  detail: string | null;
}

/**
 * Message and hint of an error code.
 */
interface IErrorText {
  message: string;
  hint: string;
}

/**
 * Bundle that returns the English source strings.
 */
const ENGLISH = nullTranslator.load(TRANSLATION_DOMAIN);

/**
 * Translate an error of the REST API or of a job for the panel.
 *
 * An error code of the API, or `unauthorized`, gets its translated summary
 * and hint, and keeps the server's message as `detail`. An unknown code, or
 * a language without a translation of that code's summary, such as English,
 * keeps the server's message and hint.
 */
export function localizeError(
  error: IErrorInfo,
  trans: TranslationBundle
): ILocalizedError {
  const translated = errorText(error.code, trans);
  const english = errorText(error.code, ENGLISH);
  const fromServer: ILocalizedError = {
    code: error.code,
    message: error.message,
    hint: error.hint,
    detail: null
  };

  if (translated === null || english === null) {
    return fromServer;
  }
  if (translated.message === english.message) {
    return fromServer;
  }
  return {
    code: error.code,
    message: translated.message,
    hint: translated.hint,
    detail:
      error.message && error.message !== translated.message
        ? error.message
        : null
  };
}

/**
 * Return the summary and hint of an error code in the bundle's language,
 * or null for a code that is not one of the API's.
 */
export function errorText(
  code: string,
  trans: TranslationBundle
): IErrorText | null {
  switch (code) {
    case 'invalid_request':
      return {
        message: trans.__('The request has a missing or invalid field.'),
        hint: trans.__(
          'Reload the page and retry. If the error persists, report it to the administrators of the platform with the server message below.'
        )
      };
    case 'outside_root':
      return {
        message: trans.__(
          'The path lies outside the folder that the Jupyter server serves.'
        ),
        hint: trans.__(
          'Open a file or folder inside the folder that JupyterLab was started in.'
        )
      };
    case 'not_found':
      return {
        message: trans.__('The file, folder or job was not found.'),
        hint: trans.__(
          'Refresh the panel; the file may have been moved or deleted.'
        )
      };
    case 'not_a_git_repo':
      return {
        message: trans.__('The folder is not in a git repository.'),
        hint: trans.__(
          'Open a folder of a git repository, or set up versioning here.'
        )
      };
    case 'dvc_not_initialized':
      return {
        message: trans.__('DVC is not initialised in this git repository.'),
        hint: trans.__(
          'Set up versioning to initialise DVC, then add an S3 remote.'
        )
      };
    case 'no_remote':
      return {
        message: trans.__(
          'No DVC remote is configured, or the remote with this name does not exist.'
        ),
        hint: trans.__(
          'Enter the S3 bucket and its keys in the storage settings.'
        )
      };
    case 'bucket_not_found':
      return {
        message: trans.__('The S3 bucket does not exist.'),
        hint: trans.__(
          "Check the bucket name in the remote's S3 URL, or ask the storage administrators to create the bucket."
        )
      };
    case 'access_denied':
      return {
        message: trans.__('S3 rejected the credentials or the operation.'),
        hint: trans.__(
          "Check the remote's access key ID and secret access key, and that they are allowed to read and write the bucket."
        )
      };
    case 'no_credentials':
      return {
        message: trans.__('No S3 credentials were found.'),
        hint: trans.__(
          'Enter the access key ID and secret access key in the storage settings, or set them in the environment of the Jupyter server.'
        )
      };
    case 'endpoint_unreachable':
      return {
        message: trans.__('The S3 endpoint cannot be reached.'),
        hint: trans.__(
          "Check the remote's endpoint URL and that the storage service is running."
        )
      };
    case 'timeout':
      return {
        message: trans.__(
          'The transfer to S3 or the git remote took longer than the time limit.'
        ),
        hint: trans.__(
          'Check the network and the storage service, then run the job again; it continues from the step that failed.'
        )
      };
    case 'tracked_by_git':
      return {
        message: trans.__(
          'The file is already tracked by git, so DVC cannot track it.'
        ),
        hint: trans.__(
          'Remove the file from the git index with git rm --cached, commit, then save a version.'
        )
      };
    case 'path_ignored':
      return {
        message: trans.__('Git would ignore the .dvc file of this file.'),
        hint: trans.__(
          'Remove the .gitignore rule that matches the .dvc file, then retry.'
        )
      };
    case 'no_git_identity':
      return {
        message: trans.__('The git user name or email is not set.'),
        hint: trans.__(
          'Enter the name and email address that commits should carry, then retry.'
        )
      };
    case 'no_git_remote':
      return {
        message: trans.__('The repository has no git remote origin.'),
        hint: trans.__(
          'Add a git remote named origin, or turn off "Push to git on Save version" in the settings.'
        )
      };
    case 'push_rejected':
      return {
        message: trans.__('The git remote rejected the push.'),
        hint: trans.__(
          'Pull the new commits of the branch, or ask for the right to push to a protected branch, then retry.'
        )
      };
    case 'detached_head':
      return {
        message: trans.__('HEAD is not on a branch.'),
        hint: trans.__('Check out a branch, such as dev, then retry.')
      };
    case 'unsaved_changes':
      return {
        message: trans.__('The file has changes that are in no saved version.'),
        hint: trans.__(
          'Save a version first, or confirm that the changes may be overwritten.'
        )
      };
    case 'repo_busy':
      return {
        message: trans.__('Another DVC process holds the repository lock.'),
        hint: trans.__(
          'Wait until the other DVC command or job ends, then retry.'
        )
      };
    case 'cancelled':
      return {
        message: trans.__('The job was cancelled or has already ended.'),
        hint: trans.__(
          'Start the job again to finish it; it continues from where it stopped.'
        )
      };
    case 'internal':
      return {
        message: trans.__('An unexpected error occurred.'),
        hint: trans.__(
          'Look in the Jupyter server log for the traceback, then retry.'
        )
      };
    case 'unauthorized':
      return {
        message: trans.__(
          'The server rejected the request because you are not logged in or your session has expired.'
        ),
        hint: trans.__('Reload the page and log in again.')
      };
    default:
      return null;
  }
}
