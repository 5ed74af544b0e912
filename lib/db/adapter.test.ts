// The next-auth adapter exactly as lib/auth/options.ts builds it (@auth/kysely-adapter over our migrated
// schema), against a real database (SQLite, and Postgres in `npm test`'s second pass): every method
// next-auth v4 calls.
import { KyselyAdapter } from '@auth/kysely-adapter';
import { sql } from 'kysely';
import type {
  AdapterAccount,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from 'next-auth/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabase, testDialect, type TempDatabase } from '@/test/support/temp-db';
import { migrateToLatest, openDatabase } from './connect';
import { migrationProvider } from './migrations';

/**
 * The methods with next-auth v4's call signatures. next-auth's own Adapter type makes each one
 * optional and a union with Auth.js v5 signatures, which cannot be called without casts each time.
 */
interface AuthAdapter {
  createUser(user: Omit<AdapterUser, 'id'>): Promise<AdapterUser>;
  getUser(id: string): Promise<AdapterUser | null>;
  getUserByEmail(email: string): Promise<AdapterUser | null>;
  getUserByAccount(
    account: Pick<AdapterAccount, 'provider' | 'providerAccountId'>,
  ): Promise<AdapterUser | null>;
  updateUser(user: Partial<AdapterUser> & Pick<AdapterUser, 'id'>): Promise<AdapterUser>;
  deleteUser(userId: string): Promise<void>;
  linkAccount(account: AdapterAccount): Promise<AdapterAccount>;
  unlinkAccount(account: Pick<AdapterAccount, 'provider' | 'providerAccountId'>): Promise<void>;
  createSession(session: AdapterSession): Promise<AdapterSession>;
  getSessionAndUser(
    sessionToken: string,
  ): Promise<{ session: AdapterSession; user: AdapterUser } | null>;
  updateSession(
    session: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>,
  ): Promise<AdapterSession>;
  deleteSession(sessionToken: string): Promise<void>;
  createVerificationToken(token: VerificationToken): Promise<VerificationToken>;
  useVerificationToken(params: {
    identifier: string;
    token: string;
  }): Promise<VerificationToken | null>;
}

let temp: TempDatabase;
let adapter: AuthAdapter;

beforeAll(async () => {
  temp = await tempDatabase('adapter');
  // Same cast as lib/auth/options.ts: the adapter types its db as its own tables; ours is a superset.
  adapter = KyselyAdapter(
    temp.db as unknown as Parameters<typeof KyselyAdapter>[0],
  ) as unknown as AuthAdapter;
});
afterAll(() => temp.dispose());

const VERIFIED = new Date('2026-12-01T09:30:00.000Z');

describe('users', () => {
  it('createUser gives an id and getUser / getUserByEmail read it back with a Date', async () => {
    const created = await adapter.createUser({ email: 'ana@example.com', emailVerified: VERIFIED });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.email).toBe('ana@example.com');

    const byId = await adapter.getUser(created.id);
    expect(byId).toMatchObject({ id: created.id, email: 'ana@example.com', name: null });
    expect(byId?.emailVerified).toBeInstanceOf(Date);
    expect(byId?.emailVerified?.toISOString()).toBe(VERIFIED.toISOString());

    expect((await adapter.getUserByEmail('ana@example.com'))?.id).toBe(created.id);
    expect(await adapter.getUserByEmail('nobody@example.com')).toBeNull();
    expect(await adapter.getUser('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('refuses a second user with the same e-mail', async () => {
    await adapter.createUser({ email: 'twice@example.com', emailVerified: null });
    await expect(
      adapter.createUser({ email: 'twice@example.com', emailVerified: null }),
    ).rejects.toThrow(/UNIQUE|unique constraint/);
  });

  it('updateUser changes the given fields only', async () => {
    const user = await adapter.createUser({ email: 'ben@example.com', emailVerified: null });
    const updated = await adapter.updateUser({ id: user.id, name: 'Ben', emailVerified: VERIFIED });
    expect(updated).toMatchObject({ id: user.id, email: 'ben@example.com', name: 'Ben' });
    expect(updated.emailVerified).toEqual(VERIFIED);
    const stored = await temp.db
      .selectFrom('User')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    // SQLite keeps ISO text, the portable form; Postgres a timestamptz.
    expect(new Date(stored.emailVerified ?? '').toISOString()).toBe(VERIFIED.toISOString());
    expect(stored.name).toBe('Ben');
  });
});

describe('accounts', () => {
  it('linkAccount, getUserByAccount and unlinkAccount', async () => {
    const user = await adapter.createUser({ email: 'cleo@example.com', emailVerified: null });
    const account: AdapterAccount = {
      userId: user.id,
      type: 'email',
      provider: 'email',
      providerAccountId: 'cleo@example.com',
    };
    expect(await adapter.linkAccount(account)).toEqual(account);
    const key = { provider: 'email', providerAccountId: 'cleo@example.com' };
    expect((await adapter.getUserByAccount(key))?.id).toBe(user.id);
    expect(
      await adapter.getUserByAccount({ provider: 'github', providerAccountId: 'cleo@example.com' }),
    ).toBeNull();

    await adapter.unlinkAccount(key);
    expect(await adapter.getUserByAccount(key)).toBeNull();
    expect((await adapter.getUser(user.id))?.email).toBe('cleo@example.com');
  });
});

describe('sessions', () => {
  it('createSession / getSessionAndUser give expires back as a Date', async () => {
    const user = await adapter.createUser({ email: 'dan@example.com', emailVerified: VERIFIED });
    const expires = new Date('2027-01-01T00:00:00.000Z');
    await adapter.createSession({ sessionToken: 'tok-dan', userId: user.id, expires });

    const found = await adapter.getSessionAndUser('tok-dan');
    expect(found?.session.expires).toBeInstanceOf(Date);
    expect(found?.session).toEqual({ sessionToken: 'tok-dan', userId: user.id, expires });
    expect(found?.user).toMatchObject({ id: user.id, email: 'dan@example.com' });
    expect(found?.user.emailVerified).toEqual(VERIFIED);
    expect(await adapter.getSessionAndUser('no-such-token')).toBeNull();
  });

  it('updateSession moves expiry; deleteSession removes it', async () => {
    const user = await adapter.createUser({ email: 'eve@example.com', emailVerified: null });
    await adapter.createSession({
      sessionToken: 'tok-eve',
      userId: user.id,
      expires: new Date('2027-01-01T00:00:00.000Z'),
    });
    const later = new Date('2027-02-01T00:00:00.000Z');
    const updated = await adapter.updateSession({ sessionToken: 'tok-eve', expires: later });
    // Where the database returns the updated row, our own column (Session.signedInAt,
    // lib/auth/recent-sign-in.ts) comes back too: next-auth does not read it.
    expect(updated).toMatchObject({ sessionToken: 'tok-eve', userId: user.id, expires: later });
    expect((await adapter.getSessionAndUser('tok-eve'))?.session.expires).toEqual(later);

    await adapter.deleteSession('tok-eve');
    expect(await adapter.getSessionAndUser('tok-eve')).toBeNull();
  });

  it('deleteUser removes the user with their sessions and accounts', async () => {
    const user = await adapter.createUser({ email: 'fay@example.com', emailVerified: null });
    await adapter.linkAccount({
      userId: user.id,
      type: 'email',
      provider: 'email',
      providerAccountId: 'fay@example.com',
    });
    await adapter.createSession({
      sessionToken: 'tok-fay',
      userId: user.id,
      expires: new Date('2027-01-01T00:00:00.000Z'),
    });

    await adapter.deleteUser(user.id);
    expect(await adapter.getUser(user.id)).toBeNull();
    expect(await adapter.getSessionAndUser('tok-fay')).toBeNull();
    const orphans = await temp.db
      .selectFrom('Session')
      .select('sessionToken')
      .where('userId', '=', user.id)
      .execute();
    expect(orphans).toEqual([]);
    const accounts = await temp.db
      .selectFrom('Account')
      .select('provider')
      .where('userId', '=', user.id)
      .execute();
    expect(accounts).toEqual([]);
  });
});

describe('verification tokens', () => {
  it('can be used once', async () => {
    const expires = new Date('2026-12-01T10:00:00.000Z');
    const token = { identifier: 'gus@example.com', token: 'hashed-token-1', expires };
    expect(await adapter.createVerificationToken(token)).toEqual(token);

    const wrongEmail = await adapter.useVerificationToken({
      identifier: 'other@example.com',
      token: 'hashed-token-1',
    });
    expect(wrongEmail).toBeNull();

    const used = await adapter.useVerificationToken({
      identifier: 'gus@example.com',
      token: 'hashed-token-1',
    });
    expect(used).toEqual(token);
    expect(used?.expires).toBeInstanceOf(Date);
    expect(
      await adapter.useVerificationToken({
        identifier: 'gus@example.com',
        token: 'hashed-token-1',
      }),
    ).toBeNull();
  });
});

describe('the database', () => {
  it.runIf(testDialect() === 'sqlite')('runs in WAL mode with foreign keys on', async () => {
    const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(temp.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const keys = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(temp.db);
    expect(keys.rows[0]?.foreign_keys).toBe(1);
  });

  it('migrates twice, and again after a restart, without harm', async () => {
    await adapter.createUser({ email: 'hal@example.com', emailVerified: null });
    const tables = async (db = temp.db) =>
      (await db.introspection.getTables()).map((table) => table.name).sort();
    const before = await tables();

    await migrateToLatest(temp.db);
    await migrateToLatest(temp.db);
    expect(await tables()).toEqual(before);
    expect(before).toEqual(
      expect.arrayContaining(['User', 'Account', 'Session', 'VerificationToken', 'rate_limit']),
    );

    // A second process opening the same file (a restart) migrates again too.
    const reopened = openDatabase(temp.url);
    try {
      await migrateToLatest(reopened);
      expect(await tables(reopened)).toEqual(before);
      const applied = await sql<{ name: string }>`
        SELECT name FROM kysely_migration ORDER BY name`.execute(reopened);
      const known = Object.keys(await migrationProvider.getMigrations()).sort();
      expect(known).toEqual(expect.arrayContaining(['001_auth', '002_billing']));
      expect(applied.rows.map((row) => row.name)).toEqual(known);
      const hal = await reopened
        .selectFrom('User')
        .select('email')
        .where('email', '=', 'hal@example.com')
        .execute();
      expect(hal).toEqual([{ email: 'hal@example.com' }]);
    } finally {
      await reopened.destroy();
    }
  });
});
