/**
 * Screening's side of the de-duplication hook (src/dedupe/screening.ts):
 * registered when this module is loaded, which the screening library's entry
 * points (the CLI's screening commands, `runScreeningStage`) do. From then on
 * a merge moves decisions to the primary and a split takes the copies back.
 */
import type { DB } from '../store/db.js';
import { setScreeningHook, type ScreeningHook } from '../dedupe/screening.js';
import { moveDecisionsToPrimary, restoreAfterSplit } from './merge.js';
import { stageLabel } from './types.js';

export const screeningDedupeHook: ScreeningHook = {
  screened(db: DB, recordIds: number[]): Set<number> {
    if (recordIds.length === 0) return new Set();
    const marks = recordIds.map(() => '?').join(',');
    return new Set(db.prepare(`
      SELECT record_id FROM decisions WHERE record_id IN (${marks})
      UNION SELECT record_id FROM resolutions WHERE record_id IN (${marks})
      UNION SELECT record_id FROM fulltext WHERE record_id IN (${marks})
      UNION SELECT record_id FROM auto_overrides WHERE record_id IN (${marks})`).pluck().all(...recordIds, ...recordIds, ...recordIds, ...recordIds) as number[]);
  },
  moveToPrimary(db, fromRecordId, primaryId) {
    const r = moveDecisionsToPrimary(db, fromRecordId, primaryId);
    return {
      moved: r.moved,
      conflicts: r.details.map((d) => ({
        recordId: primaryId, fromRecordId,
        detail: `${stageLabel(d.stage)}: ${d.reviewer ? `${d.reviewer} decided` : 'resolved'} ${d.kept} on record ${primaryId} but ${d.other} on record ${fromRecordId}`,
      })),
    };
  },
  restoreAfterSplit(db, primaryId, recordIds) {
    for (const id of recordIds) restoreAfterSplit(db, id, primaryId);
  },
};

setScreeningHook(screeningDedupeHook);
