/**
 * A form field's text: '' when the field is missing or is a file. `String(form.get(name))` would
 * read a missing field as "null" and a file as "[object File]".
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
