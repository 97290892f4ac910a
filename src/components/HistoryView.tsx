import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { HistoryModel } from '../historyModel';
import { IModelVersion } from '../tokens';
import { ErrorBox } from './ErrorBox';
import { OlderVersionNotice } from './OlderVersionNotice';
import { VersionItem } from './VersionItem';

/**
 * Properties of the history view.
 */
export interface IHistoryViewProps {
  history: HistoryModel;
  /**
   * Language code for dates, such as `en` or `zh-CN`.
   */
  locale?: string;
  /**
   * Whether a job can start now; enables Restore and Save as new version.
   */
  canStart: boolean;
  onRestore: (version: IModelVersion) => void;
  onSaveRestored: () => void;
  onClose: () => void;
  trans: TranslationBundle;
}

/**
 * Render the versions of one model, newest first.
 */
export function HistoryView(props: IHistoryViewProps): JSX.Element | null {
  const { history, locale, canStart, trans } = props;
  const path = history.path;
  if (path === null) {
    return null;
  }
  const versions = history.versions;
  const current = history.isOlderCurrent ? history.current : null;

  return (
    <section
      className="jp-DvcS3-history"
      data-path={path}
      aria-label={trans.__('Versions of %1', path)}
    >
      <div className="jp-DvcS3-titleRow">
        <h3 className="jp-DvcS3-historyTitle" title={path}>
          {trans.__('Versions of %1', path)}
        </h3>
        <button
          className="jp-mod-styled jp-mod-minimal"
          data-action="close-history"
          title={trans.__('Close the version list')}
          aria-label={trans.__('Close')}
          onClick={props.onClose}
        >
          <closeIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
        </button>
      </div>
      {current && (
        <OlderVersionNotice
          current={current}
          locale={locale}
          canStart={canStart}
          onSave={props.onSaveRestored}
          trans={trans}
        />
      )}
      {history.error && <ErrorBox error={history.error} trans={trans} />}
      {history.isLoading && versions.length === 0 && (
        <div className="jp-DvcS3-notice" data-status="loading">
          {trans.__('Loading…')}
        </div>
      )}
      {!history.isLoading && !history.error && versions.length === 0 && (
        <div className="jp-DvcS3-empty">
          {trans.__('This model has no saved versions yet.')}
        </div>
      )}
      {versions.length > 0 && (
        <>
          <div className="jp-DvcS3-historyCount">
            {trans._n('%1 version', '%1 versions', versions.length)}
          </div>
          <ol className="jp-DvcS3-versions">
            {versions.map(version => (
              <VersionItem
                key={version.commit}
                version={version}
                locale={locale}
                canStart={canStart}
                onRestore={props.onRestore}
                trans={trans}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
