import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import { catalogWithTopologies } from '../model/load-topology.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadDatacenter } from '../scenario/run-scenario.js';
import { uniformDatacenter, type DatacenterChoice } from './datacenter-choice.js';

/** The datacenter of a run: N hosts of one model on one rack, or a topology file. */
export function planDatacenter(scenario: ResolvedScenario, choice: DatacenterChoice, catalog: Catalog): Datacenter {
  if (choice.kind === 'topology') return loadDatacenter({ ...scenario, topologyPath: choice.path }, catalog);
  // A host model of an OpenDC topology exists only in that file: read it there.
  const models = catalog.hosts.has(choice.model) ? catalog : catalogWithTopologies(catalog, [scenario.topologyPath]);
  return uniformDatacenter(choice, models);
}
