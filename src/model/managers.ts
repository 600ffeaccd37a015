/** Which tool reconciles an object, read from the labels, annotations and owner references those tools write. */
import type { ModelObject, OwnerRef } from './types.js';

/** A tool that re-applies an object's desired state: a manual fix there is reverted by its next sync. */
export interface Manager {
  readonly tool: 'Argo CD' | 'Flux' | 'Helm' | 'owner' | 'other';
  /** `Helm release shop/cart`, `Argo CD application shop`, `Deployment shop/cart`: for messages. */
  readonly text: string;
}

/**
 * The manager of an object, most specific first: GitOps controllers (which may deploy Helm charts
 * and so also leave Helm's marks), then Helm, then an owner reference, then any other
 * `app.kubernetes.io/managed-by`. Undefined when the object shows none.
 */
export function managerOf(obj: ModelObject & { readonly ownerReferences?: readonly OwnerRef[] }): Manager | undefined {
  const l = obj.labels;
  const a = obj.annotations;
  const ns = obj.ref.namespace;
  // Flux labels what it applies with the Kustomization or HelmRelease name and namespace (fluxcd.io/flux2 docs).
  for (const kind of ['kustomize', 'helm'] as const) {
    const name = l[`${kind}.toolkit.fluxcd.io/name`];
    if (name) {
      const where = l[`${kind}.toolkit.fluxcd.io/namespace`];
      return { tool: 'Flux', text: `Flux ${kind === 'helm' ? 'HelmRelease' : 'Kustomization'} ${where ? `${where}/` : ''}${name}` };
    }
  }
  // Argo CD tracks by annotation (`argocd.argoproj.io/tracking-id: app:group/Kind:ns/name`) or by label.
  const tracking = a['argocd.argoproj.io/tracking-id'];
  const argoApp = tracking ? tracking.split(':')[0] : l['argocd.argoproj.io/instance'];
  if (argoApp) return { tool: 'Argo CD', text: `Argo CD application ${argoApp}` };
  const release = a['meta.helm.sh/release-name'];
  if (release || l['app.kubernetes.io/managed-by'] === 'Helm' || l['helm.sh/chart']) {
    const name = release ?? l['app.kubernetes.io/instance'] ?? l['release'];
    const where = a['meta.helm.sh/release-namespace'] ?? ns;
    return { tool: 'Helm', text: name ? `Helm release ${where ? `${where}/` : ''}${name}` : 'Helm' };
  }
  const owner = obj.ownerReferences?.[0];
  if (owner) return { tool: 'owner', text: `${owner.kind} ${ns ? `${ns}/` : ''}${owner.name}` };
  const other = l['app.kubernetes.io/managed-by'];
  if (other) return { tool: 'other', text: other };
  return undefined;
}

/** `; it is managed by Helm release shop/cart, whose next sync or upgrade reverts a manual change: change it there` or ''. */
export function managerNote(obj: ModelObject & { readonly ownerReferences?: readonly OwnerRef[] }): string {
  const m = managerOf(obj);
  return m ? `; it is managed by ${m.text}, whose next sync or upgrade reverts a manual change: change it there` : '';
}
