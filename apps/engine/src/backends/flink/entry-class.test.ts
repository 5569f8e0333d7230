import { describe, expect, it } from 'vitest';
import { defaultEntryClass } from './entry-class.js';

describe('defaultEntryClass', () => {
  it("takes the manifest's only entry class", () => {
    expect(defaultEntryClass('job.jar', ['com.example.Job'])).toBe('com.example.Job');
  });

  it('asks for the class when the manifest names none or several, naming the field', () => {
    expect(() => defaultEntryClass('job.jar', [])).toThrow(/^entryClass: .*names no entry class/);
    expect(() => defaultEntryClass('job.jar', ['a.A', 'b.B'])).toThrow(
      /^entryClass: job.jar has several entry classes \(a.A, b.B\); choose one/,
    );
  });
});
