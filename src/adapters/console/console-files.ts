import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChatFile, PlatformAdapter, PlatformTarget } from '../../application/chat/ports.ts';

/** The console's file upload: the file is saved in `dir` (<db folder>/reports) and its path posted to the recipient. */
export function saveFileIn(dir: string, adapter: Pick<PlatformAdapter, 'post'>) {
  return async (target: PlatformTarget, file: ChatFile): Promise<string> => {
    mkdirSync(dir, { recursive: true });
    const path = resolve(join(dir, file.filename));
    writeFileSync(path, file.bytes);
    const note = file.savedNote(path);
    await adapter.post(target, { summary: note, blocks: [{ type: 'text', text: note }] });
    return `file:${path}`;
  };
}
