import { fillMessageTemplate, relativePath } from './format';

/**
 * Default commit message; `{path}` is the file's path in the repository.
 */
export const DEFAULT_MESSAGE_TEMPLATE = 'Save version of {path}';

/**
 * The commit message of the next version: the default from the template
 * and the selected file, until the user edits it.
 */
export class CommitMessage {
  constructor(template?: string) {
    this._template = template || DEFAULT_MESSAGE_TEMPLATE;
  }

  /**
   * The user's text once edited, else the default.
   */
  get value(): string {
    return this._isEdited ? this._text : this.defaultValue;
  }

  get isEdited(): boolean {
    return this._isEdited;
  }

  /**
   * The template filled with the file's path in its repository, or `''`
   * without a file.
   */
  get defaultValue(): string {
    if (this._path === null) {
      return '';
    }
    const path = relativePath(this._path, this._gitRoot);
    return fillMessageTemplate(this._template, path);
  }

  /**
   * Set the file and the root of its git repository, both API paths.
   */
  setFile(path: string | null, gitRoot: string | null): void {
    this._path = path;
    this._gitRoot = gitRoot;
  }

  /**
   * Store the text typed by the user. From then on, a change of the file
   * keeps the text.
   */
  edit(text: string): void {
    this._text = text;
    this._isEdited = true;
  }

  /**
   * Go back to the default message, as after a saved version.
   */
  reset(): void {
    this._text = '';
    this._isEdited = false;
  }

  /**
   * Set the template; an empty one restores the default template.
   */
  setTemplate(template: string): void {
    this._template = template || DEFAULT_MESSAGE_TEMPLATE;
  }

  private _template: string;
  private _path: string | null = null;
  private _gitRoot: string | null = null;
  private _text = '';
  private _isEdited = false;
}
