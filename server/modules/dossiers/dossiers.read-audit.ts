/**
 * Every successful read of a dossier (its view, events, files, PDFs, workspace, result) is written
 * to the audit trail before the answer leaves: a dossier holds personal data (domain brief §7.6).
 * One hook per route plugin, so no route can forget it. Inbox pages (code, procedure, applicant's
 * name, deadlines) are not audited: each audited row passes the chain's single lock, and an
 * inbox is read far more often than a dossier is opened.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordRead } from '../../platform/audit/index.js';

function actorUserId(request: FastifyRequest): string | null {
  const actor = request.actor;
  return actor.kind === 'applicant' || actor.kind === 'official' ? actor.userId : null;
}

export function auditDossierReads(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    const userId = actorUserId(request);
    if (!userId) return payload;
    const route = request.routeOptions.url ?? '';
    const dossierId = (request.params as { dossierId?: string } | undefined)?.dossierId;
    if (dossierId) await recordRead(app.db, { actorUserId: userId, subject: `dossier:${dossierId}`, action: 'DOSSIER_READ', ip: request.ip, details: { route } });
    return payload;
  });
}
