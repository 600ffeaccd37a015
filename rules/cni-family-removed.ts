import { CNI_NAMES, defineRule, factObject, type CniPlugin, type Family } from '../src/rule-api.js';

/** How to stop each plugin handing out addresses of a family without rebuilding its IPAM state. */
function howToStop(plugin: CniPlugin, family: Family, pool: string): string {
  const v = family === 'IPv4' ? '4' : '6';
  if (plugin === 'calico') {
    return pool.startsWith('Installation')
      ? `the Installation's ipPools cannot be modified after install: set disabled: true on the IPPool it created`
      : 'set disabled: true on the IPPool';
  }
  if (plugin === 'cilium') return `set enable-ipv${v}: "false" and keep the IPAM mode (changing it on a live cluster may cause persistent disruption)`;
  return `set "EnableIPv${v}": false in net-conf.json`;
}

export default defineRule({
  id: 'cni-family-removed',
  code: 'DS310',
  title: 'CNI still assigns pod addresses of the removed family',
  description:
    'Reports each enabled CNI pool (Calico IPPool or Installation ipPools, Cilium cluster-pool CIDR, Flannel network) of the family being removed: the CNI keeps handing out such addresses until it is switched off, and its IPAM state is not undone in place.',
  rationale:
    'Removing a family from the Kubernetes ranges does not change the CNI: Calico keeps assigning from an enabled IPPool, Cilium and Flannel keep their per-family switch. Pods keep the address they got until they are recreated, IPAM state (Calico blocks, CiliumNode podCIDRs) persists, and some settings are install-time only (Calico IPPool blockSize, the operator Installation ipPools).',
  remediation:
    'Before the rollback, stop the CNI assigning the removed family (Calico: disabled: true on the pool; Cilium: enable-ipv6/enable-ipv4 false, keeping the IPAM mode; Flannel: EnableIPv6/EnableIPv4 false), restart the CNI agents, then restart the workloads so pods get addresses of the kept family only.',
  family: 'rollback',
  defaultSeverity: 'warning',
  requires: ['cni'],
  sources: [
    'https://docs.tigera.io/calico/latest/networking/ipam/ipv6',
    'https://docs.tigera.io/calico/latest/reference/resources/ippool (blockSize set at creation only)',
    'https://docs.cilium.io/en/stable/network/concepts/ipam/ (do not change the IPAM mode of a live cluster)',
    'https://github.com/flannel-io/flannel/blob/master/Documentation/configuration.md (EnableIPv6)',
  ],
  messages: {
    assignsRemoved: (d: { cni: string; pool: string; removed: string; stop: string }) =>
      `${d.cni} assigns ${d.removed} pod addresses from ${d.pool}; after ${d.removed} is removed it keeps doing so until switched off: ${d.stop}, then restart the workloads`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    for (const cni of ctx.model.cni.configs) {
      // A pool of a family the plugin has switched off hands out nothing (Cilium reads the CIDR regardless).
      if (!cni.families.includes(removed)) continue;
      for (const pool of cni.pools) {
        if (pool.cidr.family !== removed) continue;
        yield ctx.finding(factObject(ctx.model, pool), 'assignsRemoved', { cni: CNI_NAMES[cni.plugin], pool: pool.text, removed, stop: howToStop(cni.plugin, removed, pool.text) }, {
          path: pool.path ?? '',
          ipFamily: removed,
          key: `${cni.plugin}/${pool.text}`,
        });
      }
    }
  },
});
