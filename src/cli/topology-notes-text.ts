/** Topology notes (model/load-topology.ts topologyNotes) for stderr: the heading, then indented lines. */
export function topologyNotesText(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const [heading, ...lines] = notes;
  return [heading, ...lines.map((line) => `  ${line}`), ''].join('\n');
}
