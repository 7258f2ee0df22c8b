// A certified OpenID Connect provider (the oidc-provider package) standing in for the municipality's
// identity provider in the single sign-on tests. It listens on 127.0.0.1 only.
//
//   PORT=9000 JWKS_FILE=keys.json node server.js
//
// JWKS_FILE holds the private signing key(s) as a JSON Web Key Set; the tests make the key, so that they can
// also sign tokens of their own (a token the provider could have signed, with a wrong audience, say).
// The login page is the package's development login form: any password is accepted for the accounts below.
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 9000);
const issuer = `http://127.0.0.1:${port}`;
const jwks = JSON.parse(readFileSync(process.env.JWKS_FILE, 'utf8'));

const CLIENT_ID = 'strategiportal';
const CLIENT_SECRET = 'strategiportal-test-secret';

// The municipality's people and the groups the directory puts them in.
const ACCOUNTS = {
  'udvalg@kommune.example': {
    given_name: 'Lene', family_name: 'Holm', groups: ['SG-Beskaeftigelsesudvalg', 'SG-Alle-Ansatte'],
  },
  'leder@kommune.example': {
    given_name: 'Jonas', family_name: 'Bech', groups: ['SG-Jobcenter-Ledere', 'SG-Alle-Ansatte'],
  },
  'kantine@kommune.example': {
    given_name: 'Kim', family_name: 'Kok', groups: ['SG-Kantine', 'SG-Alle-Ansatte'],
  },
};

async function findAccount(ctx, id) {
  const person = ACCOUNTS[id];
  if (!person) return undefined;
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        preferred_username: id,
        email: id,
        email_verified: true,
        name: `${person.given_name} ${person.family_name}`,
        given_name: person.given_name,
        family_name: person.family_name,
        groups: person.groups,
      };
    },
  };
}

// The portal is a first-party application: no consent page, as when the directory's administrator has
// consented for the whole organisation.
async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
  grant.addOIDCScope('openid profile email groups');
  await grant.save();
  return grant;
}

async function logoutSource(ctx, form) {
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head>
    <body><h1>Sign out from the identity provider?</h1>${form}
    <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
    <button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: ['http://127.0.0.1/oidc/callback/'],
    post_logout_redirect_uris: ['http://127.0.0.1/'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks,
  findAccount,
  loadExistingGrant,
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  // The claims of the scopes go into the ID token too, as Entra ID puts its groups there.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true, logoutSource },
  },
  cookies: { keys: ['strategiportal-test-provider-cookie-key'] },
});

// The portal under test runs on a port of its own (Django's live server) or as Django's test client: any
// loopback address, or the test client's "testserver", may be sent back to, on the registered paths.
const LOCAL = new Set(['127.0.0.1', 'localhost', 'testserver']);
function local(uri, path) {
  const url = URL.parse(uri);
  return url !== null && url.protocol === 'http:' && LOCAL.has(url.hostname) && url.pathname === path;
}
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
  return local(uri, '/oidc/callback/');
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(uri) {
  return local(uri, '/');
};

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
