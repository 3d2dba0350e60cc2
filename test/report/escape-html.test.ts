import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.js';

/** A reference decoder for exactly the five entities escapeHtml writes. */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
  );
}

describe('escapeHtml', () => {
  it('escapes a script tag into inert text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`a"b'c&d`)).toBe('a&quot;b&#39;c&amp;d');
  });

  it('never leaves a markup character and round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        // Every & starts one of our entities.
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescape(e)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the identity on strings without markup characters', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/[&<>"']/.test(s)), (s) => {
        expect(escapeHtml(s)).toBe(s);
      }),
    );
  });

  it('escaping twice escapes the ampersands again (so callers must escape exactly once)', () => {
    expect(escapeHtml(escapeHtml('<'))).toBe('&amp;lt;');
  });
});
