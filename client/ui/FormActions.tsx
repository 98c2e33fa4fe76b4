/** A dialog form's two buttons: leave without saving, and save (the form's submit). */
export function FormActions({
  onCancel,
  cancelLabel = 'Cancel',
  submitLabel,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  submitLabel: string;
}) {
  return (
    <div className="modal-actions">
      <button type="button" className="button quiet" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </div>
  );
}
