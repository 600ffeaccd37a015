import { defineRule, factObject, familiesOf } from '../src/rule-api.js';

export default defineRule({
  id: 'controller-manager-mask-flags-invalid',
  code: 'DS502',
  title: 'kube-controller-manager node CIDR flags are an invalid combination',
  description: 'Reports controller-manager configurations (static pod flags, kubeadm or kind extraArgs) that allocate node CIDRs with a node-mask flag combination or allocator setting the node IPAM controller rejects.',
  rationale:
    'The node IPAM controller validates these flags when kube-controller-manager starts and the whole process exits on an error: --node-cidr-mask-size with a dual-stack --cluster-cidr, --node-cidr-mask-size together with a per-family flag, a per-family flag of the family the cluster does not have, allocation without --cluster-cidr, or CloudAllocator without a cloud provider.',
  remediation: 'On dual-stack clusters use only --node-cidr-mask-size-ipv4 and --node-cidr-mask-size-ipv6; on single-stack clusters use --node-cidr-mask-size or the flag of the cluster\'s family; set --cluster-cidr whenever --allocate-node-cidrs is true.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes cmd/kube-controller-manager/app/core.go#setNodeCIDRMaskSizes, #newNodeIpamController, #validateCIDRs',
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/ (--node-cidr-mask-size-ipv4|--node-cidr-mask-size-ipv6)',
  ],
  messages: {
    maskSizeWithDualStack: (d: { source: string; cidrs: string }) =>
      `${d.source} sets --node-cidr-mask-size with the dual-stack --cluster-cidr ${d.cidrs}; the controller-manager requires --node-cidr-mask-size-ipv4/-ipv6 and will not start`,
    maskFlagsCombined: (d: { source: string }) =>
      `${d.source} sets --node-cidr-mask-size together with --node-cidr-mask-size-ipv4 or -ipv6; the controller-manager will not start`,
    maskFlagWrongFamily: (d: { source: string; flag: string; family: string }) =>
      `${d.source} sets ${d.flag} on a single-stack ${d.family} --cluster-cidr; the controller-manager will not start`,
    clusterCidrMissing: (d: { source: string }) => `${d.source} allocates node CIDRs (--allocate-node-cidrs=true) without --cluster-cidr; the controller-manager will not start`,
    cloudAllocatorWithoutCloud: (d: { source: string }) =>
      `${d.source} uses --cidr-allocator-type=CloudAllocator without an in-tree --cloud-provider; the controller-manager will not start`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.controllerManagers.length === 0) return ctx.notAssessed('no kube-controller-manager flags, kubeadm or kind configuration in the input');
    for (const kcm of net.controllerManagers) {
      if (!kcm.allocateNodeCidrs) continue;
      const at = factObject(ctx.model, kcm);
      const options = { path: kcm.path ?? '' };
      const source = kcm.source;
      if (kcm.cidrAllocatorType === 'CloudAllocator' && (!kcm.cloudProvider || kcm.cloudProvider === 'external')) {
        yield ctx.finding(at, 'cloudAllocatorWithoutCloud', { source }, { ...options, key: 'cloud' });
      }
      if (kcm.clusterCidrEntries.length === 0) {
        yield ctx.finding(at, 'clusterCidrMissing', { source }, { ...options, key: 'cluster-cidr' });
        continue;
      }
      const families = familiesOf(kcm.clusterCidrs);
      const perFamily = kcm.nodeCidrMaskSizeIPv4 !== undefined || kcm.nodeCidrMaskSizeIPv6 !== undefined;
      if (kcm.clusterCidrs.length > 1) {
        if (kcm.nodeCidrMaskSize !== undefined) {
          yield ctx.finding(at, 'maskSizeWithDualStack', { source, cidrs: kcm.clusterCidrs.map((c) => c.canonical).join(',') }, { ...options, key: 'mask' });
        }
      } else if (kcm.nodeCidrMaskSize !== undefined && perFamily) {
        yield ctx.finding(at, 'maskFlagsCombined', { source }, { ...options, key: 'mask' });
      } else if (families[0] === 'IPv6' && kcm.nodeCidrMaskSizeIPv4 !== undefined) {
        yield ctx.finding(at, 'maskFlagWrongFamily', { source, flag: '--node-cidr-mask-size-ipv4', family: 'IPv6' }, { ...options, key: 'mask' });
      } else if (families[0] === 'IPv4' && kcm.nodeCidrMaskSizeIPv6 !== undefined) {
        yield ctx.finding(at, 'maskFlagWrongFamily', { source, flag: '--node-cidr-mask-size-ipv6', family: 'IPv4' }, { ...options, key: 'mask' });
      }
    }
  },
});
