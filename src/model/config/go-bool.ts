/** Boolean settings as Go programs read them (`strconv.ParseBool`), for configuration written by Go components. */

/**
 * `strconv.ParseBool`: `1 t T TRUE true True` are true, `0 f F FALSE false False` false; anything else
 * (including `yes` and padded text) is not a boolean, which Go components treat as an error or the default.
 */
export function parseGoBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}
