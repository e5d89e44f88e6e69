import { describe, expect, it } from 'vitest';
import { assignForTheDay, type DailyAssignmentDeps } from '../../../../src/application/assignment/daily-assignment.ts';
import type { AssignmentStore, AssignmentUnit, DayOrderRecord } from '../../../../src/application/assignment/ports.ts';
import type { MessageView } from '../../../../src/application/chat/view.ts';
import type { FileRecipient, OutgoingFile } from '../../../../src/application/reports/report-delivery.ts';
import type { PlanScene } from '../../../../src/domain/plan-map/plan-scene.ts';
import { recordingLogger } from '../../../support/escalation-world.ts';

const DATE = '2026-03-27';
const OFFICE = { latitude: 36.5613, longitude: 136.6447 };

const order = (n: number, town: string, at: { latitude: number; longitude: number } | null): DayOrderRecord => ({
  workOrderId: n,
  orderNo: `20260327-000${n}`,
  kind: 'other',
  meterWork: null,
  town,
  mapSheet: null,
  latitude: at?.latitude ?? null,
  longitude: at?.longitude ?? null,
  status: 'open',
  scheduledDate: DATE,
  hasResult: false,
  assignment: null,
});

/** An assignment store in memory: the default staffing (s1 supervisor, w1 and w2 workers) and the given orders. */
function storeOf(orders: DayOrderRecord[]): AssignmentStore {
  const person = (id: string) => ({ id, name: `名前${id}`, active: true, from: null, until: null, idCard: null });
  const unit: AssignmentUnit = {
    staffing: async () => ({
      explicit: [],
      defaults: [{ personId: 's1', onDuty: true, isSupervisor: true }, { personId: 'w1', onDuty: true, isSupervisor: false }, { personId: 'w2', onDuty: true, isSupervisor: false }],
      people: ['s1', 'w1', 'w2'].map(person),
    }),
    person: async (id) => person(id),
    dayOrders: async () => orders,
    orderByNo: async () => null,
    saveAssignments: async () => undefined,
    removeAssignments: async () => undefined,
    markMoved: async () => undefined,
    audit: async () => undefined,
  };
  return { inTransaction: (fn) => fn(unit), moveOfEvent: async () => undefined };
}

function depsOf(orders: DayOrderRecord[], deliver: (to: FileRecipient, file: OutgoingFile) => Promise<void> = async () => undefined) {
  const sent: MessageView[] = [];
  const delivered: { to: FileRecipient; file: OutgoingFile }[] = [];
  const scenes: PlanScene[] = [];
  const logger = recordingLogger();
  const deps: DailyAssignmentDeps = {
    assignment: { store: storeOf(orders), isWorkDay: () => true, depot: OFFICE },
    team: { approversOn: async () => ({ onDuty: ['s1', 'w1', 'w2'], supervisors: ['s1'] }) },
    gateway: { send: async (_to, view) => (sent.push(view), { delivered: [{ platform: 'console', ref: 'c1' }], failures: [] }) },
    files: {
      deliver: async (to, file) => {
        await deliver(to, file);
        delivered.push({ to, file });
        return [{ platform: 'console', ok: true, detail: 'file:x' }];
      },
    },
    renderMap: (scene) => (scenes.push(scene), Uint8Array.of(0x89, 0x50)),
    clock: { now: () => new Date('2026-03-26T23:00:00Z') },
    logger,
    morningPostAt: '08:30',
    morningPosted: async () => false,
    settleEarlierDays: async () => undefined,
  };
  const cardText = () => sent[0]!.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
  return { deps, sent, delivered, scenes, logger, cardText };
}

const LOCATED = [
  order(1, '東町', { latitude: 36.6, longitude: 136.7 }),
  order(2, '東町', { latitude: 36.602, longitude: 136.702 }),
  order(3, '西町', { latitude: 36.52, longitude: 136.59 }),
  order(4, '西町', { latitude: 36.518, longitude: 136.588 }),
];

describe('the plan map with the daily run', () => {
  it('sends the card with each row’s map colour, then the picture to each supervisor; stand-in positions are counted, not drawn', async () => {
    const w = depsOf([...LOCATED, order(5, '無座標町', null)]);
    await assignForTheDay(w.deps, DATE);
    expect(w.cardText()).toMatch(/^1\. 名前w1: \d件 .*\[地図 赤●\]$/m);
    expect(w.cardText()).toMatch(/^2\. 名前w2: \d件 .*\[地図 青■\]$/m);
    expect(w.cardText()).toContain('位置の分からない作業 1件');
    expect(w.delivered).toHaveLength(1);
    expect(w.delivered[0]!.to).toEqual({ personId: 's1' });
    expect(w.delivered[0]!.file).toMatchObject({ filename: `plan-map-${DATE}.png`, title: '3月27日(金) の振り分け地図', bytes: Uint8Array.of(0x89, 0x50) });
    expect(w.delivered[0]!.file.commandNote).toContain('このチャットには添付できません');
    expect(w.scenes[0]!.items.filter((i) => i.kind === 'marker')).toHaveLength(4);
  });

  it('still tells the plan when the picture cannot be posted, and logs why (no personal data)', async () => {
    const w = depsOf(LOCATED, async () => {
      throw new Error('directory unavailable');
    });
    const result = await assignForTheDay(w.deps, DATE);
    expect(result?.changed).toBe(4);
    expect(w.sent).toHaveLength(1);
    expect(w.logger.lines).toContainEqual({ level: 'error', message: 'plan map not posted', fields: { date: DATE, error: 'directory unavailable' } });
  });

  it('rings orders placed at their town\'s centre, counts them as estimated, not as drawn at their place', async () => {
    const w = depsOf([...LOCATED, order(5, '東町', null), order(6, '西町', null)]);
    await assignForTheDay(w.deps, DATE);
    expect(w.cardText()).toContain('座標のない作業 2件は、町名・地図版から推定した位置に輪で囲んで描いています。');
    expect(w.cardText()).not.toContain('位置の分からない作業');
    const items = w.scenes[0]!.items;
    expect(items.filter((i) => i.kind === 'ring')).toHaveLength(2);
    expect(items.filter((i) => i.kind === 'marker')).toHaveLength(6);
  });

  it('posts no picture when no order has a position, and says so on the card', async () => {
    const w = depsOf([order(1, '無座標町', null), order(2, '無座標町', null)]);
    await assignForTheDay(w.deps, DATE);
    expect(w.delivered).toHaveLength(0);
    expect(w.cardText()).toContain('位置の分からない作業 2件');
    expect(w.cardText()).not.toContain('地図 赤');
    expect(w.cardText()).not.toContain('添付の地図');
  });
});
