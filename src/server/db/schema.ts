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

export type RosterTable = {
  id: string;
  org_id: string;
  office_id: string;
  month: string;
  status: string;
  draft: string;
  revision: number;
  published_version: number | null;
  published_at: Instant | null;
  published_by: string | null;
  published_late: ColumnType<boolean | number, number | undefined, number>;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
};

export type RosterVersionTable = {
  id: string;
  org_id: string;
  roster_id: string;
  version: number;
  kind: string;
  reason: string | null;
  late: Flag;
  snapshot: string;
  created_at: Instant;
  created_by: string;
};

export type RosterAssignmentTable = {
  id: string;
  org_id: string;
  office_id: string;
  roster_id: string;
  version: number;
  user_id: string;
  date: string;
  shift_template_id: string;
  starts_at: Instant;
  ends_at: Instant;
};

export type RosterWishTable = {
  id: string;
  org_id: string;
  office_id: string;
  month: string;
  user_id: string;
  date: string;
  kind: string;
  shift_code: string | null;
  note: string | null;
  created_at: Instant;
  withdrawn_at: Instant | null;
};

export type RosterGenerationTable = {
  id: string;
  org_id: string;
  office_id: string;
  roster_id: string;
  status: string;
  requested_by: string;
  time_limit_seconds: number;
  keep_pinned: Flag;
  base_revision: number;
  stop_requested: ColumnType<boolean | number, number | undefined, number>;
  progress: string;
  result: string | null;
  started_at: Instant;
  heartbeat_at: Instant;
  finished_at: Instant | null;
};

export type CalendarFeedTable = {
  id: string;
  org_id: string;
  office_id: string;
  user_id: string | null;
  created_by: string;
  token_hash: string;
  created_at: Instant;
  revoked_at: Instant | null;
};

export type LeaveRequestTable = {
  id: string;
  org_id: string;
  office_id: string;
  user_id: string;
  type: string;
  reason: string;
  status: string;
  version: number;
  created_at: Instant;
  decided_by: string | null;
  decided_at: Instant | null;
  decision_reason: string | null;
  roster_version: number | null;
};

export type LeaveRequestShiftTable = {
  request_id: string;
  org_id: string;
  office_id: string;
  user_id: string;
  date: string;
  shift_code: string;
  substitute_user_id: string | null;
  override_reason: string | null;
  covered_by_emergency: Flag;
};

export type SwapRequestTable = {
  id: string;
  org_id: string;
  office_id: string;
  proposer_id: string;
  counterpart_id: string;
  give_date: string;
  give_shift: string;
  take_date: string | null;
  take_shift: string | null;
  reason: string;
  status: string;
  version: number;
  created_at: Instant;
  responded_at: Instant | null;
  decided_by: string | null;
  decided_at: Instant | null;
  decision_reason: string | null;
  roster_version: number | null;
};

export type EmergencyCoverTable = {
  id: string;
  org_id: string;
  office_id: string;
  date: string;
  shift_code: string;
  absent_user_id: string;
  substitute_user_id: string;
  reason: string;
  override_reason: string | null;
  roster_version: number;
  created_by: string;
  created_at: Instant;
};

export type NotificationTable = {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  payload: string;
  created_at: Instant;
  read_at: Instant | null;
};

export type RosterReminderTable = {
  office_id: string;
  month: string;
  day: string;
  org_id: string;
  overdue: Flag;
  sent_at: Instant;
};

// ---- the duty desk (migration 0005-desk) ----
export type OfficeDeskSettingsTable = {
  office_id: string;
  org_id: string;
  settings: string;
  version: number;
  updated_at: Instant;
  updated_by: string | null;
};

export type DutySessionTable = {
  id: string;
  org_id: string;
  office_id: string;
  post_id: string;
  user_id: string;
  date: string;
  shift_code: string;
  shift_name: string;
  starts_at: Instant;
  ends_at: Instant;
  checked_in_at: Instant;
  late_minutes: number;
  checked_out_at: Instant | null;
};

export type PostAbsenceTable = {
  id: string;
  org_id: string;
  office_id: string;
  duty_session_id: string;
  user_id: string;
  reason: string;
  note: string | null;
  left_at: Instant;
  expected_back_at: Instant;
  returned_at: Instant | null;
};

export type StoredFileTable = {
  org_id: string;
  sha256: string;
  media_type: string;
  size: number;
  created_at: Instant;
  created_by: string;
};

export type AttachmentTable = {
  id: string;
  org_id: string;
  office_id: string;
  owner_kind: string;
  owner_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  created_by: string;
  created_at: Instant;
};

export type DeskItemTable = {
  id: string;
  org_id: string;
  office_id: string;
  kind: string;
  priority: string;
  status: string;
  level: string;
  resident_name: string | null;
  unit: string | null;
  phone: string | null;
  channel: string;
  subject: string;
  owner_id: string | null;
  version: number;
  created_by: string;
  created_at: Instant;
  respond_by: Instant | null;
  resolve_by: Instant | null;
  responded_at: Instant | null;
  resolved_at: Instant | null;
  closed_at: Instant | null;
};

export type DeskItemEventTable = {
  id: string;
  org_id: string;
  item_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  at: Instant;
  payload: string;
};

export type DutyLogEntryTable = {
  id: string;
  org_id: string;
  office_id: string;
  post_id: string;
  duty_session_id: string | null;
  author_id: string;
  category: string;
  text: string;
  corrects_id: string | null;
  desk_item_id: string | null;
  created_at: Instant;
};

export type DeadlineTable = {
  id: string;
  org_id: string;
  office_id: string;
  kind: string;
  subject_id: string;
  key: string;
  due_at: Instant;
  created_at: Instant;
  done_at: Instant | null;
  outcome: string | null;
};

// ---- phone calls (migration 0006-phone) ----

export type PhoneCallTable = {
  id: string;
  org_id: string;
  office_id: string;
  call_key: string;
  line: string | null;
  caller: string | null;
  ring_started_at: Instant;
  answered_at: Instant | null;
  ended_at: Instant | null;
  answered_by: string | null;
  source: string;
  created_at: Instant;
  created_by: string | null;
  callback_done_at: Instant | null;
  callback_by: string | null;
  callback_note: string | null;
};

export type PhoneCallEventTable = {
  org_id: string;
  office_id: string;
  call_key: string;
  event: string;
  at: Instant;
  received_at: Instant;
};

export type PhoneWebhookSecretTable = {
  office_id: string;
  org_id: string;
  secret: string;
  created_at: Instant;
  created_by: string | null;
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
  rosters: RosterTable;
  roster_versions: RosterVersionTable;
  roster_assignments: RosterAssignmentTable;
  roster_wishes: RosterWishTable;
  roster_generations: RosterGenerationTable;
  calendar_feeds: CalendarFeedTable;
  leave_requests: LeaveRequestTable;
  leave_request_shifts: LeaveRequestShiftTable;
  swap_requests: SwapRequestTable;
  emergency_covers: EmergencyCoverTable;
  notifications: NotificationTable;
  roster_reminders: RosterReminderTable;
  // the duty desk (0005-desk)
  office_desk_settings: OfficeDeskSettingsTable;
  duty_sessions: DutySessionTable;
  post_absences: PostAbsenceTable;
  stored_files: StoredFileTable;
  attachments: AttachmentTable;
  desk_items: DeskItemTable;
  desk_item_events: DeskItemEventTable;
  duty_log_entries: DutyLogEntryTable;
  deadlines: DeadlineTable;
  // phone calls (0006-phone)
  phone_calls: PhoneCallTable;
  phone_call_events: PhoneCallEventTable;
  phone_webhook_secrets: PhoneWebhookSecretTable;
  // the shift handover (0008-handover)
  post_inventories: PostInventoryTable;
  handovers: HandoverTable;
  handover_steps: HandoverStepTable;
  handover_signatures: HandoverSignatureTable;
  // garden patrols (0009-patrol-routes)
  patrol_routes: PatrolRouteTable;
  patrol_checkpoints: PatrolCheckpointTable;
  patrol_rounds: PatrolRoundTable;
  patrol_visits: PatrolVisitTable;
  nonconformances: NonconformanceTable;
  nonconformance_events: NonconformanceEventTable;
  patrol_missed_rounds: PatrolMissedRoundTable;
};

export type PostInventoryTable = {
  id: string;
  org_id: string;
  office_id: string;
  post_id: string;
  version: number;
  items: string;
  created_at: Instant;
  created_by: string;
};
export type HandoverTable = {
  id: string;
  org_id: string;
  office_id: string;
  post_id: string;
  outgoing_session_id: string;
  outgoing_user_id: string;
  incoming_session_id: string | null;
  incoming_user_id: string | null;
  status: string;
  version: number;
  gap: Flag;
  opened_at: Instant;
  log_from: Instant;
  log_to: Instant | null;
  sealed_at: Instant | null;
};
export type HandoverStepTable = {
  id: string;
  org_id: string;
  handover_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  at: Instant;
  payload: string;
};
export type HandoverSignatureTable = {
  handover_id: string;
  side: string;
  org_id: string;
  user_id: string;
  at: Instant;
  hash: string;
};

export type PatrolRouteTable = {
  id: string;
  org_id: string;
  office_id: string;
  name: string;
  version: number;
  planned_rounds: string;
  created_at: Instant;
  updated_at: Instant;
  updated_by: string;
};
export type PatrolCheckpointTable = {
  id: string;
  org_id: string;
  office_id: string;
  route_id: string;
  seq: number;
  name: string;
  code: string;
  checklist: string;
  archived_at: Instant | null;
};

export type PatrolRoundTable = {
  id: string;
  org_id: string;
  office_id: string;
  route_id: string;
  user_id: string;
  duty_session_id: string;
  absence_id: string;
  client_id: string;
  planned_key: string | null;
  planned_index: number | null;
  window_opens_at: Instant | null;
  window_closes_at: Instant | null;
  late: Flag;
  started_at: Instant;
  finished_at: Instant | null;
};
export type PatrolVisitTable = {
  id: string;
  org_id: string;
  office_id: string;
  round_id: string;
  checkpoint_id: string;
  client_id: string;
  method: string;
  visited_at: Instant;
  recorded_at: Instant;
  results: string;
  note: string | null;
};

export type NonconformanceTable = {
  id: string;
  org_id: string;
  office_id: string;
  client_id: string;
  what: string;
  checkpoint_id: string | null;
  location: string | null;
  round_id: string | null;
  severity: string;
  assignee: string;
  due_at: Instant;
  status: string;
  version: number;
  created_by: string;
  created_at: Instant;
  corrected_by: string | null;
  corrected_at: Instant | null;
  verified_by: string | null;
  verified_at: Instant | null;
};
export type NonconformanceEventTable = {
  id: string;
  org_id: string;
  nc_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  at: Instant;
  payload: string;
};

export type PatrolMissedRoundTable = {
  id: string;
  org_id: string;
  office_id: string;
  route_id: string;
  planned_key: string;
  date: string;
  shift_code: string;
  planned_index: number;
  closed_at: Instant;
};

/** Generated is re-exported for later tables with database-made columns. */
export type { Generated };
