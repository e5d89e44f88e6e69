import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseStaffFile } from '../../../../src/adapters/staff-file/read-staff-file.ts';
import { PLATFORM_MODULES } from '../../../../src/assembly/platforms/registry.ts';
import { AppError } from '../../../../src/errors.ts';

/** The example staff file with `supplies:` replaced (undefined: removed). */
function withSupplies(supplies: unknown): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as Record<string, unknown>;
  delete doc.supplies;
  if (supplies !== undefined) doc.supplies = supplies;
  return stringify(doc);
}

function problems(text: string): string {
  try {
    parseStaffFile(text, PLATFORM_MODULES);
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('staff file supplies.lowStock', () => {
  it('keeps what is set, leaves out what is not; no section is null', () => {
    const dir = parseStaffFile(withSupplies({ lowStock: { copperWire: 3, seal: 0, meters: { 13: 5, 20: 3 } } }), PLATFORM_MODULES);
    expect(dir.lowStock).toEqual({ consumables: { copperWire: 3, seal: 0 }, meters: { 13: 5, 20: 3 } });
    expect(parseStaffFile(withSupplies({}), PLATFORM_MODULES).lowStock).toEqual({ consumables: {}, meters: {} });
    expect(parseStaffFile(withSupplies(undefined), PLATFORM_MODULES).lowStock).toBeNull();
  });

  it('refuses negative, fractional and text counts, unknown bores and keys, in Japanese naming the key', () => {
    const message = problems(withSupplies({ lowStock: { valvePin: -1, copperWire: 2.5, seal: '十', meters: { 15: 2, 20: -3 }, bolt: 1 } }));
    expect(message).toContain('supplies.lowStock.valvePin: 0 以上の整数で指定してください (0 は在庫注意なし)');
    expect(message).toContain('supplies.lowStock.copperWire: 0 以上の整数で指定してください');
    expect(message).toContain('supplies.lowStock.seal: 0 以上の整数で指定してください');
    expect(message).toContain('supplies.lowStock.meters.15: メーターの口径は 13・20・25・30・40 のいずれかで指定してください');
    expect(message).toContain('supplies.lowStock.meters.20: 0 以上の整数で指定してください');
    expect(message).toMatch(/bolt/);
  });
});
