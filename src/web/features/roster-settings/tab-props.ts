import type { OfficeRosterSettings } from '../../api/api-types.ts';

/** What every editable section gets from the page. */
export type SectionProps = {
  data: OfficeRosterSettings;
  /** supervisor or director of the office; the server enforces it anyway */
  canEdit: boolean;
  /** the server's answer to a save: the whole settings, with the new version */
  onSaved: (data: OfficeRosterSettings) => void;
  /**
   * A save failed; returns true when the page handled it (someone else saved meanwhile: the
   * page says so and reloads), false when the section shows it.
   */
  onFailure: (error: unknown) => boolean;
};

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
