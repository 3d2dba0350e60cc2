import { escapeHtml } from './escape-html.js';

/**
 * How an OpenDC topology was mapped (the notes of model/load-topology.ts: a heading, then
 * "mapped: ..." and "not mapped: ..." lines), as a block for a report's inputs; nothing when
 * there are no notes (rackplan's own topology format).
 */
export function topologyNotesBlock(notes: readonly string[] | undefined): string {
  if (!notes || notes.length === 0) return '';
  const items = notes.map((line) => {
    if (line.startsWith('topology ')) return `<li class="topology-file">${escapeHtml(line)}</li>`;
    return `<li${line.startsWith('not mapped:') ? ' class="not-mapped"' : ''}>${escapeHtml(line)}</li>`;
  });
  return `<div class="topology-notes"><p>Topology mapping: what maps to rackplan, and what has no equivalent and is left out.</p><ul>${items.join('')}</ul></div>`;
}
