/** Reads a container's `ports[]` entries that publish a port on the node (`hostPort`). */
import { parseIp } from '../net/index.js';
import type { HostPort } from './types.js';

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * The host ports of a raw container at `path`. Entries without a positive `hostPort` publish nothing
 * on the node and are left out, as are wrong-typed parts (the API server rejects them).
 */
export function hostPortsOf(container: unknown, path: string): HostPort[] {
  const ports = record(container)?.ports;
  if (!Array.isArray(ports)) return [];
  const out: HostPort[] = [];
  ports.forEach((p, i) => {
    const port = record(p);
    if (!port || typeof port.hostPort !== 'number' || port.hostPort <= 0) return;
    const ppath = `${path}.ports[${i}]`;
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    const hostIP = typeof port.hostIP === 'string' && port.hostIP.trim() !== '' ? port.hostIP : undefined;
    const parsed = hostIP !== undefined ? parseIp(hostIP) : undefined;
    out.push({
      hostPort: port.hostPort,
      protocol,
      ...(hostIP !== undefined ? { hostIP: { text: hostIP, path: `${ppath}.hostIP`, ...(parsed?.ok ? { ip: parsed.value } : {}) } } : {}),
      path: ppath,
    });
  });
  return out;
}

/** Two host port lists say the same thing. */
export function sameHostPorts(a: readonly HostPort[], b: readonly HostPort[]): boolean {
  return a.length === b.length && a.every((p, i) => p.hostPort === b[i].hostPort && p.protocol === b[i].protocol && p.hostIP?.text === b[i].hostIP?.text && p.path === b[i].path);
}
