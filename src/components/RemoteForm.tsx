import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { toErrorInfo } from '../api';
import {
  buildRemoteSettings,
  credentialsLabel,
  initialFormValues,
  IRemoteFormValues,
  keyPlaceholder,
  RemoteFormErrors,
  validateRemoteForm
} from '../remoteForm';
import { ICheckResult, IErrorInfo, IRemote, IRemoteSettings } from '../tokens';
import { localizeError } from '../errorMessages';
import { ErrorBox } from './ErrorBox';

/**
 * Properties of the remote settings form.
 */
export interface IRemoteFormProps {
  /**
   * The repository's DVC remotes. The form opens on the default one.
   */
  remotes: IRemote[];
  onSave: (name: string, settings: IRemoteSettings) => Promise<IRemote>;
  onCheck: (name: string) => Promise<ICheckResult>;
  /**
   * Closes the form. It is left out while the form cannot be closed, as
   * when the repository has no remote yet.
   */
  onClose?: () => void;
  trans: TranslationBundle;
}

type TextField = Exclude<keyof IRemoteFormValues, 'default'>;

/**
 * Render the form that saves a DVC remote's URL, endpoint, region, profile
 * and keys, and checks the connection to its bucket.
 */
export function RemoteForm(props: IRemoteFormProps): JSX.Element {
  const { remotes, onSave, onCheck, onClose, trans } = props;
  const [values, setValues] = React.useState<IRemoteFormValues>(() =>
    initialFormValues(
      remotes.find(r => r.default) ?? remotes[0] ?? null,
      remotes.length === 0
    )
  );
  const [errors, setErrors] = React.useState<RemoteFormErrors>({});
  const [serverError, setServerError] = React.useState<IErrorInfo | null>(null);
  const [saved, setSaved] = React.useState(false);
  const [isWorking, setIsWorking] = React.useState(false);
  const [check, setCheck] = React.useState<ICheckResult | null>(null);

  const name = values.name.trim();
  const stored = remotes.find(r => r.name === name) ?? null;
  const source = stored?.credentials ?? 'none';
  const profile = stored?.profile ?? null;

  const setValue = (
    field: keyof IRemoteFormValues,
    value: string | boolean
  ) => {
    setValues(current => ({ ...current, [field]: value }));
    setSaved(false);
  };

  const save = async (removeKeys: boolean): Promise<void> => {
    const found = validateRemoteForm(values, trans);
    setErrors(found);
    setServerError(null);
    setSaved(false);
    if (Object.keys(found).length > 0) {
      return;
    }

    setIsWorking(true);
    try {
      await onSave(name, buildRemoteSettings(values, removeKeys));
      setValues(current => ({
        ...current,
        access_key_id: '',
        secret_access_key: ''
      }));
      setSaved(true);
      setCheck(null);
    } catch (error) {
      setServerError(toErrorInfo(error));
    }
    setIsWorking(false);
  };

  const runCheck = async (): Promise<void> => {
    setIsWorking(true);
    setCheck(null);
    try {
      setCheck(await onCheck(name));
    } catch (error) {
      setCheck({ ok: false, ...toErrorInfo(error) });
    }
    setIsWorking(false);
  };

  const textInput = (
    field: TextField,
    label: string,
    placeholder: string,
    type = 'text'
  ): JSX.Element => (
    <label className="jp-DvcS3-field">
      <span className="jp-DvcS3-label">{label}</span>
      <input
        className="jp-mod-styled"
        name={field}
        type={type}
        value={values[field]}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        aria-invalid={errors[field] ? true : undefined}
        onChange={event => setValue(field, event.target.value)}
      />
      {errors[field] && (
        <span className="jp-DvcS3-fieldError" data-field={field}>
          {errors[field]}
        </span>
      )}
    </label>
  );

  return (
    <form
      className="jp-DvcS3-remote-form"
      noValidate
      onSubmit={event => {
        event.preventDefault();
        void save(false);
      }}
    >
      <h3 className="jp-DvcS3-formTitle">{trans.__('Storage settings')}</h3>
      {textInput('name', trans.__('Remote name'), 'storage')}
      {textInput('url', trans.__('S3 URL'), 's3://bucket/prefix')}
      {textInput(
        'endpointurl',
        trans.__('Endpoint URL'),
        trans.__('https://host:port, empty for AWS S3')
      )}
      {textInput('region', trans.__('Region'), trans.__('Optional'))}
      {textInput('profile', trans.__('AWS profile'), trans.__('Optional'))}
      {textInput(
        'access_key_id',
        trans.__('Access key ID'),
        keyPlaceholder(source, profile, trans),
        'password'
      )}
      {textInput(
        'secret_access_key',
        trans.__('Secret access key'),
        keyPlaceholder(source, profile, trans),
        'password'
      )}
      <label className="jp-DvcS3-checkbox">
        <input
          name="default"
          type="checkbox"
          checked={values.default}
          onChange={event => setValue('default', event.target.checked)}
        />
        <span>{trans.__('Use as default')}</span>
      </label>
      <div className="jp-DvcS3-credentials" data-source={source}>
        {trans.__('Credentials: %1', credentialsLabel(source, profile, trans))}
      </div>
      <div className="jp-DvcS3-formButtons">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          data-action="save-remote"
          disabled={isWorking}
        >
          {trans.__('Save')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          data-action="check-remote"
          disabled={isWorking || stored === null}
          title={trans.__(
            "Make a request to the saved remote's bucket with its stored settings"
          )}
          onClick={() => void runCheck()}
        >
          {trans.__('Check connection')}
        </button>
        {source === 'local' && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            data-action="remove-keys"
            disabled={isWorking}
            title={trans.__('Delete the keys stored in .dvc/config.local')}
            onClick={() => void save(true)}
          >
            {trans.__('Remove stored keys')}
          </button>
        )}
        {onClose && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-reject"
            data-action="close-remote-form"
            onClick={onClose}
          >
            {trans.__('Close')}
          </button>
        )}
      </div>
      {saved && (
        <div className="jp-DvcS3-saved" role="status">
          {trans.__('Saved the remote %1.', name)}
        </div>
      )}
      {serverError && <ErrorBox error={serverError} trans={trans} />}
      {check && <CheckResult result={check} trans={trans} />}
    </form>
  );
}

/**
 * Render the outcome of a connection check.
 */
function CheckResult(props: {
  result: ICheckResult;
  trans: TranslationBundle;
}): JSX.Element {
  const { result, trans } = props;
  const failure = result.ok
    ? null
    : localizeError(
        {
          code: result.code ?? '',
          message: result.message ?? '',
          hint: result.hint ?? ''
        },
        trans
      );
  return (
    <div
      className="jp-DvcS3-check"
      data-ok={result.ok ? 'true' : 'false'}
      data-code={result.code ?? ''}
      role={result.ok ? 'status' : 'alert'}
    >
      {result.ok ? (
        <div className="jp-DvcS3-checkMessage">
          {trans.__('Connected to %1.', result.url ?? '')}
        </div>
      ) : (
        <>
          <div className="jp-DvcS3-checkMessage">{failure?.message}</div>
          {failure?.hint && (
            <div className="jp-DvcS3-errorHint">{failure.hint}</div>
          )}
          {failure?.detail && (
            <div className="jp-DvcS3-errorDetail" lang="en">
              {failure.detail}
            </div>
          )}
          <div className="jp-DvcS3-errorCode">
            {trans.__('Error code: %1', result.code ?? '')}
          </div>
        </>
      )}
    </div>
  );
}
