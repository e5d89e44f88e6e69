import type { ChatPlatform } from '../../domain/staffing/staff-person.ts';

/**
 * One view model per message, rendered per platform (Slack blocks, Teams Adaptive Cards, console text).
 * Texts are plain Japanese (no markup): each renderer escapes for its platform.
 */
export type Platform = ChatPlatform;

export interface Button {
  /** Stable action id, e.g. 'result.form', 'doubt.ack'. Unknown ids are refused by the core. */
  actionId: string;
  label: string;
  /** Opaque payload echoed back on press (JSON text, under 2,000 characters). */
  value: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface MessageView {
  /**
   * Logical key of what the message shows (e.g. 'day:2026-03-27:w02', 'doubt:12'). Sending a view with a
   * key already sent to the same recipient updates that message in place instead of posting again.
   */
  key?: string;
  /** Plain-text summary: the notification text and the fallback for clients without blocks. */
  summary: string;
  blocks: Block[];
}

export type FormField =
  | { id: string; label: string; type: 'text' | 'textarea' | 'number'; required: boolean; hint?: string; initial?: string }
  | { id: string; label: string; type: 'select'; required: boolean; options: { value: string; label: string }[]; hint?: string; initial?: string }
  | { id: string; label: string; type: 'checkboxes'; options: { value: string; label: string }[]; hint?: string; initial?: string[] };

/** A form (Slack modal, Teams Adaptive Card with inputs, console prompt). */
export interface FormView {
  formId: string;
  title: string;
  submitLabel: string;
  /** Opaque state echoed back on submit (e.g. JSON {"orderNo": "..."}). */
  state: string;
  fields: FormField[];
}
