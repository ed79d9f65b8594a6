/**
 * Public surface of the National Single Window connector (docs/adr/0013-national-single-window.md):
 * the SOAP endpoint `receiveRequest` with its WSDL, applications filed as dossiers of origin NSW,
 * and the reception notices and results sent back from the dossier event stream.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config/config.js';
import type { AppModule } from '../../platform/modules.js';
import { createNswOutboundConsumer } from './nsw.consumer.js';
import { nswRoutes } from './nsw.routes.js';
import { createNswSender, type NswSender } from './nsw.sender.js';

export { createNswOutboundConsumer, NSW_CONSUMER, NSW_OUTBOUND } from './nsw.consumer.js';
export { createNswSender, nswRetryDelayMs, type NswSender } from './nsw.sender.js';
export { receiveNswRequest } from './nsw.receive.js';
export { nswWsdl } from './nsw.wsdl.js';
export * from './nsw.tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The NSW sender of this node (null when NSW_ENDPOINT_URL is unset). */
    nswSender: NswSender | null;
  }
}

function consumersFor(config: Config) {
  return config.nswEndpointUrl ? [createNswOutboundConsumer()] : [];
}

export const nswModule: AppModule = {
  name: 'nsw',
  plugins: async (app: FastifyInstance) => {
    const config = app.config;
    const sender = config.nswEndpointUrl ? createNswSender({ db: app.db, config, storage: app.storage, logger: app.log }) : null;
    app.decorate('nswSender', sender);
    // Worker nodes send once the server listens (npm start); tests drive app.nswSender themselves.
    if (sender && config.jobsWorker) app.addHook('onListen', async () => sender.start(config.nswPollMs));
    app.addHook('onClose', async () => sender?.stop());
  },
  routes: async (app, prefix) => {
    await app.register(nswRoutes, { prefix });
  },
  consumers: consumersFor,
};
