import { describe, expect, it } from 'vitest';
import { JobStatusMachine } from './job-status.js';

describe('JobStatusMachine', () => {
  it('follows allowed transitions and reports each change', () => {
    const seen: string[] = [];
    const machine = new JobStatusMachine((from, to) => seen.push(`${from}->${to}`));
    machine.transition('RUNNING');
    machine.transition('FINISHED');
    expect(machine.status).toBe('FINISHED');
    expect(seen).toEqual(['CREATED->RUNNING', 'RUNNING->FINISHED']);
  });

  it('refuses a transition that is not whitelisted', () => {
    const machine = new JobStatusMachine();
    expect(() => machine.transition('FINISHED')).toThrow(
      'illegal job transition CREATED -> FINISHED',
    );
    machine.transition('RUNNING');
    machine.transition('FINISHED');
    expect(() => machine.transition('RUNNING')).toThrow('FINISHED -> RUNNING');
  });
});
