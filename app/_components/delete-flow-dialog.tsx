"use client";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";

/** Deleting hides the flow; instances already running keep their history. */
export function DeleteFlowDialog({
  name,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  name: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open
      title={`Delete “${name}”?`}
      description="The flow disappears from this list and stops starting new conversations. Past instances keep their history."
      onClose={onClose}
      onSubmit={onConfirm}
      testId="delete-flow-dialog"
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={pending} data-testid="confirm-delete">
            {pending ? "Deleting…" : "Delete flow"}
          </Button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
