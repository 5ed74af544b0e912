// Zod as every schema of the site imports it: configured once, in the browser and on the server.
// Jitless, because otherwise Zod probes `Function("")` to see whether it may compile validators, and
// the site's CSP (scripts without 'unsafe-eval', lib/platform/security-headers.js) reports that
// probe as a violation on every page with a form.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
