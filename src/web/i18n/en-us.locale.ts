import type { LocaleMessages } from './zh-cn.locale.ts';

/**
 * English (United States). Typed by the Chinese messages, so a missing or extra key is a
 * compile error; locales.test.ts checks the same at run time. Regulation terms follow
 * REGULATION.md, one English word per Chinese term.
 */
export const enUS: LocaleMessages = {
  app: {
    name: 'DutyDesk',
    tagline: 'Customer-service duty desk of the building management office',
    loading: 'Loading…',
    loadFailed: 'Could not load',
    retry: 'Try again',
  },
  common: {
    ok: 'OK',
    cancel: 'Cancel',
    save: 'Save',
    comingSoon: 'Coming soon',
    actions: 'Actions',
    none: 'None',
    backHome: 'Back to home',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    'en-US': 'English',
    saveFailed: 'The language changed here but could not be saved to your profile: {{reason}}',
  },
  nav: {
    home: 'Home',
    roster: 'Roster',
    leave: 'Leave & swaps',
    dutyLog: 'Duty log',
    helpRequests: 'Help requests',
    patrol: 'Patrol',
    handover: 'Handover',
    reports: 'Reports',
    settings: 'Settings',
    officeSettings: 'Office settings',
    users: 'Users',
    openMenu: 'Open the navigation menu',
    mainNavigation: 'Main navigation',
    collapse: 'Collapse the navigation',
    expand: 'Expand the navigation',
  },
  roles: {
    staff: 'Duty staff',
    supervisor: 'Customer service supervisor',
    director: 'Office director',
    admin: 'System administrator',
  },
  login: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    usernameRequired: 'Enter your user name',
    passwordRequired: 'Enter your password',
  },
  password: {
    title: 'Change password',
    mustChangeTitle: 'Set a new password first',
    mustChangeHint:
      'An administrator set your first password. To keep your account safe, choose a new password that only you know before you start.',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm new password',
    newHint: 'At least {{min}} characters, different from the current password',
    submit: 'Change password',
    currentRequired: 'Enter your current password',
    currentWrong: 'The current password is wrong',
    newTooShort: 'The new password needs at least {{min}} characters',
    newInvalid:
      'The new password needs at least {{min}} characters and must differ from the current one',
    confirmMismatch: 'The two new passwords are not the same',
    changed: 'Password changed. You were signed out on your other devices.',
  },
  userMenu: {
    label: 'User menu',
    changePassword: 'Change password',
    logout: 'Sign out',
    loggedOut: 'You have signed out',
    sessionEnded: 'Your session has ended; please sign in again',
  },
  office: {
    switcher: 'Current office',
    switched: 'Switched to {{office}}',
  },
  home: {
    greeting: 'Hello, {{name}}',
    roleLine: 'Your role at {{office}}: {{role}}.',
    adminLine: 'You are a system administrator, viewing {{office}}.',
    noOffice:
      'You are not assigned to any office yet. Ask a system administrator to give you a role.',
    shiftsTitle: 'Shifts',
    shiftsNote: 'Times are the office’s local time ({{timeZone}})',
    shiftTime: '{{start}}–{{end}}',
    shiftTimeOvernight: '{{start}}–{{end}} next day',
    noShifts: 'This office has no shifts set up yet.',
    postsTitle: 'Duty posts',
    officeTime: 'Office time now',
    modulesTitle: 'Modules',
  },
  modules: {
    roster:
      'Compile and publish each month’s duty roster; staff do duty by the published roster and every change is on record.',
    leave:
      'Staff ask the supervisor for leave; once approved the supervisor arranges a substitute. Swaps take effect only when the supervisor approves them.',
    dutyLog:
      'Record each shift’s duty, and every time someone leaves the post with reason and times, as the basis for handover and review.',
    helpRequests:
      'Register residents’ inquiries and help requests, track each one to its end, and escalate difficult ones level by level.',
    patrol:
      'Patrol the garden along set routes, record non-conformances and follow each correction until it is verified.',
    handover:
      'Taking over: count the items, read the duty log, check for anomalies. Handing over: finish the work; nobody leaves before both have signed.',
    reports:
      'How well the regulation is kept: roster publication, phone answer times, handovers and corrections of non-conformances.',
    settings: 'The office’s shifts, duty posts, holidays and reminder days.',
  },
  placeholder: {
    title: '{{module}} is coming soon',
    intro:
      'This module is being built. When it arrives it will enforce these clauses of the customer-service duty regulation:',
    rulesTitle: 'Rules it will enforce',
  },
  rules: {
    'ROSTER-1':
      'At the end of each month the supervisor compiles next month’s duty roster and publishes it before the month ends.',
    'ROSTER-2':
      'Staff do duty by the published roster; it changes only through approved leave, substitutes or swaps, each change kept as a new version with who and why.',
    'SHIFT-1':
      'Duty hours: day shift 08:30–16:30 and evening shift 16:30–23:30; each office can set its own shifts.',
    'WORK-1': 'Receive residents’ inquiries and record them.',
    'WORK-2': 'Accept residents’ help requests and track each one to its end.',
    'WORK-3':
      'Handle the office’s daily affairs and patrol the garden; correct and record every non-conformance found.',
    'WORK-4': 'Principles: manage time, contain how an event develops, report in time.',
    'DISC-1':
      'Stay at the post and never leave it without authorization; leaving for a patrol or an errand is recorded with reason and times.',
    'ESC-1':
      'Solve problems found on duty promptly; escalate difficult ones level by level (staff → supervisor → director) and report major issues to the director at once.',
    'PHONE-1': 'Answer the phone within three rings.',
    'LEAVE-1': 'Staff who cannot do a duty ask the supervisor for leave.',
    'LEAVE-2': 'After approving leave the supervisor arranges a substitute.',
    'LEAVE-3': 'No private shift swaps: a swap takes effect only after the supervisor approves it.',
    'HO-IN-1': 'The incoming staff arrives at least 5 minutes before the shift for the handover.',
    'HO-IN-2':
      'Count every item at the post; the outgoing staff explains any damaged or missing item at once, and it is recorded.',
    'HO-IN-3':
      'Read the duty log and ask about the previous shift; whatever needs follow-up is recorded and followed up.',
    'HO-IN-4': 'Check the area for anomalies; the outgoing staff explains any, and it is recorded.',
    'HO-IN-5':
      'When both confirm all is right they sign the previous shift’s log, and the incoming shift begins.',
    'HO-OUT-1': '15 minutes before the handover, put the post’s items in order and clear the desk.',
    'HO-OUT-2':
      'Complete the duty log, collect the evidence of the shift’s work and tell the incoming staff truthfully about unfinished work.',
    'HO-OUT-3': 'The outgoing staff leaves the post only after both have signed.',
    'HO-OUT-4':
      'Finish the shift’s work before handing over; important unfinished work blocks the handover.',
  },
  users: {
    title: 'Users',
    intro: 'Open accounts for your organization’s people and set their role in each office.',
    create: 'New user',
    username: 'User name',
    displayName: 'Name',
    roles: 'Roles per office',
    status: 'Status',
    active: 'Active',
    inactive: 'Deactivated',
    you: ' (you)',
    editRoles: 'Set roles',
    resetPassword: 'Reset password',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    deactivateConfirm: 'Deactivate {{name}}? Their sessions end at once; their records are kept.',
    deactivated: '{{name}} was deactivated',
    reactivated: '{{name}} was reactivated',
    created: 'User {{name}} was created and must change the password at first sign-in.',
    rolesSaved: 'Roles of {{name}} saved',
    passwordReset:
      'The password of {{name}} was reset; their sessions ended and they must change it at the next sign-in.',
    createTitle: 'New user',
    rolesTitle: 'Roles of {{name}}',
    resetTitle: 'Reset the password of {{name}}',
    resetHint:
      'All sessions of this user end at once; they must change the password at the next sign-in.',
    usernameHint: 'Letters, digits, dot, dash or underscore; 2–64 characters',
    initialPassword: 'First password',
    newPassword: 'New password',
    passwordHint: 'At least {{min}} characters; the user must change it at first sign-in',
    generatePassword: 'Generate a random password',
    isAdmin: 'System administrator',
    isAdminHint: 'Can manage users and offices',
    locale: 'Language',
    rolesHint: 'One role per office',
    office: 'Office',
    role: 'Role',
    addRole: 'Add an office',
    removeRole: 'Remove',
    noOfficesLeft: 'Every office already has a role',
    search: 'Find by user name or name',
    validation: {
      usernameRequired: 'Enter a user name',
      usernameInvalid: 'Use letters, digits, dot, dash or underscore only, 2–64 characters',
      displayNameRequired: 'Enter the name',
      displayNameInvalid: 'The name has 1–64 characters',
      passwordTooShort: 'The password needs at least {{min}} characters',
      passwordInvalid: 'The password has {{min}}–{{max}} characters',
      officeRequired: 'Choose an office',
      rolesInvalid:
        'The roles are not valid: one role per office, and only offices of your organization',
      invalid: 'This value is not valid',
    },
  },
  pages: {
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or has moved.',
    forbiddenTitle: 'No permission',
    forbiddenText: 'Only system administrators may open this page. Ask one if you need it.',
  },
  errors: {
    VALIDATION_FAILED: 'Some entries are not valid; check the marked fields.',
    MALFORMED_REQUEST: 'The request was malformed; reload the page and try again.',
    UNAUTHENTICATED: 'Please sign in.',
    INVALID_CREDENTIALS: 'The user name or password is wrong.',
    SESSION_EXPIRED: 'Your session has expired; please sign in again.',
    CSRF_TOKEN_INVALID: 'This page is out of date; reload it and try again.',
    PASSWORD_CHANGE_REQUIRED: 'Change your initial password before you go on.',
    FORBIDDEN: 'You are not allowed to do this.',
    NOT_FOUND: 'What you asked for was not found; it may have been removed.',
    CONFLICT: 'This conflicts with the current state.',
    VERSION_CONFLICT: 'Someone else changed this meanwhile; reload and try again.',
    USERNAME_TAKEN: 'This user name is taken.',
    PAYLOAD_TOO_LARGE: 'What you sent is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'This type of file is not supported.',
    RULE_VIOLATION: 'The duty regulation does not allow this.',
    TOO_MANY_REQUESTS: 'Too many attempts; wait a while and try again.',
    INTERNAL: 'Something went wrong on the server; try again later.',
    SERVICE_UNAVAILABLE: 'The service is unavailable for a moment; try again later.',
    NETWORK_ERROR: 'Cannot reach the server; check the network and try again.',
    BAD_RESPONSE: 'The server’s answer could not be read; try again later.',
    withRule: '{{message}} (rule {{rule}}: {{ruleText}})',
  },
};
