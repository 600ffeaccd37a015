/**
 * The streamed floor for `npm run bench`: the cheapest read a minimal program needs — read every
 * manifest file in 1 MiB chunks, cut it into items and `JSON.parse` each item on its own, keeping
 * nothing. Files are found like `dsaudit scan -f` finds them (recursive, `.json`, hidden entries
 * skipped, sorted); a path that is a file is read alone.
 *
 * Layouts (the ones kubectl, jq and JSON.stringify write, and dsaudit snapshots):
 *   indented List   `"items": [` on its own line, each item from the line `<indent>{` to `<indent>}`
 *   line per item   every line that starts with `{` and ends with `}` or `},` is one item (one item
 *                   per line inside `{"items":[ … ]}`, `jq -c`, a snapshot's line per object)
 *   anything else   the whole file is parsed (small files: a single object, a one-line List)
 *
 * Usage: node bench/floor-stream.js <file-or-dir>…
 * Prints one JSON line: { files, bytes, items }.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

function walk(path) {
  if (!statSync(path).isDirectory()) return [path];
  const out = [];
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json|jsonl)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const CHUNK = 1 << 20;
let bytes = 0;
let items = 0;

/** Yields the file's lines, read in chunks. */
function* lines(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  const dec = new StringDecoder('utf8');
  let carry = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      const text = carry + dec.write(n === CHUNK ? buf : buf.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += dec.end();
    if (carry) yield carry;
  } finally {
    closeSync(fd);
  }
}

function parseItem(text) {
  JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text);
  items++;
}

function readFile(file) {
  let state = 'start';
  let indent = ''; // an indented List's item indentation
  let open; // lines of the indented item being read
  let whole; // lines of a document read whole (until it turns out to be an indented List)
  for (const line of lines(file)) {
    switch (state) {
      case 'start':
        if (!line.trim()) break;
        if (line === '{') [state, whole] = ['doc', [line]];
        else if (line.startsWith('{') && line.endsWith('[')) state = 'lines';
        else if (line.startsWith('{') && (line.endsWith('}') || line.endsWith('},'))) [state] = ['lines', parseItem(line)];
        else [state, whole] = ['whole', [line]];
        break;
      case 'doc':
        if (line.trim() === '"items": [') [state, whole] = ['list-start', undefined];
        else whole.push(line);
        break;
      case 'list-start':
        indent = line.slice(0, line.length - line.trimStart().length);
        state = 'list';
      // falls through
      case 'list':
        if (open) {
          open.push(line);
          if (line === `${indent}}` || line === `${indent}},`) [open] = [undefined, parseItem(open.join('\n'))];
        } else if (line === `${indent}{`) open = [line];
        else if (line.trimStart().startsWith(']')) state = 'tail';
        break;
      case 'lines':
        if (line.startsWith('{') && (line.endsWith('}') || line.endsWith('},'))) parseItem(line);
        break;
      case 'whole':
        whole.push(line);
        break;
      default: // tail: the List's own fields
    }
  }
  if (whole) parseItem(whole.join('\n'));
}

const paths = process.argv.slice(2);
if (!paths.length) {
  console.error('usage: node bench/floor-stream.js <file-or-dir>…');
  process.exit(2);
}
const files = paths.flatMap(walk);
for (const file of files) readFile(file);
console.log(JSON.stringify({ files: files.length, bytes, items }));
