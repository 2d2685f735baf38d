import { z } from 'zod';

/**
 * Public holidays of one year as the State Council announces them: periods off (first and
 * last day), weekend days worked in exchange (调休上班), and the statutory days inside each
 * period (法定节假日, triple pay). Later years are entered by an admin in the same shape.
 */
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z
      .array(
        z
          .object({
            name: z.string().min(1).max(40),
            en: z.string().min(1).max(80),
            offDays: z.tuple([dateSchema, dateSchema]),
            workdays: z.array(dateSchema).max(10),
            statutory: z.array(dateSchema).max(10),
          })
          .refine((h) => h.offDays[0] <= h.offDays[1], {
            error: 'the period ends before it starts',
            path: ['offDays'],
          }),
      )
      .max(30),
  })
  .refine(
    (y) =>
      y.holidays.every((h) =>
        [...h.offDays, ...h.statutory].every(
          (d) =>
            d.startsWith(String(y.year)) ||
            d.startsWith(String(y.year + 1)) ||
            d.startsWith(String(y.year - 1)),
        ),
      ),
    {
      error: 'holiday dates must lie in or next to the year',
    },
  );

export type HolidayYear = z.infer<typeof holidayYearSchema>;

export const holidayCalendarListSchema = z
  .object({
    calendars: z.array(
      z.object({
        year: z.number().int(),
        version: z.number().int(),
        source: z.enum(['shipped', 'organization']),
        calendar: holidayYearSchema,
      }),
    ),
  })
  .meta({ id: 'HolidayCalendars' });

export const saveHolidayCalendarBodySchema = z
  .object({ version: z.number().int().min(0), calendar: holidayYearSchema })
  .strict();

export const yearParamsSchema = z
  .object({ year: z.coerce.number().int().min(2000).max(2100) })
  .strict();
