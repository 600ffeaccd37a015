/** The DNS steps of a change plan: the cluster DNS Service's families, then CoreDNS's AAAA answers and ip6.arpa zone. */
import type { Family } from '../net/index.js';
import { corefileIpv6Facts, isClusterDnsService, isCoreDnsConfigMap } from '../model/config/corefile-aaaa.js';
import { displayRef } from '../model/objects.js';
import { serviceFamilies } from '../model/service-families.js';
import type { ClusterModel, ConfigMap } from '../model/types.js';
import type { FindingIndex } from './plan-findings.js';
import { nsFlag, progress, serviceAction, serviceChange, type StepDraft } from './plan-objects.js';
import type { PlanAction, PlanProgress } from './plan-types.js';

function dnsServiceStep(model: ClusterModel, families: readonly Family[], removed: readonly Family[], primaryMatters: boolean, index: FindingIndex): StepDraft | undefined {
  const svc = model.services.find((s) => isClusterDnsService(s.ref) && s.type !== 'ExternalName');
  if (!svc) return undefined;
  const change = serviceChange(svc, model, families, removed, primaryMatters);
  const have = serviceFamilies(svc, model.clusterNetwork).families;
  const actions: PlanAction[] = change ? [serviceAction(change)] : [];
  if (change && removed.length > 0) {
    // The kubelet writes clusterDNS into a Pod's resolv.conf when the Pod starts (pkg/kubelet/network/dns/dns.go):
    // it must stop naming an address of the removed family before the Service releases it.
    for (const ip of svc.clusterIPs.filter((a) => removed.includes(a.family))) {
      actions.push({ text: `kubelet clusterDNS must not list ${ip.canonical}: remove it from every kubelet's configuration first; Pods started before keep it in resolv.conf until they restart` });
    }
  }
  const kept = svc.clusterIPs.find((a) => a.family === families[1]);
  if (change?.recreate && removed.length === 0 && kept) {
    // kubelet clusterDNS names today's address; a recreated Service may ask for it as its secondary ClusterIP.
    actions.push({ text: `kubelet clusterDNS names ${kept.canonical}: recreate it with spec.clusterIPs: [<${families[0]} address>, ${kept.canonical}] so that address stays, else point every kubelet's clusterDNS at the new one` });
  }
  const want = removed.length > 0 ? `without ${removed.join(' and ')}` : families.length === 2 ? `dual-stack${primaryMatters ? ` with ${families[0]} first` : ''}` : families[0];
  return {
    title: `Cluster DNS ${displayRef(svc.ref)}: ${want}${removed.length > 0 ? ' (before the Service ranges change, like every Service)' : ''}`,
    status: change ? 'todo' : 'done',
    progress: removed.length > 0 ? null : progress(families.filter((f, i) => have[i] === f).length, families.length, `DNS Service families${families.length === 2 ? ', primary first' : ''}`),
    resolves: index.resolves(removed.length > 0 ? ['DS301', 'DS302', 'DS303', 'DS308'] : ['DS101', 'DS102', 'DS103', 'DS105', 'DS305'], change ? [svc.ref] : []),
    actions,
  };
}

/** How a Corefile change reaches CoreDNS: the reload plugin re-reads the mounted ConfigMap, else a restart. */
function editActions(cm: ConfigMap): PlanAction[] {
  if (cm.origin.kind !== 'cluster') return [{ object: displayRef(cm.ref), text: 'change data.Corefile in its manifest and apply it' }];
  const reloads = cm.corefile?.servers.some((s) => s.directives.some((d) => d.name === 'reload'));
  return [
    { object: displayRef(cm.ref), text: 'edit data.Corefile', command: `kubectl edit configmap ${cm.ref.name}${nsFlag(cm.ref)}` },
    ...(reloads ? [] : [{ text: 'the Corefile has no reload plugin: restart CoreDNS to read it', command: 'kubectl rollout restart deployment/coredns -n kube-system' }]),
  ];
}

function corefileSteps(cm: ConfigMap, index: FindingIndex): StepDraft[] {
  if (!cm.corefile) return [];
  const facts = corefileIpv6Facts(cm.corefile);
  const object = displayRef(cm.ref);
  const steps: StepDraft[] = [];
  const blocking = facts.suppressions;
  steps.push({
    title: `CoreDNS answers AAAA queries for ${facts.domain}: no template or rewrite in ${object} suppresses them`,
    status: blocking.length === 0 ? 'done' : 'todo',
    progress: null,
    resolves: index.resolves(['DS116'], [cm.ref], ['templateSuppressesAaaa', 'rewriteSuppressesAaaa']),
    actions: blocking.length === 0 ? [] : [
      ...blocking.map((s): PlanAction => ({ object, text: `Corefile line ${s.line}: remove "${s.directive}" (or scope its zones outside ${facts.domain})` })),
      ...editActions(cm),
    ],
  });
  const k = facts.kubernetes;
  if (k) {
    steps.push({
      title: `CoreDNS kubernetes plugin serves ip6.arpa (reverse lookups of IPv6 Pod and Service addresses) in ${object}`,
      status: k.ip6ArpaServed ? 'done' : 'todo',
      progress: null,
      resolves: index.resolves(['DS116'], [cm.ref], ['ip6ArpaNotServed']),
      actions: k.ip6ArpaServed ? [] : [
        { object, text: `Corefile line ${k.line}: "kubernetes ${k.zones.join(' ')}" → "kubernetes ${[...k.zones, 'ip6.arpa'].join(' ')}"` },
        ...editActions(cm),
      ],
    });
  }
  return steps;
}

/**
 * The DNS section, in the order an operator acts. The cluster DNS Service first: it is a Service like
 * any other and gets its second ClusterIP once kube-apiserver has the second Service range (Kubernetes
 * docs, IPv4/IPv6 dual-stack: existing Services are changed with ipFamilyPolicy), and when a family is
 * removed it must be single-stack before the range goes (catalog section 7). Then CoreDNS's Corefile:
 * CoreDNS answers AAAA from the Services' and endpoints' IPv6 addresses (KEP-563, "CoreDNS operation";
 * kubernetes/dns specification.md), so the suppression is lifted once there are IPv6 addresses to
 * answer with, and ip6.arpa, reverse lookups only, last. Empty when the input holds neither the DNS
 * Service nor the CoreDNS Corefile; the Corefile steps only when the goal has IPv6 and keeps every family.
 */
export function dnsSteps(model: ClusterModel, families: readonly Family[], removed: readonly Family[], primaryMatters: boolean, index: FindingIndex): { steps: StepDraft[]; progress: PlanProgress } | undefined {
  const steps: StepDraft[] = [];
  const svc = dnsServiceStep(model, families, removed, primaryMatters, index);
  if (svc) steps.push(svc);
  if (removed.length === 0 && families.includes('IPv6')) {
    for (const cm of model.configMaps.filter((c) => isCoreDnsConfigMap(c.ref))) steps.push(...corefileSteps(cm, index));
  }
  if (steps.length === 0) return undefined;
  return { steps, progress: progress(steps.filter((s) => s.status === 'done').length, steps.length, 'DNS steps done') };
}
