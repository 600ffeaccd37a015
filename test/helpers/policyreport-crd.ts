/**
 * The `openAPIV3Schema` of the wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport CRDs, reduced to
 * what constrains dsaudit's output: field types, required fields and enums. Source:
 * kubernetes-sigs/wg-policy-prototypes, policy-report/crd/v1alpha2/wgpolicyk8s.io_policyreports.yaml and
 * wgpolicyk8s.io_clusterpolicyreports.yaml (also shipped by Kyverno as config/crds/wgpolicyk8s.io_*.yaml).
 * The two kinds share one schema; only the scope differs. `additionalProperties: false` mirrors the API
 * server's pruning of unknown fields, which would silently drop anything the CRD does not declare.
 */
const objectReference = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    fieldPath: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    resourceVersion: { type: 'string' },
    uid: { type: 'string' },
  },
} as const;

const result = {
  type: 'object',
  additionalProperties: false,
  required: ['policy'],
  properties: {
    category: { type: 'string' },
    message: { type: 'string' },
    policy: { type: 'string' },
    properties: { type: 'object', additionalProperties: { type: 'string' } },
    resourceSelector: { type: 'object' },
    resources: { type: 'array', items: objectReference },
    result: { type: 'string', enum: ['pass', 'fail', 'warn', 'error', 'skip'] },
    rule: { type: 'string' },
    scored: { type: 'boolean' },
    severity: { type: 'string', enum: ['critical', 'high', 'low', 'medium', 'info'] },
    source: { type: 'string' },
    timestamp: {
      type: 'object',
      required: ['nanos', 'seconds'],
      properties: { nanos: { type: 'integer' }, seconds: { type: 'integer' } },
    },
  },
} as const;

export const POLICY_REPORT_CRD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { const: 'wgpolicyk8s.io/v1alpha2' },
    kind: { enum: ['PolicyReport', 'ClusterPolicyReport'] },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' },
        namespace: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    results: { type: 'array', items: result },
    scope: objectReference,
    scopeSelector: { type: 'object' },
    summary: {
      type: 'object',
      additionalProperties: false,
      properties: {
        error: { type: 'integer' },
        fail: { type: 'integer' },
        pass: { type: 'integer' },
        skip: { type: 'integer' },
        warn: { type: 'integer' },
      },
    },
  },
} as const;
