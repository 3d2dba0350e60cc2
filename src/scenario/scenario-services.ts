import type { Catalog } from '../model/catalog.js';
import { lookup } from '../model/lookup.js';
import { ownServices, parseServiceMapping, readMappingFile } from '../services/service-mapping.js';
import { servicesWorkload, type ServicesWorkload } from '../services/services-workload.js';
import { DEFAULT_ELASTIC, sharingRules, type SharingRules } from '../simulation/sharing-rules.js';
import type { Workload } from '../traces/workload.js';
import type { ResolvedScenario } from './load-scenario.js';
import { horizontalSettings, verticalElastic, verticalSettings } from './services-settings.js';

/**
 * A scenario's `services`: the workload its run places (the trace's VMs, or the services'
 * instances under the rule) and how they share. Vertical instances are elastic whatever the
 * scenario's `sharing` says (their min and max are the rule's); the others follow `sharing`.
 */
export function scenarioServices(scenario: ResolvedScenario, workload: Workload, catalog: Catalog): { services: ServicesWorkload; rules: SharingRules } {
  const spec = scenario.spec;
  const s = spec.services!;
  const file = scenario.file ?? '(flags)';
  const mapping = s.mapping ? parseServiceMapping(readMappingFile(s.mapping, { file, field: 'services.mapping' }), s.mapping, workload) : ownServices(workload);
  const guest = lookup(catalog.guests, s.horizontal.guest, 'guest', { file, field: 'services.horizontal.guest' });
  const vertical = verticalSettings(s.vertical);
  const services = servicesWorkload(workload, mapping, s.rule, { horizontal: horizontalSettings(s.horizontal, guest.bootSeconds), vertical });
  const rules =
    s.rule === 'vertical'
      ? sharingRules(services.workload, 'elastic', verticalElastic(vertical))
      : sharingRules(services.workload, spec.sharing.mode, { ...DEFAULT_ELASTIC, ...spec.sharing.elastic });
  return { services, rules };
}
