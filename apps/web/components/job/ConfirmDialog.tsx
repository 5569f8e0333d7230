'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  busyLabel: string;
  busy: boolean;
  /** The confirm button stays disabled until the form is complete. */
  confirmDisabled?: boolean;
  /** The action was sent: only a Close button remains while its result shows. */
  done?: boolean;
  /** The button that closes without acting ("Cancel" unless that would read as the action). */
  dismissLabel?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * The native modal <dialog>: it traps focus, closes on Escape and restores focus by itself,
 * which a hand-rolled overlay would have to re-implement.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  busy,
  done = false,
  dismissLabel = 'Cancel',
  confirmDisabled = false,
  onConfirm,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);
  // Not rendered while closed, so its labels and buttons never match anything on the page.
  if (!open) return null;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose} disabled={busy}>
          {done ? 'Close' : dismissLabel}
        </button>
        {done ? null : (
          <button
            type="button"
            className="button-primary"
            onClick={onConfirm}
            disabled={busy || confirmDisabled}
            aria-busy={busy}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        )}
      </div>
    </dialog>
  );
}
