// The notes of the "Patch" tab: co-researcher notes about an area or the patch — what people on
// the ground saw, dated and signed — listed, written, imported and downloaded as JSON. The notes
// themselves are kept by the impact tools (impact-tools.js) and checked by the analysis module.
import { h, setChildren } from './dom.js';
import { button, field, showProblems } from './form-parts.js';

function today() {
  return new Date().toISOString().slice(0, 10);
}

export class NotesView {
  /**
   * @param ext the impact tools
   * @param save `(name, text, type)`: downloads a file (the patch view's download)
   */
  constructor(ext, save) {
    this.ext = ext;
    this.save = save;
    this.list = h('ol', { class: 'notes' });
    this.about = h('select', {});
    this.period = h('input', { type: 'text', maxlength: '7', placeholder: '2024 or 2024-06' });
    this.author = h('input', { type: 'text', maxlength: '120', autocomplete: 'name' });
    this.text = h('textarea', { rows: '3', maxlength: '2000' });
    this.status = h('p', { class: 'hint-text', role: 'status' });
    // Opened by the "Import notes…" button; kept out of the tab order, labelled for assistive tech.
    this.input = h('input', { type: 'file', accept: 'application/json,.json', class: 'visually-hidden', tabindex: '-1', 'aria-label': 'Notes file to import (JSON)' });
    this.input.addEventListener('change', () => this.import());
    /** The section's nodes, in order, for the patch view to place. */
    this.nodes = [
      h('h3', {}, ['Notes']),
      this.list,
      h('div', { class: 'form-grid' }, [field('About', this.about), field('Period', this.period, 'a year or a month'), field('Your name', this.author)]),
      field('Note', this.text),
      h('div', { class: 'button-row' }, [button('Add note', () => this.add()), button('Download notes (JSON)', () => this.download()), button('Import notes…', () => this.input.click())]),
      this.input,
      this.status,
    ];
  }

  /** Brings the list and the form in line with the notes, the patch and the selection. */
  render(state) {
    const ext = this.ext;
    const about = [];
    if (state.area) about.push(h('option', { value: `area:${state.area}` }, [`The selected area (${ext.nameOf(state.area)})`]));
    about.push(h('option', { value: 'patch' }, [`The patch (${ext.patch.name})`]));
    const kept = this.about.value;
    setChildren(this.about, about);
    if ([...this.about.options].some((o) => o.value === kept)) this.about.value = kept;
    if (!this.period.value) this.period.value = String(new Date().getFullYear());
    setChildren(
      this.list,
      ext.notes.map((note) =>
        h('li', { tabindex: '-1' }, [
          h('p', { class: 'note-text' }, [note.text]),
          h('p', { class: 'hint-text' }, [
            `${note.author}, ${note.date} — about ${note.area ? ext.nameOf(note.area) : `the patch “${note.patch}”`}, ${note.period}`,
            note.source === 'page' ? ' (from this page)' : '',
          ]),
          note.source === 'page' ? null : button('Delete', () => ext.removeNote(note), { 'aria-label': `Delete the note by ${note.author}` }),
        ]),
      ),
    );
  }

  /** Moves focus to the `i`-th note (a pin on the map was pressed). */
  focus(i) {
    const item = this.list.children[i];
    if (item) {
      item.scrollIntoView({ block: 'nearest' });
      item.focus();
    }
  }

  /** Adds the note written in the form, checked as a page's notes are. */
  add() {
    const ext = this.ext;
    const about = this.about.value;
    const note = {
      ...(about.startsWith('area:') ? { area: about.slice(5) } : { patch: ext.patch.name }),
      period: this.period.value.trim(),
      text: this.text.value.trim(),
      author: this.author.value.trim(),
      date: today(),
    };
    const checked = ext.run((a) => a.loadNotes([note]));
    const fields = { period: { control: this.period, label: 'Period' }, text: { control: this.text, label: 'Note' }, author: { control: this.author, label: 'Your name' } };
    const problems = checked.error ? [checked.error] : checked.problems;
    if (showProblems(this.status, fields, problems, 'Note added (saved in this browser; download the notes to share them).')) return;
    this.text.value = '';
    ext.addNote(checked.notes[0]);
  }

  /** Adds the notes of a JSON file the person chose (as many as the draft holds). */
  async import() {
    const file = this.input.files[0];
    this.input.value = '';
    if (!file) return;
    if (file.size > 1024 * 1024) {
      this.status.textContent = 'That file is larger than 1 MB.';
      return;
    }
    const text = await file.text();
    const loaded = this.ext.run((a) => a.loadNotes(JSON.parse(text)));
    if (loaded.error) {
      this.status.textContent = `Not imported: ${loaded.error}.`;
      return;
    }
    const over = this.ext.importNotes(loaded.notes);
    const added = loaded.notes.length - over;
    const full = over ? `; ${over} more did not fit (a draft holds at most ${this.ext.analysis.maxNotes()} notes)` : '';
    this.status.textContent = `Imported ${added} note${added === 1 ? '' : 's'}${full}${loaded.problems.length ? `; left out: ${loaded.problems.join('; ')}` : ''}.`;
  }

  /** Downloads every note as a notes file others can import. */
  download() {
    const notes = this.ext.notes.map(({ source, ...note }) => note);
    this.save(`${this.ext.patch.name} notes`, `${JSON.stringify({ notes }, null, 2)}\n`, 'application/json');
  }
}
