import { lstatSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolders, replacePrivateFileAtomically } from '../../../src/adapters/private-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'private-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('makeFolders', () => {
  it('creates the missing folders 0700 and leaves an existing one alone', () => {
    makeFolders(join(dir, 'a', 'b', 'c'));
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
    expect(() => makeFolders(join(dir, 'a', 'b'))).not.toThrow();
  });

  // mkdirSync(…, { recursive: true }) never returns here on Node 20 (ENOENT on /proc/nope, EEXIST on /proc, again).
  it.runIf(process.platform === 'linux')('fails at once under a folder that refuses new entries (/proc)', () => {
    expect(() => makeFolders('/proc/kaiheisen-nope/deeper')).toThrow(/ENOENT/);
  });

  it('fails when a part of the path is a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => makeFolders(join(dir, 'file', 'sub'))).toThrow(/ENOTDIR/);
  });
});

describe('replacePrivateFileAtomically', () => {
  it('writes 0600, replaces an earlier file and leaves no temp file behind', () => {
    const path = join(dir, 'sub', 'map.png');
    replacePrivateFileAtomically(path, 'first');
    replacePrivateFileAtomically(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['map.png']);
  });

  it('replaces a symlink at the target instead of writing through it', () => {
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'keep');
    const path = join(dir, 'map.png');
    symlinkSync(elsewhere, path);
    expect(readlinkSync(path)).toBe(elsewhere);
    replacePrivateFileAtomically(path, 'map');
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep');
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('map');
  });

  it('refuses a folder at the target and leaves no temp file behind', () => {
    const path = join(dir, 'map.png');
    makeFolders(path);
    expect(() => replacePrivateFileAtomically(path, 'map')).toThrow();
    expect(readdirSync(dir)).toEqual(['map.png']);
  });
});
