// The readers' script (bundled by scripts/reader-copies.ts into the build's static files, loaded
// with `defer` by every stripped reader copy): the page enhancements, and nothing of the framework.
import { enhancePage } from './page-enhancements';

enhancePage(document);
