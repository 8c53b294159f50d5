/**
 * What every live run asks of gather, from the options: one place, so a single run, each
 * attempt of --wait and each run of --watch collect the same way (the app's view included).
 */
import type { CollectOptions } from './gather/collect.ts';
import type { Options } from './options.ts';

export type CollectRequest = Pick<CollectOptions, 'timeoutMs' | 'stsTimeoutMs' | 'containerEndpoint' | 'imdsProbe' | 'noSts'>;

export function collectRequestOf(opts: Options): CollectRequest {
  return {
    timeoutMs: opts.timeoutMs,
    // STS answers more slowly than the metadata endpoints: never under 3 s
    stsTimeoutMs: Math.max(opts.timeoutMs, 3000),
    containerEndpoint: opts.containerEndpoint,
    imdsProbe: !opts.noImdsProbe,
    noSts: opts.noSts,
  };
}
