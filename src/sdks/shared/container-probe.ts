/** Which recorded container probe answered a step's own request (issue 11 item 5). */
import type { ContainerRequest } from '../../model/chain.ts';
import type { ContainerProbe, Facts } from '../../model/facts.ts';

/**
 * The probe of exactly this request (URL and Authorization source): the first one or one of the
 * others gathering made; null when it was not probed (a facts file from before, or the bound), and
 * the step then says what it could not observe.
 */
export function containerProbeFor(facts: Facts, req: Pick<ContainerRequest, 'url' | 'auth'>): ContainerProbe | null {
  for (const p of [facts.container, ...Object.values(facts.containerProbes ?? {})]) {
    // a URL the JS SDK refused was not sent: that is no answer to another SDK's request
    const refused = p?.notSent?.code === 'INVALID_URL' || p?.notSent?.code === 'HOST_NOT_ALLOWED';
    if (p && !refused && p.sdkUrl === req.url && p.authorization === req.auth) return p;
  }
  return null;
}

/** The vault ref of the credentials a probe answered. */
export const containerCredentialsRef = (p: ContainerProbe): string => p.credentialsRef ?? 'container';
