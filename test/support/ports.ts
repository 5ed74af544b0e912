// Where the test servers listen (all on loopback). Shared by playwright.config.ts and the specs.
// scripts/e2e.sh sets them from E2E_PORT_BASE (default 3100: app 3100, SMTP 3101, mailbox 3102,
// Stripe stand-in 3103), so several runs can coexist on one machine.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? APP_PORT + 1);
export const MAILBOX_PORT = Number(process.env.E2E_MAILBOX_PORT ?? APP_PORT + 2);
export const STANDIN_PORT = Number(process.env.E2E_STANDIN_PORT ?? APP_PORT + 3);
/**
 * Servers that single specs start beside the one under test, each on a port of its own (two such
 * specs may run at once): the CSP spec's server with another environment, the sign-in spec's server
 * with the real per-client limit, the dev spec's server and its stand-in, the crash spec's server.
 */
export const SIDE_PORTS = {
  cspEnvironment: APP_PORT + 4,
  devServer: APP_PORT + 5,
  devStandin: APP_PORT + 6,
  signinLimit: APP_PORT + 7,
  crash: APP_PORT + 9,
} as const;

export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const MAILBOX_URL = `http://127.0.0.1:${MAILBOX_PORT}`;
export const STANDIN_URL = `http://127.0.0.1:${STANDIN_PORT}`;
/**
 * The e2e run's own webhook secret, not the stand-in's default (tools/stripe-standin/defaults.ts):
 * the config hands it to both the app and the stand-in, so a run where either fell back to the
 * default would fail on every webhook instead of passing by chance.
 */
export const WEBHOOK_SECRET = 'whsec_sojoourn_e2e_secret';
/** Staff: receives every staff notification (the specs that read staff mail look here). */
export const STAFF_EMAIL = 'staff@sojoourn.test';
/**
 * The address each test signs staff in with. Sign-in keeps its real limit per address (5 an hour),
 * and a full run signs staff in more often than that; and two tests of one file run at once, when
 * two links to one address cannot be told apart (test/support/auth.ts counts the mail). So each
 * test that signs staff in has its own.
 */
export const STAFF_SIGNIN = {
  assistance: STAFF_EMAIL,
  statusMail: 'staff-status@sojoourn.test',
  registrations: 'staff-events@sojoourn.test',
  history: 'staff-history@sojoourn.test',
  desk: 'staff-desk@sojoourn.test',
  review: 'staff-review@sojoourn.test',
  drafts: 'staff-drafts@sojoourn.test',
  paging: 'staff-paging@sojoourn.test',
  flagged: 'staff-flagged@sojoourn.test',
  fuzz: 'staff-fuzz@sojoourn.test',
  csp: 'staff-csp@sojoourn.test',
  files: 'staff-files@sojoourn.test',
  overdue: 'staff-overdue@sojoourn.test',
  fileJourney: 'staff-file-journey@sojoourn.test',
  handbook: 'staff-handbook@sojoourn.test',
} as const;
/** STAFF_EMAILS for the server under test. */
export const STAFF_EMAILS = [...new Set(Object.values(STAFF_SIGNIN))].join(', ');
