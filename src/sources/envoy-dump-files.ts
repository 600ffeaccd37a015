/** `--envoy-dump NS/POD=FILE`: an Envoy listener dump read for a Pod the user names (src/sources/envoy-dump.ts recognises the shape). */
import { ENVOY_DUMP_KIND } from '../model/kinds.js';
import type { InputError, RawObject } from '../model/input.js';
import { readNamedFile } from './manifest-files.js';
import { parseManifestText } from './manifests.js';

export interface EnvoyDumpRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly file: string;
}

/** DNS-1123 label (namespace) and subdomain (Pod name), as the API server validates them. */
const FLAG = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)=(.+)$/;

/** The flag's value, or undefined when it is not `NAMESPACE/POD=FILE`. */
export function parseEnvoyDumpFlag(text: string): EnvoyDumpRequest | undefined {
  const m = FLAG.exec(text);
  return m ? { namespace: m[1], pod: m[3], file: m[5] } : undefined;
}

/** Reads each dump and attaches it to its Pod; a file that holds no Envoy dump is an input error. */
export function readEnvoyDumps(requests: readonly EnvoyDumpRequest[], cwd: string): { objects: RawObject[]; errors: InputError[] } {
  const objects: RawObject[] = [];
  const errors: InputError[] = [];
  for (const r of requests) {
    const text = readNamedFile(r.file, cwd, errors);
    if (text === undefined) continue;
    const parsed = parseManifestText(text, r.file);
    errors.push(...parsed.errors);
    const dumps = parsed.objects.filter((o) => o.kind === ENVOY_DUMP_KIND);
    if (dumps.length === 0 && parsed.errors.length === 0) {
      errors.push({ file: r.file, line: null, message: '--envoy-dump: not an Envoy listener dump (an admin /config_dump, istioctl proxy-config all -o json, or proxy-config listeners -o json|yaml)' });
    }
    for (const d of dumps) objects.push({ ...d, body: { ...d.body, metadata: { namespace: r.namespace, name: r.pod } } });
  }
  return { objects, errors };
}
