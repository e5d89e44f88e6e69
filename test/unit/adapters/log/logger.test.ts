import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/adapters/log/logger.ts';

describe('the JSON line logger', () => {
  it('never lets a field replace the line time, level or message', () => {
    const lines: string[] = [];
    createLogger('info', (l) => void lines.push(l)).info('doubt escalated', { doubtId: 1, level: 2, msg: 'x', t: 0 });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'doubt escalated', doubtId: 1, 'field.level': 2, 'field.msg': 'x', 'field.t': 0 });
    expect(typeof line.t).toBe('string');
  });
});
