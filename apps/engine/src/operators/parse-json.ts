import { FlatJsonReader } from '../core/flat-json.js';
import { StatelessOperator } from './stateless-operator.js';

/** Parses JSON lines; anything unparseable or missing a required field becomes a dead letter. */
export class ParseJson extends StatelessOperator {
  private readonly reader = new FlatJsonReader();

  constructor(private readonly requiredFields: readonly string[]) {
    super();
  }

  processElement(value: unknown): void {
    const text = String(value);
    let parsed: unknown;
    try {
      parsed = this.reader.object(text) ?? JSON.parse(text);
    } catch (error) {
      this.ctx.deadLetter(value, `malformed JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.ctx.deadLetter(value, 'not a JSON object');
      return;
    }
    // A loop, not `find`: its callback would be a closure made for every record.
    for (const field of this.requiredFields)
      if (!Object.hasOwn(parsed, field)) {
        this.ctx.deadLetter(value, `missing field "${field}"`);
        return;
      }
    this.ctx.output.emit(parsed);
  }
}
