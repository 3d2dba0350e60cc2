import { describe, expect, it } from 'vitest';
import { expectedTranscript, transcript, updateGolden } from './golden-harness.js';
import { GOLDEN_SCENARIOS } from './golden-scenarios.js';

/**
 * Golden transcripts: each small scenario's event log and summary, compared with a checked-in
 * file whose comment header shows the arithmetic. Each scenario also runs twice and must give
 * the same bytes. GOLDEN_UPDATE=1 rewrites the transcripts (then check them by hand).
 */
describe('golden event transcripts', () => {
  for (const make of GOLDEN_SCENARIOS) {
    const name = make().name;
    it(`${name}: matches the checked-in transcript, twice`, () => {
      const first = transcript(make()).text;
      const second = transcript(make()).text;
      expect(second).toBe(first);
      if (process.env.GOLDEN_UPDATE === '1') updateGolden(name, first);
      expect(first).toBe(expectedTranscript(name));
    });
  }
});
