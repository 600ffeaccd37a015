/** Ends a list the server would never end: a continue token seen before, or more pages than it said remain. */

/**
 * Watches the continue tokens of one list, page by page. `remainingItemCount` is an estimate that
 * clients "should not rely on ... to be exact" (ListMeta, k8s.io/apimachinery meta/v1 types.go), so a
 * list may run to twice the pages it explains before it counts as runaway.
 */
export class ContinueGuard {
  private readonly seen = new Set<string>();
  private maxPages = Infinity;

  constructor(private readonly limit: number) {}

  /**
   * Whether the list must be abandoned instead of following `token`, given by page `page` (1-based)
   * with `remaining` as its `metadata.remainingItemCount`.
   */
  runaway(page: number, token: string, remaining: unknown): boolean {
    if (this.seen.has(token)) return true;
    this.seen.add(token);
    if (typeof remaining === 'number' && Number.isInteger(remaining) && remaining >= 0) {
      this.maxPages = Math.min(this.maxPages, 2 * (page + Math.ceil(remaining / this.limit)) + 1);
    }
    return page >= this.maxPages;
  }
}

/** A continue token fit for a message: redacted by the caller, cut to a recognizable prefix. */
export function shortToken(token: string): string {
  return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}
