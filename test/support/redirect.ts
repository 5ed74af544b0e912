// Server actions in unit tests: where one sent the person.

/** Where a server action redirected to (Next's redirect() throws an error carrying it). */
export async function redirectOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2] ?? '';
    throw error;
  }
  throw new Error('the action did not redirect');
}
