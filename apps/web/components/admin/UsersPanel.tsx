'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@/lib/format';
import { useUsers } from '@/lib/queries/admin';
import { useTRPC } from '@/lib/trpc/context';
import type { User } from '@/lib/trpc/types';
import { ErrorNotice } from '../ErrorNotice';
import { QueryState } from '../QueryState';
import { CreateUserForm } from './CreateUserForm';
import { RoleSelect } from './RoleSelect';
import { ShownOnce } from './ShownOnce';

export function UsersPanel() {
  const query = useUsers();
  return (
    <section className="panel" aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      <p className="muted small">
        Viewers read everything; operators also take savepoints, restore, rescale and cancel; admins
        also manage users, API tokens and alert rules.
      </p>
      <CreateUserForm />
      <QueryState query={query} what="users">
        {(users) => <UsersTable users={users} />}
      </QueryState>
    </section>
  );
}

function UsersTable({ users }: { users: User[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.users.list.pathFilter());
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: refresh }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSettled: refresh }));
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const failed = [setRole, setDisabled, reset].find((m) => m.isError);

  return (
    <>
      {reset.data?.password ? (
        <ShownOnce
          label={`New password of ${reset.data.user.username}.`}
          secret={reset.data.password}
          testId="reset-password"
        />
      ) : null}
      <ErrorNotice error={failed?.error} />
      <div className="table-scroll">
        <table aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.username} data-testid={`user-row-${user.username}`}>
                <td className="mono">{user.username}</td>
                <td>
                  <RoleSelect
                    label={`Role of ${user.username}`}
                    value={user.role}
                    disabled={setRole.isPending}
                    onChange={(role) => setRole.mutate({ username: user.username, role })}
                  />
                </td>
                <td>
                  <span className={`badge badge-${user.disabled ? 'idle' : 'ok'}`}>
                    {user.disabled ? 'disabled' : 'active'}
                  </span>
                </td>
                <td>{formatDateTime(user.createdAt)}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() =>
                        setDisabled.mutate({ username: user.username, disabled: !user.disabled })
                      }
                    >
                      {user.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() => reset.mutate({ username: user.username })}
                    >
                      Reset password
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
