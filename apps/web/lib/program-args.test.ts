import { describe, expect, it } from 'vitest';
import { programArgs } from './program-args';

describe('programArgs', () => {
  it('takes each line as one argument, as it stands', () => {
    expect(programArgs('--rate\n500\r\n--name\nclicks per user \n')).toEqual([
      '--rate',
      '500',
      '--name',
      'clicks per user',
    ]);
  });

  it('leaves blank lines out', () => {
    expect(programArgs('')).toEqual([]);
    expect(programArgs('\n  \n--verbose\n\n')).toEqual(['--verbose']);
  });
});
