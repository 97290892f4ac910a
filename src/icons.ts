import { LabIcon } from '@jupyterlab/ui-components';

import dvcModelsSvg from '../style/icons/dvc-models.svg';

/**
 * Icon of the DVC models panel and its launcher tile.
 */
export const dvcModelsIcon = new LabIcon({
  name: 'jupyter-dvc-s3:models',
  svgstr: dvcModelsSvg
});
