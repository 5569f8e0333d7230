/** Decorative: the text next to it says what is happening, for screen readers too. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
