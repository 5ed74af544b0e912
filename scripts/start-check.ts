// `npm start` runs this first (package.json "prestart"): a production server missing its settings
// is refused here, before Next starts and prints "Ready", naming every missing or unsafe setting.
// The server checks again as it starts (instrumentation-node.ts), whatever started it.
import { productionStartRefusal } from '../lib/platform/env-checks';

const refusal = productionStartRefusal({ ...process.env, NODE_ENV: 'production' });
if (refusal) {
  console.error(`\n${refusal}\n`);
  process.exit(1);
}
