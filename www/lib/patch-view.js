// The "Patch" tab: build a patch (click or shift-click areas on the map, add the selected area,
// or paste codes and names — a ward or district adds its LSOAs), name it, add interventions, see
// its figures and trend (recomputed from counts, withheld when any area's count is not published),
// compare it with matched areas (difference-in-differences, with what the data cannot show), write
// and share co-researcher notes (notes-view.js), and download it all. Built once, updated in place.
import { readPatchFile, showOwnDraft } from './shared-patch.js';
import { h, setChildren, touch } from './dom.js';
import { canvasSize, table } from './chart-tabs.js';
import { button, field, showProblems, uniqueId } from './form-parts.js';
import { NotesView } from './notes-view.js';

export class PatchView {
  constructor(ext) {
    this.ext = ext;
    this.pane = null;
    /** The last drawn spec and canvas of each chart (`patch`, `did`, `event-study`), for pictures. */
    this.drawn = {};
    this.build();
  }

  build() {
    const ext = this.ext;
    this.name = h('input', { type: 'text', maxlength: '120', autocomplete: 'off' });
    this.name.addEventListener('change', () => {
      const name = this.name.value.trim();
      if (name && name !== ext.patch.name) ext.setPatch({ ...ext.patch, name });
    });
    this.count = h('p', { class: 'patch-count', role: 'status' });
    this.pick = button('Pick areas on the map', () => {
      ext.editing = !ext.editing;
      this.update();
    }, { 'aria-pressed': 'false' });
    this.addSelected = button('Add the selected area', () => {
      const code = ext.host.state()?.area;
      if (code) ext.toggle(code);
    });
    this.clear = button('Clear the patch', () => ext.setPatch({ ...ext.patch, areas: [], interventions: [] }));
    // The panel is long; these bring what it talks about ("outlined on the map") into view.
    this.zoomPatch = button('Zoom to the patch', () => this.zoomTo(ext.patch.areas));
    this.zoomComparison = button('Zoom to the comparison areas', () => this.zoomTo(ext.comparison?.report.codes ?? []));
    this.paste = h('textarea', { rows: '3', spellcheck: 'false' });
    this.pasteStatus = h('p', { class: 'hint-text', role: 'status' });
    const pasteButton = button('Add these areas', () => this.addPasted());
    this.areaList = h('ul', { class: 'patch-areas' });
    this.areaSummary = h('summary', {}, ['Areas in the patch']);
    this.outcome = h('select', {});
    this.outcome.addEventListener('change', () => ext.host.element.setIndicator(this.outcome.value));
    this.figureTable = h('table', { class: 'data-table compact' });
    this.canvas = h('canvas', { class: 'patch-trend', role: 'img', 'aria-label': 'The patch over time; the figures are in the table above' });
    this.legend = h('ul', { class: 'chart-legend', 'aria-label': 'Chart lines' });
    this.interventionList = h('ul', { class: 'interventions' });
    this.xName = h('input', { type: 'text', maxlength: '120' });
    this.xStart = h('input', { type: 'text', maxlength: '7', placeholder: '2023 or 2023-04', inputmode: 'numeric' });
    this.xNote = h('input', { type: 'text', maxlength: '1000' });
    this.xStatus = h('p', { class: 'hint-text', role: 'status' });
    this.compareWith = h('select', {});
    this.features = h('fieldset', { class: 'features' });
    this.k = h('input', { type: 'number', min: '2', max: '200', step: '1' });
    this.compareStatus = h('p', { class: 'hint-text', role: 'status', 'aria-live': 'polite' });
    this.result = h('div', { class: 'comparison' });
    this.notes = new NotesView(ext, (name, text, type) => this.download(name, text, type));
    this.notices = h('div', { class: 'notices' });
    this.saved = h('p', { class: 'hint-text', role: 'status' });
    this.exportStatus = h('p', { class: 'hint-text', role: 'status' });
    // Opened by "Import patch (JSON)…"; out of the tab order, labelled for assistive tech.
    this.patchFile = h('input', { type: 'file', accept: 'application/json,.json', class: 'visually-hidden', tabindex: '-1', 'aria-label': 'Patch file to import (JSON)' });
    this.patchFile.addEventListener('change', () => this.importPatch());
    this.root = h('div', { class: 'patch-view' }, [
      this.notices,
      h('h3', {}, ['Your patch']),
      field('Patch name', this.name),
      this.count,
      h('div', { class: 'button-row' }, [this.pick, this.addSelected, this.zoomPatch, this.clear]),
      h('p', { class: 'hint-text' }, [`${touch() ? 'Press “Pick areas on the map”, then tap areas' : 'Shift-click areas on the map'} to add or remove them. A ward or district adds all its LSOAs.`]),
      h('details', {}, [h('summary', {}, ['Paste codes or names']), field('Area codes or names, one per line or separated by commas', this.paste), pasteButton, this.pasteStatus]),
      h('details', {}, [this.areaSummary, this.areaList]),
      h('h3', {}, ['Figures']),
      field('Indicator', this.outcome),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'The patch’s figures' }, [this.figureTable]),
      h('figure', { class: 'chart' }, [this.canvas, this.legend]),
      h('h3', {}, ['Interventions']),
      this.interventionList,
      h('div', { class: 'form-grid' }, [field('What', this.xName), field('Started', this.xStart, 'a year or a month'), field('Note (optional)', this.xNote)]),
      button('Add intervention', () => this.addIntervention()),
      this.xStatus,
      h('h3', {}, ['Compared with similar areas']),
      h('p', { class: 'hint-text' }, ['Finds the LSOAs outside the patch most like its areas before the intervention, then compares how the indicator changed in both.']),
      h('div', { class: 'form-grid' }, [field('Intervention', this.compareWith), field('Comparison areas', this.k)]),
      this.features,
      button('Compare', () => this.compare()),
      this.compareStatus,
      this.zoomComparison,
      this.result,
      ...this.notes.nodes,
      h('h3', {}, ['Download']),
      h('div', { class: 'button-row' }, [
        button('Patch as CSV', () => this.exportCsv()),
        button('Patch as JSON', () => this.exportPatch()),
        button('Import patch (JSON)…', () => this.patchFile.click()),
        ...this.pictureButtons('patch', 'Patch chart', this.exportStatus),
      ]),
      this.patchFile,
      this.exportStatus,
      this.saved,
    ]);
  }

  /** Brings everything in line with the patch, the notes and the map's view. */
  update() {
    if (!this.pane || this.pane.hidden) return;
    const ext = this.ext;
    const handle = ext.host.handle();
    const state = ext.host.state();
    if (!handle || !state) return;
    const { patch } = ext;
    if (document.activeElement !== this.name && this.name.value !== patch.name) this.name.value = patch.name;
    this.count.textContent = patch.areas.length ? `${patch.areas.length} LSOAs in the patch.` : 'The patch is empty.';
    // A toggle keeps its name; whether it is on is aria-pressed (and its pressed look).
    this.pick.setAttribute('aria-pressed', String(ext.editing));
    this.addSelected.disabled = !state.area;
    this.zoomPatch.disabled = !patch.areas.length;
    this.zoomComparison.hidden = !ext.comparison;
    this.saved.textContent = ext.saveNote ?? '';
    this.renderNotices();
    this.renderAreas();
    this.renderOutcome(handle, state);
    this.renderFigures(state);
    this.renderInterventions();
    this.renderComparisonForm(handle, state);
    this.notes.render(state);
  }

  renderNotices() {
    setChildren(
      this.notices,
      this.ext.notices.map((n) =>
        h('p', { class: n.problem ? 'problem' : 'notice', role: n.problem ? 'alert' : null }, [
          n.text,
          n.action === 'page-patch' ? ' ' : null,
          n.action === 'page-patch'
            ? button('Use the page’s patch', () => {
                this.ext.notices = this.ext.notices.filter((x) => x !== n);
                this.ext.setPatch(this.ext.pagePatch);
              })
            : null,
          n.action === 'own-draft' ? ' ' : null,
          n.action === 'own-draft'
            ? button('Show my saved draft', () => showOwnDraft(this.ext, n))
            : null,
          n.setAside ? ' ' : null,
          n.setAside ? button('Restore the set-aside draft', () => this.ext.restoreSetAside(n.setAside)) : null,
        ]),
      ),
    );
  }

  renderAreas() {
    const name = (code) => this.ext.nameOf(code);
    this.areaSummary.textContent = `Areas in the patch (${this.ext.patch.areas.length})`;
    setChildren(
      this.areaList,
      this.ext.patch.areas.map((code) =>
        h('li', {}, [`${name(code)} `, h('span', { class: 'code' }, [code]), ' ', button('Remove', () => this.ext.toggle(code), { 'aria-label': `Remove ${name(code)}` })]),
      ),
    );
  }

  renderOutcome(handle, state) {
    const catalogue = handle.catalogue();
    const options = catalogue.indicators.filter((i) => i.geographies.includes(catalogue.geographies[0]?.id));
    if (this.outcome.options.length !== options.length) {
      setChildren(this.outcome, options.map((i) => h('option', { value: i.id }, [i.label])));
    }
    this.outcome.value = options.some((i) => i.id === state.indicator) ? state.indicator : '';
    if (this.features.childElementCount !== options.length + 1) {
      setChildren(this.features, [
        h('legend', {}, ['Match on (values before the start)']),
        ...options.map((i) => {
          const box = h('input', { type: 'checkbox', value: i.id, checked: true });
          return h('label', { class: 'check' }, [box, ` ${i.label}`]);
        }),
      ]);
    }
  }

  renderFigures(state) {
    const ext = this.ext;
    const figures = ext.figures();
    if (!figures) {
      setChildren(this.figureTable, [h('caption', {}, [ext.patch.areas.length ? 'This indicator has no figures to add up.' : 'Add areas to see the patch’s figures.'])]);
      this.canvas.hidden = true;
      setChildren(this.legend, []);
      delete this.drawn.patch;
      return;
    }
    const rows = figures.map((f) =>
      h('tr', {}, [
        h('th', { scope: 'row' }, [f.period_label]),
        h('td', { class: 'number' }, [f.value_text]),
        h('td', {}, [f.interval_text.replace(/^95% CI /, '')]),
        h('td', { class: 'number' }, [f.counts_text]),
        h('td', {}, [f.reason]),
      ]),
    );
    setChildren(this.figureTable, [
      h('caption', {}, [`${ext.patch.name}: sums of its ${ext.patch.areas.length} LSOAs’ counts`]),
      h('thead', {}, [h('tr', {}, ['Period', 'Value', '95% interval', 'Count', 'Note'].map((c) => h('th', { scope: 'col' }, [c])))]),
      h('tbody', {}, rows),
    ]);
    const spec = ext.analysis.patchTrendSpec(ext.patch, state.indicator, ext.comparison?.report.codes ?? [], ext.notesFor());
    this.canvas.hidden = !spec || !figures.some((f) => f.value !== null);
    if (this.canvas.hidden) {
      setChildren(this.legend, []);
      delete this.drawn.patch;
      return;
    }
    canvasSize(this.canvas, 240);
    try {
      ext.analysis.drawTrend(this.canvas, spec);
      this.drawn.patch = { spec, canvas: this.canvas };
    } catch (error) {
      ext.host.warn(error.code || 'chart-failed', error.message);
    }
    const sample = (line) => {
      const s = h('span', { class: line.style === 'Primary' ? 'line-sample primary' : 'line-sample', 'aria-hidden': 'true' });
      s.style.borderTopColor = `rgb(${line.colour.join(',')})`;
      const dash = line.style === 'Primary' ? 0 : line.style.Comparator;
      s.style.borderTopStyle = dash === 0 ? 'solid' : dash <= 3 ? 'dotted' : 'dashed';
      return s;
    };
    const items = [...spec.lines].reverse().map((line) => h('li', {}, [sample(line), line.label]));
    for (const m of spec.markers ?? []) items.push(h('li', {}, [m.note ? `● Note by ${m.label}` : `| ${m.label} (intervention start)`]));
    setChildren(this.legend, items);
  }

  renderInterventions() {
    const { patch } = this.ext;
    setChildren(
      this.interventionList,
      patch.interventions.map((x, i) =>
        h('li', {}, [
          h('strong', {}, [x.name]),
          ` from ${x.start}`,
          x.note ? ` — ${x.note}` : '',
          ' ',
          button('Remove', () => this.ext.setPatch({ ...patch, interventions: patch.interventions.filter((_, j) => j !== i) }), { 'aria-label': `Remove ${x.name}` }),
        ]),
      ),
    );
  }

  renderComparisonForm() {
    const { patch } = this.ext;
    const chosen = this.compareWith.value;
    setChildren(this.compareWith, patch.interventions.map((x, i) => h('option', { value: String(i) }, [`${x.name} (${x.start})`])));
    if (chosen && Number(chosen) < patch.interventions.length) this.compareWith.value = chosen;
    if (!this.k.value || document.activeElement !== this.k) this.k.value = String(Math.min(200, Math.max(5, patch.areas.length * 2)));
    const report = this.ext.comparison?.report;
    delete this.drawn.did;
    delete this.drawn['event-study'];
    if (!report) {
      setChildren(this.result, []);
      return;
    }
    const canvas = h('canvas', { class: 'did', role: 'img', 'aria-label': 'Before and after for the patch and its comparison areas, and the difference with its 95% interval; the figures are in the sentence above' });
    const study = report.event_study;
    // Every period against the last one before the start, when there are three or more before it.
    const studyCanvas = study ? h('canvas', { class: 'event-study', role: 'img', 'aria-label': `Patch minus comparison areas in each period, relative to ${study.reference}, with 95% intervals and the start marked; the figures are in the table below`, 'aria-describedby': uniqueId('atlas-pretrend') }) : null;
    setChildren(this.result, [
      h('p', { class: 'finding' }, [report.sentence]),
      report.chart ? canvas : null,
      report.chart ? h('div', { class: 'button-row' }, this.pictureButtons('did', 'Comparison chart', this.compareStatus)) : null,
      study ? h('h4', {}, ['Every period against the last before the start']) : null,
      study ? h('p', { id: studyCanvas.getAttribute('aria-describedby'), class: study.diverged ? 'problem' : 'notice' }, [report.pre_trend]) : null,
      studyCanvas,
      study ? h('div', { class: 'button-row' }, this.pictureButtons('event-study', 'Event-study chart', this.compareStatus)) : null,
      study
        ? h('details', {}, [
            h('summary', {}, [`Figures for the ${study.periods.length} periods`]),
            h('table', { class: 'data-table compact event-study-table' }, table(`Patch minus comparison areas, relative to ${study.reference} (${study.y_label})`, ['Period', 'Difference', '95% interval', 'Before or after the start'], study.periods.map((p) => [p.label, p.estimate_text, p.interval_text, p.before ? 'before' : 'after']))),
          ])
        : null,
      h('p', { class: 'hint-text' }, [`Method: ${report.method} Matched on ${report.matched_on.join(', ')}.`]),
      h('ul', { class: 'caveats', 'aria-label': 'What the data cannot show' }, report.caveats.map((c) => h('li', {}, [c]))),
      h('details', {}, [
        h('summary', {}, [`The ${report.matches.length} comparison areas and why they matched`]),
        h('table', { class: 'data-table compact' }, [
          h('thead', {}, [h('tr', {}, ['Area', 'District', 'Matched to', 'Figures (area vs patch area)'].map((c) => h('th', { scope: 'col' }, [c])))]),
          h('tbody', {}, report.matches.map((m) => h('tr', {}, [h('th', { scope: 'row' }, [m.name]), h('td', {}, [m.district]), h('td', {}, [m.matched_to]), h('td', {}, [m.why])]))),
        ]),
      ]),
    ]);
    if (report.chart) {
      canvasSize(canvas, 200);
      try {
        this.ext.analysis.drawDid(canvas, report.chart);
        this.drawn.did = { spec: report.chart, canvas };
      } catch (error) {
        this.ext.host.warn(error.code || 'chart-failed', error.message);
      }
    }
    if (study) {
      canvasSize(studyCanvas, 220);
      try {
        this.ext.analysis.drawEventStudy(studyCanvas, study);
        this.drawn['event-study'] = { spec: study, canvas: studyCanvas };
      } catch (error) {
        this.ext.host.warn(error.code || 'chart-failed', error.message);
      }
    }
  }

  // ---- actions -----------------------------------------------------------------------------

  addPasted() {
    const ext = this.ext;
    const found = ext.analysis.resolve(this.paste.value);
    const inPatch = new Set([...ext.patch.areas, ...found.codes]);
    const areas = ext.analysis.inLayerOrder([...inPatch]);
    const added = areas.length - ext.patch.areas.length;
    const parts = [`Added ${added} LSOA${added === 1 ? '' : 's'}.`];
    if (found.expanded.length) parts.push(`${found.expanded.join('; ')}.`);
    if (found.unknown.length) parts.push(`Not found: ${found.unknown.slice(0, 10).join(', ')}${found.unknown.length > 10 ? '…' : ''}.`);
    this.pasteStatus.textContent = parts.join(' ');
    if (added) {
      this.paste.value = found.unknown.join('\n');
      ext.setPatch({ ...ext.patch, areas });
    }
  }

  addIntervention() {
    const ext = this.ext;
    const candidate = { ...ext.patch, interventions: [...ext.patch.interventions, { name: this.xName.value.trim(), start: this.xStart.value.trim(), ...(this.xNote.value.trim() ? { note: this.xNote.value.trim() } : {}) }] };
    // The same checks as a patch from a page; an empty patch is checked with a placeholder area.
    const check = ext.run((a) => a.loadPatch({ ...candidate, areas: candidate.areas.length ? candidate.areas : [ext.analysis.firstArea()] }));
    const fields = { name: { control: this.xName, label: 'What' }, start: { control: this.xStart, label: 'Started' }, note: { control: this.xNote, label: 'Note' } };
    if (showProblems(this.xStatus, fields, check?.error ? (check.issues.length ? check.issues : [check.error]) : [], `Added “${this.xName.value.trim()}”.`)) return;
    this.xName.value = this.xStart.value = this.xNote.value = '';
    ext.setPatch(candidate);
  }

  compare() {
    const ext = this.ext;
    const state = ext.host.state();
    const x = ext.patch.interventions[Number(this.compareWith.value)];
    if (!ext.patch.areas.length) {
      this.compareStatus.textContent = 'Add areas to the patch first.';
      return;
    }
    if (!x) {
      this.compareStatus.textContent = 'Add an intervention first: its start splits “before” from “after”.';
      return;
    }
    const features = [...this.features.querySelectorAll('input:checked')].map((b) => b.value);
    const request = { outcome: state.indicator, start: x.start, features, k: Math.round(Number(this.k.value)) || 0 };
    const report = ext.run((a) => a.compare(ext.patch.areas, request));
    if (report?.error) {
      ext.comparison = null;
      this.compareStatus.textContent = `No comparison: ${report.error}.`;
    } else {
      ext.comparison = { request, report };
      this.compareStatus.textContent = `Compared with ${report.matches.length} similar areas (outlined in green on the map).`;
    }
    ext.redraw();
  }

  /** "PNG" and "SVG" buttons for a chart of this tab (named `what` for screen readers). */
  pictureButtons(name, what, status) {
    return ['PNG', 'SVG'].map((format) =>
      button(`${what} as ${format}`, () => this.ext.host.exportChart(`${name}-${format.toLowerCase()}`, status), { 'data-picture': `${name}-${format.toLowerCase()}` }),
    );
  }

  /**
   * A chart of this tab for a picture (`patch`, `did` or `event-study`) as last drawn, with its
   * title and the sentences that go with it; null when it is not drawn.
   */
  picture(name) {
    const drawn = this.drawn[name];
    if (!drawn) return null;
    const { patch } = this.ext;
    const report = this.ext.comparison?.report;
    const indicator = this.outcome.selectedOptions[0]?.textContent ?? '';
    const words = {
      patch: { title: `${indicator}: ${patch.name} (patch of ${patch.areas.length} LSOAs)`, notes: [] },
      did: { title: `${indicator}: ${patch.name} against ${report?.matches.length ?? 0} matched comparison areas`, notes: [report?.sentence ?? ''] },
      'event-study': { title: `${indicator}: ${patch.name} minus its comparison areas, period by period`, notes: [report?.pre_trend ?? ''] },
    }[name];
    const draw = { patch: 'drawTrend', did: 'drawDid', 'event-study': 'drawEventStudy' }[name];
    return {
      kind: name === 'patch' ? 'trend' : name,
      spec: drawn.spec,
      canvas: drawn.canvas,
      draw: (canvas) => this.ext.analysis[draw](canvas, drawn.spec),
      words: { ...words, notes: words.notes.filter(Boolean) },
    };
  }

  async download(name, text, type) {
    const { fileName, downloadText } = await import('./exports.js');
    downloadText(fileName(name, type === 'text/csv;charset=utf-8' ? 'csv' : 'json'), text, type);
    this.exportStatus.textContent = 'Downloaded.';
  }

  exportPatch() {
    this.download(this.ext.patch.name, `${JSON.stringify(this.ext.patch, null, 2)}\n`, 'application/json');
  }

  /** Zooms the map to these areas (any layer's codes) and brings the map into view. */
  zoomTo(codes) {
    const { host, analysis } = this.ext;
    const handle = host.handle();
    if (!handle || !codes.length) return;
    const indices = Uint32Array.from(analysis.indicesOnLayer(codes, handle.state().geography));
    host.change(() => handle.zoomToAreas(indices));
    host.ui.map.scrollIntoView({ block: 'nearest' });
  }

  /** Opens a patch file (as "Patch as JSON" writes it); it replaces the patch shown. */
  async importPatch() {
    const [file, ext] = [this.patchFile.files[0], this.ext];
    this.patchFile.value = '';
    if (!file) return;
    const { patch, error } = await readPatchFile(file, (fn) => ext.run(fn));
    if (error) return void (this.exportStatus.textContent = `Not imported: ${error}.`);
    const was = ext.patch.areas.length ? ` It replaced “${ext.patch.name}”.` : '';
    ext.setPatch(patch);
    const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
    this.exportStatus.textContent = `Imported the patch “${patch.name}”: ${count(patch.areas.length, 'LSOA')}, ${count(patch.interventions.length, 'intervention')}.${was}`;
  }

  /** One CSV per table (figures, comparison areas, notes), each with its CSVW sidecar. */
  async exportCsv() {
    const ext = this.ext;
    const state = ext.host.state();
    const { fileName, downloadText } = await import('./exports.js');
    const stem = fileName(`${ext.patch.name} ${state.indicator}`, 'csv').slice(0, -'.csv'.length);
    const files = ext.run((a) => a.patchCsv(ext.patch, state.indicator, ext.comparison?.request ?? null, ext.notes.map(({ source, ...n }) => n), stem));
    if (!Array.isArray(files)) {
      this.exportStatus.textContent = `Not possible: ${files?.error}.`;
      return;
    }
    for (const f of files) {
      downloadText(f.file, f.csv, 'text/csv;charset=utf-8');
      downloadText(`${f.file}-metadata.json`, f.metadata, 'application/csvm+json');
    }
    const what = files.length === 1 ? 'the CSV and its description' : `${files.length} CSV files (one table each) and their descriptions`;
    this.exportStatus.textContent = `Downloaded ${what} (${files.map((f) => f.file).join(', ')}, each with …csv-metadata.json).`;
  }
}
