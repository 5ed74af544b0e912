export const RUNTIME_SCRIPT: RegExp;
export const READER_SCRIPT_DIR: string;
export interface Stripped {
  html: string;
  /** How many <script> elements (files and inline) were taken out. */
  scripts: number;
  /** Characters of inline RSC payload taken out. */
  payload: number;
}
export function stripRuntime(html: string, scriptSrc: string): Stripped;
