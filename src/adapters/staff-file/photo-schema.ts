import { z } from 'zod';
import { templateText } from '../../templates.ts';

/**
 * `photo:` of a person: the ID card request's photo (spec 9(1) 写真データ), a JPEG or PNG file named relative to the
 * staff file. Its content is checked and copied into the database by `staff load` (read-staff-photos.ts).
 */
export const photoFile = z.string().trim().min(1).max(300).refine((p) => !p.includes('\0'), { error: () => templateText('bureauDocs.photo.path') });
