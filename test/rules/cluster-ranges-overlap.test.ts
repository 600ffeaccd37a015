import rule from '../../rules/cluster-ranges-overlap.js';
import { kubeadmConfigMap, node } from '../helpers/builders.js';
import { runFleetRuleTests } from '../helpers/fleet-tester.js';

const CM = 'ConfigMap kube-system/kubeadm-config';

/** A cluster's objects: its kubeadm-config and one node (the rule reads Nodes, so a cluster without them is not assessed). */
function kubeadm(pods: string, services: string): Record<string, unknown>[] {
  return [kubeadmConfigMap(pods, services), node('cp1', [])];
}
const EAST = kubeadm('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16,fd00:10:96::/112');
const WEST = kubeadm('10.245.0.0/16,fd00:10:245::/56', '10.97.0.0/16,fd00:10:97::/112');

runFleetRuleTests(rule, {
  valid: [
    { name: 'disjoint pod and service ranges in both families', clusters: { 'prod-east': EAST, 'prod-west': WEST }, connected: true },
    { name: 'a single cluster has nothing to compare', clusters: { 'prod-east': EAST } },
    {
      name: 'a pod range of one cluster equal to the service range of another is not this rule',
      clusters: { a: kubeadm('10.244.0.0/16', '10.96.0.0/16'), b: kubeadm('10.96.0.0/16', '10.200.0.0/16') },
    },
    {
      name: 'node podCIDRs that do not overlap',
      clusters: { a: [node('a1', ['10.244.1.0/24'])], b: [node('b1', ['10.244.2.0/24'])] },
    },
  ],
  invalid: [
    {
      name: 'kubeadm defaults reused in two clusters that are not declared connected',
      clusters: { 'prod-east': EAST, 'prod-west': EAST },
      expect: [
        { messageId: 'podRangesOverlap', object: `prod-west: ${CM}`, severity: 'warning' },
        { messageId: 'podRangesOverlap', object: `prod-west: ${CM}`, severity: 'warning' },
        { messageId: 'serviceRangesOverlap', object: `prod-west: ${CM}`, severity: 'warning' },
        { messageId: 'serviceRangesOverlap', object: `prod-west: ${CM}`, severity: 'warning' },
      ],
    },
    {
      name: 'overlapping pod ranges of clusters in one clusters group are errors',
      clusters: {
        'prod-east': kubeadm('10.244.0.0/16', '10.96.0.0/16'),
        'prod-west': kubeadm('10.244.128.0/17', '10.97.0.0/16'),
        staging: kubeadm('10.244.0.0/20', '10.98.0.0/16'),
      },
      connected: [['prod-east', 'prod-west']],
      expect: [
        { messageId: 'podRangesOverlap', object: `prod-west: ${CM}`, severity: 'error' },
        { messageId: 'podRangesOverlap', object: `staging: ${CM}`, severity: 'warning' },
      ],
    },
    {
      name: '--connected makes every pair connected',
      clusters: { a: kubeadm('fd00:10:244::/56', 'fd00:10:96::/112'), b: kubeadm('fd00:10:244::/48', 'fd00:20:96::/112') },
      connected: true,
      expect: [{ messageId: 'podRangesOverlap', object: `b: ${CM}`, severity: 'error' }],
    },
    {
      name: 'without a declared pod range, node podCIDRs are compared (one finding per cluster pair and family)',
      clusters: {
        a: [node('a1', ['10.244.1.0/24']), node('a2', ['10.244.2.0/24'])],
        b: [node('b1', ['10.244.1.0/24']), node('b2', ['10.244.2.0/24'])],
      },
      expect: [{ messageId: 'podRangesOverlap', object: 'b: Node b1' }],
    },
    {
      name: 'a cluster with no known range is not assessed, the others still are',
      clusters: { a: EAST, b: EAST, empty: [] },
      notAssessedIn: ['empty'],
      expect: [
        { messageId: 'podRangesOverlap', object: `b: ${CM}` },
        { messageId: 'podRangesOverlap', object: `b: ${CM}` },
        { messageId: 'serviceRangesOverlap', object: `b: ${CM}` },
        { messageId: 'serviceRangesOverlap', object: `b: ${CM}` },
      ],
    },
  ],
});
