import { accessSync, constants, lstatSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LatLon } from '../../domain/assignment/geo.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { AssignDayResult } from '../../application/assignment/assign-day.ts';
import { mapStyleText, planMapOf } from '../../application/assignment/plan-map.ts';
import { renderPlanScenePng } from '../../adapters/png/scene-png.ts';
import { makeFolders, replacePrivateFileAtomically } from '../../adapters/private-files.ts';

const bad = (message: string) => new AppError(ErrorCode.InvalidInput, message);
const reasonOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * The `--map FILE` target checked before anything is assigned: a .png name (not an option that commander took as the
 * value), not a folder, in a folder that exists (created 0700 if missing) and is writable. Returns the absolute path.
 */
export function checkMapTarget(value: string): string {
  if (value.trim() === '') throw bad(t('assign.error.mapEmpty'));
  if (value.startsWith('-')) throw bad(t('assign.error.mapOption', { value }));
  if (!value.toLowerCase().endsWith('.png')) throw bad(t('assign.error.mapNotPng', { value }));
  const path = resolve(value);
  const folder = dirname(path);
  try {
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) throw bad(t('assign.error.mapIsFolder', { path }));
    makeFolders(folder);
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad(t('assign.error.mapFolder', { folder, reason: reasonOf(e) }));
  }
  return path;
}

export interface WrittenMap {
  text: string;
  json: object;
  /** Set when the picture could not be written (disk full…): the plan is printed, then this is reported. */
  failure?: AppError;
}

/** `--map FILE`: the plan map written 0600 (when any order has a real position), with its legend for the printout. */
export function writeMap(result: AssignDayResult, office: LatLon, path: string): WrittenMap {
  const map = planMapOf(result, office);
  let failure: AppError | undefined;
  if (map.scene) {
    try {
      replacePrivateFileAtomically(path, renderPlanScenePng(map.scene));
    } catch (e) {
      failure = new AppError(ErrorCode.FileUnreadable, t('assign.map.writeFailed', { path, reason: reasonOf(e) }));
    }
  }
  const written = map.scene !== undefined && failure === undefined;
  const lines = failure ? [] : [written ? t('assign.map.written', { path }) : t('assign.map.nothingToDraw')];
  result.workers.forEach((w, i) => {
    const style = written ? mapStyleText(map, i + 1) : undefined;
    const count = map.legend[i]?.estimatedStops ?? 0;
    const estimated = count > 0 ? t('assign.map.legendEstimated', { count }) : '';
    if (style) lines.push(t('assign.map.legendRow', { row: i + 1, personId: w.personId, style, estimated }));
  });
  const { notDrawn, estimated } = map;
  if (written && estimated > 0) lines.push(t('assign.map.estimated', { count: estimated }));
  if (written && notDrawn > estimated) lines.push(t('assign.map.notDrawn', { count: notDrawn - estimated }));
  const legend = map.legend.map((l) => ({
    row: l.row,
    personId: result.workers[l.row - 1]!.personId,
    colour: l.style.colour.key,
    shape: l.style.shape,
    drawnStops: l.drawnStops,
    estimatedStops: l.estimatedStops,
  }));
  const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  return { text, json: { path: written ? path : null, notDrawn, estimated, legend }, ...(failure ? { failure } : {}) };
}
