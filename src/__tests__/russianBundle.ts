/// <reference types="node" />
import { Gettext, TranslationBundle } from '@jupyterlab/translation';
import * as fs from 'fs';
import * as path from 'path';

import { TRANSLATION_DOMAIN } from '../tokens';

/**
 * Path of the compiled Russian catalog that the Python package ships.
 */
export const RUSSIAN_CATALOG = path.resolve(
  __dirname,
  '../../jupyter_dvc_s3/locale/ru_RU/LC_MESSAGES/jupyter_dvc_s3.json'
);

/**
 * Load the shipped Russian catalog into a bundle, as JupyterLab's
 * `TranslationManager.load` does with the catalog that the server sends.
 */
export function loadRussianBundle(): TranslationBundle {
  const data = JSON.parse(fs.readFileSync(RUSSIAN_CATALOG, 'utf-8'));
  const metadata = data[''];
  const bundle = new Gettext({ domain: TRANSLATION_DOMAIN, locale: 'ru-RU' });
  bundle.loadJSON(
    { ...data, '': { ...metadata, pluralForms: metadata.plural_forms } },
    TRANSLATION_DOMAIN
  );
  return bundle;
}
