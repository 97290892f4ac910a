import { ReactWidget, UseSignal } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { PanelView } from './components/PanelView';
import { dvcModelsIcon } from './icons';
import { DvcS3Model } from './model';
import { PANEL_ID } from './tokens';

/**
 * The left sidebar widget of the DVC models panel.
 *
 * It renders the model again on every `stateChanged` and informs the model
 * whether it is shown, so the periodic refresh pauses while it is hidden.
 */
export class DvcS3Panel extends ReactWidget {
  /**
   * @param locale Language code for dates, such as JupyterLab's language.
   */
  constructor(model: DvcS3Model, trans: TranslationBundle, locale?: string) {
    super();
    this.model = model;
    this._trans = trans;
    this._locale = locale;

    this.id = PANEL_ID;
    this.addClass('jp-DvcS3-panel');
    this.title.icon = dvcModelsIcon;
    this.title.caption = trans.__('DVC models');
  }

  /**
   * The panel's state.
   */
  readonly model: DvcS3Model;

  render(): JSX.Element {
    return (
      <UseSignal signal={this.model.stateChanged}>
        {() => (
          <PanelView
            model={this.model}
            locale={this._locale}
            trans={this._trans}
          />
        )}
      </UseSignal>
    );
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.setVisible(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.setVisible(false);
  }

  private _trans: TranslationBundle;
  private _locale: string | undefined;
}
