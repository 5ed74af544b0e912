// Zod as every schema of the site imports it (`import * as z from '…/forms/zod'`): configured
// once, in the browser and on the server.
// - Jitless, because otherwise Zod probes `Function("")` to see whether it may compile validators,
//   and the site's CSP (scripts without 'unsafe-eval', lib/platform/security-headers.js) reports
//   that probe as a violation on every page with a form.
// - Re-exported name by name (`export *`), imported as a namespace: bundlers then keep only what
//   the schemas use. Zod's own `z` object holds every export, its 40-odd locales included: through
//   it, each form page shipped ≈ 90 KB gzip of Zod.
import { config } from 'zod';

config({ jitless: true });

export * from 'zod';
