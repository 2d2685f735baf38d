import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  officeRosterSettingsSchema,
  personParamsSchema,
  personRulesSchema,
  rosterSettingsBodySchema,
  shiftTemplatesBodySchema,
} from '../../../shared/contract/roster-settings.ts';
import {
  holidayCalendarListSchema,
  saveHolidayCalendarBodySchema,
  yearParamsSchema,
} from '../../../shared/contract/calendar.ts';
import {
  getRosterSettings,
  listHolidayCalendars,
  replaceShiftTemplates,
  saveHolidayCalendar,
  setPersonRosterRules,
  updateRosterSettings,
} from '../../services/roster-settings.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const settingsResponses = {
  200: officeRosterSettingsSchema,
  ...authErrorResponses,
  409: errorBodySchema,
};

export function registerRosterSettingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  r.get(
    '/api/offices/:officeId/roster-settings',
    {
      schema: {
        operationId: 'getRosterSettings',
        tags: ['roster'],
        summary:
          'The office’s shifts, head counts, rest, limits, fairness and deadlines (ROSTER-1, SHIFT-1)',
        params: officeParamsSchema,
        response: settingsResponses,
      },
    },
    async (request) => getRosterSettings(contextOf(services, request), request.params.officeId),
  );

  r.put(
    '/api/offices/:officeId/roster-settings',
    {
      schema: {
        operationId: 'updateRosterSettings',
        tags: ['roster'],
        summary: 'Save the office’s roster settings (supervisor); send the version you read',
        params: officeParamsSchema,
        body: rosterSettingsBodySchema,
        response: settingsResponses,
      },
    },
    async (request) =>
      updateRosterSettings(contextOf(services, request), request.params.officeId, request.body),
  );

  r.put(
    '/api/offices/:officeId/shift-templates',
    {
      schema: {
        operationId: 'replaceShiftTemplates',
        tags: ['roster'],
        summary: 'Set the office’s shifts (supervisor); overlapping shifts are refused (SHIFT-1)',
        params: officeParamsSchema,
        body: shiftTemplatesBodySchema,
        response: settingsResponses,
      },
    },
    async (request) =>
      replaceShiftTemplates(
        contextOf(services, request),
        request.params.officeId,
        request.body.templates,
      ),
  );

  r.put(
    '/api/offices/:officeId/people/:userId/roster-rules',
    {
      schema: {
        operationId: 'setPersonRosterRules',
        tags: ['roster'],
        summary: 'Set one person’s roster limits and allowed shifts in the office (supervisor)',
        params: personParamsSchema,
        body: personRulesSchema,
        response: settingsResponses,
      },
    },
    async (request) =>
      setPersonRosterRules(
        contextOf(services, request),
        request.params.officeId,
        request.params.userId,
        request.body,
      ),
  );

  r.get(
    '/api/holiday-calendars',
    {
      schema: {
        operationId: 'listHolidayCalendars',
        tags: ['roster'],
        summary: 'Public holidays, adjusted working days (调休) and statutory days per year',
        response: { 200: holidayCalendarListSchema, ...authErrorResponses },
      },
    },
    async (request) => ({ calendars: await listHolidayCalendars(contextOf(services, request)) }),
  );

  r.put(
    '/api/holiday-calendars/:year',
    {
      schema: {
        operationId: 'saveHolidayCalendar',
        tags: ['roster'],
        summary: 'Enter or correct a year’s public holidays (admin); send the version you read',
        params: yearParamsSchema,
        body: saveHolidayCalendarBodySchema,
        response: { 200: holidayCalendarListSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request) => ({
      calendars: await saveHolidayCalendar(
        contextOf(services, request),
        request.params.year,
        request.body,
      ),
    }),
  );
}
