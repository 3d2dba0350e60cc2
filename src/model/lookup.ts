import { InputError } from '../common/input-error.js';

/**
 * Looks an id up, failing with the list of valid ids. Its own module, apart from the catalog
 * loader: code that runs a loaded catalog does not load the model schemas with it.
 */
export function lookup<T>(map: ReadonlyMap<string, T>, id: string, what: string, where: { file?: string; field?: string }): T {
  const found = map.get(id);
  if (found) return found;
  throw new InputError(`unknown ${what} "${id}"; valid: ${[...map.keys()].sort().join(', ')}`, where);
}
