/**
 * `--helm-values CHART=FILE`: a Helm values file read as the chart's configuration. A values file is no
 * Kubernetes object, so it is read only when named by this flag, never guessed by shape from `-f`.
 */
import { CILIUM_HELM_VALUES_KIND, HELM_VALUES_API_VERSION } from '../model/kinds.js';
import type { InputError, RawObject } from '../model/input.js';
import { readNamedFile } from './manifest-files.js';
import { parseManifestText } from './manifests.js';

/** Charts whose values dsaudit reads, and the kind each values document is read as. */
export const HELM_VALUES_CHARTS: Readonly<Record<string, string>> = { cilium: CILIUM_HELM_VALUES_KIND };

export interface HelmValuesRequest {
  readonly chart: string;
  readonly file: string;
}

/** The flag's value, or a reason it is not `CHART=FILE` with a chart dsaudit reads. */
export function parseHelmValuesFlag(text: string): HelmValuesRequest | { readonly error: string } {
  const eq = text.indexOf('=');
  const chart = eq > 0 ? text.slice(0, eq) : '';
  const file = eq > 0 ? text.slice(eq + 1) : '';
  if (chart === '' || file === '') return { error: `--helm-values must be CHART=FILE (got "${text}")` };
  if (!HELM_VALUES_CHARTS[chart]) return { error: `--helm-values: chart "${chart}" is not one dsaudit reads (${Object.keys(HELM_VALUES_CHARTS).join(', ')})` };
  return { chart, file };
}

/** Reads each values file; a file that does not parse, or holds no mapping, is an input error. */
export function readHelmValues(requests: readonly HelmValuesRequest[], cwd: string): { objects: RawObject[]; errors: InputError[] } {
  const objects: RawObject[] = [];
  const errors: InputError[] = [];
  for (const r of requests) {
    const text = readNamedFile(r.file, cwd, errors);
    if (text === undefined) continue;
    const parsed = parseManifestText(text, r.file, {}, { apiVersion: HELM_VALUES_API_VERSION, kind: HELM_VALUES_CHARTS[r.chart] });
    errors.push(...parsed.errors);
    // Helm merges several documents of one file into nothing useful; the first is the values.
    if (parsed.objects[0]) objects.push(parsed.objects[0]);
  }
  return { objects, errors };
}
