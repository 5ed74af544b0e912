// How long the event loop was held at a stretch while `work` ran: a timer asks for a turn every
// millisecond and the longest wait between two turns is the longest block (what a request that
// arrived then would have waited). For reports, not for asserting on a shared machine's timing.
export async function longestEventLoopBlock<T>(
  work: () => Promise<T>,
): Promise<{ result: T; longestBlockMs: number; totalMs: number }> {
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  try {
    const result = await work();
    const end = performance.now();
    longest = Math.max(longest, end - last);
    return { result, longestBlockMs: longest, totalMs: end - start };
  } finally {
    clearInterval(ticker);
  }
}
