// Whether a POST that acts with the visitor's session was sent by a page of another site.
// The session cookie is SameSite=Lax, so a cross-site form post already arrives without it; this
// is the second lock for plain-HTML form routes (server actions check their origin themselves).
// Browsers set Sec-Fetch-Site and pages cannot forge it; a client without it (curl, an old
// browser) is left to the cookie's SameSite rule.

/** True when the browser says the request came from another site (or another subdomain). */
export function sentFromAnotherSite(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}
