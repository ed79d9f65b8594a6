/** Webhook event types and the body each message carries. */
import { dossierEventTypes } from '../dossiers/index.js';

/** `dossier.status_changed` (the national status 1–10 changed) and every dossier event type. */
export const STATUS_CHANGED = 'dossier.status_changed';
export const TEST_EVENT = 'webhook.test';
export const webhookEventTypes = [STATUS_CHANGED, ...dossierEventTypes] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface WebhookBody {
  type: string;
  /** ISO 8601 instant of the event. */
  timestamp: string;
  data: {
    dossierCode: string | null;
    /** National status 1–10 after the event. */
    status: number | null;
    previousStatus: number | null;
    procedureCode: string | null;
    eventId: string | null;
    eventType: string;
    position: number;
    occurredAt: string;
    [key: string]: unknown;
  };
}
