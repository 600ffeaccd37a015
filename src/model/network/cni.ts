/** Finds each CNI's configuration in the input and derives the provider-neutral CNI facts (calico, cilium, flannel). */
import { calicoDraft, type CalicoInputs } from '../config/calico.js';
import { ciliumDraft, configMapSettings } from '../config/cilium.js';
import { ciliumValuesSettings } from '../config/cilium-values.js';
import { asMap } from '../raw.js';
import { finishCni, masqueradeSetting, type CniDraft } from '../config/cni-draft.js';
import { flannelDraft } from '../config/flannel.js';
import { parseGoBool } from '../config/go-bool.js';
import { displayRef } from '../objects.js';
import type { CalicoIpPool, CniFacts, ConfigMap, Container, FactSource, MasqueradeSetting, ModelObject, NotUnderstood, Pod, Workload } from '../types.js';
import { fact } from './components.js';
import { containerArgv, parseFlags } from './flags.js';
import type { ConfigDocument } from './inputs.js';

export interface CniInputs {
  readonly configMaps: readonly ConfigMap[];
  readonly calicoIpPools: readonly CalicoIpPool[];
  readonly workloads: readonly Workload[];
  readonly pods: readonly Pod[];
  readonly configDocuments: readonly ConfigDocument[];
}

/**
 * CNI plugins dsaudit recognises by their agent's image but whose address configuration it does not
 * read: they are reported as not understood rather than passed in silence.
 */
const UNREAD_CNIS: readonly { readonly name: string; readonly image: RegExp }[] = [
  { name: 'kube-router', image: /(^|\/)kube-router(:|@|$)/ },
  { name: 'Weave Net', image: /(^|\/)weave-kube(:|@|$)/ },
  { name: 'Antrea', image: /(^|\/)antrea-(agent|ubuntu)(:|@|$)/ },
  { name: 'Kube-OVN', image: /(^|\/)kube-ovn(:|@|$)/ },
];

/** kubernetes-sigs/ip-masq-agent's image (registry.k8s.io/networking/ip-masq-agent, older ip-masq-agent-amd64). */
const IP_MASQ_AGENT = /(^|\/)ip-masq-agent(-amd64)?(:|@|$)/;

function objectFact(o: ModelObject, path?: string): FactSource {
  return fact(displayRef(o.ref), o, path);
}

/** The first workload (else Pod) running a container named `name`, with that container. */
function agent(inputs: CniInputs, name: string): { container: Container; at: FactSource } | undefined {
  for (const w of inputs.workloads) {
    const c = w.podTemplate.containers.find((x) => x.name === name);
    if (c) return { container: c, at: objectFact(w) };
  }
  for (const p of inputs.pods) {
    const c = p.spec.containers.find((x) => x.name === name);
    if (c) return { container: c, at: objectFact(p.workload ?? p) };
  }
  return undefined;
}

/**
 * ip-masq-agent DaemonSets and whether each masquerades IPv6: its Go flag `--enable-ipv6` defaults to
 * false (kubernetes-sigs/ip-masq-agent README, "enable-ipv6").
 */
function masqAgents(workloads: readonly Workload[], notUnderstood: NotUnderstood[]): MasqueradeSetting[] {
  const out: MasqueradeSetting[] = [];
  for (const w of workloads) {
    if (w.workloadKind !== 'DaemonSet') continue;
    const c = w.podTemplate.containers.find((x) => x.name === 'ip-masq-agent' || (x.image !== undefined && IP_MASQ_AGENT.test(x.image)));
    if (!c) continue;
    const at = objectFact(w);
    const written = parseFlags(containerArgv(c)).get('enable-ipv6');
    const on = written === undefined ? false : parseGoBool(written);
    if (on === undefined) notUnderstood.push({ ...at, path: c.path, detail: `ip-masq-agent --enable-ipv6=${written!} is not a boolean` });
    out.push(masqueradeSetting(at, 'IPv6', on ?? false, written === undefined ? 'ip-masq-agent without --enable-ipv6 (default false)' : `ip-masq-agent --enable-ipv6=${written}`, c.path));
  }
  return out;
}

export function buildCniFacts(inputs: CniInputs): CniFacts {
  const drafts: CniDraft[] = [];
  const notUnderstood: NotUnderstood[] = [];
  const named = (name: string): ConfigMap | undefined => inputs.configMaps.find((cm) => cm.ref.name === name);

  const calicoConfig = named('calico-config');
  const calicoNode = agent(inputs, 'calico-node');
  const installation = inputs.configDocuments.find((d) => d.type === 'calico-installation');
  if (inputs.calicoIpPools.length > 0 || calicoConfig || calicoNode || installation) {
    const calico: CalicoInputs = {
      pools: inputs.calicoIpPools,
      ...(installation ? { installation: { body: installation.body, at: fact(installation.label, installation) } } : {}),
      ...(calicoConfig ? { cniConfig: { text: calicoConfig.data.cni_network_config, at: objectFact(calicoConfig) } } : {}),
      ...(calicoNode ? { node: calicoNode } : {}),
    };
    const at = calicoNode?.at ?? calico.installation?.at ?? calico.cniConfig?.at ?? objectFact(inputs.calicoIpPools[0]);
    drafts.push(calicoDraft(calico, at));
  }
  // One Cilium install: values given explicitly (the intent), else the ConfigMap in effect, else cilium-olm's CiliumConfig.
  const cilium = named('cilium-config');
  const values = inputs.configDocuments.find((d) => d.type === 'cilium-helm-values');
  const ciliumConfig = inputs.configDocuments.find((d) => d.type === 'cilium-config');
  if (values) drafts.push(ciliumDraft(ciliumValuesSettings(values.body, ''), fact(values.label, values)));
  else if (cilium) drafts.push(ciliumDraft(configMapSettings(cilium), objectFact(cilium)));
  else if (ciliumConfig) drafts.push(ciliumDraft(ciliumValuesSettings(asMap(ciliumConfig.body.spec) ?? {}, 'spec.'), fact(ciliumConfig.ref ? displayRef(ciliumConfig.ref) : ciliumConfig.label, ciliumConfig)));
  const flannel = named('kube-flannel-cfg');
  if (flannel) drafts.push(flannelDraft(flannel.data['net-conf.json'], objectFact(flannel)));

  for (const w of inputs.workloads) {
    for (const cni of UNREAD_CNIS) {
      const c = w.podTemplate.containers.find((x) => x.image !== undefined && cni.image.test(x.image));
      if (c) notUnderstood.push({ ...objectFact(w, c.path), detail: `${cni.name} is a CNI plugin whose IP family configuration dsaudit does not read; its dual-stack readiness is not assessed` });
    }
  }
  for (const d of drafts) notUnderstood.push(...d.notUnderstood);
  const agents = masqAgents(inputs.workloads, notUnderstood);
  return Object.freeze({ configs: drafts.map(finishCni), masqAgents: agents, notUnderstood });
}
