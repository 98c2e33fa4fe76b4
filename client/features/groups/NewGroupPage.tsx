import { createGroup } from '../../api/endpoints.js';
import { PageShell } from '../../shell/PageShell.js';
import { navigate } from '../../shell/router.js';
import { GroupForm } from './GroupForm.js';

export function NewGroupPage() {
  return (
    <PageShell title="New group">
      <GroupForm
        group={null}
        onSave={async (input) => {
          const { group } = await createGroup(input);
          navigate({ name: 'group', groupId: group.id });
        }}
      />
    </PageShell>
  );
}
