import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { DvcS3Model } from '../model';
import { isJobActive } from '../tokens';
import { ActionButtons } from './ActionButtons';
import { CommitForm } from './CommitForm';
import { ErrorBox } from './ErrorBox';
import { Header } from './Header';
import { HistoryView } from './HistoryView';
import { JobResult } from './JobResult';
import { JobSteps } from './JobSteps';
import { ModelList } from './ModelList';
import { RemoteForm } from './RemoteForm';
import { RepoNotice } from './RepoNotice';

/**
 * Properties of the panel's content.
 */
export interface IPanelViewProps {
  model: DvcS3Model;
  /**
   * Language code for dates, such as `en` or `zh-CN`; the browser's
   * locale when left out.
   */
  locale?: string;
  trans: TranslationBundle;
}

/**
 * Render the whole panel from the model's current state.
 */
export function PanelView(props: IPanelViewProps): JSX.Element {
  const { model, locale, trans } = props;
  const status = model.repoStatus;
  const job = model.job;
  const error = job?.error ?? model.error;
  const remotes = model.repo?.remotes ?? [];
  const showRemoteForm =
    status === 'ready' && (model.isRemoteFormOpen || remotes.length === 0);

  return (
    <div className="jp-DvcS3-content">
      <Header
        path={model.path}
        repo={model.repo}
        isLoading={model.isLoading}
        onRefresh={() => void model.refresh()}
        onRemoteSettings={
          status === 'ready' ? () => model.openRemoteForm() : undefined
        }
        trans={trans}
      />
      <RepoNotice
        status={status}
        repo={model.repo}
        isBusy={model.isBusy}
        onInit={() => void model.initRepo()}
        trans={trans}
      />
      {showRemoteForm && (
        <RemoteForm
          key={model.path}
          remotes={remotes}
          onSave={(name, settings) => model.saveRemote(name, settings)}
          onCheck={name => model.checkRemote(name)}
          onClose={
            remotes.length > 0 ? () => model.closeRemoteForm() : undefined
          }
          trans={trans}
        />
      )}
      {status === 'ready' && (
        <>
          <ModelList
            models={model.models}
            folder={model.path}
            selectedPath={model.selectedPath}
            canStart={model.canStart}
            onSelect={path => model.select(path)}
            onHistory={path => void model.openHistory(path)}
            onPull={path => void model.pull(path)}
            trans={trans}
          />
          <HistoryView
            history={model.history}
            locale={locale}
            canStart={model.canStart}
            onRestore={version => void model.restore(version)}
            onSaveRestored={() => void model.saveRestored()}
            onClose={() => model.history.close()}
            trans={trans}
          />
          <CommitForm
            selectedPath={model.selectedPath}
            message={model.message}
            defaultMessage={model.defaultMessage}
            onMessageChange={message => model.setMessage(message)}
            trans={trans}
          />
          <ActionButtons
            canRun={action => model.canRun(action)}
            onRun={action => void model.run(action)}
            canCancel={isJobActive(job)}
            onCancel={() => void model.cancel()}
            trans={trans}
          />
        </>
      )}
      {job && (
        <JobSteps
          job={job}
          rate={model.rate}
          isCancelling={model.isCancelling}
          trans={trans}
        />
      )}
      {job?.state === 'succeeded' && job.result && (
        <JobResult result={job.result} trans={trans} />
      )}
      {error && <ErrorBox error={error} trans={trans} />}
    </div>
  );
}
