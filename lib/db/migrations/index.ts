import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_auth';
import * as m002 from './002_billing';
import * as m003 from './003_contact_referrals';
import * as m004 from './004_assistance';
import * as m005 from './005_request_history';
import * as m006 from './006_members';
import * as m007 from './007_mail_outbox';
import * as m008 from './008_billing_sync_lock';
import * as m009 from './009_account_security';
import * as m010 from './010_contact_flag';
import * as m011 from './011_mail_extras';
import * as m012 from './012_member_files';
import * as m013 from './013_follows';
import * as m014 from './014_signin_code';
import * as m015 from './015_scan_indexes';
import * as m016 from './016_desk_search';
import * as m017 from './017_desk_counts';
import * as m018 from './018_follow_expiry_indexes';
import * as m019 from './019_short_search';
import * as m020 from './020_member_search';

// Listed by hand (not read from disk) so the bundled server and the tests see the same set.
const migrations: Record<string, Migration> = {
  '001_auth': m001,
  '002_billing': m002,
  '003_contact_referrals': m003,
  '004_assistance': m004,
  '005_request_history': m005,
  '006_members': m006,
  '007_mail_outbox': m007,
  '008_billing_sync_lock': m008,
  '009_account_security': m009,
  '010_contact_flag': m010,
  '011_mail_extras': m011,
  '012_member_files': m012,
  '013_follows': m013,
  '014_signin_code': m014,
  '015_scan_indexes': m015,
  '016_desk_search': m016,
  '017_desk_counts': m017,
  '018_follow_expiry_indexes': m018,
  '019_short_search': m019,
  '020_member_search': m020,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
