/** `dsaudit plan`: the ordered runbook from the cluster as it is to the goal stack, built from the model and the findings. */
import { familiesOf, otherFamily, type Cidr, type Family } from '../net/index.js';
import { displayRef } from '../model/objects.js';
import { describeScenario } from '../model/scenario.js';
import type { ClusterModel, ControllerManagerConfig, ApiServerConfig, Scenario } from '../model/types.js';
import { FindingIndex } from './plan-findings.js';
import { endpointSliceStep, nodeAddressStep, nodeStep, progress, serviceSteps, workloadStep, type StepDraft } from './plan-objects.js';
import { dnsSteps } from './plan-dns.js';
import { meshSteps } from './plan-mesh.js';
import { proposeRanges } from './plan-ranges.js';
import type { ChangePlan, ClusterChangePlan, PlanAction, PlanFinding, PlanGoal, PlanSection, PlanSectionName } from './plan-types.js';

export type * from './plan-types.js';
export { PLAN_GOALS } from './plan-types.js';

/** Dual-stack is GA and on by default from Kubernetes 1.23 (KEP-563). */
const DUAL_STACK_GA = { major: 1, minor: 23 };

/** The families after the change, primary first: a dual goal keeps today's primary. */
function goalFamilies(goal: PlanGoal, model: ClusterModel): Family[] {
  const net = model.clusterNetwork;
  const primary: Family = net.serviceFamilies[0] ?? net.clusterCidrs[0]?.family ?? 'IPv4';
  switch (goal) {
    case 'dual': return [primary, otherFamily(primary)];
    case 'ipv6-primary': return ['IPv6', 'IPv4'];
    case 'ipv4': return ['IPv4'];
    case 'ipv6': return ['IPv6'];
  }
}

function canonical(cidrs: readonly Cidr[]): string[] {
  return cidrs.map((c) => c.canonical);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function prerequisites(model: ClusterModel, families: readonly Family[], index: FindingIndex): StepDraft[] {
  const net = model.clusterNetwork;
  const steps: StepDraft[] = [];
  if (families.length === 2) {
    const v = net.version;
    const ok = v && (v.major > DUAL_STACK_GA.major || (v.major === DUAL_STACK_GA.major && v.minor >= DUAL_STACK_GA.minor));
    steps.push({
      title: v ? `Kubernetes ${v.major}.${v.minor} (${v.source}) ${ok ? 'supports' : 'needs an upgrade to 1.23 or later for'} dual-stack` : 'Confirm Kubernetes 1.23 or later (dual-stack GA): the input does not say the version',
      status: !v ? 'check' : ok ? 'done' : 'todo',
      progress: null,
      resolves: [],
      actions: ok ? [] : [{ text: v ? 'upgrade the control plane and kubelets to 1.23 or later first' : 'read the server version', ...(v ? {} : { command: 'kubectl version' }) }],
    });
  }
  const configs = model.cni.configs;
  if (configs.length === 0) {
    steps.push({
      title: `Confirm the CNI assigns ${families.join(' and ')} pod addresses: no CNI configuration in the input`,
      status: 'check',
      progress: null,
      resolves: [],
      actions: [{ text: 'check the CNI\'s dual-stack settings (Calico IPPools, Cilium enable-ipv6, Flannel EnableIPv6) before changing the cluster ranges' }],
    });
  }
  for (const c of configs) {
    const lacking = families.filter((f) => !c.families.includes(f));
    steps.push({
      title: `${c.plugin} assigns ${lacking.length === 0 ? `${families.join(' and ')} pod addresses` : `no ${lacking.join(' or ')} pod addresses (${c.source})`}`,
      status: lacking.length === 0 ? 'done' : 'todo',
      progress: progress(families.length - lacking.length, families.length, 'families assigned'),
      resolves: index.resolves(['DS505']),
      actions: c.missing.filter((m) => lacking.includes(m.family)).map((m): PlanAction => ({
        text: m.reasons.length > 0 ? `${m.family}: change ${m.reasons.map((r) => `${r.text} (${r.source})`).join('; ')}` : `${m.family}: add a pool of the family`,
      })),
    });
  }
  return steps;
}

interface Desired {
  readonly pods: string[];
  readonly services: string[];
  /** Ranges proposed for families the cluster does not have, by family. */
  readonly proposed: ReadonlyMap<Family, readonly { role: 'pods' | 'services'; cidr: string; size: string }[]>;
}

/** The pod and Service ranges after the change, primary first: today's range of a family kept, a proposed one for a family added. */
function desiredRanges(model: ClusterModel, families: readonly Family[]): Desired {
  const net = model.clusterNetwork;
  const proposed = new Map<Family, { role: 'pods' | 'services'; cidr: string; size: string }[]>();
  const pods: string[] = [];
  const services: string[] = [];
  for (const f of families) {
    const pod = net.clusterCidrs.find((c) => c.family === f);
    const svc = net.serviceRanges.find((c) => c.family === f);
    // A family the cluster already has (Nodes hold such podCIDRs) keeps its range, even when the input does not declare it.
    const missing = [...(pod || net.podFamilies.includes(f) ? [] : ['pods' as const]), ...(svc || net.serviceFamilies.includes(f) ? [] : ['services' as const])];
    const add = missing.length > 0 ? proposeRanges(model, f, missing) : [];
    if (add.length > 0) proposed.set(f, add);
    pods.push(pod?.canonical ?? add.find((a) => a.role === 'pods')?.cidr ?? undeclared(f, 'pods'));
    services.push(svc?.canonical ?? add.find((a) => a.role === 'services')?.cidr ?? undeclared(f, 'services'));
  }
  return { pods, services, proposed };
}

/** Stands for a range the cluster has but the input does not declare. */
function undeclared(f: Family, role: 'pods' | 'services'): string {
  return `<current ${f} ${role === 'pods' ? 'pod' : 'Service'} range>`;
}

function rangeSteps(model: ClusterModel, families: readonly Family[], desired: Desired): StepDraft[] {
  const net = model.clusterNetwork;
  return families.map((f): StepDraft => {
    const pod = net.clusterCidrs.find((c) => c.family === f);
    const svc = net.serviceRanges.find((c) => c.family === f);
    const add = desired.proposed.get(f) ?? [];
    const unknown = [!pod && net.podFamilies.includes(f) ? 'pod' : '', !svc && net.serviceFamilies.includes(f) ? 'Service' : ''].filter(Boolean);
    const have = [pod ? `pods ${pod.canonical}` : '', svc ? `Services ${svc.canonical}` : ''].filter(Boolean);
    return {
      title: `${f} ranges${have.length > 0 ? `: ${have.join(', ')}` : ''}${add.length > 0 ? ` — add ${add.map((a) => `${a.role === 'pods' ? 'pods' : 'Services'} ${a.cidr}`).join(' and ')}` : ''}`,
      status: add.length > 0 ? 'todo' : unknown.length > 0 ? 'check' : 'done',
      progress: progress((pod ? 1 : 0) + (svc ? 1 : 0), 2, `${f} ranges declared`),
      resolves: [],
      actions: [
        ...add.map((a) => ({ text: `${a.role === 'pods' ? 'pod range' : 'Service range'} ${a.cidr} (${a.size}; clear of every declared range, external network and node address)` })),
        ...unknown.map((u) => ({ text: `the ${f} ${u} range is in use but not in the input: read it from the control plane (kube-controller-manager --cluster-cidr, kube-apiserver --service-cluster-ip-range) and keep it first` })),
      ],
    };
  });
}

/** Where a flag lives: the static Pod's manifest on its control-plane node. */
function onNode(c: ApiServerConfig | ControllerManagerConfig): string {
  const pod = c.object && 'nodeName' in c.object ? (c.object as { nodeName?: string }).nodeName : undefined;
  return pod ? ` on ${pod}` : '';
}

function controlPlaneSteps(model: ClusterModel, desired: Desired, families: readonly Family[], index: FindingIndex): StepDraft[] {
  const net = model.clusterNetwork;
  const steps: StepDraft[] = [];
  const pods = desired.pods.join(',');
  const services = desired.services.join(',');
  const resolves = index.resolves(['DS100', 'DS211', 'DS305']);
  if (net.kubeadmManaged) {
    const decl = (role: 'pods' | 'services') => net.declarations.find((d) => d.sourceKind === 'kubeadm' && d.role === role);
    const havePods = canonical(decl('pods')?.cidrs ?? []);
    const haveSvc = canonical(decl('services')?.cidrs ?? []);
    const done = sameList(havePods, desired.pods) && sameList(haveSvc, desired.services);
    steps.push({
      title: `kubeadm-config first, so upgrades and joins keep the change: networking.podSubnet: ${pods}, networking.serviceSubnet: ${services}`,
      status: done ? 'done' : 'todo',
      progress: null,
      resolves,
      actions: done ? [] : [{ text: `today podSubnet: ${havePods.join(',') || 'unset'}, serviceSubnet: ${haveSvc.join(',') || 'unset'}`, command: 'kubectl -n kube-system edit configmap kubeadm-config' }],
    });
  }
  for (const a of net.apiServers.filter((x) => x.sourceKind === 'static-pod')) {
    const done = sameList(canonical(a.serviceCidrs), desired.services);
    steps.push({
      title: `kube-apiserver${onNode(a)}: --service-cluster-ip-range=${services}`,
      status: done ? 'done' : 'todo',
      progress: null,
      resolves,
      actions: done ? [] : [{ text: `edit /etc/kubernetes/manifests/kube-apiserver.yaml (${a.source}); today ${canonical(a.serviceCidrs).join(',') || 'unset'}` }],
    });
  }
  for (const c of net.controllerManagers.filter((x) => x.sourceKind === 'static-pod')) {
    const done = sameList(canonical(c.clusterCidrs), desired.pods);
    const masks = families.length === 2 ? ` --node-cidr-mask-size-ipv4=${c.nodeCidrMaskSizeIPv4 ?? 24} --node-cidr-mask-size-ipv6=${c.nodeCidrMaskSizeIPv6 ?? 64}` : '';
    steps.push({
      title: `kube-controller-manager${onNode(c)}: --cluster-cidr=${pods} --service-cluster-ip-range=${services}${masks}`,
      status: done ? 'done' : 'todo',
      progress: null,
      resolves,
      actions: done ? [] : [{ text: `edit /etc/kubernetes/manifests/kube-controller-manager.yaml (${c.source}); today --cluster-cidr=${c.clusterCidrEntries.join(',') || 'unset'}` }],
    });
  }
  if (net.kubeProxy) {
    const done = sameList(canonical(net.kubeProxy.clusterCidrs), desired.pods);
    steps.push({
      title: `kube-proxy: clusterCIDR: ${pods}`,
      status: done ? 'done' : 'todo',
      progress: null,
      resolves: index.resolves(['DS109']),
      actions: done ? [] : [
        { text: `set clusterCIDR in its configuration (${net.kubeProxy.source})`, command: 'kubectl -n kube-system edit configmap kube-proxy' },
        { text: 'restart kube-proxy to read it', command: 'kubectl -n kube-system rollout restart daemonset kube-proxy' },
      ],
    });
  }
  if (steps.length === 0) {
    steps.push({
      title: `Set the control-plane ranges: kube-apiserver --service-cluster-ip-range=${services}, kube-controller-manager --cluster-cidr=${pods}`,
      status: 'check',
      progress: null,
      resolves,
      actions: [{ text: 'the input holds no control-plane configuration (static Pods, kubeadm-config): set the flags where your distribution keeps them' }],
    });
  }
  return steps;
}

function verifySteps(families: readonly Family[], goal: PlanGoal): StepDraft[] {
  const fams = families.join(' and ');
  return [{
    title: `Verify ${fams} end to end, then re-run this plan: every step done`,
    status: 'check',
    progress: null,
    resolves: [],
    actions: [
      { text: `Nodes hold ${fams} podCIDRs`, command: 'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODCIDRS:.spec.podCIDRs' },
      { text: `Services have ${fams} ClusterIPs`, command: 'kubectl get services -A -o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,POLICY:.spec.ipFamilyPolicy,IPS:.spec.clusterIPs' },
      { text: `Pods have ${fams} addresses`, command: 'kubectl get pods -A -o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,IPS:.status.podIPs[*].ip' },
      { text: 'the plan shows every step done', command: `dsaudit plan --to ${goal}` },
    ],
  }];
}

/** What would break on the way back, one step per DS3xx rule with findings: the rollback section of a forward plan. */
function rollbackSteps(index: FindingIndex, scenario: Scenario): StepDraft[] {
  const codes = ['DS301', 'DS302', 'DS303', 'DS304', 'DS305', 'DS306', 'DS307', 'DS308', 'DS310'];
  const steps: StepDraft[] = [];
  for (const code of codes) {
    const hits = index.of(code);
    if (hits.length === 0) continue;
    steps.push({
      title: `${code} ${hits[0].ruleId}: ${hits.length} object${hits.length === 1 ? '' : 's'}`,
      status: 'todo',
      progress: null,
      resolves: [{ code, ruleId: hits[0].ruleId, count: hits.length }],
      // The fix is stated once when every finding has the same one (the rule's remediation).
      actions: hits.every((f) => f.fix === hits[0].fix)
        ? [{ text: `fix: ${hits[0].fix}` }, ...hits.map((f) => ({ object: displayRef(f.object), text: f.message }))]
        : hits.map((f) => ({ object: displayRef(f.object), text: `${f.message} — fix: ${f.fix}` })),
    });
  }
  if (steps.length === 0) {
    steps.push({
      title: `No rollback hazards found${scenario.removedFamily ? ` for removing ${scenario.removedFamily}` : ''}`,
      status: 'done',
      progress: null,
      resolves: [],
      actions: [],
    });
  }
  return steps;
}

const SECTION_TITLES: Readonly<Record<PlanSectionName, string>> = {
  prerequisites: 'Prerequisites',
  ranges: 'Ranges to add',
  'control-plane': 'Control-plane flags',
  nodes: 'Nodes',
  workloads: 'Workloads',
  services: 'Services',
  dns: 'Cluster DNS',
  mesh: 'Service mesh (Istio)',
  verify: 'Verification',
  rollback: 'Rollback: what would break on the way back',
};

/** Builds the plan of one cluster. */
export function clusterChangePlan(model: ClusterModel, goal: PlanGoal, findings: readonly PlanFinding[]): ClusterChangePlan {
  const net = model.clusterNetwork;
  const index = new FindingIndex(findings, model.cluster);
  const families = goalFamilies(goal, model);
  const current = familiesOf([...net.serviceRanges, ...net.clusterCidrs]);
  const removed = current.filter((f) => !families.includes(f));
  const added = families.filter((f) => !current.includes(f));
  const primaryMatters = goal === 'ipv6-primary';
  const desired = desiredRanges(model, families);

  const drafts: { name: PlanSectionName; steps: StepDraft[]; progress?: ReturnType<typeof progress> }[] = [];
  const push = (name: PlanSectionName, steps: (StepDraft | undefined)[], p?: ReturnType<typeof progress>) => {
    const list = steps.filter((s): s is StepDraft => s !== undefined);
    if (list.length > 0) drafts.push({ name, steps: list, ...(p ? { progress: p } : {}) });
  };
  const svc = serviceSteps(model, families, removed, primaryMatters, index);
  // A Node whose podCIDRs kube-controller-manager will not accept stops it at start-up (DS304): delete it before the flags change.
  const nodesFirst = removed.length > 0 || primaryMatters;
  const node = nodeStep(model, families, nodesFirst, index);
  const dns = dnsSteps(model, families, removed, primaryMatters, index);
  push('prerequisites', prerequisites(model, families, index));
  if (removed.length > 0) {
    // Removing a family: Services and Nodes first (catalog section 7: after the flag change a Service
    // keeping the removed family accepts no update, and such a Node stops kube-controller-manager).
    push('services', [...(svc?.steps ?? []), endpointSliceStep(model, removed, index)], svc?.progress);
    push('dns', dns?.steps ?? [], dns?.progress);
    push('nodes', [node]);
    push('control-plane', controlPlaneSteps(model, desired, families, index));
    push('workloads', [workloadStep(model, families, index)]);
  } else {
    if (families.length === 2) push('ranges', rangeSteps(model, families, desired));
    if (nodesFirst) push('nodes', [node, nodeAddressStep(model, families, index)]);
    push('control-plane', controlPlaneSteps(model, desired, families, index));
    if (!nodesFirst) push('nodes', [node, nodeAddressStep(model, families, index)]);
    push('workloads', [workloadStep(model, families, index)]);
    push('services', svc?.steps ?? [], svc?.progress);
    // After the Services: see plan-dns.ts#dnsSteps for the order.
    push('dns', dns?.steps ?? [], dns?.progress);
    // After the Services and Pods it carries: see plan-mesh.ts#meshSteps for Istio's order.
    push('mesh', meshSteps(model, families, index));
  }
  push('verify', verifySteps(families, goal));
  if (removed.length === 0) push('rollback', rollbackSteps(index, model.scenario));

  let n = 0;
  const sections: PlanSection[] = drafts.map((d) => ({
    name: d.name,
    title: d.name === 'rollback' && primaryMatters ? 'Hazards of changing the primary family (and of going back)' : SECTION_TITLES[d.name],
    progress: d.progress ?? null,
    steps: d.steps.map((s) => ({ number: ++n, ...s })),
  }));
  const work = sections.filter((s) => s.name !== 'verify' && s.name !== 'rollback').flatMap((s) => s.steps);
  return {
    cluster: model.cluster ?? null,
    from: { stack: net.state, serviceFamilies: [...net.serviceFamilies], podFamilies: familiesOf(net.clusterCidrs) },
    families,
    added,
    removed,
    complete: work.every((s) => s.status === 'done'),
    sections,
  };
}

/** Builds the plan of every audited cluster, sorted by name. */
export function buildChangePlan(models: readonly ClusterModel[], goal: PlanGoal, findings: readonly PlanFinding[]): ChangePlan {
  const sorted = [...models].sort((a, b) => ((a.cluster ?? '') < (b.cluster ?? '') ? -1 : (a.cluster ?? '') > (b.cluster ?? '') ? 1 : 0));
  return {
    goal,
    scenario: sorted[0] ? describeScenario(sorted[0].scenario) : 'none named',
    clusters: sorted.map((m) => clusterChangePlan(m, goal, findings)),
  };
}
