/** The installed package's documentation links (package.json `homepage`/`repository`), read once per run. */
import { projectLinks, type ProjectLinks } from '../report/links.js';
import { readPackageJson } from '../sources/package-files.js';
import { TOOL_VERSION } from '../version.js';

let cached: ProjectLinks | undefined;

export function installedLinks(): ProjectLinks {
  cached ??= projectLinks(readPackageJson(), TOOL_VERSION);
  return cached;
}
