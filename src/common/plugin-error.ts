import { InputError } from './input-error.js';

/**
 * A plug-in threw or returned something the core cannot use (a host index out of range, a NaN
 * score). An InputError, so the CLI prints one line naming the plug-in and its module and exits
 * with code 2; the original message, when there is one, is kept in the detail.
 */
export class PluginError extends InputError {
  readonly plugin: string;

  constructor(plugin: string, source: string | undefined, detail: string) {
    super(detail, { ...(source !== undefined ? { file: source } : {}), field: `plug-in "${plugin}"` });
    this.name = 'PluginError';
    this.plugin = plugin;
  }
}

/** Runs a plug-in's function; anything it throws becomes a PluginError naming it. */
export function callPlugin<T>(plugin: string, source: string | undefined, what: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof PluginError) throw error;
    throw new PluginError(plugin, source, `${what} threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
