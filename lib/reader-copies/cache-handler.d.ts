/** Next's FileSystemCache with reader copies stored stripped (cache-handler.js). */
export default class ReaderCopiesCache {
  constructor(options: Record<string, unknown>);
  set(key: string, data: unknown, ctx: unknown): Promise<void>;
  asReaderCopy<T>(key: string, data: T): T & { html?: string };
  readerScript(): string | null;
}
