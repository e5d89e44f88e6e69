import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { loadConfig } from '../../src/config.ts';
import { runSimulation } from '../../src/simulation/run-simulation.ts';
import { parseScript, readScript } from '../../src/simulation/script.ts';

const DAY = 'examples/simulate/day.yaml';
const config = loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scriptFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-scenario-'));
  dirs.push(dir);
  const file = join(dir, 'script.yaml');
  writeFileSync(file, text);
  return file;
}

const FAILING = `
title: 失敗する例
date: 2026-03-27
steps:
  - at: "08:30"
  - as: w02
    say: 残り
  - expect: { contains: "存在しない文言" }
  - say: 届かない手順
`;

describe('the training day (examples/simulate/day.yaml)', () => {
  it('passes every step, with the morning post driven by the virtual clock', async () => {
    const transcript: string[] = [];
    const result = await runSimulation({ script: readScript(DAY), scriptFile: DAY, config, onTranscript: (s) => transcript.push(s) });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.steps).toBe(readScript(DAY).steps.length);
    expect(result.checks).toBeGreaterThanOrEqual(10);
    expect(result.transcript).toContain('▶ 手順 3: 時刻 08:30\n');
    expect(result.transcript).toContain('── 局チャンネル ──\n■ 3月27日(金) 作業者配置・業務責任者');
    expect(transcript.join('')).toBe(result.transcript);
  });

  it('exits 0 through the CLI and prints the summary', async () => {
    const out: string[] = [];
    expect(await runCli(['simulate', DAY], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    expect(out.join('')).toMatch(/^シナリオ成功: 新人研修/);
  });
});

describe('a failing script', () => {
  it('stops at the failed expectation and names the step and what the user received', async () => {
    const file = scriptFile(FAILING);
    const result = await runSimulation({ script: readScript(file), scriptFile: file, config });
    expect(result.ok).toBe(false);
    expect(result.steps).toBe(3);
    expect(result.failure).toMatchObject({ step: 3, what: '確認' });
    expect(result.failure!.reason).toContain('w02 宛に「存在しない文言」を含むメッセージがありません');
    expect(result.failure!.reason).toContain('w02 が受け取ったメッセージ (1 件)');
  });

  it('exits non-zero through the CLI with the step in the message', async () => {
    const err: string[] = [];
    const code = await runCli(['simulate', scriptFile(FAILING)], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.join('')).toContain('シナリオ失敗: 手順 3 (確認)');
  });

  it('fails a step that presses a button that is not there, and one that moves the clock back', async () => {
    const press = scriptFile('date: 2026-03-27\nsteps:\n  - as: w02\n    press: 7\n');
    const back = scriptFile('date: 2026-03-27\ntime: "09:00"\nsteps:\n  - at: "08:30"\n');
    const pressed = await runSimulation({ script: readScript(press), scriptFile: press, config });
    const moved = await runSimulation({ script: readScript(back), scriptFile: back, config });
    expect(pressed.failure?.reason).toContain('w02 宛のボタン付きメッセージはありません');
    expect(moved.failure?.reason).toContain('時計は戻せません');
  });
});

describe('script format', () => {
  it('reports every problem with its step number in Japanese', () => {
    expect(() => parseScript('date: 2026-3-1\nsteps:\n  - at: "08:30"\n    say: x\n  - bogus: 1\n', 'x.yaml')).toThrow(
      /date: 日付は YYYY-MM-DD[\s\S]*手順 1: 1つの手順に書ける操作は[\s\S]*手順 2: 不明な項目があります: bogus/,
    );
  });

  it('accepts texts or lists in expectations and numbers as text', () => {
    const script = parseScript('date: 2026-03-27\nsteps:\n  - as: w02\n    say: 1187\n    expect: { contains: a, not_contains: [b, c] }\n', 'x.yaml');
    expect(script.steps[0]).toMatchObject({ say: '1187', expect: [{ contains: ['a'], not_contains: ['b', 'c'], since: 'step' }] });
    expect(script.time).toBe('08:00');
  });
});
