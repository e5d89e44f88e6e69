import { describe, expect, it } from 'vitest';
import { LIMITS, renderBlocks, renderMessage } from '../../../../src/adapters/slack/render-blocks.ts';
import { cutText, escapeMrkdwn, splitText } from '../../../../src/adapters/slack/text-limits.ts';
import type { Block, MessageView } from '../../../../src/application/chat/view.ts';

type AnyBlock = Record<string, any>;
const render = (blocks: Block[]) => renderBlocks(blocks) as AnyBlock[];

describe('Slack text rules', () => {
  it('escapes &, < and > for mrkdwn, in that order', () => {
    expect(escapeMrkdwn('A&B <@U123> > 3')).toBe('A&amp;B &lt;@U123&gt; &gt; 3');
  });

  it('cuts to the limit with an ellipsis, never inside an entity or a grapheme', () => {
    expect(cutText('あいうえお', 10)).toBe('あいうえお');
    expect(cutText('あいうえおか', 4)).toBe('あいう…');
    const escaped = cutText('a&&&&', 8, escapeMrkdwn);
    expect(escaped).toBe('a&amp;…');
    const family = '👨‍👩‍👧';
    const cut = cutText(`${family}${family}`, family.length + 1);
    expect(cut).toBe(`${family}…`);
  });

  it('splits long text at line breaks, and inside a line only between graphemes', () => {
    expect(splitText('aa\nbb\ncc', 5)).toEqual(['aa\nbb', 'cc']);
    expect(splitText('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(splitText('😀😀😀', 4)).toEqual(['😀😀', '😀']);
  });
});

describe('renderBlocks', () => {
  it('renders each view block as Block Kit, plain_text where possible', () => {
    const out = render([
      { type: 'header', text: '3月27日の作業' },
      { type: 'text', text: '<b>不明</b> & 確認' },
      { type: 'fields', fields: [{ label: '町名', value: '広坂1丁目 <A&B>' }] },
      { type: 'actions', buttons: [{ actionId: 'result.form', label: '結果入力', value: '{"orderNo":"0012"}', style: 'primary' }] },
      { type: 'context', text: '更新 09:00' },
      { type: 'divider' },
    ]);
    expect(out).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '3月27日の作業', emoji: true } },
      { type: 'section', text: { type: 'plain_text', text: '<b>不明</b> & 確認', emoji: true } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*町名*\n広坂1丁目 &lt;A&amp;B&gt;', verbatim: true }] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: '結果入力', emoji: true },
            action_id: 'result.form',
            value: '{"orderNo":"0012"}',
            style: 'primary',
          },
        ],
      },
      { type: 'context', elements: [{ type: 'plain_text', text: '更新 09:00', emoji: true }] },
      { type: 'divider' },
    ]);
  });

  it('keeps every text within Slack limits', () => {
    const out = render([
      { type: 'header', text: '見'.repeat(400) },
      { type: 'text', text: 'あ'.repeat(7000) },
      { type: 'fields', fields: [{ label: 'メモ', value: '<'.repeat(3000) }] },
      { type: 'actions', buttons: [{ actionId: 'a', label: 'ボ'.repeat(100), value: 'v' }] },
    ]);
    expect(out[0]!.text.text).toHaveLength(LIMITS.headerText);
    const sections = out.filter((b) => b.type === 'section' && b.text);
    expect(sections.map((s) => s.text.text.length)).toEqual([3000, 3000, 1000]);
    expect(out[4]!.fields[0].text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    expect(out[4]!.fields[0].text).toMatch(/&lt;…$/);
    expect(out[5]!.elements[0].text.text).toHaveLength(LIMITS.buttonText);
  });

  it('refuses a button value over 2,000 characters rather than corrupt it', () => {
    expect(() => render([{ type: 'actions', buttons: [{ actionId: 'a', label: 'x', value: 'v'.repeat(2001) }] }])).toThrow(RangeError);
  });

  it('makes repeated action ids unique within an actions block and splits 25+ buttons', () => {
    const buttons = Array.from({ length: 27 }, (_, i) => ({ actionId: 'result.form', label: `${i}`, value: `${i}` }));
    const out = render([{ type: 'actions', buttons }]);
    expect(out).toHaveLength(2);
    expect(out[0]!.elements).toHaveLength(25);
    expect(out[0]!.elements.slice(0, 3).map((e: AnyBlock) => e.action_id)).toEqual(['result.form', 'result.form#1', 'result.form#2']);
    expect(out[1]!.elements.map((e: AnyBlock) => e.action_id)).toEqual(['result.form', 'result.form#1']);
  });

  it('puts at most 10 fields in a section and skips empty texts', () => {
    const fields = Array.from({ length: 13 }, (_, i) => ({ label: `f${i}`, value: '' }));
    const out = render([{ type: 'fields', fields }, { type: 'text', text: '  ' }, { type: 'header', text: '' }]);
    expect(out.map((b) => b.fields.length)).toEqual([10, 3]);
    expect(out[0]!.fields[0].text).toBe('*f0*\n-');
  });
});

describe('renderMessage', () => {
  const view = (n: number): MessageView => ({
    key: 'day:2026-03-27:w02',
    summary: '本日の作業 <12件>',
    blocks: Array.from({ length: n }, (_, i) => ({ type: 'text' as const, text: `作業 ${i}` })),
  });

  it('keeps a view of 50 blocks in one message with the escaped summary as text', () => {
    const parts = renderMessage(view(50));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.blocks).toHaveLength(50);
    expect(parts[0]!.text).toBe('本日の作業 &lt;12件&gt;');
  });

  it('splits a longer view into messages of at most 50 blocks, in order, numbered', () => {
    const parts = renderMessage(view(120));
    expect(parts.map((p) => p.blocks.length)).toEqual([50, 50, 20]);
    expect(parts.map((p) => p.text)).toEqual(['本日の作業 &lt;12件&gt; (1/3)', '本日の作業 &lt;12件&gt; (2/3)', '本日の作業 &lt;12件&gt; (3/3)']);
    expect((parts[2]!.blocks[19] as AnyBlock).text.text).toBe('作業 119');
  });

  it('sends a view without blocks as text only', () => {
    expect(renderMessage({ summary: 'お知らせ', blocks: [] })).toEqual([{ text: 'お知らせ', blocks: [] }]);
  });
});
