import { describe, expect, it } from 'vitest';
import { serviceFamilies } from '../../src/model/service-families.js';
import { svc } from '../helpers/builders.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

/** The families predicted for a manifest Service on a cluster whose Service ranges are given. */
function predicted(serviceCidrs: string[] | undefined, spec: Parameters<typeof svc>[0]) {
  const model = modelOf(rawObjects([svc(spec)]), serviceCidrs ? { serviceCidrs } : {});
  return serviceFamilies(model.services[0]!, model.clusterNetwork);
}

describe('serviceFamilies: manifests (what the API server will allocate)', () => {
  it('puts the primary family first for dual-stack policies without ipFamilies', () => {
    expect(predicted(['fd00:10:96::/112', '10.96.0.0/16'], { policy: 'PreferDualStack' }).families).toEqual(['IPv6', 'IPv4']);
    expect(predicted(['fd00:10:96::/112', '10.96.0.0/16'], { policy: 'RequireDualStack' }).families).toEqual(['IPv6', 'IPv4']);
    expect(predicted(['10.96.0.0/16', 'fd00:10:96::/112'], { policy: 'RequireDualStack' }).families).toEqual(['IPv4', 'IPv6']);
  });

  it('keeps the families a Service names, and IPv4 first when the cluster order is unknown', () => {
    expect(predicted(['fd00:10:96::/112', '10.96.0.0/16'], { policy: 'PreferDualStack', families: ['IPv4'] }).families).toEqual(['IPv4', 'IPv6']);
    expect(predicted(undefined, { policy: 'RequireDualStack' }).families).toEqual(['IPv4', 'IPv6']);
  });

  it('predicts one family, the primary, for SingleStack', () => {
    expect(predicted(['fd00:10:96::/112', '10.96.0.0/16'], {}).families).toEqual(['IPv6']);
  });
});
