import type { components, paths } from '../../../../contracts/api';

export type Me = components['schemas']['Me'];
export type LoginBody = paths['/api/v1/auth/login']['post']['requestBody']['content']['application/json'];
export type RegisterBody = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json'];
export type ProfileBody = paths['/api/v1/me/profile']['patch']['requestBody']['content']['application/json'];
