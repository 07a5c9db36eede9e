import type { ReactNode } from 'react';

export interface FieldInputProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  id: string;
  label: string;
  /** What the field means, in a sentence. */
  help?: ReactNode;
  /** The API's problems with this field. */
  errors?: string[];
  input: (props: FieldInputProps) => ReactNode;
}

/** A labelled form field with its help text and, right under it, the server's problems with it. */
export function Field({ id, label, help, errors = [], input }: FieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`rule-field${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {input({ id, 'aria-describedby': describedBy, 'aria-invalid': errors.length ? true : undefined })}
      {errors.length > 0 && (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
