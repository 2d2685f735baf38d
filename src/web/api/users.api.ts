import { apiRequest } from './api-client.ts';
import type { CreateUserBody, RoleAssignment, User } from './api-types.ts';

const base = '/api/users';

function userPath(userId: string, action: string): string {
  return `${base}/${encodeURIComponent(userId)}/${action}`;
}

export function listUsers(): Promise<{ users: User[] }> {
  return apiRequest<{ users: User[] }>('GET', base);
}

export function createUser(body: CreateUserBody): Promise<User> {
  return apiRequest<User>('POST', base, body);
}

export function setUserRoles(userId: string, roles: RoleAssignment[]): Promise<User> {
  return apiRequest<User>('PUT', userPath(userId, 'roles'), { roles });
}

export function resetUserPassword(userId: string, newPassword: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', userPath(userId, 'password'), { newPassword });
}

export function setUserActive(userId: string, active: boolean): Promise<User> {
  return apiRequest<User>('PUT', userPath(userId, 'active'), { active });
}
