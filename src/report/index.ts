/** The formatter map the CLI selects from with `-o <name>`. */
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPolicyReport } from './policyreport.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';

export type FormatName = 'table' | 'json' | 'sarif' | 'markdown' | 'policyreport';

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = Object.freeze({
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  policyreport: formatPolicyReport,
});
