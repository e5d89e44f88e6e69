import type { LatLon } from '../../domain/assignment/geo.ts';
import { buildPlanMap, type PlanMap, type PlanScene } from '../../domain/plan-map/plan-scene.ts';
import { t, templateText } from '../../templates.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
import type { OutgoingFile } from '../reports/report-delivery.ts';
import type { AssignDayResult } from './assign-day.ts';
import type { PlanMapRenderer } from './ports.ts';

/**
 * The plan as a map, one route per row of the plan card (row 1 first). Orders placed at their town's or map sheet's
 * centre are drawn ringed as estimated; orders on a stand-in position (no coordinates, and none of their town or map
 * sheet either) are not drawn; the card says how many of each.
 */
export function planMapOf(result: AssignDayResult, office: LatLon): PlanMap {
  const routes = result.workers.map((w) =>
    w.visits.map((v) => {
      const placement = result.placements.get(v.orderNo);
      const real = placement !== undefined && placement.kind !== 'synthetic';
      return { position: real ? placement.position : null, visited: v.done, estimated: real && placement.kind !== 'exact' };
    }),
  );
  return buildPlanMap({ office, routes });
}

/** The colour and marker of a plan row on the map, as the card writes it (赤●); undefined when the row has no stop drawn. */
export function mapStyleText(map: PlanMap | undefined, row: number): string | undefined {
  const entry = map?.scene ? map.legend.find((l) => l.row === row) : undefined;
  if (!entry || entry.drawnStops + entry.estimatedStops === 0) return undefined;
  const colour = templateText(`assign.map.colour.${entry.style.colour.key}`);
  return `${colour}${templateText(`assign.map.shape.${entry.style.shape}`)}`;
}

/** The picture as a file for the chat: uploaded where the platform can, else a note that it cannot be attached. */
export function planMapFile(scene: PlanScene, date: string, render: PlanMapRenderer): OutgoingFile {
  const day = japaneseDay(date);
  return {
    bytes: render(scene),
    filename: `plan-map-${date}.png`,
    title: t('assign.map.title', { date: day }),
    savedNote: (path) => t('assign.map.saved', { date: day, path }),
    commandNote: t('assign.map.cannotAttach', { date: day }),
  };
}
