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
    const missing = this.requiredFields.find((field) => !(field in parsed));
    if (missing !== undefined) {
      this.ctx.deadLetter(value, `missing field "${missing}"`);
      return;
    }
    this.ctx.output.emit(parsed);
  }
}
