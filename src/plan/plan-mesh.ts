/** The mesh steps of a change plan: Istio's dual-stack switch on istiod, the mesh proxy defaults, ztunnel, then every proxy restarted to read it. */
import type { Family } from '../net/index.js';
import { displayRef } from '../model/objects.js';
import type { ClusterModel, FactSource, IstioControlPlane, IstioProxy, ObjectRef } from '../model/types.js';
import type { FindingIndex } from './plan-findings.js';
import { nsFlag, progress, RESTARTABLE, type StepDraft } from './plan-objects.js';
import type { PlanAction } from './plan-types.js';

/** The objects rules report a fact's findings on (rule-api factObject: the object read, else the fact's ref). */
function refsOf(facts: readonly Pick<FactSource, 'object' | 'ref'>[]): ObjectRef[] {
  return facts.flatMap((f) => (f.object ? [f.object.ref] : f.ref ? [f.ref] : []));
}

function controlPlaneStep(cp: IstioControlPlane, index: FindingIndex): StepDraft {
  const where = cp.kind === 'istiod' ? 'istiod' : 'the IstioOperator';
  const actions: PlanAction[] = [];
  if (!cp.dualStack.on) {
    if (cp.kind === 'istio-operator') {
      actions.push({ text: `set spec.values.pilot.env.ISTIO_DUAL_STACK: "true" (today ${cp.dualStack.text}, ${cp.source}) and apply it with istioctl install` });
    } else {
      const ref = cp.object?.ref;
      actions.push({
        text: `set ISTIO_DUAL_STACK=true in the discovery container (today ${cp.dualStack.text}, ${cp.source}); where Helm installed istiod, set the value pilot.env.ISTIO_DUAL_STACK=true instead, or the next upgrade reverts it`,
        ...(ref ? { object: displayRef(ref), command: `kubectl set env deployment/${ref.name}${nsFlag(ref)} -c discovery ISTIO_DUAL_STACK=true` } : {}),
      });
    }
  }
  return {
    title: `Enable ISTIO_DUAL_STACK on ${where} (${cp.source})`,
    status: cp.dualStack.on ? 'done' : 'todo',
    progress: null,
    resolves: cp.dualStack.on ? [] : index.resolves(['DS401', 'DS403'], refsOf([cp])),
    actions,
  };
}

/** A proxy reads ISTIO_DUAL_STACK when it starts: on in its own setting (or the defaults it inherits) and in every injected Pod. */
function proxyDone(p: IstioProxy): boolean {
  return p.dualStack.on && (p.injectedPods?.off ?? 0) === 0;
}

function proxyAction(p: IstioProxy): PlanAction {
  const ref = p.object.ref;
  const object = displayRef(ref);
  // A setting of its own (env or proxy.istio.io/config annotation) overrides the mesh defaults: a restart keeps it off.
  if (p.dualStack.set && !p.dualStack.on && !p.injectedPods) return { object, text: `its own ${p.dualStack.text} (${p.dualStack.path ?? p.dualStack.source}) overrides the mesh defaults: remove it or set it to "true", then restart` };
  const pods = p.injectedPods ? `${p.injectedPods.off} of ${p.injectedPods.total} pods run a proxy without ISTIO_DUAL_STACK` : `${p.sidecar ? 'sidecar' : 'gateway proxy'} without ISTIO_DUAL_STACK`;
  const restart = p.sidecar ? 'restart to re-inject it' : 'restart so its agent reads the mesh defaults';
  if (RESTARTABLE.has(ref.kind)) return { object, text: `${pods}: ${restart}`, command: `kubectl rollout restart ${ref.kind.toLowerCase()}/${ref.name}${nsFlag(ref)}` };
  if (ref.kind === 'Pod') return { object, text: `${pods}; a bare Pod is not recreated: delete it and apply its manifest again` };
  return { object, text: `${pods}; let the running ${ref.kind} finish, its next Pods get the setting` };
}

/**
 * The mesh section, in the order Istio's dual-stack guide sets it up
 * (https://istio.io/latest/docs/setup/additional-setup/dual-stack/): the cluster is dual-stack first,
 * then `values.pilot.env.ISTIO_DUAL_STACK` on istiod and
 * `meshConfig.defaultConfig.proxyMetadata.ISTIO_DUAL_STACK`, then workloads restarted, because a proxy
 * takes its metadata when it is injected and started. Empty when the input holds no mesh or the goal is
 * one family.
 */
export function meshSteps(model: ClusterModel, families: readonly Family[], index: FindingIndex): StepDraft[] {
  const mesh = model.mesh;
  if (families.length < 2) return [];
  const steps: StepDraft[] = mesh.controlPlanes.map((cp) => controlPlaneStep(cp, index));
  for (const d of mesh.proxyDefaults) {
    steps.push({
      title: `Mesh proxy defaults: meshConfig.defaultConfig.proxyMetadata.ISTIO_DUAL_STACK: "true" (${d.source})`,
      status: d.dualStack.on ? 'done' : 'todo',
      progress: null,
      resolves: d.dualStack.on ? [] : index.resolves(['DS402', 'DS403'], refsOf([d])),
      actions: d.dualStack.on ? [] : [{ text: `today ${d.dualStack.text}: set it in the IstioOperator's spec.meshConfig or the istio ConfigMap's mesh, where istiod installs it from` }],
    });
  }
  for (const z of mesh.ztunnels) {
    steps.push({
      title: `Enable ISTIO_DUAL_STACK on ztunnel (${z.source})`,
      status: z.dualStack.on ? 'done' : 'todo',
      progress: null,
      resolves: [],
      actions: z.dualStack.on ? [] : [{ text: `today ${z.dualStack.text}: set the env (Helm value ztunnel env.ISTIO_DUAL_STACK) and let the DaemonSet roll` }],
    });
  }
  if (mesh.proxies.length > 0) {
    const pending = mesh.proxies.filter((p) => !proxyDone(p));
    steps.push({
      title: 'Restart meshed workloads so every proxy starts with ISTIO_DUAL_STACK, after istiod and the mesh defaults',
      status: pending.length === 0 ? 'done' : 'todo',
      progress: progress(mesh.proxies.length - pending.length, mesh.proxies.length, 'proxies dual-stack'),
      resolves: index.resolves(['DS402', 'DS403'], pending.map((p) => p.object.ref)),
      actions: pending.map(proxyAction),
    });
  }
  return steps;
}
