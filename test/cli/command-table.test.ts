import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/cli/command-table.js';
import { runCli } from '../helpers/cli.js';

const argv = (...args: string[]) => ['node', 'rackplan', ...args];

describe('loading only the command that runs', () => {
  it('loads the named command alone, none for --version, every one for help and unknown words', () => {
    expect(commandsFor(argv('replay', '--scenario', 'x.json', '--out', 'y'))).toEqual(['replay']);
    expect(commandsFor(argv('--version'))).toEqual([]);
    expect(commandsFor(argv('-V'))).toEqual([]);
    expect(commandsFor(argv('--help'))).toEqual(Object.keys(COMMANDS));
    expect(commandsFor(argv())).toEqual(Object.keys(COMMANDS));
    expect(commandsFor(argv('help', 'replay'))).toEqual(Object.keys(COMMANDS));
    expect(commandsFor(argv('bogus'))).toEqual(Object.keys(COMMANDS));
  });

  it('every entry registers the command it is named after', async () => {
    for (const [name, load] of Object.entries(COMMANDS)) {
      const registered: string[] = [];
      const register = await load();
      const { Command } = await import('commander');
      const program = new Command('rackplan');
      register(program);
      for (const command of program.commands) registered.push(command.name());
      expect(registered, name).toContain(name);
    }
  });

  it('still answers --version, --help and a command help from the built CLI', () => {
    expect(runCli('none', '--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli('none', '--help').stdout;
    for (const name of Object.keys(COMMANDS)) expect(help).toContain(name);
    expect(runCli('none', 'replay', '--help').stdout).toContain('--scenario');
  });
});
