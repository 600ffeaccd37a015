/** Every built-in rule, sorted by id. A meta-test keeps this list equal to the files in rules/. */
import type { Rule } from '../src/rule-api.js';
import apiserverAdvertiseAddressFamily from './apiserver-advertise-address-family.js';
import awsLoadBalancerNotDualStack from './aws-load-balancer-not-dual-stack.js';
import cidrConfigInconsistent from './cidr-config-inconsistent.js';
import cidrListInvalid from './cidr-list-invalid.js';
import clusterNotDualStack from './cluster-not-dual-stack.js';
import clusterPrimaryFamilyChange from './cluster-primary-family-change.js';
import clusterRangeExternalOverlap from './cluster-range-external-overlap.js';
import clusterRangeSpecialPurpose from './cluster-range-special-purpose.js';
import clusterRangesOverlap from './cluster-ranges-overlap.js';
import cniFamilyRemoved from './cni-family-removed.js';
import cniMissingFamily from './cni-missing-family.js';
import cniPoolSizingInvalid from './cni-pool-sizing-invalid.js';
import cniUlaEgressNotMasqueraded from './cni-ula-egress-not-masqueraded.js';
import controllerManagerMaskFlagsInvalid from './controller-manager-mask-flags-invalid.js';
import corednsAaaaSuppressed from './coredns-aaaa-suppressed.js';
import dnsFamilyRemoved from './dns-family-removed.js';
import dualStackDisabled from './dual-stack-disabled.js';
import endpointSliceFamilyRemoved from './endpoint-slice-family-removed.js';
import entrypointStatusSingleFamily from './entrypoint-status-single-family.js';
import exposedServiceSingleStack from './exposed-service-single-stack.js';
import externalIpFamilyMismatch from './external-ip-family-mismatch.js';
import generatedServiceSingleStack from './generated-service-single-stack.js';
import headlessServiceSingleStack from './headless-service-single-stack.js';
import ingressNginxIpv6Disabled from './ingress-nginx-ipv6-disabled.js';
import ipTextNonCanonical from './ip-text-non-canonical.js';
import istioCaptureSingleFamily from './istio-capture-single-family.js';
import istioDualStackMismatch from './istio-dual-stack-mismatch.js';
import istioDualStackSupport from './istio-dual-stack-support.js';
import istioListenerMissingAdditionalAddress from './istio-listener-missing-additional-address.js';
import istioProxyNotDualStack from './istio-proxy-not-dual-stack.js';
import istioServiceSingleStack from './istio-service-single-stack.js';
import istioWildcardListenerSingleFamily from './istio-wildcard-listener-single-family.js';
import istiodDualStackDisabled from './istiod-dual-stack-disabled.js';
import kubeProxyLocalDetectionMissingFamily from './kube-proxy-local-detection-missing-family.js';
import kubeletNodeIpInvalid from './kubelet-node-ip-invalid.js';
import lbSourceRangesSingleFamily from './lb-source-ranges-single-family.js';
import loadBalancerIpOnDualStack from './load-balancer-ip-on-dual-stack.js';
import metallbPoolSingleFamily from './metallb-pool-single-family.js';
import networkPolicyIpblockSingleFamily from './network-policy-ipblock-single-family.js';
import nodeAddressInClusterRange from './node-address-in-cluster-range.js';
import nodeAddressMissingFamily from './node-address-missing-family.js';
import nodeCidrBelowMaxPods from './node-cidr-below-max-pods.js';
import nodeCidrCapacity from './node-cidr-capacity.js';
import nodeCidrMaskInvalid from './node-cidr-mask-invalid.js';
import nodePodCidrConflict from './node-pod-cidr-conflict.js';
import nodePodCidrFamilyRemoved from './node-pod-cidr-family-removed.js';
import nodePodCidrsMissingFamily from './node-pod-cidrs-missing-family.js';
import podIpv4Exhaustion from './pod-ipv4-exhaustion.js';
import podServiceRangeOverlap from './pod-service-range-overlap.js';
import podSingleStack from './pod-single-stack.js';
import scrapeAddressRelabelIpv4Only from './scrape-address-relabel-ipv4-only.js';
import serviceCidrExhaustion from './service-cidr-exhaustion.js';
import serviceCidrFamilyRemoved from './service-cidr-family-removed.js';
import serviceCidrTooLarge from './service-cidr-too-large.js';
import serviceEndpointsMissingFamily from './service-endpoints-missing-family.js';
import serviceFamilyNotConfigured from './service-family-not-configured.js';
import serviceIpFamilyFieldRemoved from './service-ip-family-field-removed.js';
import servicePreferDualStackSingle from './service-prefer-dual-stack-single.js';
import servicePrimaryFamilyRemoved from './service-primary-family-removed.js';
import serviceRequireDualStackRollback from './service-require-dual-stack-rollback.js';
import serviceSecondaryFamilyRemoved from './service-secondary-family-removed.js';
import serviceSingleStack from './service-single-stack.js';
import webhookServiceReachability from './webhook-service-reachability.js';
import workloadBindsIpv4Wildcard from './workload-binds-ipv4-wildcard.js';
import workloadConfigBindsSingleFamily from './workload-config-binds-single-family.js';
import workloadHostPortSingleFamily from './workload-host-port-single-family.js';
import workloadProbePinnedFamily from './workload-probe-pinned-family.js';
import workloadSingleIpDownwardApi from './workload-single-ip-downward-api.js';

export const RULES: readonly Rule[] = [
  apiserverAdvertiseAddressFamily,
  awsLoadBalancerNotDualStack,
  cidrConfigInconsistent,
  cidrListInvalid,
  clusterNotDualStack,
  clusterPrimaryFamilyChange,
  clusterRangeExternalOverlap,
  clusterRangeSpecialPurpose,
  clusterRangesOverlap,
  cniFamilyRemoved,
  cniMissingFamily,
  cniPoolSizingInvalid,
  cniUlaEgressNotMasqueraded,
  controllerManagerMaskFlagsInvalid,
  corednsAaaaSuppressed,
  dnsFamilyRemoved,
  dualStackDisabled,
  endpointSliceFamilyRemoved,
  entrypointStatusSingleFamily,
  exposedServiceSingleStack,
  externalIpFamilyMismatch,
  generatedServiceSingleStack,
  headlessServiceSingleStack,
  ingressNginxIpv6Disabled,
  ipTextNonCanonical,
  istioCaptureSingleFamily,
  istioDualStackMismatch,
  istioDualStackSupport,
  istioListenerMissingAdditionalAddress,
  istioProxyNotDualStack,
  istioServiceSingleStack,
  istioWildcardListenerSingleFamily,
  istiodDualStackDisabled,
  kubeProxyLocalDetectionMissingFamily,
  kubeletNodeIpInvalid,
  lbSourceRangesSingleFamily,
  loadBalancerIpOnDualStack,
  metallbPoolSingleFamily,
  networkPolicyIpblockSingleFamily,
  nodeAddressInClusterRange,
  nodeAddressMissingFamily,
  nodeCidrBelowMaxPods,
  nodeCidrCapacity,
  nodeCidrMaskInvalid,
  nodePodCidrConflict,
  nodePodCidrFamilyRemoved,
  nodePodCidrsMissingFamily,
  podIpv4Exhaustion,
  podServiceRangeOverlap,
  podSingleStack,
  scrapeAddressRelabelIpv4Only,
  serviceCidrExhaustion,
  serviceCidrFamilyRemoved,
  serviceCidrTooLarge,
  serviceEndpointsMissingFamily,
  serviceFamilyNotConfigured,
  serviceIpFamilyFieldRemoved,
  servicePreferDualStackSingle,
  servicePrimaryFamilyRemoved,
  serviceRequireDualStackRollback,
  serviceSecondaryFamilyRemoved,
  serviceSingleStack,
  webhookServiceReachability,
  workloadBindsIpv4Wildcard,
  workloadConfigBindsSingleFamily,
  workloadHostPortSingleFamily,
  workloadProbePinnedFamily,
  workloadSingleIpDownwardApi,
] as Rule[];
