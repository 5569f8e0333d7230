import { describe, expect, it } from 'vitest';
import { initialProgram, programRequest } from './jar-program';

const jar = {
  jarId: 'abc_clicks.jar',
  fileName: 'clicks.jar',
  entryClasses: ['com.example.Clicks'],
};

describe('jar programs', () => {
  it("start from the manifest's entry class and the parallelism given", () => {
    expect(initialProgram(jar, 2)).toEqual({
      entryClass: 'com.example.Clicks',
      argsText: '',
      parallelism: 2,
    });
    expect(initialProgram({ ...jar, entryClasses: [] }, 1).entryClass).toBe('');
  });

  it('leave a blank entry class to the manifest and take the arguments one a line', () => {
    expect(
      programRequest({ entryClass: '  ', argsText: '--rate\n 3000 \n\n', parallelism: 2 }),
    ).toEqual({ entryClass: undefined, args: ['--rate', '3000'], parallelism: 2 });
  });
});
