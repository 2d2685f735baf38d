import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses } from '../../../shared/contract/common.ts';
import {
  auditQuerySchema,
  auditTrailSchema,
  auditVerificationSchema,
} from '../../../shared/contract/audit.ts';
import { listAuditTrail, verifyOwnAuditTrail } from '../../services/audit.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  r.get(
    '/api/audit-events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'The organization’s hash-chained audit trail, newest first (admin)',
        querystring: auditQuerySchema,
        response: { 200: auditTrailSchema, ...authErrorResponses },
      },
    },
    async (request) => listAuditTrail(contextOf(services, request), request.query),
  );

  r.get(
    '/api/audit-events/verification',
    {
      schema: {
        operationId: 'verifyAuditEvents',
        tags: ['audit'],
        summary: 'Walk the organization’s hash chain and name the first bad row, if any (admin)',
        response: { 200: auditVerificationSchema, ...authErrorResponses },
      },
    },
    async (request) => verifyOwnAuditTrail(contextOf(services, request)),
  );
}
