// Loads the Pagefind search bundle (/pagefind/pagefind.js, served by app/pagefind) in the browser.
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
export interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  search(term: string): Promise<{
    results: { id: string; data(): Promise<PagefindResultData> }[];
  } | null>;
}

let loading: Promise<PagefindApi> | null = null;

export function loadPagefind(): Promise<PagefindApi> {
  if (!loading) {
    const url = '/pagefind/pagefind.js';
    loading = (
      import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url) as Promise<PagefindApi>
    ).then(async (api) => {
      await api.options({ baseUrl: '/', excerptLength: 24 });
      return api;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Pagefind excerpts are escaped text with <mark> around the hits: split them, never inject HTML. */
export function excerptParts(excerpt: string): { text: string; hit: boolean }[] {
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&amp;/g, '&');
  return excerpt
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('<mark>')
        ? { text: decode(part.slice(6, -7)), hit: true }
        : { text: decode(part.replace(/<[^>]*>/g, '')), hit: false },
    );
}
