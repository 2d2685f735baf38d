import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema, okSchema } from '../../../shared/contract/common.ts';
import {
  createUserBodySchema,
  resetPasswordBodySchema,
  setActiveBodySchema,
  setRolesBodySchema,
  userListSchema,
  userParamsSchema,
  userSchema,
} from '../../../shared/contract/org.ts';
import {
  createUser,
  listUsers,
  resetPassword,
  setActive,
  setRoles,
} from '../../services/users.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

export function registerUserRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  r.get(
    '/api/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'Users of the organization with their roles (admin)',
        response: { 200: userListSchema, ...authErrorResponses },
      },
    },
    async (request) => ({ users: await listUsers(contextOf(services, request)) }),
  );

  r.post(
    '/api/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create a user; they must change the password at first sign-in (admin)',
        body: createUserBodySchema,
        response: { 201: userSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const user = await createUser(contextOf(services, request), request.body);
      return reply.code(201).send(user);
    },
  );

  r.put(
    '/api/users/:userId/roles',
    {
      schema: {
        operationId: 'setUserRoles',
        tags: ['users'],
        summary: 'Set a user’s role in each office (admin)',
        params: userParamsSchema,
        body: setRolesBodySchema,
        response: { 200: userSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      setRoles(contextOf(services, request), request.params.userId, request.body.roles),
  );

  r.post(
    '/api/users/:userId/password',
    {
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        summary: 'Set a new password for a user; their sessions end (admin)',
        params: userParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: okSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request) => {
      await resetPassword(
        contextOf(services, request),
        request.params.userId,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  r.put(
    '/api/users/:userId/active',
    {
      schema: {
        operationId: 'setUserActive',
        tags: ['users'],
        summary: 'Deactivate or reactivate a user (admin); users are never deleted',
        params: userParamsSchema,
        body: setActiveBodySchema,
        response: { 200: userSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request) =>
      setActive(contextOf(services, request), request.params.userId, request.body.active),
  );
}
