/** Every built-in rule, sorted by id. A meta-test keeps this list equal to the files in rules/. */
import type { Rule } from '../src/engine/define-rule.js';
import clusterNotDualStack from './cluster-not-dual-stack.js';
import exposedServiceSingleStack from './exposed-service-single-stack.js';
import nodePodCidrsMissingFamily from './node-pod-cidrs-missing-family.js';
import serviceEndpointsMissingFamily from './service-endpoints-missing-family.js';
import serviceFamilyNotConfigured from './service-family-not-configured.js';
import servicePreferDualStackSingle from './service-prefer-dual-stack-single.js';
import serviceSingleStack from './service-single-stack.js';

export const RULES: readonly Rule[] = [
  clusterNotDualStack,
  exposedServiceSingleStack,
  nodePodCidrsMissingFamily,
  serviceEndpointsMissingFamily,
  serviceFamilyNotConfigured,
  servicePreferDualStackSingle,
  serviceSingleStack,
] as Rule[];
