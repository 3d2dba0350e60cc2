import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** `npm run docs` (TypeDoc over src/index.ts) builds the API reference, plug-in interfaces included. */
const out = mkdtempSync(join(tmpdir(), 'rackplan-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the API reference', () => {
  it('is generated from the types, with a page per plug-in interface and its documentation', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out, '--logLevel', 'Error'], { cwd: ROOT, encoding: 'utf8', timeout: 150_000 });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    for (const page of ['functions/runScenario.html', 'interfaces/PlacementPolicyPlugin.html', 'interfaces/OverloadDetector.html', 'interfaces/VmSelector.html', 'interfaces/FailureModel.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    expect(readFileSync(join(out, 'interfaces', 'PluginSet.html'), 'utf8')).toContain('never registered globally');
  }, 180_000);
});
