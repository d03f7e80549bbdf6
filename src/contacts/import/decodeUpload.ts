import { ImportFileError } from './importFileError';

export type TextEncoding = 'UTF-8' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Reads an uploaded file's bytes as text. UTF-8 first (its byte order mark dropped, as Excel
 * writes one); bytes that are not valid UTF-8 are read as Windows-1252, what Excel on Windows
 * saves as "CSV" and a superset of Latin-1's printable characters, and the preview says so. A
 * NUL byte means a binary file (a spreadsheet, an image), which no encoding makes a CSV of.
 */
export function decodeUpload(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) {
    throw new ImportFileError(
      'This file is not a CSV text file (it contains binary data). In Excel, use File → Save As → CSV UTF-8.',
    );
  }
  const body = UTF8_BOM.every((byte, i) => bytes[i] === byte) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'Windows-1252' };
  }
}
