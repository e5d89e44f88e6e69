import { createHash } from 'node:crypto';
import type fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFFont } from 'pdf-lib';

/**
 * Embeds a harfbuzz subset (fonts.ts) as a subset font the way ISO 32000-1 §9.6.4 names one: BaseFont and
 * FontName carry a tag of six uppercase letters and '+', e.g. ABCDEF+NotoSansJP-Regular. The tag is derived from
 * the subset's bytes, so the same glyph set gives the same name and an unchanged document stays byte-identical.
 * The FontFile2 stream gets /Length1, the length of the decoded TrueType program (§9.9, table 125).
 */
export function embedSubsetFont(pdf: PDFDocument, bytes: Uint8Array, face: fontkit.Font): Promise<PDFFont> {
  return pdf.embedFont(bytes, { subset: false, customName: `${subsetTag(bytes)}+${postscriptName(face)}` });
}

/**
 * Writes the fonts' objects now and adds /Length1 to their programs. Call once every text is drawn: pdf-lib writes a
 * font again (new objects, without the patch) after more text was encoded with it.
 */
export async function finishSubsetFonts(pdf: PDFDocument, fonts: { font: PDFFont; bytes: Uint8Array }[]): Promise<void> {
  for (const { font, bytes } of fonts) {
    await font.embed();
    const program = fontProgram(pdf, font.ref);
    if (!program) throw new Error(`embedded font ${font.name} has no FontFile2 stream`);
    program.dict.set(PDFName.of('Length1'), PDFNumber.of(bytes.length));
  }
}

/** Six letters A–Z from the SHA-256 of the subset. */
export function subsetTag(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function postscriptName(face: fontkit.Font): string {
  const name = face.postscriptName;
  // A PDF name without the characters that would need escaping; the subset keeps the original's name.
  return String(name || 'Font').replace(/[^A-Za-z0-9-]/g, '');
}

/** Type0 font → DescendantFonts[0] → FontDescriptor → FontFile2. */
function fontProgram(pdf: PDFDocument, ref: PDFRef): PDFStream | undefined {
  const { context } = pdf;
  const type0 = context.lookup(ref, PDFDict);
  const descendants = type0.lookup(PDFName.of('DescendantFonts'), PDFArray);
  const cidFont = descendants.lookup(0, PDFDict);
  const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
  const program = descriptor.lookup(PDFName.of('FontFile2'));
  return program instanceof PDFStream ? program : undefined;
}
