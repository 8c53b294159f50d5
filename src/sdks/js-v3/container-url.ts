/** The container credentials URL rules of the JS SDK, as pure functions. */

export const ECS_CONTAINER_HOST = 'http://169.254.170.2';

/**
 * Which URL fromHttp builds: the relative URI wins when both are set.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/fromHttp.ts
 * (relative beats full since @aws-sdk/credential-provider-http 3.972.57)
 */
export function containerUrlOf(env: Record<string, string>): { url: string; from: 'relative' | 'full' } | null {
  const relative = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  const full = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  if (relative) return { url: `${ECS_CONTAINER_HOST}${relative}`, from: 'relative' };
  if (full) return { url: full, from: 'full' };
  return null;
}

/**
 * The host allow-list of fromHttp: https to any host; otherwise the ECS and EKS hosts,
 * `localhost`, `[::1]` and dotted-quad 127/8.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/checkUrl.ts
 */
export function jsFromHttpAllows(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  const h = url.hostname;
  if (h === '169.254.170.2' || h === '169.254.170.23' || h === '[fd00:ec2::23]') return true;
  if (h.includes('[')) return h === '[::1]' || h === '[0000:0000:0000:0000:0000:0000:0000:0001]';
  if (h === 'localhost') return true;
  const parts = h.split('.');
  const inRange = (p: string | undefined): boolean => {
    const n = Number.parseInt(p ?? '', 10);
    return n >= 0 && n <= 255;
  };
  return parts.length === 4 && parts[0] === '127' && inRange(parts[1]) && inRange(parts[2]) && inRange(parts[3]);
}

/**
 * The legacy fromContainerMetadata accepts a full URI only on localhost/127.0.0.1 over
 * http(s), and throws a chain-stopping error otherwise.
 * mirrors smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts
 */
export function jsLegacyContainerAllows(url: URL): boolean {
  return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && (url.protocol === 'http:' || url.protocol === 'https:');
}
