import { describe, expect, it } from 'vitest';
import { actions, can, type Action, type Actor } from './policy.ts';
import type { OfficeRole } from '../../shared/roles.ts';

type Who = OfficeRole | 'admin';

/**
 * The expected answers, written out by hand from the regulation's roles rather than derived
 * from the implementation: which kinds of user may do each action in their own office.
 */
const allowedInOwnOffice: Record<Action, readonly Who[]> = {
  'org.manage-users': ['admin'],
  'org.manage-offices': ['admin'],
  'org.read-audit': ['admin'],
  'office.read': ['admin', 'staff', 'supervisor', 'director'],
  'office.manage-settings': ['supervisor', 'director'],
  'roster.read': ['admin', 'staff', 'supervisor', 'director'],
  'roster.edit': ['supervisor', 'director'],
  'roster.publish': ['supervisor', 'director'],
  'leave.request': ['staff', 'supervisor', 'director'],
  'leave.decide': ['supervisor', 'director'],
  'dutylog.read': ['staff', 'supervisor', 'director'],
  'dutylog.write': ['staff', 'supervisor', 'director'],
  'help-request.handle': ['staff', 'supervisor', 'director'],
  'help-request.decide-major': ['director'],
  'handover.take-part': ['staff', 'supervisor', 'director'],
  'handover.grant-exception': ['supervisor', 'director'],
  'patrol.do-round': ['staff', 'supervisor', 'director'],
  'patrol.manage-routes': ['supervisor', 'director'],
  'nonconformance.verify': ['supervisor', 'director'],
  'report.read': ['supervisor', 'director'],
  'phone.log': ['staff', 'supervisor', 'director'],
  'phone.manage': ['supervisor', 'director'],
};

const orgActions = new Set<Action>(['org.manage-users', 'org.manage-offices', 'org.read-audit']);

function actorFor(who: Who): Actor {
  return {
    userId: `user-${who}`,
    orgId: 'org-1',
    isAdmin: who === 'admin',
    roles: who === 'admin' ? new Map() : new Map([['office-own', who]]),
  };
}

const everyone: Who[] = ['admin', 'staff', 'supervisor', 'director'];

describe('can', () => {
  it('has an expectation for every action', () => {
    expect(Object.keys(allowedInOwnOffice).sort()).toEqual([...actions].sort());
  });

  for (const action of actions) {
    for (const who of everyone) {
      const expected = allowedInOwnOffice[action].includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${action} in their own office`, () => {
        const resource = orgActions.has(action)
          ? { orgId: 'org-1' }
          : { orgId: 'org-1', officeId: 'office-own', ownerUserId: 'someone-else' };
        expect(can(actorFor(who), action, resource)).toBe(expected);
      });

      // organization-level actions have no office to differ
      if (!orgActions.has(action)) {
        // an admin may read any office of the organization to administer it; nothing else
        const expectedElsewhere = who === 'admin' && allowedInOwnOffice[action].includes('admin');
        it(`${who} ${expectedElsewhere ? 'may' : 'may not'} ${action} in another office of the organization`, () => {
          expect(can(actorFor(who), action, { orgId: 'org-1', officeId: 'office-other' })).toBe(
            expectedElsewhere,
          );
        });
      }

      it(`${who} may not ${action} in another organization`, () => {
        const resource = orgActions.has(action)
          ? { orgId: 'org-2' }
          : { orgId: 'org-2', officeId: 'office-own' };
        expect(can(actorFor(who), action, resource)).toBe(false);
      });
    }
  }

  it('refuses to let a supervisor decide their own leave request (LEAVE-1)', () => {
    const supervisor = actorFor('supervisor');
    expect(
      can(supervisor, 'leave.decide', {
        orgId: 'org-1',
        officeId: 'office-own',
        ownerUserId: supervisor.userId,
      }),
    ).toBe(false);
    expect(
      can(supervisor, 'leave.decide', {
        orgId: 'org-1',
        officeId: 'office-own',
        ownerUserId: 'staff-x',
      }),
    ).toBe(true);
  });

  it('refuses to let the one who corrected a non-conforming item verify it (WORK-3)', () => {
    const director = actorFor('director');
    expect(
      can(director, 'nonconformance.verify', {
        orgId: 'org-1',
        officeId: 'office-own',
        ownerUserId: director.userId,
      }),
    ).toBe(false);
  });

  it('gives major issues to the director alone (ESC-1)', () => {
    expect(
      can(actorFor('supervisor'), 'help-request.decide-major', {
        orgId: 'org-1',
        officeId: 'office-own',
      }),
    ).toBe(false);
    expect(
      can(actorFor('director'), 'help-request.decide-major', {
        orgId: 'org-1',
        officeId: 'office-own',
      }),
    ).toBe(true);
  });

  it('refuses office actions on a resource with no office', () => {
    expect(can(actorFor('director'), 'roster.edit', { orgId: 'org-1' })).toBe(false);
  });
});
