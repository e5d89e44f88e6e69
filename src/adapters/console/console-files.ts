import { join, resolve } from 'node:path';
import { writePrivateFile } from '../private-files.ts';
import type { ChatFile, PlatformAdapter, PlatformTarget } from '../../application/chat/ports.ts';

/** The console's file upload: the file is saved in `dir` (<db folder>/reports) and its path posted to the recipient. */
export function saveFileIn(dir: string, adapter: Pick<PlatformAdapter, 'post'>) {
  return async (target: PlatformTarget, file: ChatFile): Promise<string> => {
    const path = resolve(join(dir, file.filename));
    writePrivateFile(path, file.bytes);
    const note = file.savedNote(path);
    await adapter.post(target, { summary: note, blocks: [{ type: 'text', text: note }] });
    return `file:${path}`;
  };
}
