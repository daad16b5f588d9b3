// API tokens from the command line, for automation:
//   npm run token -- create --user <email> [--name <name>] [--days <n>]   (prints the token on its last line)
//   npm run token -- list --user <email>
//   npm run token -- revoke --id <token id>
import { parseArgs } from 'node:util';
import { disconnectDatabase } from '@/server/db';
import { findUserByEmail } from '@/server/auth/queries';
import { createApiToken, listApiTokens, revokeApiToken } from '@/server/tokens/queries';
import { recordAudit } from '@/server/audit/queries';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' }, id: { type: 'string' } },
});

async function userByEmail(email: string | undefined) {
  if (!email) throw new Error('--user <email> is required');
  const user = await findUserByEmail(email);
  if (!user) throw new Error(`no user with email ${email}`);
  return user;
}

async function main() {
  switch (positionals[0]) {
    case 'create': {
      const user = await userByEmail(values.user);
      const days = values.days ? Number(values.days) : undefined;
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) throw new Error('--days must be a whole number from 1 to 365');
      const { token, record } = await createApiToken(user.id, values.name ?? 'cli', days);
      await recordAudit({
        actor: { userId: user.id, email: user.email },
        action: 'token.create',
        resourceType: 'api-token',
        resourceId: record.id,
        outcome: 'success',
        details: { name: record.name, via: 'cli' },
      });
      console.error(`Created token ${record.prefix}… (${record.id}) for ${user.email}. It is printed once, below:`);
      console.log(token);
      break;
    }
    case 'list': {
      const user = await userByEmail(values.user);
      for (const t of await listApiTokens(user.id)) console.log(`${t.id}  ${t.prefix}…  ${t.name}  ${t.revokedAt ? 'revoked' : 'active'}`);
      break;
    }
    case 'revoke': {
      if (!values.id) throw new Error('--id <token id> is required');
      const t = await revokeApiToken(values.id, { userId: '', isPlatformAdmin: true });
      console.log(`revoked ${t.id}`);
      break;
    }
    default:
      throw new Error('usage: npm run token -- create --user <email> [--name <name>] [--days <n>] | list --user <email> | revoke --id <id>');
  }
}

main()
  .catch((err: Error) => {
    console.error(err.message);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
