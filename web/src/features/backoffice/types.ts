import type { paths } from '../../../../contracts/api';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type InboxQuery = NonNullable<paths['/api/v1/inbox']['get']['parameters']['query']>;
export type InboxPage = Json<paths['/api/v1/inbox']['get']>;
export type InboxItem = InboxPage['items'][number];
export type DeadlineState = InboxItem['deadlineState'];
export type ProcessingView = Json<paths['/api/v1/dossiers/{dossierId}/processing']['get']>;
export type AvailableAction = ProcessingView['actions'][number];
export type ActionNeed = AvailableAction['needs'][number];
export type ProcessingDocument = ProcessingView['documents'][number];
export type SupplementRound = ProcessingView['supplementRounds'][number];
export type ActionBody = NonNullable<Body<paths['/api/v1/dossiers/{dossierId}/actions/{action}']['post']>>;
export type ResultDraft = Json<paths['/api/v1/dossiers/{dossierId}/result-draft']['get']>;
export type ResultDraftBody = Body<paths['/api/v1/dossiers/{dossierId}/result-draft']['put']>;
export type RatingBody = Body<paths['/api/v1/dossiers/{dossierId}/rating']['post']>;
