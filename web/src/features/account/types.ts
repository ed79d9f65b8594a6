import type { components, paths } from '../../../../contracts/api';

export type Me = components['schemas']['Me'];
export type LoginBody = paths['/api/v1/auth/login']['post']['requestBody']['content']['application/json'];
export type RegisterBody = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json'];
export type ProfileBody = paths['/api/v1/me/profile']['patch']['requestBody']['content']['application/json'];
export type Organisation = components['schemas']['Organisation'];
export type OrganisationDetail = components['schemas']['OrganisationDetail'];
export type RepresentativeAuthorisation = components['schemas']['RepresentativeAuthorisation'];
export type Representation = components['schemas']['Representation'];
export type CreateOrganisationBody = paths['/api/v1/organisations']['post']['requestBody']['content']['application/json'];
export type RepresentativeBody = paths['/api/v1/representatives']['post']['requestBody']['content']['application/json'];
