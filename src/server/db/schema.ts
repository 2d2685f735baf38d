import type { ColumnType, Generated } from 'kysely';

/**
 * Table types as both engines return them. Instants are `timestamptz` on PostgreSQL (a Date
 * comes back) and ISO-8601 UTC text on SQLite; booleans are `boolean` on PostgreSQL and 0/1 on
 * SQLite. Repositories convert with the helpers in `values.ts`; nothing else sees raw rows.
 */
export type Instant = ColumnType<Date | string, string, string>;
export type Flag = ColumnType<boolean | number, number, number>;

export type OrganizationTable = {
  id: string;
  name: string;
  created_at: Instant;
};

export type OfficeTable = {
  id: string;
  org_id: string;
  name: string;
  time_zone: string;
  created_at: Instant;
};

export type PostTable = {
  id: string;
  org_id: string;
  office_id: string;
  name: string;
  created_at: Instant;
};

export type ShiftTemplateTable = {
  id: string;
  org_id: string;
  office_id: string;
  code: string;
  name: string;
  start_time: string;
  end_time: string;
  ordinal: number;
  created_at: Instant;
  active: ColumnType<boolean | number, number | undefined, number>;
  updated_at: ColumnType<Date | string | null, string | null | undefined, string | null>;
};

export type OfficeRosterSettingsTable = {
  office_id: string;
  org_id: string;
  settings: string;
  version: number;
  updated_at: Instant;
  updated_by: string | null;
};

export type PersonRosterRulesTable = {
  office_id: string;
  user_id: string;
  org_id: string;
  rules: string;
  updated_at: Instant;
};

export type HolidayCalendarTable = {
  org_id: string;
  year: number;
  data: string;
  version: number;
  updated_at: Instant;
};

export type UserTable = {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: Flag;
  active: Flag;
  must_change_password: Flag;
  locale: string;
  created_at: Instant;
  password_changed_at: Instant;
  version: number;
};

export type UserOfficeRoleTable = {
  org_id: string;
  user_id: string;
  office_id: string;
  role: string;
  created_at: Instant;
};

export type SessionTable = {
  id: string;
  org_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  revoked_at: Instant | null;
  user_agent: string | null;
  ip: string | null;
};

export type AuditEventTable = {
  org_id: string;
  seq: number;
  at: Instant;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
};

export type AuditHeadTable = {
  org_id: string;
  seq: number;
  hash: string;
};

export type MetaTable = {
  key: string;
  value: string;
};

export type Database = {
  organizations: OrganizationTable;
  offices: OfficeTable;
  posts: PostTable;
  shift_templates: ShiftTemplateTable;
  users: UserTable;
  user_office_roles: UserOfficeRoleTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  audit_heads: AuditHeadTable;
  app_meta: MetaTable;
  office_roster_settings: OfficeRosterSettingsTable;
  person_roster_rules: PersonRosterRulesTable;
  holiday_calendars: HolidayCalendarTable;
};

/** Generated is re-exported for later tables with database-made columns. */
export type { Generated };
