import { useState } from 'react';

/**
 * A dialog form's values and its per-field errors: changing a field clears that field's error
 * (the person is fixing it), the rest stay until the next check.
 */
export function useFormState<V extends object>(initial: () => V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof V, string>>>({});
  const set = <K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  return { values, errors, setErrors, set };
}

const emailShape = /^[^\s@]+@[^\s@]+$/;

/** An e-mail field is optional; when given it must look like one. */
export const emailProblem = (email: string): string | undefined =>
  email !== '' && !emailShape.test(email) ? 'Give an e-mail address like name@hospital.org, or leave it empty' : undefined;
