/** Where dsaudit's documentation lives, derived from package.json `homepage`/`repository` (none set: no links). */

/** The fields of package.json the links come from. */
export interface PackageLinkFields {
  readonly homepage?: unknown;
  readonly repository?: unknown;
}

/** The project's web addresses; both absent when package.json names none. */
export interface ProjectLinks {
  /** Project home page: `homepage`, else the repository's web page. */
  readonly home?: string;
  /** Repository web page plus the package's directory in it, for versioned file links. */
  readonly tree?: string;
  readonly version: string;
}

const HOSTS: Readonly<Record<string, string>> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

/**
 * The web address of a package.json `repository` value, in the forms npm accepts
 * (https://docs.npmjs.com/cli/configuring-npm/package-json#repository): `owner/repo`, `github:owner/repo`,
 * `git+https://host/owner/repo.git`, `git+ssh://git@host/owner/repo.git`, `git@host:owner/repo.git`.
 */
export function repositoryWebUrl(repository: unknown): { url: string; directory?: string } | undefined {
  const raw = typeof repository === 'string' ? repository : typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const directory = typeof repository === 'object' && repository !== null && typeof (repository as { directory?: unknown }).directory === 'string'
    ? ((repository as { directory: string }).directory).replace(/^\/+|\/+$/g, '')
    : undefined;
  const text = raw.trim();
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(text);
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(text);
  const url = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(text);
  let web: string | undefined;
  if (shorthand) web = `https://${HOSTS[shorthand[1] ?? 'github']}/${shorthand[2]}/${shorthand[3]}`;
  else if (scp) web = `https://${scp[1]}/${scp[2]}`;
  else if (url) web = `https://${url[1]}/${url[2]}`;
  if (web === undefined) return undefined;
  return { url: web, ...(directory ? { directory } : {}) };
}

function httpUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\/\S+$/.test(value.trim()) ? value.trim().replace(/\/+$/, '') : undefined;
}

/** Links for `version` from package.json fields; an unset or unusable field gives no link rather than a guess. */
export function projectLinks(pkg: PackageLinkFields, version: string): ProjectLinks {
  const repo = repositoryWebUrl(pkg.repository);
  const home = httpUrl(pkg.homepage) ?? repo?.url;
  const tree = repo ? `${repo.url}/blob/v${version}${repo.directory ? `/${repo.directory}` : ''}` : undefined;
  return { version, ...(home ? { home } : {}), ...(tree ? { tree } : {}) };
}

/** The versioned page of a rule (`docs/rules/<id>.md` at the release tag), or undefined without a repository. */
export function ruleDocUrl(links: ProjectLinks | undefined, id: string): string | undefined {
  return links?.tree ? `${links.tree}/docs/rules/${id}.md` : undefined;
}

/** Where to read about a rule: its page when there is one, else the offline `dsaudit explain`. */
export function ruleHelpPointer(links: ProjectLinks | undefined, id: string): string {
  return ruleDocUrl(links, id) ?? `dsaudit explain ${id}`;
}
