import { JOB_EXAMPLES, type JobSpec } from '@weir/contract';

/** The sample jobs to start a new job from; choosing one replaces the editor's text. */
export function ExamplePicker({ onPick }: { onPick: (spec: JobSpec) => void }) {
  return (
    <fieldset className="bare-fieldset">
      <legend className="small muted">Start from an example</legend>
      <ul className="example-list">
        {JOB_EXAMPLES.map((example) => (
          <li key={example.title}>
            <button type="button" className="button-quiet" onClick={() => onPick(example.spec())}>
              {example.title}
            </button>{' '}
            <span className="muted small">{example.description}</span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
