import { useCallback } from 'react';
import { getGroup } from '../../../api/endpoints.js';
import { useResource } from '../../../api/useResource.js';

/** The group's safety steps (set with the group, like its agreements), read when a crisis pause begins. */
export function SafetySteps({ groupId }: { groupId: string }) {
  const load = useCallback(() => getGroup(groupId).then((r) => r.group.safetySteps), [groupId]);
  const [steps] = useResource(load);
  if (steps.status !== 'ready') return null;
  return steps.data ? (
    <div className="safety-steps">
      <h2 className="safety-steps-heading">Safety steps</h2>
      <p className="agreements">{steps.data}</p>
    </div>
  ) : (
    <p className="muted">No safety steps written for this group yet: add them to the group.</p>
  );
}
