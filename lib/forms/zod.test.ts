// Every schema gets the configured Zod: jitless, so the browser never runs the `Function("")`
// probe that the site's CSP reports as an eval violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from './zod';

const lib = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('lib/forms/zod', () => {
  it('is jitless', () => {
    expect(z.config().jitless).toBe(true);
  });

  it('is the only way lib/ imports Zod at run time, as a namespace (so bundles keep only what is used)', () => {
    const direct = sources(lib).filter(
      (file) =>
        !file.endsWith(path.join('forms', 'zod.ts')) &&
        /^(import|export) (?!type )[^;]* from 'zod';$/m.test(readFileSync(file, 'utf8')),
    );
    expect(direct.map((file) => path.relative(lib, file))).toEqual([]);
    // `import { z }` would be Zod's whole `z` object again, locales included.
    const whole = sources(lib).filter((file) =>
      /^import \{ z \} from '[./]*(forms\/)?zod';$/m.test(readFileSync(file, 'utf8')),
    );
    expect(whole.map((file) => path.relative(lib, file))).toEqual([]);
  });
});
