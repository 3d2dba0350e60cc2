import type { ImportEdge, SourceTree } from './import-graph.js';

/**
 * The one-way doors of ../shared/STYLE.md. Each folder of src/ imports only from folders before
 * it in this list; cli/ and the library entry point (src/index.ts) may import anything.
 */
export const LAYERS = [
  'engine',
  'common',
  'model',
  'traces',
  'services',
  'placement',
  'scheduling',
  'migration',
  'failures',
  'simulation',
  'metrics',
  'scenario',
  'compare',
  'planner',
  'sweep',
  'report',
  'cli',
] as const;

/** Files at the root of src/: the library's entry point, above every layer like cli/. */
export const ENTRY = '(entry)';

/** Layers that import anything: they only wire the others together. */
const TOP = new Set<string>(['cli', ENTRY]);

/** The layers whose result types report/ renders (types live with the layer that produces them). */
export const RESULT_LAYERS = new Set<string>(['metrics', 'compare', 'planner', 'sweep']);

/**
 * Wrong-way arrows that stay for now, each with its reason. An exception that no longer
 * occurs is an error too (staleExceptions), so that this list only shrinks.
 */
export const KNOWN_EXCEPTIONS: { from: string; to: string; why: string }[] = [];

export function layerOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : ENTRY;
}

function isException(edge: ImportEdge): boolean {
  return KNOWN_EXCEPTIONS.some((e) => e.from === edge.from && e.to === edge.to);
}

function describe(edge: ImportEdge): string {
  return `${edge.from} -> ${edge.to}${edge.typeOnly ? ' (import type)' : ''}`;
}

/** Folders of src/ that are not in LAYERS (a new folder must take its place in the order). */
export function unknownLayers(tree: SourceTree): string[] {
  const layers = new Set(tree.files.map(layerOf));
  return [...layers].filter((l) => l !== ENTRY && !(LAYERS as readonly string[]).includes(l)).sort();
}

/** Imports into a folder that comes later in LAYERS. */
export function wrongWayImports(tree: SourceTree): string[] {
  const rank = (layer: string) => (LAYERS as readonly string[]).indexOf(layer);
  return tree.edges
    .filter((edge) => {
      const from = layerOf(edge.from);
      const to = layerOf(edge.to);
      if (from === to || TOP.has(from) || isException(edge)) return false;
      return to === ENTRY || rank(to) === -1 || rank(from) === -1 || rank(to) > rank(from);
    })
    .map(describe);
}

/**
 * report/ turns results into pages and nothing imports it but cli/ (and the entry point);
 * it imports values only from common/ and itself, and types only from the layers that
 * produce results: never engine, model, traces, placement, scheduling or simulation.
 */
export function reportDoorViolations(tree: SourceTree): string[] {
  const offenders: string[] = [];
  for (const edge of tree.edges) {
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (from === to || isException(edge)) continue;
    if (to === 'report' && !TOP.has(from)) offenders.push(`${describe(edge)}: only cli/ imports report/`);
    if (from !== 'report' || to === 'common') continue;
    if (!edge.typeOnly) offenders.push(`${describe(edge)}: report/ takes only types from outside common/`);
    else if (!RESULT_LAYERS.has(to)) offenders.push(`${describe(edge)}: report/ takes types only from ${[...RESULT_LAYERS].join(', ')}`);
  }
  return offenders;
}

/**
 * Every import cycle between files, type-only imports included (a cycle of types still ties
 * two files together): one line per strongly connected component, its files sorted.
 */
export function importCycles(tree: SourceTree): string[] {
  const next = new Map<string, string[]>(tree.files.map((f) => [f, []]));
  for (const edge of tree.edges) next.get(edge.from)!.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  let counter = 0;
  // Tarjan's algorithm; recursion depth is bounded by the longest import chain.
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file)!) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file)!, index.get(to)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || next.get(file)!.includes(file)) cycles.push(component.sort().join(' <-> '));
  };
  for (const file of tree.files) if (!index.has(file)) connect(file);
  return cycles.sort();
}

/** Exceptions in KNOWN_EXCEPTIONS whose import no longer exists: remove them from the list. */
export function staleExceptions(tree: SourceTree): string[] {
  return KNOWN_EXCEPTIONS.filter((e) => !tree.edges.some((edge) => edge.from === e.from && edge.to === e.to)).map((e) => `${e.from} -> ${e.to}`);
}

/** One owner of time and randomness: nothing outside cli/ reads the clock, Math.random, timers or the environment. */
export function clockReaders(tree: SourceTree): string[] {
  return tree.files.filter((file) => {
    if (layerOf(file) === 'cli') return false;
    return /Math\.random|Date\.now\(|new Date\(|performance\.now|process\.env|setTimeout\(|setInterval\(/.test(tree.texts.get(file)!);
  });
}
