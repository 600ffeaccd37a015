/**
 * The floor of the YAML rows of bench/yaml.js: the least a program using the yaml package does to get
 * the objects of a manifest file — read it, parseAllDocuments(text), toJS() each document — and nothing
 * else. Prints one JSON line: { bytes, documents, items }.
 *
 * Usage: node bench/yaml-floor.js <file>
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/yaml-floor.js <file>');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
let documents = 0;
let items = 0;
for (const doc of parseAllDocuments(text)) {
  const value = doc.toJS();
  documents++;
  items += Array.isArray(value?.items) ? value.items.length : 1;
}
console.log(JSON.stringify({ bytes: text.length, documents, items }));
