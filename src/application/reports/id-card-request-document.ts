import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';
import { t, templateText } from '../../templates.ts';
import type { IdCardRequestRow, IdCardRequestView } from './id-card-request-view.ts';
import type { StaffPhoto } from '../staffing/person-photos.ts';
import { contractorBlock } from './contractor-block.ts';

const label = (key: string) => templateText(`bureauDocs.idCardRequest.${key}`);
/** 30 × 40 mm, the usual ID photo, in points. */
const PHOTO = { width: 85, height: 113 };

/** The request letter with a summary table, then one block per worker: the photo beside their details. */
export function idCardRequestDocument(view: IdCardRequestView, photos: Map<string, StaffPhoto>): ReportDocument {
  const blocks: Block[] = [
    { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${view.dateLabel}`, align: 'right' },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: view.header.addressee, size: 12 },
    { type: 'spacer', height: 6 },
    ...contractorBlock(view.header),
    { type: 'spacer', height: 12 },
    { type: 'title', text: t('bureauDocs.idCardRequest.title') },
    { type: 'paragraph', text: t('bureauDocs.idCardRequest.body', { contract: view.header.contractName }) },
    { type: 'spacer', height: 4 },
    { type: 'paragraph', text: t('bureauDocs.idCardRequest.count', { count: view.rows.length }) },
    {
      type: 'table',
      columns: [
        { label: label('colNo'), weight: 0.5, align: 'right' },
        { label: label('colName'), weight: 1.6, align: 'left' },
        { label: label('colKana'), weight: 1.8, align: 'left' },
        { label: label('colReason'), weight: 0.9, align: 'center' },
        { label: label('colCard'), weight: 2.6, align: 'left' },
        { label: label('colTraining'), weight: 1.6, align: 'left' },
      ],
      rows: view.rows.map((r, i) => [String(i + 1), r.name, r.nameKana, reasonLabel(r), cardLabel(r), r.training.dateLabel]),
    },
    { type: 'spacer', height: 8 },
    ...view.rows.flatMap((row, i) => workerBlocks(row, i + 1, photos.get(row.personId)!)),
  ];
  return {
    title: t('bureauDocs.idCardRequest.documentTitle', { date: view.dateLabel }),
    author: view.header.contractorName,
    sections: [{ orientation: 'portrait', pageNumbers: true, runningHeader: t('bureauDocs.idCardRequest.runningHeader', { date: view.dateLabel }), blocks }],
  };
}

const reasonLabel = (r: IdCardRequestRow) => templateText(`bureauDocs.idCardRequest.reason.${r.reason}`);
const cardLabel = (r: IdCardRequestRow) =>
  r.card ? t('bureauDocs.idCardRequest.card', { number: r.card.number, expiresOn: r.card.expiresLabel }) : t('bureauDocs.idCardRequest.noCard');

function workerBlocks(row: IdCardRequestRow, no: number, photo: StaffPhoto): Block[] {
  const training = t('bureauDocs.idCardRequest.training', { date: row.training.dateLabel, topic: row.training.topic, result: t('bureauDocs.idCardRequest.passed') });
  return [
    { type: 'heading', text: t('bureauDocs.idCardRequest.workerHeading', { no, name: row.name }) },
    {
      type: 'photo',
      image: { mime: photo.mime, bytes: photo.bytes },
      ...PHOTO,
      rows: [
        { label: label('name'), value: row.name },
        { label: label('kana'), value: row.nameKana },
        { label: label('workerId'), value: row.personId },
        { label: label('reasonLabel'), value: reasonLabel(row) },
        { label: label('cardLabel'), value: cardLabel(row) },
        { label: label('trainingLabel'), value: training },
        { label: '', value: t('bureauDocs.idCardRequest.photoNote', { file: row.photoFile }) },
      ],
    },
    { type: 'spacer', height: 6 },
  ];
}
