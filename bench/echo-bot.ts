/**
 * The baseline for `npm run bench`: a bare Teams AI echo bot on the same stack (restify, TeamsAdapter,
 * Application, in-memory state), so our answering throughput is compared with the cheapest possible turn.
 */
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, MemoryStorage, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import restify from 'restify';

const adapter = new TeamsAdapter({} as ConfigurationBotFrameworkAuthenticationOptions, new ConfigurationServiceClientCredentialFactory({}));
const app = new Application({ adapter, storage: new MemoryStorage() });
app.activity('message', async (context) => {
  await context.sendActivity(`You said: ${context.activity.text}`);
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await app.run(context);
  });
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { ok: true });
});
server.listen(Number(process.env.PORT ?? 3988), '127.0.0.1');
