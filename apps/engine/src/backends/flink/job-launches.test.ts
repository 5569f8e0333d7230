import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { JarListSchema } from './flink-schemas.js';
import { launchByName, MemoryLaunchRecords } from './job-launches.js';

// `GET /jars` of a real Flink 2.3.0 with the example job's jar uploaded (fixtures/jars.json).
const jars = () => JarListSchema.parse(flinkFixture('jars'));
const [uploaded] = jars().files;
if (!uploaded) throw new Error('fixture has no jar');
const ENTRY = 'dev.weir.examples.clicks.ClicksPerUser';

describe('launchByName', () => {
  it("finds the jar whose entry class reads as the job's name, args from its parameters", () => {
    expect(
      launchByName('clicks-per-user', jars(), { rate: '2000', verbose: '__NO_VALUE_KEY' }),
    ).toEqual({
      jarId: uploaded.id,
      entryClass: ENTRY,
      args: ['--rate', '2000', '--verbose'],
    });
  });

  it('matches the file name too, and takes the newest upload of the same jar', () => {
    const list = jars();
    list.files.push({ ...uploaded, id: 'newer_clicks.jar', uploaded: uploaded.uploaded + 1 });
    expect(launchByName('flink_clicks_71F91BDE47AE33AE', list, {}).jarId).toBe('newer_clicks.jar');
  });

  it('refuses when no jar, or several programs, match, naming them', () => {
    expect(() => launchByName('orders-per-region', jars(), {})).toThrow(
      /^Weir did not start job "orders-per-region" and Flink does not record which jar it runs; looking for the jar by the job's name, none of the uploaded jars has an entry class or file name like it/,
    );
    const list = jars();
    list.files.push({ ...uploaded, id: 'other.jar', name: 'clicks-per-user.jar', uploaded: 1 });
    expect(() => launchByName('clicks-per-user', list, {})).toThrow(
      `several do: flink-clicks-71f91bde47ae33ae.jar (${ENTRY}), clicks-per-user.jar (${ENTRY})`,
    );
  });
});

describe('MemoryLaunchRecords', () => {
  it('remembers how each job it started was launched', async () => {
    const launches = new MemoryLaunchRecords();
    const launch = { jarId: uploaded.id, entryClass: ENTRY, args: ['--rate', '10'] };
    await launches.record('34cc9bc68c7d8718cb00a80a39d1b085', launch);
    expect(await launches.get('34cc9bc68c7d8718cb00a80a39d1b085')).toEqual(launch);
    expect(await launches.get('5523bdb6d4709f5cd4af74ea006dd9be')).toBeUndefined();
  });
});
