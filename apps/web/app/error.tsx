'use client';

/** Last resort for a render error; data errors are shown inside each panel instead. */
export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <section className="panel" role="alert">
      <h1>This page failed to render</h1>
      <p>{error.message}</p>
      <button type="button" className="button-primary" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
