import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedFromFiles } from '../../src/derived-cache.ts';

let dir: string;
let savedTmp: string | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-derived-'));
  mkdirSync(join(dir, 'tmp'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'tmp'); // os.tmpdir() reads it on every call
});

afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(dir, { recursive: true, force: true });
});

describe('derivedFromFiles', () => {
  it('derives once, reads the kept JSON while the file is unchanged, and derives again once it changed', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'one');
    const calls: string[] = [];
    const derive = ([text]: string[]) => (calls.push(text!), { text: text!.toUpperCase() });
    expect(derivedFromFiles('t', [file], derive)).toEqual({ text: 'ONE' });
    expect(derivedFromFiles('t', [file], derive)).toEqual({ text: 'ONE' });
    expect(calls).toEqual(['one']);
    writeFileSync(file, 'two');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(derivedFromFiles('t', [file], derive)).toEqual({ text: 'TWO' });
    expect(calls).toEqual(['one', 'two']);
    const uid = process.getuid!();
    expect(readdirSync(join(dir, 'tmp', `kaiheisen-cache-${uid}`)).every((f) => f.endsWith('.json'))).toBe(true);
  });

  it('keeps nothing in a cache folder others may write to: it derives every time', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'one');
    const shared = join(dir, 'tmp', `kaiheisen-cache-${process.getuid!()}`);
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    let calls = 0;
    const derive = () => ++calls;
    derivedFromFiles('t', [file], derive);
    derivedFromFiles('t', [file], derive);
    expect(calls).toBe(2);
    expect(readdirSync(shared)).toEqual([]);
  });
});
