'use client';

import { type ReactNode, useState } from 'react';
import { describeError } from '@/lib/describe-error';
import type { Role } from '@/lib/trpc/types';
import { ConfirmDialog } from './job/ConfirmDialog';
import { RoleGatedButton } from './RoleGatedButton';

/** What the action shows of its mutation (a react-query mutation result has these). */
interface ActionState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
}

interface Props {
  /** The role the action needs: without it the button is disabled and says why. */
  requires: Role;
  /** The button that opens the dialog, e.g. "Cancel job…". */
  label: string;
  /** False in tables with a button per row (see RoleGatedButton). */
  showReason?: boolean;
  disabled?: boolean;
  title: string;
  confirmLabel: string;
  busyLabel: string;
  dismissLabel?: string;
  /** The action was started and shows its progress in the dialog: only Close remains. */
  done?: boolean;
  mutation: ActionState;
  /** Sends the action; calls `close` once it succeeded, leaving a failure on the dialog. */
  onConfirm: (close: () => void) => void;
  /** Said before the cause when the action failed, e.g. "The job was not cancelled." */
  failure: string;
  /** What the action does, in words, and any choices it takes. */
  children: ReactNode;
}

/**
 * A destructive action behind a confirmation: the role-gated button, the dialog saying what
 * will happen, and the failure with its cause inside the dialog, so a refused action is read
 * where it was confirmed.
 */
export function ConfirmedAction({
  requires,
  label,
  showReason,
  disabled = false,
  mutation,
  onConfirm,
  failure,
  children,
  ...dialog
}: Props) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <RoleGatedButton
        requires={requires}
        showReason={showReason}
        className="button-quiet"
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
        disabled={disabled || mutation.isPending}
      >
        {label}
      </RoleGatedButton>
      <ConfirmDialog
        {...dialog}
        open={open}
        busy={mutation.isPending}
        onConfirm={() => onConfirm(close)}
        onClose={close}
      >
        {children}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            {failure} {describeError(mutation.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
