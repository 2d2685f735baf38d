import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Settings } from '../server/config.ts';
import { officeRoles, type OfficeRole } from '../shared/roles.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openConfiguredDatabase, serviceDeps, startServer } from '../server/main.ts';
import { warmUpSolver } from '../server/solver/roster-solver.ts';
import { verifyAuditLog } from '../server/services/audit.service.ts';
import { createUserFromCommandLine, seedDemo } from '../server/services/setup.service.ts';
import { backupDatabase } from './backup.ts';
import { buildWebIfNeeded, startDevelopment } from './web-build.ts';

/** A mistake in the command line: printed without a stack, exit code 2. */
export class UsageError extends Error {}

export type Command = {
  name: string;
  usage: string;
  summary: string;
  run: (args: string[], settings: Settings) => Promise<number>;
};

/** Opens the configured database with the schema up to date, runs the work, closes it. */
async function withDatabase<T>(
  settings: Settings,
  work: (handle: ReturnType<typeof openConfiguredDatabase>) => Promise<T>,
): Promise<T> {
  const handle = openConfiguredDatabase(settings);
  try {
    await migrateToLatest(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export const commands: Command[] = [
  {
    name: 'serve',
    usage: '[--build-if-needed]',
    summary:
      'Start the server (what `npm start` runs); builds the web app first when asked and needed',
    async run(args, settings) {
      const { values } = parseArgs({ args, options: { 'build-if-needed': { type: 'boolean' } } });
      if (values['build-if-needed'] === true) await buildWebIfNeeded();
      await startServer(settings);
      // ROSTER-1: the first roster generation then starts warm (not done for test servers).
      void warmUpSolver().catch(() => undefined);
      return await new Promise<number>(() => undefined);
    },
  },
  {
    name: 'dev',
    usage: '',
    summary: 'Development: the API with reload and the Vite dev server for the web app',
    async run() {
      return startDevelopment();
    },
  },
  {
    name: 'migrate',
    usage: '',
    summary: 'Bring the database schema up to date (also done on every start)',
    async run(_args, settings) {
      const handle = openConfiguredDatabase(settings);
      try {
        const applied = await migrateToLatest(handle);
        console.log(
          applied.length === 0
            ? `${handle.describe}: up to date`
            : `${handle.describe}: applied ${applied.join(', ')}`,
        );
      } finally {
        await handle.close();
      }
      return 0;
    },
  },
  {
    name: 'seed-demo',
    usage: '',
    summary: 'Create the demo office H大厦管理处 and its users when the database is empty',
    async run(_args, settings) {
      const created = await withDatabase(settings, (handle) =>
        seedDemo(serviceDeps(handle, settings), settings.demoPassword),
      );
      console.log(
        created
          ? `demo office created; password: ${settings.demoPassword}`
          : 'the database already holds data; nothing changed',
      );
      return 0;
    },
  },
  {
    name: 'create-user',
    usage:
      '--username NAME --display-name NAME [--password PW] [--admin] [--org NAME | --org-id ID] [--role OFFICE=staff|supervisor|director ...] [--locale zh-CN|en-US]',
    summary:
      'Create a user (on an empty database, also the organization): how the first admin is made',
    async run(args, settings) {
      const { values } = parseArgs({
        args,
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          password: { type: 'string' },
          admin: { type: 'boolean' },
          org: { type: 'string' },
          'org-id': { type: 'string' },
          role: { type: 'string', multiple: true },
          locale: { type: 'string' },
        },
      });
      const username = values.username;
      if (username === undefined || !/^[A-Za-z0-9._-]{2,64}$/.test(username)) {
        throw new UsageError(
          '--username is required: 2–64 letters, digits, dot, dash or underscore',
        );
      }
      const generated = values.password === undefined;
      const password = values.password ?? randomBytes(9).toString('base64url');
      if (password.length < 8) throw new UsageError('--password needs at least 8 characters');
      const locale = values.locale ?? 'zh-CN';
      if (locale !== 'zh-CN' && locale !== 'en-US')
        throw new UsageError('--locale is zh-CN or en-US');
      const officeRolesParsed = (values.role ?? []).map((text) => {
        const at = text.lastIndexOf('=');
        const role = text.slice(at + 1);
        if (at <= 0 || !(officeRoles as readonly string[]).includes(role)) {
          throw new UsageError(
            `--role ${text}: write OFFICE=staff, OFFICE=supervisor or OFFICE=director`,
          );
        }
        return { officeName: text.slice(0, at), role: role as OfficeRole };
      });
      const user = await withDatabase(settings, (handle) =>
        createUserFromCommandLine(serviceDeps(handle, settings), {
          username,
          displayName: values['display-name'] ?? username,
          password,
          isAdmin: values.admin === true,
          locale,
          organizationName: values.org,
          organizationId: values['org-id'],
          officeRoles: officeRolesParsed,
        }),
      );
      console.log(`created user ${user.username}${user.isAdmin ? ' (admin)' : ''}`);
      if (generated) console.log(`password: ${password}`);
      return 0;
    },
  },
  {
    name: 'backup',
    usage: '[--out FILE]',
    summary:
      'Write a consistent copy of the database while the server runs (SQLite; pg_dump for PostgreSQL)',
    async run(args, settings) {
      const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
      const written = await backupDatabase(settings, values.out);
      console.log(`backup written to ${written}`);
      return 0;
    },
  },
  {
    name: 'roster-solve',
    usage:
      '<instance.txt> [--time-limit S] [--out roster.csv] [--seed N] [--workers 1|2] [--quiet]',
    summary:
      'Solve a roster instance (Curtois & Qu format): CSV of the roster and a JSON summary last',
    async run(args) {
      // loaded on demand: the solver and HiGHS are heavy and only this command needs them
      const { runRosterSolve } = await import('./roster-solve.ts');
      return runRosterSolve(args);
    },
  },
  {
    name: 'audit-verify',
    usage: '',
    summary:
      'Walk the audit hash chain; exit non-zero naming the first bad row if any was changed, removed or reordered',
    async run(_args, settings) {
      const result = await withDatabase(settings, (handle) => verifyAuditLog(handle.db));
      if (result.problems.length === 0) {
        console.log(
          `audit log intact: ${String(result.events)} events in ${String(result.organizations)} organization chain(s)`,
        );
        return 0;
      }
      for (const problem of result.problems) {
        console.error(
          `audit log BROKEN in organization ${problem.orgId} at event #${String(problem.seq)}: ${problem.message}`,
        );
      }
      return 1;
    },
  },
];
