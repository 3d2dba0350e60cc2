import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverFolder, replaceFolder } from '../../src/common/whole-folder.js';

function folder(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

function read(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('replaceFolder', () => {
  it('swaps the new folder in whole and leaves nothing beside it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rackplan-whole-folder-'));
    const target = join(work, 'out');
    folder(target, { 'a.json': 'old a', 'b.html': 'old b' });
    await replaceFolder(target, ['a.json', 'b.html'], (dir) => folder(dir, { 'a.json': 'new a', 'b.html': 'new b' }), work);
    expect(read(target)).toEqual({ 'a.json': 'new a', 'b.html': 'new b' });
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('leaves the old folder untouched, and nothing beside it, when building fails', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rackplan-whole-folder-'));
    const target = join(work, 'out');
    folder(target, { 'a.json': 'old a' });
    const failing = replaceFolder(target, ['a.json'], (dir) => {
      folder(dir, { 'a.json': 'half' });
      throw new Error('bad input');
    }, work);
    await expect(failing).rejects.toThrow('bad input');
    expect(read(target)).toEqual({ 'a.json': 'old a' });
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('puts back the old folder that a kill between the two renames left beside an absent target', () => {
    const work = mkdtempSync(join(tmpdir(), 'rackplan-whole-folder-'));
    const target = join(work, 'out');
    folder(join(work, '.out.old-4242'), { 'a.json': 'old a' });
    folder(join(work, '.out.new-4242'), { 'a.json': 'new a (complete, but never swapped in)' });
    recoverFolder(target);
    expect(read(target)).toEqual({ 'a.json': 'old a' });
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('removes what killed builds left, and keeps other hidden folders', () => {
    const work = mkdtempSync(join(tmpdir(), 'rackplan-whole-folder-'));
    const target = join(work, 'out');
    folder(target, { 'a.json': 'current' });
    folder(join(work, '.out.new-77'), { 'a.json': 'half' });
    folder(join(work, '.out.old-78'), { 'a.json': 'stale' });
    folder(join(work, '.out.backup'), { 'x': 'not ours' });
    recoverFolder(target);
    expect(read(target)).toEqual({ 'a.json': 'current' });
    expect(readdirSync(work).sort()).toEqual(['.out.backup', 'out']);
    expect(existsSync(join(work, '.out.backup', 'x'))).toBe(true);
  });
});
