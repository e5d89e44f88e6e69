import type { ReportDocument } from '../../domain/reports/report-document.ts';
import type { WorkPlace } from '../../domain/staffing/work-place.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from '../reports/report-header.ts';
import { annexLetterhead, column } from './annex-letterhead.ts';

/** 第4条: 作業場所及び保管場所届, the places of the staff file's workPlaces in file order. */
export function workPlacesDocument(places: WorkPlace[], header: ReportHeader, now: Date): ReportDocument {
  return {
    title: t('annex.workPlaces.documentTitle'),
    author: header.contractorName,
    sections: [
      {
        orientation: 'portrait',
        pageNumbers: true,
        runningHeader: t('annex.workPlaces.title'),
        blocks: [
          ...annexLetterhead(header, now, t('annex.workPlaces.title'), t('annex.workPlaces.body', { contract: header.contractName })),
          {
            type: 'table',
            columns: [
              column(t('annex.workPlaces.colNo'), 0.5, 'right'),
              column(t('annex.workPlaces.colName'), 1.8),
              column(t('annex.workPlaces.colAddress'), 2.8),
              column(t('annex.workPlaces.colPurpose'), 2.4),
              column(t('annex.workPlaces.colStorage'), 0.9, 'center'),
            ],
            rows: places.map((p, i) => [String(i + 1), p.name, p.address, p.purpose, t(p.storage ? 'annex.yes' : 'annex.no')]),
          },
        ],
      },
    ],
  };
}
