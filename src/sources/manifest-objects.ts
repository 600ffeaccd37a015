/** Turns one parsed manifest document into RawObjects: checks apiVersion/kind and expands `List` kinds. */
import type { FieldLocator, FileOrigin, InputError, InputNotice, Position, RawObject } from '../model/input.js';
import { DumpPlacement, envoyDumpBody, envoyDumpShape } from './envoy-dump.js';

/** Accumulates what parsing produced, in order. */
export interface Collector {
  readonly objects: RawObject[];
  readonly errors: InputError[];
  readonly notices: InputNotice[];
  /** Read every document as this kind, whatever it holds: a file named by a flag that is no Kubernetes object (a Helm values file). */
  readonly as?: { readonly apiVersion: string; readonly kind: string };
}

export function newCollector(as?: Collector['as']): Collector {
  return { objects: [], errors: [], notices: [], ...(as ? { as } : {}) };
}

/** Where one object sits in its file: its start, and positions of fields inside it. */
export interface Placement extends FieldLocator {
  position(): Position;
}

/** Placements of a document's root value and of the entries of its `items` sequence. */
export interface DocumentPlacement {
  readonly root: Placement;
  item(index: number): Placement;
}

type Mapping = Record<string, unknown>;

export interface Head {
  readonly apiVersion: string;
  readonly kind: string;
  readonly body: Mapping;
}

interface Site {
  readonly file: string;
  readonly docIndex: number;
  readonly label: string;
  readonly place: Placement;
}

/** Adds the objects of one document (several for a List) to `out`; null documents are skipped silently. */
export function collectDocument(value: unknown, docIndex: number, doc: DocumentPlacement, file: string, out: Collector): void {
  if (value === null || value === undefined) return;
  const site: Site = { file, docIndex, label: `document ${docIndex + 1}`, place: doc.root };
  if (out.as) {
    if (typeof value === 'object' && !Array.isArray(value)) out.objects.push(rawObject({ ...out.as, body: value as Mapping }, site));
    else report(out.errors, site, [], `${site.label} is ${describe(value)}, not a mapping of values`);
    return;
  }
  const envoy = envoyDumpShape(value);
  if (envoy) {
    const body = envoyDumpBody(value, envoy);
    out.objects.push(rawObject({ apiVersion: body.apiVersion as string, kind: body.kind as string, body }, { ...site, place: new DumpPlacement(doc.root) }));
    return;
  }
  const head = readHead(value, site, out);
  if (!head) return;
  if (!isList(head)) {
    out.objects.push(rawObject(head, site));
    return;
  }
  const items = head.body.items;
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) {
    report(out.errors, site, ['items'], `${site.label}: items must be a sequence, got ${describe(items)}`);
    return;
  }
  items.forEach((item: unknown, i) => {
    const raw = collectListItem(item, i, head, docIndex, doc.item(i), file, out);
    if (raw) out.objects.push(raw);
  });
}

/** The root of a List document (see isList), or undefined for anything else; never reports. */
export function listHead(value: unknown): Head | undefined {
  const scratch = newCollector();
  const head = readHead(value, { file: '', docIndex: 0, label: '', place: NO_PLACE }, scratch);
  return head && isList(head) ? head : undefined;
}

/** One entry of a List's `items`, as collectDocument collects it: the object, or undefined (reported) when it is not one. */
export function collectListItem(item: unknown, index: number, list: Head, docIndex: number, place: Placement, file: string, out: Collector): RawObject | undefined {
  const defaults = list.kind === 'List' ? undefined : { apiVersion: list.apiVersion, kind: list.kind.slice(0, -'List'.length) };
  const site: Site = { file, docIndex, label: `document ${docIndex + 1} items[${index}]`, place };
  const head = readHead(item, site, out, defaults);
  return head && rawObject(head, site);
}

const NO_PLACE: Placement = { position: () => ({ line: 1, column: 1 }), find: () => undefined };

/** `kind: List`, or a typed list such as `ServiceList` as `kubectl get -o yaml` prints it. */
function isList(head: Head): boolean {
  return head.kind === 'List' || (head.kind.endsWith('List') && Array.isArray(head.body.items));
}

/** Checks that `value` is a mapping with string apiVersion and kind (typed-list items may inherit them). */
function readHead(value: unknown, site: Site, out: Collector, defaults?: { apiVersion: string; kind: string }): Head | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(out.notices, site, [], `${site.label} is ${describe(value)}, not a Kubernetes object; skipped`);
    return undefined;
  }
  const body = value as Mapping;
  const apiVersion = isSet(body.apiVersion) ? body.apiVersion : defaults?.apiVersion;
  const kind = isSet(body.kind) ? body.kind : defaults?.kind;
  if (apiVersion === undefined && kind === undefined) {
    report(out.notices, site, [], `${site.label} is not a Kubernetes object (no apiVersion/kind); skipped`);
    return undefined;
  }
  const problem = fieldProblem('apiVersion', apiVersion) ?? fieldProblem('kind', kind);
  if (problem) {
    report(out.errors, site, [problem.field], `${site.label}: ${problem.text}`);
    return undefined;
  }
  const head = { apiVersion: apiVersion as string, kind: kind as string };
  const inherited = apiVersion !== body.apiVersion || kind !== body.kind;
  return { ...head, body: inherited ? { ...body, ...head } : body };
}

function fieldProblem(field: string, v: unknown): { field: string; text: string } | undefined {
  if (v === undefined) return { field, text: `${field} is missing` };
  if (typeof v !== 'string') return { field, text: `${field} must be a string, got ${describe(v)}` };
  return undefined;
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function rawObject(head: Head, site: Site): RawObject {
  return { apiVersion: head.apiVersion, kind: head.kind, body: head.body, origin: new PlacedOrigin(site.file, site.docIndex, site.place) };
}

/** A file origin whose position is computed when someone asks for it (JSON sources find it lazily). A class, not a closure per object. */
class PlacedOrigin implements FileOrigin {
  readonly kind = 'file';

  constructor(
    readonly file: string,
    readonly docIndex: number,
    readonly locator: Placement,
  ) {}

  get position(): Position {
    return this.locator.position();
  }
}

/** Adds an error or notice on the line of `field` (the object's line when the field is absent). */
function report(list: InputError[] | InputNotice[], site: Site, field: string[], message: string): void {
  const line = (site.place.find(field) ?? site.place.position()).line;
  list.push({ file: site.file, line, message });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a sequence';
  return `a ${typeof v === 'object' ? 'mapping' : typeof v}`;
}
