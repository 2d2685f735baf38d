import { request, type APIRequestContext } from 'playwright-core';

/** An API session for seeding what a test needs, as a person with that role would. */
export type ApiSession = {
  call: <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown) => Promise<T>;
  dispose: () => Promise<void>;
};

export async function openApiSession(
  baseURL: string,
  username: string,
  password: string,
): Promise<ApiSession> {
  const context: APIRequestContext = await request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { username, password } });
  if (!login.ok()) throw new Error(`sign-in of ${username}: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    call: async <T>(method: string, path: string, data?: unknown): Promise<T> => {
      const response = await context.fetch(path, {
        method,
        data,
        headers: method === 'GET' ? {} : { 'x-csrf-token': csrfToken },
      });
      if (!response.ok()) throw new Error(`${method} ${path}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    dispose: () => context.dispose(),
  };
}

type Role = 'staff' | 'supervisor' | 'director';

/** Gives a user a role in an office (an admin's act), keeping the roles they have. */
export async function grantOfficeRole(
  admin: ApiSession,
  officeId: string,
  username: string,
  role: Role,
): Promise<void> {
  const { users } = await admin.call<{
    users: { id: string; username: string; roles: { officeId: string; role: Role }[] }[];
  }>('GET', '/api/users');
  const user = users.find((candidate) => candidate.username === username);
  if (user === undefined) throw new Error(`no user ${username}`);
  await admin.call('PUT', `/api/users/${user.id}/roles`, {
    roles: [
      ...user.roles.map(({ officeId: held, role: heldRole }) => ({
        officeId: held,
        role: heldRole,
      })),
      { officeId, role },
    ],
  });
}

/**
 * Opens a second office (an admin's act) and gives a user a role there, keeping the roles they
 * have; returns the new office's id.
 */
export async function addOfficeWithRole(
  admin: ApiSession,
  officeName: string,
  username: string,
  role: Role,
): Promise<string> {
  const office = await admin.call<{ id: string }>('POST', '/api/offices', {
    name: officeName,
    timeZone: 'Asia/Shanghai',
  });
  await grantOfficeRole(admin, office.id, username, role);
  return office.id;
}

/**
 * Publishes a roster month as the supervisor. Publishing the month already under way is late
 * (ROSTER-1): the first try is refused with 422, and the second gives the reason.
 */
export async function publishRoster(
  supervisor: ApiSession,
  rosterPath: string,
  revision: number,
  lateReason: string,
): Promise<void> {
  try {
    await supervisor.call('POST', `${rosterPath}/publish`, { revision });
  } catch (error) {
    if (!String(error).includes('422')) throw error;
    await supervisor.call('POST', `${rosterPath}/publish`, {
      revision,
      overrideReason: lateReason,
    });
  }
}
