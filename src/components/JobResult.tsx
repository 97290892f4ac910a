import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { copyS3Url } from '../clipboard';
import { formatSize, shortSha } from '../format';
import { IJobResult } from '../tokens';

/**
 * Properties of the result box.
 */
export interface IJobResultProps {
  result: IJobResult;
  trans: TranslationBundle;
}

/**
 * Render the output of a finished job: md5, size, commit, pushed branch and the
 * S3 address of the data.
 */
export function JobResult(props: IJobResultProps): JSX.Element {
  const { result, trans } = props;
  const size = formatSize(result.size, trans);

  return (
    <div className="jp-DvcS3-result">
      <dl className="jp-DvcS3-facts">
        {result.md5 && (
          <>
            <dt>{trans.__('MD5')}</dt>
            <dd className="jp-DvcS3-md5">{result.md5}</dd>
          </>
        )}
        {size && (
          <>
            <dt>{trans.__('Size')}</dt>
            <dd className="jp-DvcS3-resultSize" title={`${result.size}`}>
              {size}
            </dd>
          </>
        )}
        {result.dvc_file && (
          <>
            <dt>{trans.__('DVC file')}</dt>
            <dd>{result.dvc_file}</dd>
          </>
        )}
        {result.commit && (
          <>
            <dt>{trans.__('Commit')}</dt>
            <dd className="jp-DvcS3-commit" title={result.commit}>
              {shortSha(result.commit)}
            </dd>
          </>
        )}
        {result.pushed_to && (
          <>
            <dt>{trans.__('Pushed to')}</dt>
            <dd className="jp-DvcS3-pushedTo">{result.pushed_to}</dd>
          </>
        )}
      </dl>
      {result.s3_url && (
        <div className="jp-DvcS3-s3">
          <code className="jp-DvcS3-s3url">{result.s3_url}</code>
          <button
            className="jp-mod-styled jp-mod-minimal"
            data-action="copy-s3-url"
            title={trans.__('Copy S3 address')}
            onClick={() => copyS3Url(result.s3_url ?? '', trans)}
          >
            <copyIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
            <span>{trans.__('Copy S3 address')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
