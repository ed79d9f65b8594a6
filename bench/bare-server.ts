// The reference for npm run bench: the cheapest Fastify route this machine can serve.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3301) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
