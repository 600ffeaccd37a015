import { defineRule, factObject, formatCount, overlaps, SPECIAL_PURPOSE_RANGES, type CniPool } from '../src/rule-api.js';

const LINK_LOCAL = SPECIAL_PURPOSE_RANGES.filter((r) => r.name === 'link-local');

/** Blocks of `size` in the pool, capped so huge IPv6 pools stay a number. */
function blocks(pool: CniPool, size: number): number {
  const bits = size - pool.cidr.prefix;
  return bits >= 40 ? Number.MAX_SAFE_INTEGER : 2 ** bits;
}

export default defineRule({
  id: 'cni-pool-sizing-invalid',
  code: 'DS212',
  title: 'CNI IP pool sizing invalid',
  description:
    'Checks each CNI pod address pool (Calico IPPool, Cilium cluster pool, Flannel network) against the per-node block size the CNI carves it into: bounds the CNI accepts, a pool smaller than one block, fewer blocks than the CNI needs or than there are nodes, and link-local ranges.',
  rationale:
    'A block size outside the accepted bounds or larger than the pool is rejected by the CNI, so the pool (often the new IPv6 one) never serves pods; with fewer blocks than nodes, the nodes left without a block get no pod addresses of that family (Cilium, Flannel) or borrow addresses across nodes with extra routes (Calico).',
  remediation:
    'Choose a block size inside the bounds and smaller than the pool (Calico blockSize 20-32 / 116-128, Cilium mask size at least the pool prefix, Flannel SubnetLen at most 30 / IPv6SubnetLen at most 126), or widen the pool so it holds a block for every node. Calico blockSize can only be set when a pool is created: create a new pool and disable the old one.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['cni'],
  uses: ['nodes'],
  sources: [
    'https://docs.tigera.io/calico/latest/reference/resources/ippool (blockSize; "at least as many blocks in the pool as there are hosts")',
    'https://docs.cilium.io/en/stable/network/concepts/ipam/cluster-pool/',
    'flannel-io/flannel pkg/subnet/config.go#CheckConfig',
  ],
  messages: {
    blockOutOfBounds: (d: { setting: string; size: number; min: number; max: number }) => `${d.setting} is /${d.size}; the CNI accepts /${d.min} to /${d.max} for this pool`,
    poolSmallerThanBlock: (d: { pool: string; setting: string; size: number }) => `${d.pool} is smaller than one /${d.size} block (${d.setting})`,
    tooFewBlocks: (d: { pool: string; blocks: number; min: number; size: number }) => `${d.pool} holds ${d.blocks} /${d.size} subnets; the CNI needs at least ${d.min}`,
    fewerBlocksThanNodes: (d: { pool: string; blocks: string; size: number; nodes: string }) => `${d.pool} holds ${d.blocks} /${d.size} blocks for ${d.nodes} nodes`,
    linkLocal: (d: { pool: string }) => `${d.pool} overlaps the link-local range`,
  },
  *check(ctx) {
    const { model } = ctx;
    const nodes = model.availability.nodes.status === 'present' ? model.nodes.length : 0;
    for (const cni of model.cni.configs) {
      for (const pool of cni.pools) {
        const at = factObject(model, pool);
        const base = { path: pool.path ?? '', ipFamily: pool.cidr.family, key: pool.cidr.canonical };
        if (LINK_LOCAL.some((r) => overlaps(r.cidr, pool.cidr))) yield ctx.finding(at, 'linkLocal', { pool: pool.text }, base);
        const b = pool.block;
        if (!b) continue;
        if (b.size < pool.cidr.prefix) {
          yield ctx.finding(at, 'poolSmallerThanBlock', { pool: pool.text, setting: b.setting, size: b.size }, base);
          continue;
        }
        if (b.size < b.min || b.size > b.max) {
          yield ctx.finding(at, 'blockOutOfBounds', { setting: b.setting, size: b.size, min: b.min, max: b.max }, base);
          continue;
        }
        const count = blocks(pool, b.size);
        if (count < b.minBlocks) yield ctx.finding(at, 'tooFewBlocks', { pool: pool.text, blocks: count, min: b.minBlocks, size: b.size }, base);
        else if (count < nodes) {
          yield ctx.finding(at, 'fewerBlocksThanNodes', { pool: pool.text, blocks: formatCount(count), size: b.size, nodes: formatCount(nodes) }, {
            ...base,
            severity: b.perNode === 'required' ? 'error' : 'warning',
          });
        }
      }
    }
  },
});
