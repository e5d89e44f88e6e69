import type { PersonActor } from '../../domain/access/actor.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { doubtAuthorities } from './act-on-doubt.ts';
import { refreshDoubtCards, type DoubtDeps } from './doubt-delivery.ts';
import { appliedBy, sourceOf, type NewAttachment } from '../cases/ports.ts';

/**
 * Photos sent after the doubt (「疑義 #12」 with files): kept with it; every card shows the new count. The replay of
 * the message that added them (`eventId`) adds nothing again and answers the same.
 */
export async function addDoubtPhotos(deps: DoubtDeps, actor: PersonActor, doubtId: number, attachments: NewAttachment[], eventId?: number): Promise<string> {
  const current = await deps.doubts.get(doubtId);
  if (!current) throw new AppError(ErrorCode.NotFound, t('escalation.doubt.notFound', { id: doubtId }));
  const mayAdd = current.raisedById === actor.actorId || (await doubtAuthorities(deps, current)).has(actor.actorId);
  if (!mayAdd) throw new AppError(ErrorCode.Forbidden, t('escalation.doubt.refused', { id: doubtId }));
  const out = await deps.doubts.change(doubtId, deps.clock.now(), (doubt) =>
    appliedBy(doubt, eventId)
      ? { result: undefined }
      : {
          patch: { addAttachments: attachments },
          effects: {
            events: [{ action: 'photosAdded', actorId: actor.actorId, detail: { count: attachments.length } }],
            audit: { action: 'doubt.addPhotos', actorId: actor.actorId, channel: actor.channel, after: { count: attachments.length } },
            ...sourceOf(eventId),
          },
          result: undefined,
        },
  );
  if (out) await refreshDoubtCards(deps, out.record);
  return t('escalation.doubt.photosAdded', { id: doubtId, count: attachments.length });
}
