import type { components, paths } from '../../../../contracts/api';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type Dossier = components['schemas']['Dossier'];
export type DossierSummary = components['schemas']['DossierSummary'];
export type MyDossierSummary = components['schemas']['MyDossierSummary'];
export type DossierAttachment = components['schemas']['DossierAttachment'];
export type DossierComponent = Dossier['components'][number];
export type SupplementRequest = components['schemas']['SupplementRequest'];
export type DossierStatus = Dossier['status'];
export type DossierPage = Json<paths['/api/v1/dossiers']['get']>;
export type DossierEvent = Json<paths['/api/v1/dossiers/{dossierId}/events']['get']>['items'][number];
export type Tracking = components['schemas']['DossierTracking'];
export type OnBehalfOf = NonNullable<paths['/api/v1/dossiers']['post']['requestBody']>['content']['application/json']['onBehalfOf'];
export type CounterIntakeBody = NonNullable<paths['/api/v1/counter/dossiers']['post']['requestBody']>['content']['application/json'];
export type Answers = Record<string, unknown>;
export type Receipt = components['schemas']['Receipt'];
export type DossierDelivery = components['schemas']['DossierDelivery'];
export type DeliveryMethod = DossierDelivery['options'][number];
