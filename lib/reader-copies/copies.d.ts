export const KEPT_WITH_RUNTIME: { path: string; reason: string }[];
export const READER_ORIGINALS_DIR: string;
export const READER_COPIES_MANIFEST: string;
export const READER_SCRIPT_MAX_GZIP: number;
export function readerAddress(key: string): string | null;

export interface ReaderCopy {
  /** The address a reader asks for ('/guides/carte-vitale'). */
  path: string;
  /** The HTML file under <dist>/server/app (and under READER_ORIGINALS_DIR for Next's original). */
  file: string;
  stripped: boolean;
  /** Why it keeps the runtime (not stripped). */
  reason?: string;
  bytes: number;
  originalBytes?: number;
}

/** <dist>/reader-copies.json */
export interface ReaderCopiesManifest {
  /** The build it was made for (<dist>/BUILD_ID). */
  buildId: string;
  /** The readers' script's address. */
  script: string;
  copies: ReaderCopy[];
}
