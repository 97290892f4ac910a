import { CommitMessage } from '../commitMessage';

describe('CommitMessage', () => {
  it('is empty without a file', () => {
    const message = new CommitMessage();

    expect(message.value).toBe('');
  });

  it('fills the template with the repo path', () => {
    const message = new CommitMessage('model: {path}');
    message.setFile('proj/pkl/model.pkl', 'proj');

    expect(message.value).toBe('model: pkl/model.pkl');
  });

  it('keeps edited text on a new file', () => {
    const message = new CommitMessage();
    message.setFile('a.pkl', '');
    message.edit('Retrain');
    message.setFile('b.pkl', '');

    expect(message.value).toBe('Retrain');
    expect(message.isEdited).toBe(true);
    expect(message.defaultValue).toBe('Save version of b.pkl');
  });

  it('returns to the default on reset', () => {
    const message = new CommitMessage();
    message.setFile('a.pkl', '');
    message.edit('Retrain');

    message.reset();

    expect(message.isEdited).toBe(false);
    expect(message.value).toBe('Save version of a.pkl');
  });

  it('uses the default for an empty template', () => {
    const message = new CommitMessage();
    message.setTemplate('');
    message.setFile('a.pkl', null);

    expect(message.value).toBe('Save version of a.pkl');
  });
});
