import { hash } from 'node:crypto';
import type { ContentHasher } from '../../application/import/ports.ts';

/** SHA-256 of the UTF-8 text, hex: WorkOrder.contentHash. */
export const sha256Hex: ContentHasher = (text) => hash('sha256', text, 'hex');
