// The browser every test and measuring script launches: Debian's Chromium (apt-get install
// chromium; Playwright's own download does not work here), CHROMIUM_PATH on other machines, with
// flags that keep it offline and quiet.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
