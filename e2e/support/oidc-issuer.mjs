// A real OpenID Connect provider (node oidc-provider) on 127.0.0.1, for testing Slipway's OIDC
// sign-in end to end. Its built-in development login screen accepts any password: the login name
// becomes the account, and the account's email is <login>@example.com. Its groups (the `groups`
// claim, released with the profile scope) are read at each sign-in from the JSON file `groupsFile`
// ({ "<login>": ["group", …] }), so a test changes a person's groups as an IdP admin would.
import { existsSync, readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

/**
 * Starts the issuer; returns its URL and a stop function.
 * @param {{ port: number, clientId: string, clientSecret: string, redirectUri: string, groupsFile?: string }} options
 */
export async function startOidcIssuer({ port, clientId, clientSecret, redirectUri, groupsFile }) {
  const issuer = `http://127.0.0.1:${port}`;
  const groupsOf = (sub) => (groupsFile && existsSync(groupsFile) ? (JSON.parse(readFileSync(groupsFile, 'utf8'))[sub] ?? []) : []);
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'groups'] },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.com`, email_verified: true, name: `${sub} (via OIDC)`, preferred_username: sub, groups: groupsOf(sub) };
        },
      };
    },
    cookies: { keys: ['slipway-test-oidc-cookie-key'] },
    // Skip the consent screen: the client is first-party.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return { issuer, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Run on its own: node e2e/support/oidc-issuer.mjs <port> <clientId> <clientSecret> <redirectUri> [groupsFile]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, clientId, clientSecret, redirectUri, groupsFile] = process.argv.slice(2);
  const { issuer } = await startOidcIssuer({ port: Number(port), clientId, clientSecret, redirectUri, groupsFile });
  console.log(`OIDC issuer on ${issuer}`);
}
