import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import type { Block, Button, MessageView } from '../chat/view.ts';
import { caseValue, orderText, placeFor, type NameOf } from '../cases/case-text.ts';
import { incidentCardKey, isTerminalCase, type IncidentRecord } from './incident-record.ts';
import { terminalFields, terminalHeader } from './terminal-wording.ts';
import type { CaseOrder } from '../cases/ports.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { directAudience, showTextFor, type ShowText } from '../privacy/show-text.ts';

export const INCIDENT_ACTIONS = { report: 'incident.report', ack: 'incident.ack', resolve: 'incident.resolve' } as const;

export interface IncidentCardContext {
  nameOf: NameOf;
  order: CaseOrder | undefined;
  privacy?: ChatPrivacyPolicy;
  /** The order's customer, found in the texts and masked (never shown). */
  customers?: KnownCustomer[];
}

/** The texts as this viewer may see them: the writer and the order's assignee as the assignee, others as others. */
function showFor(viewerId: string, ctx: IncidentCardContext, writerId: string | null | undefined): ShowText {
  return showTextFor(ctx.customers ?? [], directAudience(viewerId, [writerId, ctx.order?.assigneeId]), ctx.privacy);
}

function damageText(damage: boolean | null): string {
  return t(damage === null ? 'escalation.incident.damageUnknown' : damage ? 'escalation.incident.damageYes' : 'escalation.incident.damageNo');
}

function ackLines(incident: IncidentRecord, nameOf: NameOf): string[] {
  return incident.acks.map((a) =>
    t('escalation.incident.ackLine', {
      name: nameOf(a.personId),
      status: a.acknowledgedAt
        ? t('escalation.incident.ackedAt', { time: tokyoHhmm(a.acknowledgedAt) })
        : t('escalation.incident.notAcked', { time: tokyoHhmm(a.notifiedAt) }),
    }),
  );
}

/** Where, as the reporter wrote it; else the order's place as the viewer may see it. */
function placeField(incident: IncidentRecord, viewerId: string, ctx: IncidentCardContext) {
  const value = incident.place ? showFor(viewerId, ctx, incident.reportedById)(incident.place) : (ctx.order ? placeFor(ctx.order, viewerId, ctx.privacy) : null);
  return value ? [{ label: t('escalation.field.place'), value }] : [];
}

function buttonsFor(incident: IncidentRecord, viewerId: string): Button[] {
  if (incident.state === 'resolved' || viewerId === incident.reportedById) return [];
  const value = caseValue('incidentId', incident.id);
  const mine = incident.acks.find((a) => a.personId === viewerId);
  const buttons: Button[] = [];
  if (mine && !mine.acknowledgedAt) buttons.push({ actionId: INCIDENT_ACTIONS.ack, label: t('escalation.incident.ack'), value, style: 'primary' });
  buttons.push({ actionId: INCIDENT_ACTIONS.resolve, label: t('escalation.incident.resolve'), value });
  return buttons;
}

/** A terminal case's fields: who reported it, the terminal's facts, where (if said), the order (if named). */
function terminalCaseFields(incident: IncidentRecord, viewerId: string, ctx: IncidentCardContext) {
  return [
    { label: t('escalation.field.reporter'), value: ctx.nameOf(incident.reportedById) },
    ...terminalFields(incident),
    ...(incident.orderNo ? [{ label: t('escalation.field.order'), value: orderText(ctx.order, incident.orderNo) }] : []),
    ...placeField(incident, viewerId, ctx),
  ];
}

/** The incident's card as one viewer sees it (key incident:<id>): who has acknowledged, updated in place. */
export function incidentCard(incident: IncidentRecord, viewerId: string, ctx: IncidentCardContext): MessageView {
  const state = t(incident.state === 'resolved' ? 'escalation.incident.stateResolved' : 'escalation.incident.stateOpen');
  const terminal = isTerminalCase(incident);
  const header = terminal ? terminalHeader(incident, state) : t('escalation.incident.header', { id: incident.id, state });
  const fields = terminal ? terminalCaseFields(incident, viewerId, ctx) : [
    { label: t('escalation.field.reporter'), value: ctx.nameOf(incident.reportedById) },
    { label: t('escalation.field.occurredAt'), value: tokyoHhmm(incident.occurredAt) },
    ...(incident.orderNo ? [{ label: t('escalation.field.order'), value: orderText(ctx.order, incident.orderNo) }] : []),
    ...placeField(incident, viewerId, ctx),
    { label: t('escalation.field.damage'), value: damageText(incident.thirdPartyDamage) },
    ...(incident.attachmentCount > 0 ? [{ label: t('escalation.field.photos'), value: t('escalation.photoCount', { count: incident.attachmentCount }) }] : []),
  ];
  const description = showFor(viewerId, ctx, incident.reportedById)(incident.description);
  const lines = [t(terminal ? 'terminal.text' : 'escalation.incident.text', { text: description }),
    ...(incident.kind === 'terminalLost' ? [t('terminal.leakWarning')] : []), t('escalation.incident.acks'), ...ackLines(incident, ctx.nameOf)];
  if (incident.resolvedAt && incident.resolution) {
    lines.push(t('escalation.incident.resolution', { name: ctx.nameOf(incident.resolvedById), time: tokyoHhmm(incident.resolvedAt), text: showFor(viewerId, ctx, incident.resolvedById)(incident.resolution) }));
  }
  const blocks: Block[] = [{ type: 'header', text: header }, { type: 'fields', fields }, { type: 'text', text: lines.join('\n') }];
  const buttons = buttonsFor(incident, viewerId);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { key: incidentCardKey(incident.id), summary: `${header} ${description}`, blocks };
}
