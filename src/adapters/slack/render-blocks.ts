import type { types } from '@slack/bolt';
import type { Block, Button, MessageView } from '../../application/chat/view.ts';
import { chunk, cutText, escapeMrkdwn, splitText } from './text-limits.ts';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  elementsPerActions: 25,
  contextElements: 10,
  contextText: 3000,
  notificationText: 3000,
} as const;

type SlackBlock = types.KnownBlock;

/** One chat.postMessage worth of content. */
export interface SlackMessagePart {
  text: string;
  blocks: SlackBlock[];
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

/** Button action ids must be unique within a block: a repeated id gets `#n`, which translate-inbound strips. */
export const ACTION_ID_SUFFIX = /#\d+$/;

function renderButton(button: Button, actionId: string): types.Button {
  if (button.value.length > LIMITS.buttonValue) {
    // Cutting an opaque (JSON) value would corrupt it: this is a programming error in the view.
    throw new RangeError(`button value over ${LIMITS.buttonValue} characters (action ${button.actionId})`);
  }
  return {
    type: 'button',
    text: plain(cutText(button.label || '-', LIMITS.buttonText)),
    action_id: actionId.slice(0, LIMITS.actionId),
    value: button.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

function renderActions(buttons: Button[]): SlackBlock[] {
  return chunk(buttons, LIMITS.elementsPerActions).map((group) => {
    const seen = new Map<string, number>();
    const elements = group.map((b) => {
      const n = seen.get(b.actionId) ?? 0;
      seen.set(b.actionId, n + 1);
      return renderButton(b, n === 0 ? b.actionId : `${b.actionId}#${n}`);
    });
    return { type: 'actions', elements };
  });
}

function renderField(label: string, value: string): types.MrkdwnElement {
  const head = `*${cutText(label, 200, escapeMrkdwn)}*\n`;
  return { type: 'mrkdwn', text: head + cutText(value || '-', LIMITS.fieldText - head.length, escapeMrkdwn), verbatim: true };
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return block.text.trim() ? [{ type: 'header', text: plain(cutText(block.text, LIMITS.headerText)) }] : [];
    case 'text':
      return splitText(block.text, LIMITS.sectionText)
        .filter((part) => part.trim())
        .map((part) => ({ type: 'section', text: plain(part) }));
    case 'fields':
      return chunk(block.fields, LIMITS.fieldsPerSection).map((group) => ({
        type: 'section',
        fields: group.map((f) => renderField(f.label, f.value)),
      }));
    case 'actions':
      return renderActions(block.buttons);
    case 'context':
      return block.text.trim() ? [{ type: 'context', elements: [plain(cutText(block.text, LIMITS.contextText))] }] : [];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

export function renderBlocks(blocks: Block[]): SlackBlock[] {
  return blocks.flatMap(renderBlock);
}

/**
 * The view as one or more messages of at most 50 blocks, posted in order. Every part carries the summary as its
 * notification text (mrkdwn-escaped), numbered when there are several.
 */
export function renderMessage(view: MessageView): SlackMessagePart[] {
  const groups = chunk(renderBlocks(view.blocks), LIMITS.blocksPerMessage);
  if (groups.length === 0) groups.push([]);
  return groups.map((blocks, i) => {
    const suffix = groups.length > 1 ? ` (${i + 1}/${groups.length})` : '';
    const text = cutText(view.summary || '-', LIMITS.notificationText - suffix.length, escapeMrkdwn) + suffix;
    return { text, blocks };
  });
}
