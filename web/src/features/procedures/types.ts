import type { paths } from '../../../../contracts/api';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type SearchResult = Json<paths['/api/v1/procedures']['get']>;
export type ProcedureSummary = SearchResult['items'][number];
export type ProcedureDetail = Json<paths['/api/v1/procedures/{code}']['get']>;
export type ProcedureCase = ProcedureDetail['cases'][number];
export type ChannelTerms = ProcedureCase['channels'][number];
export type TimePhase = ChannelTerms['phases'][number];
export type FeeItem = ChannelTerms['fees'][number];
export type CaseComponent = ProcedureCase['components'][number];
export type TemplateFile = CaseComponent['templates'][number];
export type ProcedureAgency = ProcedureDetail['agencies'][number];
export type LegalDoc = ProcedureDetail['version']['legalBasis'][number];
export type FieldWithCount = Json<paths['/api/v1/fields']['get']>['items'][number];
export type OnlineLevel = ProcedureSummary['onlineLevel'];
export type Channel = ChannelTerms['channel'];
