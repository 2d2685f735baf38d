// Types only: the web app's shapes come from the server's zod contract, so a change there is a
// compile error here; `import type` keeps zod itself out of the browser bundle.
import type { z } from 'zod';
import type {
  changePasswordBodySchema,
  loginBodySchema,
  meSchema,
  updateProfileBodySchema,
} from '../../shared/contract/auth.ts';
import type {
  createUserBodySchema,
  officeSchema,
  roleAssignmentSchema,
  shiftTemplateSchema,
  userSchema,
} from '../../shared/contract/org.ts';
import type {
  officeRosterSettingsSchema,
  personRulesSchema,
  rosterSettingsSchema,
  shiftTemplateInputSchema,
} from '../../shared/contract/roster-settings.ts';
import type { holidayCalendarListSchema } from '../../shared/contract/calendar.ts';

export type Me = z.infer<typeof meSchema>;
export type Membership = Me['offices'][number];
export type LoginBody = z.input<typeof loginBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type UpdateProfileBody = z.input<typeof updateProfileBodySchema>;

export type Office = z.infer<typeof officeSchema>;
export type ShiftTemplate = z.infer<typeof shiftTemplateSchema>;
export type User = z.infer<typeof userSchema>;
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export type OfficeRosterSettings = z.infer<typeof officeRosterSettingsSchema>;
export type RosterSettings = z.infer<typeof rosterSettingsSchema>;
export type PersonLimits = RosterSettings['defaults'];
export type PersonRules = z.input<typeof personRulesSchema>;
export type ShiftTemplateInput = z.input<typeof shiftTemplateInputSchema>;
export type HolidayCalendarEntry = z.infer<typeof holidayCalendarListSchema>['calendars'][number];
