/** How an owner reads in messages and reports, and where a fix to an object it manages has to go. */
import type { Owner } from './types.js';

const TOOL_NAMES: Readonly<Record<Owner['via'], string>> = {
  helm: 'Helm release',
  argocd: 'Argo CD',
  flux: 'Flux',
  ownerReferences: '',
  'gateway-api': '',
};

function nsName(o: Owner): string {
  return `${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** `Helm release retail/orders (chart orders-3.2.1)`, `Argo CD Application shop`, `Gateway infra/public`. */
export function ownerText(o: Owner): string {
  const head = o.via === 'helm' ? `Helm release ${nsName(o)}` : `${TOOL_NAMES[o.via] ? `${TOOL_NAMES[o.via]} ` : ''}${o.kind} ${nsName(o)}`;
  const chart = o.chart ? ` (chart ${o.chart})` : '';
  return `${head}${chart}`;
}

/** Where the change has to be made, and why patching the object itself does not last. */
export function ownerFix(o: Owner): string {
  const chart = o.chart ? `chart ${o.chart}` : undefined;
  const release = o.release ? ` (release ${o.release})` : '';
  switch (o.via) {
    case 'helm':
      return `change it in ${chart ?? 'the chart'}${release}; a kubectl patch is reverted by the next helm upgrade`;
    case 'argocd':
      return `change it in the source of Argo CD Application ${nsName(o)}${chart ? ` (${chart} values)` : ''}; a kubectl patch is reverted by the next sync`;
    case 'flux':
      return `change it in the source of Flux ${o.kind} ${nsName(o)}${chart ? ` (${chart} values)` : ''}; a kubectl patch is reverted by the next reconciliation`;
    case 'gateway-api':
      return `change it on Gateway ${nsName(o)} or its GatewayClass parameters; the Gateway controller regenerates this object`;
    case 'ownerReferences':
      return `change it on ${o.kind} ${nsName(o)}; its controller regenerates this object`;
  }
}
