import type { DeskSettings, OfficeDeskSettings } from '../../shared/contract/desk-settings.ts';
import { findDeskSettings, saveDeskSettings } from '../db/desk-settings.repo.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';
import { versionConflict } from './roster-settings.service.ts';

/** The desk's settings as everyone in the office reads them (the defaults until saved). */
export async function getDeskSettings(
  ctx: ServiceContext,
  officeId: string,
): Promise<OfficeDeskSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'office.read');
  return findDeskSettings(ctx.db, office.id);
}

/**
 * The supervisor sets the targets per priority (WORK-4), the ring length (PHONE-1) and the
 * absence alert (DISC-1). Clocks already running keep their due times; new ones use these.
 */
export async function saveDeskSettingsOf(
  ctx: ServiceContext,
  officeId: string,
  input: { version: number; settings: DeskSettings },
): Promise<OfficeDeskSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'office.manage-settings');
  await inTransaction(ctx, async (tx) => {
    const saved = await saveDeskSettings(
      tx,
      office,
      input.settings,
      input.version,
      ctx.actor.userId,
      ctx.clock.now(),
    );
    if (!saved) throw versionConflict();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'desk-settings.updated',
      entityType: 'office',
      entityId: office.id,
      payload: { settings: input.settings, version: input.version + 1 },
    });
  });
  return findDeskSettings(ctx.db, office.id);
}
