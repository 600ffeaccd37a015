/** The formatter map the CLI selects from with `-o <name>`: the scan report, and each derived view alone. */
import { ADDRESS_PLAN_FORMATTERS } from './address-plan.js';
import { formatAddressPlanHtml, formatHtml } from './html.js';
import { CHANGE_PLAN_FORMATTERS } from './change-plan.js';
import { DIFF_FORMATTERS } from './diff.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPolicyReport } from './policyreport.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';
import type { Formatter } from './types.js';

export type { DerivedViews, FormatContext, Formatter, ViewFormatter } from './types.js';

export type FormatName = 'table' | 'json' | 'sarif' | 'markdown' | 'policyreport' | 'html';

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = Object.freeze({
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  policyreport: formatPolicyReport,
  html: formatHtml,
});

/** Derived views rendered alone, keyed by the same format names; a format missing here cannot show that view alone. */
export const VIEW_FORMATTERS = Object.freeze({
  addressPlan: { ...ADDRESS_PLAN_FORMATTERS, html: formatAddressPlanHtml },
  changePlan: CHANGE_PLAN_FORMATTERS,
  diff: DIFF_FORMATTERS,
} as const satisfies Record<string, Partial<Record<FormatName, unknown>>>);
