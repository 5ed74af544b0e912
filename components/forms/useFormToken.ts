'use client';

import { useEffect, useState } from 'react';

/**
 * The signed fill-time token a form posts. A prerendered page cannot hold a per-visit token, so
 * when the current state carries none the form asks the server for one as it loads. Without one,
 * the server asks the person to send once more: nothing is lost.
 */
export function useFormToken(
  stateToken: string | null,
  fetchToken: () => Promise<string>,
): string | null {
  const [loadedToken, setLoadedToken] = useState<string | null>(null);
  const needsToken = stateToken === null;
  useEffect(() => {
    if (!needsToken) return;
    let cancelled = false;
    fetchToken()
      .then((token) => {
        if (!cancelled) setLoadedToken(token);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [needsToken, fetchToken]);
  return stateToken ?? loadedToken;
}
