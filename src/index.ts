import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { DvcS3Api } from './api';
import { askGitIdentity, confirmOverwrite } from './dialogs';
import { dvcModelsIcon } from './icons';
import {
  DEFAULT_MESSAGE_TEMPLATE,
  DEFAULT_REFRESH_INTERVAL,
  DvcS3Model
} from './model';
import { notifyJobEnded } from './notifications';
import { DvcS3Panel } from './panel';
import { CommandIDs, PLUGIN_ID, TRANSLATION_DOMAIN } from './tokens';

/**
 * Rank of the panel among the left sidebar's tabs.
 */
const PANEL_RANK = 600;

/**
 * Palette category of the commands.
 */
const PALETTE_CATEGORY = 'DVC';

/**
 * The DVC models panel, its commands, launcher tile and context menu item.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Save versions of model files with DVC and an S3 bucket from a sidebar panel.',
  autoStart: true,
  optional: [
    ITranslator,
    IDefaultFileBrowser,
    ICommandPalette,
    ILauncher,
    ISettingRegistry,
    ILayoutRestorer
  ],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    fileBrowser: IDefaultFileBrowser | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const api = new DvcS3Api({
      serverSettings: app.serviceManager.serverSettings,
      trans
    });
    const model = new DvcS3Model({
      api,
      confirmOverwrite: (path, version) =>
        confirmOverwrite(path, version, trans),
      askIdentity: initial => askGitIdentity(initial, trans)
    });
    const panel = new DvcS3Panel(model, trans, translator?.languageCode);

    app.shell.add(panel, 'left', { rank: PANEL_RANK });
    restorer?.add(panel, panel.id);
    model.actionEnded.connect((_, job) => notifyJobEnded(job, trans));

    if (fileBrowser) {
      void model.setPath(fileBrowser.model.path);
      fileBrowser.model.pathChanged.connect((_, change) => {
        void model.setPath(change.newValue);
      });
    } else {
      void model.setPath('');
    }

    // Saves, renames and deletions made in JupyterLab, and the file
    // browser's own refreshes, reload the model list after a short wait.
    app.serviceManager.contents.fileChanged.connect(() =>
      model.requestRefresh()
    );
    // NOTE: `refreshed` also fires after each periodic poll of the file
    // browser, so the list may load more often than `refreshInterval`.
    fileBrowser?.model.refreshed.connect(() => model.requestRefresh());

    if (settingRegistry) {
      loadSettings(settingRegistry, model);
    }

    addCommands(app, model, panel, fileBrowser, trans);

    palette?.addItem({
      command: CommandIDs.openPanel,
      category: PALETTE_CATEGORY
    });
    palette?.addItem({
      command: CommandIDs.saveVersion,
      category: PALETTE_CATEGORY
    });
    palette?.addItem({
      command: CommandIDs.showVersions,
      category: PALETTE_CATEGORY
    });
    launcher?.add({
      command: CommandIDs.openPanel,
      category: trans.__('Other'),
      rank: 10,
      // The launcher passes its item's arguments to the command's label.
      args: { isLauncher: true }
    });
    app.contextMenu.addItem({
      command: CommandIDs.saveVersion,
      selector: '.jp-DirListing-item[data-isdir="false"]',
      rank: 10
    });
    app.contextMenu.addItem({
      command: CommandIDs.showVersions,
      selector: '.jp-DirListing-item[data-isdir="false"]',
      rank: 11
    });
  }
};

/**
 * Add the commands that open the panel, save a version of a file and show
 * its versions.
 */
function addCommands(
  app: JupyterFrontEnd,
  model: DvcS3Model,
  panel: DvcS3Panel,
  fileBrowser: IDefaultFileBrowser | null,
  trans: TranslationBundle
): void {
  app.commands.addCommand(CommandIDs.openPanel, {
    label: args =>
      args.isLauncher
        ? trans.__('DVC Models')
        : trans.__('Open DVC Models Panel'),
    caption: trans.__('Open the panel that saves model versions with DVC'),
    icon: args => (args.isPalette ? undefined : dvcModelsIcon),
    execute: () => {
      app.shell.activateById(panel.id);
    }
  });

  // The file comes from the `path` argument, else from the file browser's
  // selection (the context menu), else from the panel's selection.
  const targetPath = (args: { path?: unknown }): string | null => {
    if (typeof args.path === 'string' && args.path) {
      return args.path;
    }
    const item = fileBrowser?.selectedItems().next();
    if (item && !item.done && item.value.type !== 'directory') {
      return item.value.path;
    }
    return model.selectedPath;
  };

  app.commands.addCommand(CommandIDs.saveVersion, {
    label: trans.__('Save Version with DVC'),
    caption: trans.__(
      'Add the file to DVC, push its data to S3, commit its .dvc file and push the commit'
    ),
    icon: args => (args.isPalette ? undefined : dvcModelsIcon),
    isEnabled: args => targetPath(args) !== null && !model.isBusy,
    execute: async args => {
      const path = targetPath(args);
      if (path === null) {
        return;
      }
      app.shell.activateById(panel.id);
      await model.saveVersion(path);
    }
  });

  app.commands.addCommand(CommandIDs.showVersions, {
    label: trans.__('Show Versions'),
    caption: trans.__(
      'Open the DVC models panel on the saved versions of the file'
    ),
    icon: args => (args.isPalette ? undefined : dvcModelsIcon),
    isEnabled: args => targetPath(args) !== null,
    execute: async args => {
      const path = targetPath(args);
      if (path === null) {
        return;
      }
      app.shell.activateById(panel.id);
      await model.showVersions(path);
    }
  });
}

/**
 * Apply the plugin's settings to the model, now and after every change.
 */
function loadSettings(registry: ISettingRegistry, model: DvcS3Model): void {
  const apply = (settings: ISettingRegistry.ISettings): void => {
    const template = settings.get('commitMessageTemplate').composite;
    const interval = settings.get('refreshInterval').composite;
    const pushToGit = settings.get('pushToGit').composite;
    const defaultRemote = settings.get('defaultRemote').composite;
    model.setMessageTemplate(
      typeof template === 'string' ? template : DEFAULT_MESSAGE_TEMPLATE
    );
    model.setRefreshInterval(
      typeof interval === 'number' ? interval : DEFAULT_REFRESH_INTERVAL
    );
    model.setPushToGit(typeof pushToGit === 'boolean' ? pushToGit : true);
    model.setDefaultRemote(
      typeof defaultRemote === 'string' ? defaultRemote : ''
    );
  };

  registry
    .load(PLUGIN_ID)
    .then(settings => {
      apply(settings);
      settings.changed.connect(apply);
    })
    .catch(reason => {
      console.error(`Failed to load the settings of ${PLUGIN_ID}.`, reason);
    });
}

export default plugin;
