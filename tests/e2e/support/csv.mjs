// A strict reader for the exported CSVs, as a spreadsheet or `pandas.read_csv` sees them: the
// file must start with a UTF-8 byte order mark, the header is the first row, quotes follow
// RFC 4180 (a quote only opens a cell, doubled inside one), and every row has as many fields as
// the header. Anything else throws, naming the row.
import assert from 'node:assert/strict';

/** The rows of `text` (header first), after checking the mark, the quoting and the widths. */
export function strictCsv(text) {
  assert.equal(text[0], '\uFEFF', 'the file starts with a byte order mark');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      if (cell !== '' || wasQuoted) throw new Error(`row ${rows.length + 1}: a quote inside an unquoted cell`);
      quoted = true;
      wasQuoted = true;
    } else if (c === ',' || c === '\n') {
      row.push(cell);
      cell = '';
      wasQuoted = false;
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (wasQuoted) throw new Error(`row ${rows.length + 1}: text after a closing quote`);
    else cell += c;
  }
  assert.equal(quoted, false, 'every quoted cell is closed');
  assert.ok(cell === '' && row.length === 0, 'the last row ends with a line feed');
  assert.ok(rows.length > 0, 'a header');
  assert.ok(!/^#/.test(rows[0][0]), 'the header is the first row, not a comment');
  rows.forEach((r, i) => assert.equal(r.length, rows[0].length, `row ${i + 1} has as many fields as the header: ${JSON.stringify(r)}`));
  return rows;
}
