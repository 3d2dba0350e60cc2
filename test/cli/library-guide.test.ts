import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rackplan from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';

/** Every name docs/library.md imports from 'rackplan' is exported (types excepted). */
describe('docs/library.md', () => {
  it('imports only what the package exports', () => {
    const guide = readFileSync(join(ROOT, 'docs', 'library.md'), 'utf8');
    const names = [...guide.matchAll(/import \{([^}]+)\} from 'rackplan'/g)].flatMap((m) =>
      m[1]!
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type ')),
    );
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) expect(rackplan, name).toHaveProperty(name);
  });

  it('its plug-in example runs and the detector it adds decides migrations', async () => {
    const above: rackplan.OverloadDetector = { name: 'above-half', parameter: 'unused', minHistory: 1, overloaded: (h, n) => h[n - 1]! > 0.05, limit: () => 0.05 };
    const scenario = rackplan.loadScenario('default', { durationSeconds: 21_600 });
    scenario.spec.consolidation = { intervalSeconds: 300, overload: 'above-half', safety: 1, fallbackThreshold: 0.05, selection: 'mmt', underload: true, historyLength: 30 };
    const result = await rackplan.runScenario(scenario, { cacheDir: null, plugins: [{ overloadDetectors: [above] }] });
    expect(result.summary.migrations).toBeGreaterThan(0);
  });
});
