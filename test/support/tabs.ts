// Closing a tab in a real Chromium without the hang of crbug.com/536385539: when a close races a
// navigation commit (a form post answering as the tab closes), Chromium acknowledges
// `Target.closeTarget` but keeps the tab, and `page.close()` (and the context's teardown after it)
// waits forever. Sending `Target.closeTarget` again closes it (microsoft/playwright#42366).
import type { Page } from '@playwright/test';

const WAIT_PER_ATTEMPT_MS = 2_000;
const ATTEMPTS = 5;

const settled = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);

/** Closes `tab`, asking Chromium again while it survives; throws if it never closes. */
export async function closeTab(tab: Page): Promise<void> {
  if (tab.isClosed()) return;
  const closed = new Promise<void>((resolve) => tab.once('close', () => resolve()));
  const pageSession = await tab.context().newCDPSession(tab);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  // Playwright sends its close once per tab and then waits for the tab to go.
  void tab.close().catch(() => undefined);
  await settled(closed, WAIT_PER_ATTEMPT_MS);
  const browser = tab.context().browser();
  if (!browser || tab.isClosed()) return;
  const browserSession = await browser.newBrowserCDPSession();
  try {
    for (let attempt = 1; attempt < ATTEMPTS && !tab.isClosed(); attempt++) {
      await browserSession
        .send('Target.closeTarget', { targetId: targetInfo.targetId })
        .catch(() => undefined);
      await settled(closed, WAIT_PER_ATTEMPT_MS);
    }
  } finally {
    await browserSession.detach().catch(() => undefined);
  }
  if (!tab.isClosed()) throw new Error(`the tab at ${tab.url()} would not close`);
}
