import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import getPort from 'get-port';
import { fakeAnaf } from '@roaauto/server/test/fake-anaf';
import { describeReport, officialReports } from '@roaauto/shared/efactura/official-validation';
import { startServer } from './server';

/** The XML passes what ANAF runs: the official UBL 2.1 schema and the CIUS-RO rules, with nothing fatal. */
export async function expectAcceptedByAnaf(xml: string): Promise<void> {
  const [report] = await officialReports([xml]);
  expect(report && { schema: report.schema, fatal: report.fatal }, report && describeReport(report)).toEqual({ schema: [], fatal: [] });
}

/**
 * A server process wired to a local fake of ANAF (the one the server tests use, as a real HTTP server)
 * with fast workers; both are stopped by `stop`.
 */
export async function serverWithFakeAnaf() {
  const clientId = 'roaauto-e2e';
  const clientSecret = 'roaauto-e2e-secret';
  const fake = await fakeAnaf({ clientId, clientSecret });
  const port = await getPort({ host: '127.0.0.1' });
  const server = await startServer({
    ANAF_CLIENT_ID: clientId,
    ANAF_CLIENT_SECRET: clientSecret,
    ANAF_REDIRECT_URI: `http://127.0.0.1:${port}/api/accounting/efactura/callback`,
    ANAF_OAUTH_URL: fake.oauthUrl,
    ANAF_API_URL: fake.apiUrl,
    ANAF_TOKEN_KEY: randomBytes(32).toString('base64'),
    ANAF_WORKER_MS: '500',
    ANAF_POLL_MS: '500',
  }, { port });
  return {
    fake,
    server,
    stop: async () => {
      await server.stop();
      await fake.close();
    },
  };
}
