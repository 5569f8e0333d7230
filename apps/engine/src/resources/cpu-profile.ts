import { type Profiler, Session } from 'node:inspector';
import { conflict } from '../errors/weir-error.js';

export type CpuProfile = Profiler.Profile;

/** One profile at a time in this thread: V8 has one CPU profiler per isolate. */
let running = false;

const post = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );

/**
 * Samples the calling thread's JavaScript stacks for `seconds` through an inspector session
 * of its own isolate (a worker's session sees only that worker), and returns V8's
 * `.cpuprofile`. The thread keeps running meanwhile: V8 samples it from a profiler thread.
 */
export async function profileThisThread(seconds: number): Promise<CpuProfile> {
  if (running) throw conflict('a CPU profile of this thread is being taken already');
  running = true;
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const { profile } = await post<Profiler.StopReturnType>(session, 'Profiler.stop');
    return profile;
  } finally {
    session.disconnect();
    running = false;
  }
}
