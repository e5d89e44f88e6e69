import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_KEYS_FILE, templateKeysSource } from '../../scripts/template-keys.ts';
import { t } from '../../src/templates.ts';

describe('src/template-keys.ts', () => {
  it('lists every template key with its parameters as the YAML has them (else: npm run templates:types)', () => {
    expect(readFileSync(TEMPLATE_KEYS_FILE, 'utf8')).toBe(templateKeysSource());
  });

  it('types each key with exactly the parameters its text uses', () => {
    const source = templateKeysSource();
    expect(source).toContain("  'bot.badDate': 'value';");
    expect(source).toMatch(/^ {2}'[\w.]+': never;$/m);
  });

  it('makes tsc refuse an unknown key, a missing parameter and one the text does not use', () => {
    // @ts-expect-error an unknown key
    expect(() => t('bot.noSuchKey')).toThrow('unknown template key');
    // @ts-expect-error a missing parameter
    expect(() => t('bot.badDate')).toThrow('needs {value}');
    // @ts-expect-error a parameter the text does not use
    expect(t('bot.badDate', { value: '2026/03/27', other: 1 })).toContain('2026/03/27');
    expect(t('bot.stopped')).not.toBe('');
  });
});
