// Next's own file-system cache of prerendered pages (next.config.js `cacheHandler`, production
// only), with one change: a reader copy that Next renders again at run time (the events pages
// revalidate hourly, app/reader/events) is stored without the framework's runtime, as
// scripts/reader-copies.ts stored the build's, so readers never get the runtime back after an
// hour. Only what is written changes; reading is Next's. A page that cannot be stripped is stored
// as Next rendered it (it works, only heavier) and logged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nextFileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { KEPT_WITH_RUNTIME, READER_COPIES_MANIFEST, readerAddress } from './copies.js';
import { stripRuntime } from './strip.js';

/** @type {any} CommonJS module: its class is the `default` export (or the module itself). */
const FileSystemCache = nextFileSystemCache.default ?? nextFileSystemCache;

export default class ReaderCopiesCache extends FileSystemCache {
  /**
   * @param {string} key
   * @param {any} data Next's cache value (typed inside Next only)
   * @param {any} ctx
   */
  async set(key, data, ctx) {
    return super.set(key, this.asReaderCopy(key, data), ctx);
  }

  /**
   * @param {string} key
   * @param {any} data
   */
  asReaderCopy(key, data) {
    if (data?.kind !== 'APP_PAGE' || typeof data.html !== 'string') return data;
    const address = readerAddress(key);
    if (!address || KEPT_WITH_RUNTIME.some((page) => page.path === address)) return data;
    const script = this.readerScript();
    // No manifest: `next build` itself (the build step strips afterwards), or a build made
    // without it, which the build script does not allow.
    if (!script) return data;
    try {
      return { ...data, html: stripRuntime(data.html, script).html };
    } catch (error) {
      console.error(
        `reader copy ${address} kept with the runtime: ${/** @type {Error} */ (error).message}`,
      );
      return data;
    }
  }

  /** The readers' script's address, from <dist>/reader-copies.json (null when there is none). */
  readerScript() {
    if (this.script === undefined) {
      try {
        const file = path.join(
          /** @type {any} */ (this).serverDistDir,
          '..',
          READER_COPIES_MANIFEST,
        );
        // Read at run time from the build directory: nothing for the build to trace or bundle.
        this.script = /** @type {string} */ (
          JSON.parse(readFileSync(/* turbopackIgnore: true */ file, 'utf8')).script
        );
      } catch {
        this.script = null;
      }
    }
    return this.script;
  }

  /** @type {string | null | undefined} */
  script = undefined;
}
