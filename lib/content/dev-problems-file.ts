// Where `npm run dev` (scripts/dev.ts) writes the content problems it found, for the browser.
// Development only; the production build refuses bad content instead (npm run content:check).
export const DEV_PROBLEMS_FILE = '.contentlayer/dev-problems.json';
