/** Errors of the live-cluster source, with credentials scrubbed from every message. */

/**
 * The cluster as a whole cannot be read: no or bad kubeconfig, unknown context, unreachable server,
 * TLS failure, or rejected credentials. The message is one line and names the context and server.
 */
export class ClusterSourceError extends Error {
  override readonly name = 'ClusterSourceError';
  constructor(
    message: string,
    readonly context?: string,
    readonly server?: string,
  ) {
    super(message);
  }
}

/** Replaces every secret (token, password, key material) found in `text`, and keeps only the first line. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.split(/\r?\n/, 1)[0] ?? '';
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out.replace(/(Bearer|Basic)\s+\S+/gi, '$1 [redacted]');
}

/** A server URL fit for messages: no user info, no query. */
export function displayUrl(server: string): string {
  try {
    const u = new URL(server);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}
