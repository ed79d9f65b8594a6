import type { components, paths } from '../../../../contracts/api';

export type AdminUnit = paths['/api/v1/admin/units']['get']['responses'][200]['content']['application/json']['items'][number];
export type AdminOfficial = components['schemas']['AdminOfficial'];
export type OfficialPage = paths['/api/v1/admin/officials']['get']['responses'][200]['content']['application/json'];
export type OfficialFilters = NonNullable<paths['/api/v1/admin/officials']['get']['parameters']['query']>;
export type CreateUnitBody = paths['/api/v1/admin/units']['post']['requestBody']['content']['application/json'];
export type RenameUnitBody = paths['/api/v1/admin/units/{unitId}']['patch']['requestBody']['content']['application/json'];
export type CreateOfficialBody = paths['/api/v1/admin/officials']['post']['requestBody']['content']['application/json'];
export type CreatedOfficial = paths['/api/v1/admin/officials']['post']['responses'][201]['content']['application/json'];
export type TotpReset = paths['/api/v1/admin/officials/{userId}/totp-reset']['post']['responses'][200]['content']['application/json'];
export type AddGrantBody = paths['/api/v1/admin/officials/{userId}/grants']['post']['requestBody']['content']['application/json'];
export type ApiClient = components['schemas']['ApiClient'];
export type RegisterClientBody = paths['/api/v1/admin/api-clients']['post']['requestBody']['content']['application/json'];
export type RegisteredClient = paths['/api/v1/admin/api-clients']['post']['responses'][201]['content']['application/json'];
export type OfficialRole = AdminOfficial['grants'][number]['role'];

export const officialRoles: OfficialRole[] = ['ONE_STOP_OFFICER', 'SPECIALIST', 'UNIT_HEAD', 'LEADER', 'RECORDS_CLERK', 'ADMINISTRATOR', 'ACCOUNTANT', 'CATALOGUE_EDITOR', 'PROCESS_DESIGNER'];
export const apiScopes = ['procedures:read', 'dossiers:read', 'dossiers:read:personal', 'dossiers:write', 'statistics:read', 'catalogue:read', 'dvcqg:push', 'nsw:submit'] as const;
/** Electronic identification code of an agency (Decision 20/2020/QĐ-TTg), as the server checks it. */
export const UNIT_CODE_PATTERN = /^[A-Z0-9]{3}\.[A-Z0-9]{2}\.[A-Z0-9]{2}\.[A-Z0-9]{3}$/;
export type OrganisationClaim = components['schemas']['OrganisationClaim'];
