/** The README's generated rule table lives between these markers. */
export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

export function replaceReadmeRules(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks ${RULES_START} … ${RULES_END} markers`);
  return `${readme.slice(0, start + RULES_START.length)}\n${table}${readme.slice(end)}`;
}
