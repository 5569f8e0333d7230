import {
  type CpuProfileResult,
  CpuProfileResultSchema,
  type InstanceResources,
  type InstanceResourcesInput,
  InstanceResourcesSchema,
  type ProfileInput,
} from '@weir/contract';
import { notFound, unavailable } from '../../errors/weir-error.js';
import type { ResourceSampler } from '../../resources/resource-sampler.js';
import { askInstance, type InstanceCall, type InstanceCaller } from './ask-instance.js';

export interface InstanceInspectorOptions {
  instanceId: string;
  sampler: ResourceSampler;
  /** Live instances with their API addresses (the HA instance registry). */
  instances: () => Promise<{ instanceId: string; apiAddress: string }[]>;
  /** How long another instance may take to answer a read (default 10 s). */
  timeoutMs?: number;
}

/** Beyond a profile's own seconds, what the instance profiling may take to answer. */
const PROFILE_GRACE_MS = 30_000;

/**
 * `instances.resources` and `instances.profile`: this instance answers about its own threads;
 * a call naming another instance is made on that instance's API with the caller's
 * credentials, so a standby's threads are reachable through the leader (and the other way).
 */
export class InstanceInspector {
  constructor(private readonly options: InstanceInspectorOptions) {}

  async resources(
    input: InstanceResourcesInput,
    caller: InstanceCaller,
  ): Promise<InstanceResources> {
    const { windowMinutes, points } = input;
    const other = this.other(input.instanceId);
    if (other !== null) {
      const timeoutMs = this.options.timeoutMs ?? 10_000;
      const call = { path: 'instances.resources', type: 'query', input, timeoutMs } as const;
      return this.ask(other, caller, { ...call, output: InstanceResourcesSchema });
    }
    return {
      instanceId: this.options.instanceId,
      ...this.options.sampler.resources(windowMinutes * 60_000, points),
    };
  }

  /** `onForwarded`: the instance profiled answered, and so wrote the call's audit row. */
  async profile(
    input: ProfileInput,
    caller: InstanceCaller,
    onForwarded: () => void = () => {},
  ): Promise<CpuProfileResult> {
    const { threadId, seconds } = input;
    const other = this.other(input.instanceId);
    if (other !== null) {
      const timeoutMs = seconds * 1000 + PROFILE_GRACE_MS;
      const call = {
        path: 'instances.profile',
        type: 'mutation',
        input,
        timeoutMs,
        onAnswer: onForwarded,
      } as const;
      return this.ask(other, caller, { ...call, output: CpuProfileResultSchema });
    }
    return {
      instanceId: this.options.instanceId,
      ...(await this.options.sampler.profile(threadId, seconds)),
    };
  }

  /** The instance named, unless that is this one (or none is named). */
  private other(instanceId: string | undefined): string | null {
    return instanceId === undefined || instanceId === this.options.instanceId ? null : instanceId;
  }

  /** Makes the call on instance `instanceId`'s API, unless another instance sent it here. */
  private async ask<T>(
    instanceId: string,
    caller: InstanceCaller,
    call: Omit<InstanceCall<T>, 'instanceId' | 'address'>,
  ): Promise<T> {
    if (caller.forwardedBy !== null)
      throw unavailable(
        `instance ${this.options.instanceId} was asked about ${instanceId} by another instance; ask it directly`,
      );
    const target = (await this.options.instances()).find((i) => i.instanceId === instanceId);
    if (!target) throw notFound(`instance ${instanceId}`);
    return askInstance(
      { ...call, instanceId, address: target.apiAddress },
      caller,
      this.options.instanceId,
    );
  }
}
