/**
 * The floor for `npm run bench`: what any scan of a dump must at least do — read every manifest file
 * and JSON.parse it — and nothing else. Files are found like `dsaudit scan -f` finds them (recursive,
 * `.json`/`.yaml`/`.yml`, hidden entries skipped, sorted).
 *
 * Usage: node bench/floor.js [--hold] <dir>
 *   default  each parsed file is dropped before the next is read (the least memory a parse-based scan needs)
 *   --hold   every parsed file is kept until the end (what a scan that keeps all raw objects needs)
 * Prints one JSON line: { files, bytes, items }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const hold = args.includes('--hold');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: node bench/floor.js [--hold] <dir>');
  process.exit(2);
}
const kept = [];
let bytes = 0;
let items = 0;
const files = walk(dir).sort();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  const value = JSON.parse(text);
  items += Array.isArray(value.items) ? value.items.length : 1;
  if (hold) kept.push(value);
}
console.log(JSON.stringify({ files: files.length, bytes, items, held: kept.length }));
