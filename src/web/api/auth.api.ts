import { apiRequest } from './api-client.ts';
import type { ChangePasswordBody, LoginBody, Me, UpdateProfileBody } from './api-types.ts';

export function fetchMe(): Promise<Me> {
  return apiRequest<Me>('GET', '/api/me');
}

export function login(body: LoginBody): Promise<Me> {
  return apiRequest<Me>('POST', '/api/auth/login', body);
}

export function logout(): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', '/api/auth/logout');
}

export function updateProfile(body: UpdateProfileBody): Promise<Me> {
  return apiRequest<Me>('PATCH', '/api/me', body);
}

export function changePassword(body: ChangePasswordBody): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', '/api/me/password', body);
}
